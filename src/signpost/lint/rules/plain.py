"""Plain English: long sentences and unexplained acronyms in what a family reads.

The text of a tree is read as a family meets it: the start node first, then
breadth-first along the options, then any node no route reaches. For each node:
the question, its help and its labels, or the outcome's title, intro and steps.
Each contact of the catalogue is read on its own (it is shown on its own).

An acronym counts as explained where it stands beside its expansion in
brackets, either way round — "EHCP (Education, Health and Care Plan)" or
"Education, Health and Care Plan (EHCP)" — or is followed by "means", "stands
for" or "is short for" ("EBSA means emotionally based school avoidance"), or by
"is" and words whose initials spell it ("CAMHS is Child and Adolescent Mental
Health Services").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder, TreeInfo, locate
from signpost.model import reading_order
from signpost.yamlfile import DataPath

ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])(?:s|'s|’s)?\b")
_EXPLAINED = (
    # EHCP (Education ...), SEN Support (special educational needs support)
    re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])s?(?:\s+[A-Z][a-z]+)?\s*\((?=[^)]*[a-z][^)]*\s[^)]*\))"),
    re.compile(r"\(\s*([A-Z][A-Z0-9]*[A-Z])s?\s*\)"),  # Education ... (EHCP)
    re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])s?\s+(?:means|stands for|is short for)\b"),
)
# "An EHCP is an Education, Health and Care Plan": counts only if the words after
# "is" start with the acronym's letters, so "CAMHS is busy" explains nothing.
_IS = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])s?\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?([^.;:()]+)")
_SMALL = {"and", "of", "for", "the", "in", "to", "with", "a", "an", "on"}


def _spells(acronym: str, words: str) -> bool:
    initials = "".join(
        w if len(w) > 1 and w.isupper() else w[0]
        for w in re.findall(r"[A-Za-z][\w-]*", words)
        if w.lower() not in _SMALL
    ).upper()
    if not initials or initials[0] != acronym[0]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym)


# Every acronym pattern above needs two capitals side by side (with digits between):
# text without them can neither use nor explain an acronym.
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]*[A-Z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_WORD = re.compile(r"[A-Za-z0-9£][\w'’£%-]*")
KNOWN = {
    "EHCP": "Education, Health and Care Plan",
    "SENCO": "Special Educational Needs Co-ordinator",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "EBSA": "emotionally based school avoidance",
    "MHST": "Mental Health Support Team",
    "SENDIASS": "SEND Information, Advice and Support Service",
    "EHC": "Education, Health and Care",
    "SEN": "special educational needs",
}


def explained_at(flat: str) -> dict[str, int]:
    """Acronym -> where in `flat` (one-spaced text) it is first explained."""
    explanations: dict[str, int] = {}
    for pattern in _EXPLAINED:
        for match in pattern.finditer(flat):
            explanations.setdefault(match.group(1), match.start())
    for match in _IS.finditer(flat):
        if _spells(match.group(1), match.group(2)):
            explanations.setdefault(match.group(1), match.start())
    return explanations


def tree_texts(tree: TreeInfo) -> Iterator[tuple[DataPath, str]]:
    """The tree's parent-facing text in reading order."""
    order = reading_order(tree.start, tree.nodes, lambda node: [o.next for o in node.options])
    for node_id in order:
        node = tree.nodes[node_id]
        path = node.path
        if node.kind == "question":
            for key in ("question", "help"):
                text = getattr(node, key)
                if text:
                    yield path + (key,), text
            for option in node.options:
                if option.label:
                    yield path + ("options", option.index, "label"), option.label
        else:
            opath = path + ("outcome",)
            for key in ("title", "intro"):
                text = getattr(node, key)
                if text:
                    yield opath + (key,), text
            for index, text, _ in node.steps:
                if text:
                    yield opath + ("steps", index, "text"), text


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for tree in folder.trees:
        _read(tree.file, list(tree_texts(tree)), findings, config, per_text=False)
    if folder.catalogue is not None:
        texts = [(c.path + ("for",), c.for_) for c in folder.catalogue.contacts.values() if c.for_]
        _read(folder.catalogue.file, texts, findings, config, per_text=True)


def _read(
    file: FileContext,
    texts: list[tuple[DataPath, str]],
    findings: Findings,
    config: Config,
    *,
    per_text: bool,
) -> None:
    explained: set[str] = set(config.acronyms)
    reported: set[str] = set()
    limit = config.max_sentence_words
    for path, text in texts:
        if per_text:
            explained, reported = set(config.acronyms), set()
        flat = " ".join(text.split())  # re.sub(r"\s+", " ", text).strip(), at C speed
        # A sentence's words are words of the whole text, so text of at most `limit`
        # words has no long sentence; nor has text of at most 2 * limit characters
        # (more words, each a character with one between, need more).
        long = len(flat) > 2 * limit and len(_WORD.findall(flat)) > limit
        for sentence in _SENTENCE_END.split(flat) if long else ():
            words = _WORD.findall(sentence)
            if len(words) > limit:
                start = " ".join(words[:3])
                at = locate(file, path, start) if start in text else locate(file, path, words[0])
                shown = " ".join(sentence.split()[:8])
                findings.add(
                    "long-sentence",
                    file,
                    path,
                    f"this sentence has {len(words)} words "
                    f'(the limit, `max-sentence-words`, is {limit}): "{shown} …"; '
                    "split it into shorter sentences",
                    at=at,
                )
        if not _CAPITALS.search(flat):
            continue
        used = [
            (match.group(1), match.end())
            for match in ACRONYM.finditer(flat)
            if match.group(1) not in explained and match.group(1) not in reported
        ]
        if not used:
            # Every acronym here is explained already (or reported): what this text
            # explains changes nothing, since explanations capture only acronyms that
            # ACRONYM also finds. Most text after a tree's first page is like this.
            continue
        explanations = explained_at(flat)
        for word, end in used:
            if word in reported:  # a second use in this text
                continue
            if word in explanations and explanations[word] <= end:
                continue
            reported.add(word)
            example = (
                f'"{KNOWN[word]} ({word})"' if word in KNOWN else f'"the words in full ({word})"'
            )
            scope = "this entry" if per_text else "this tree"
            findings.add(
                "undefined-acronym",
                file,
                path,
                f"`{word}` is used before {scope} "
                f"explains it; the first time, write it out with the short form in "
                f"brackets, e.g. {example}",
                at=locate(file, path, word),
            )
        explained.update(explanations)
