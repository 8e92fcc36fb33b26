"""quote-marks: a quote whose quote marks are not the source's (straight for curly).

Quotes are matched with curly and straight quote marks alike, so an author who types
straight ones is not held up; this rule, off by default, finds them and carries the
fix that copies the source's marks (`signpost lint --select quote-marks --fix`), for
a tree that should quote its sources character for character.
"""

from __future__ import annotations

from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder, SourceRef
from signpost.lint.fixes import Edit, Fix

MARKS = frozenset("'\"\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033")


def check(folder: Folder, findings: Findings, config: Config) -> None:
    if config.severities.get("quote-marks", "off") == "off":
        return  # off (its default): not worked out at all
    for file, ref in folder.source_refs():
        _marks(file, ref, folder, findings)


def _marks(file: FileContext, ref: SourceRef, folder: Folder, findings: Findings) -> None:
    doc, quote = ref.get("doc"), ref.get("quote")
    if not isinstance(quote, str) or not MARKS.intersection(quote) or not doc:
        return
    document = folder.sources.get(doc)
    passage = document.find(quote) if document is not None else None
    if passage is None:
        return  # quote-not-found says so
    mine, theirs = " ".join(quote.split()), " ".join(passage.text.split())
    if len(mine) != len(theirs) or mine == theirs:
        return
    differ = [i for i in range(len(mine)) if mine[i] != theirs[i]]
    if not all(mine[i] in MARKS and theirs[i] in MARKS for i in differ):
        return  # a difference of case as well: leave it to the author
    pairs = sorted({f"`{mine[i]}` for `{theirs[i]}`" for i in differ})
    message = (
        f"the quote marks are not those of `{doc}`: {', '.join(pairs)}; "
        "copy them as the source has them"
    )
    findings.add(
        "quote-marks",
        file,
        ref.path + ("quote",),
        message,
        fix=_fix(file, ref, quote, theirs, differ),
    )


def _fix(
    file: FileContext, ref: SourceRef, quote: str, theirs: str, differ: list[int]
) -> Fix | None:
    """The edits that copy the source's marks, where the quote is written on one line as
    it reads (no escapes, no line breaks); None where it is not."""
    if file.doc is None or quote != " ".join(quote.split()):
        return None
    mark = file.doc.mark(ref.path + ("quote",))
    line = file.lines[mark.line - 1] if 0 < mark.line <= len(file.lines) else ""
    at = line.find(quote, mark.column - 1)
    if at < 0:
        return None
    edits = tuple(Edit(mark.line, at + i + 1, mark.line, at + i + 2, theirs[i]) for i in differ)
    return Fix("copy the source's quote marks", edits)
