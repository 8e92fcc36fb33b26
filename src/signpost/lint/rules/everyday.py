"""The everyday-words table (`everyday-words.yaml`): each entry well formed (the same
reading search uses, `content.everyday.entry`), and each term it `means` used
somewhere in the trees' text, as whole words, so a parent's word always leads to
words a plan has.
"""

from __future__ import annotations

from collections.abc import Iterator

from signpost.content.everyday import entry
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder
from signpost.tokens import words

RULE = "everyday-words"


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for file in folder.files:
        if file.everyday and file.doc is not None:
            _table(file, folder, findings)


def _texts(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def _spoken(folder: Folder) -> str:
    """Every text of the trees as one line of words, each text fenced by spaces."""
    texts = (
        " ".join(words(t))
        for f in folder.files
        if f.is_tree and f.doc is not None
        for t in _texts(f.doc.data)
    )
    return " " + " | ".join(texts) + " "


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
            if f" {' '.join(words(term))} " not in spoken:
                findings.add(
                    RULE,
                    file,
                    ("words", name, "means", index),
                    f"no tree says `{term}`; mean words the trees use, so the phrase finds them",
                )
