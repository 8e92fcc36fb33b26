"""The everyday-words table (`everyday-words.yaml`): each entry well formed (the same
reading search uses, `content.everyday.entry`), and each term it `means` used
somewhere in the trees' text as search reads it (`tokens.terms`: whole words, in
order, by their stems, so "harm themselves" is found in "harming themselves"), so a
parent's word always leads to words a plan has.
"""

from __future__ import annotations

from signpost.content.everyday import entry
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder
from signpost.tokens import terms

RULE = "everyday-words"


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for file in folder.files:
        if file.everyday and file.doc is not None:
            _table(file, folder, findings)


def _spoken(folder: Folder) -> str:
    """Every text of the trees as one line of stems, each text fenced by bars. Each
    distinct text once: more than half of them are said again elsewhere (the same
    label, the same quote), and a phrase found in one copy is found in all."""
    texts = dict.fromkeys(
        t
        for f in folder.files
        if f.is_tree and f.doc is not None
        for _, _, t, is_key in f.texts()
        if not is_key
    )
    return " " + " | ".join(" ".join(terms(t)) for t in texts) + " "


def _table(file: FileContext, folder: Folder, findings: Findings) -> None:
    assert file.doc is not None
    data = file.doc.data
    table = data.get("words") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        findings.add(RULE, file, (), "the table needs `words:`, a mapping of entries")
        return
    spoken = _spoken(folder)
    for name, value in table.items():
        found = entry(str(name), value)
        if isinstance(found, str):
            findings.add(RULE, file, ("words", name), found, key=True)
            continue
        for index, term in enumerate(found.means):
            stems = terms(term)
            if stems and f" {' '.join(stems)} " in spoken:
                continue
            why = f"no tree says `{term}`" if stems else f"`{term}` has only common words"
            findings.add(
                RULE,
                file,
                ("words", name, "means", index),
                f"{why}; mean words the trees use, so the phrase finds them",
            )
