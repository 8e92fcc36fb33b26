"""Where each finding ends, and the safe fix a finding carries: for editors (`lsp`),
SARIF and JSON (end positions), and `signpost lint --fix` / `--diff`.

A finding starts at a line and column; it ends where the token there ends (a quoted
text at its closing quote, a key at its colon, a plain word at a space, comma or
bracket). A fix is one edit that replaces that token: each "did you mean `x`?" of a
key, node, tree, contact, document or audience that has exactly one near match. The
edit is offered only if the text at the position is the word the message names, so a
fix never lands on the wrong text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# The rules whose "did you mean `x`?" is a safe fix: each names a wrong word, and one
# right one of the same kind (a key the spec allows, an id that exists).
FIXABLE = frozenset(
    (
        "unknown-key",
        "unknown-node",
        "unknown-tree",
        "unknown-contact",
        "unknown-doc",
        "bad-audience",
    )
)
# Compiled by `re` the first time a finding is fixed or its token measured, not on import.
_WRONG = r"`([^`]+)`"
_MEANT = r"did you mean `([^`]+)`\?$"
_WORD = r"[A-Za-z0-9_.-]+"
_PLAIN_END = r"\s+#|[,\]}]|:(?:\s|$)|\s*$"


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column), 1-based and
    end-exclusive, with `text`."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }


class Fix(NamedTuple):
    """A safe fix: what it does, in a few words, and its edits."""

    message: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict:
        return {"message": self.message, "edits": [e.to_dict() for e in self.edits]}


def token_end(line: str, column: int) -> int:
    """The 1-based, end-exclusive column where the token starting at `column` ends."""
    start = column - 1
    if start >= len(line):
        return column
    opener = line[start]
    if opener in "\"'":
        at = start + 1
        while at < len(line):
            if line[at] == opener and not (opener == '"' and line[at - 1] == "\\"):
                if opener == "'" and line[at + 1 : at + 2] == "'":
                    at += 2  # '' is a quote inside single quotes
                    continue
                return at + 2
            at += 1
        return len(line) + 1
    if opener in "[{":
        return start + 2
    end = re.compile(_PLAIN_END).search(line, start + 1 if opener == "-" else start)
    stop = end.start() if end is not None else len(line)
    return max(stop, start + 1) + 1


def fix_for(rule: str, message: str, lines: list[str], line: int, column: int) -> Fix | None:
    """The one safe fix of a finding, if it has one."""
    if rule not in FIXABLE or not 0 < line <= len(lines):
        return None
    wrong, meant = re.search(_WRONG, message), re.search(_MEANT, message)
    if wrong is None or meant is None:
        return None
    old, new = wrong.group(1), meant.group(1)
    if not (re.fullmatch(_WORD, old) and re.fullmatch(_WORD, new)):
        return None
    text = lines[line - 1]
    start = column - 1
    if text[start : start + 1] in ("'", '"'):
        start += 1
    if text[start : start + len(old)] != old or re.compile(_WORD).match(text, start + len(old)):
        return None
    edit = Edit(line, start + 1, line, start + 1 + len(old), new)
    return Fix(f"replace `{old}` with `{new}`", (edit,))


def apply(text: str, fixes: list[Fix]) -> str:
    """`text` with the edits of `fixes` made; an edit that overlaps one already made is
    left out (the next run will offer it again, as ruff does)."""
    lines = text.splitlines(keepends=True)
    edits = sorted({e for f in fixes for e in f.edits}, key=lambda e: (e.line, e.column))
    kept: list[Edit] = []
    for edit in edits:
        if kept and (edit.line, edit.column) < (kept[-1].end_line, kept[-1].end_column):
            continue
        kept.append(edit)
    for edit in reversed(kept):  # from the end, so earlier positions stay true
        if edit.line != edit.end_line or edit.line > len(lines):
            continue
        row = lines[edit.line - 1]
        lines[edit.line - 1] = row[: edit.column - 1] + edit.text + row[edit.end_column - 1 :]
    return "".join(lines)
