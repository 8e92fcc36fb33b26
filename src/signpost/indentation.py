"""Naming the indentation mistake behind a YAML syntax error.

libyaml reports where it gave up ("mapping values are not allowed", "did not find
expected key", "did not find expected '-' indicator"), which is rarely where the
author went wrong. The usual cause is one line indented more or less than the
block it belongs to; `explain` finds that line's block from the lines above and
says so, naming the line the block started on. It returns None when the text does
not look like an indentation mistake, so the reader's own words are kept.
"""

from __future__ import annotations

import re

# `key:` or `- key:` at the start of a line (a plain key: no quotes, no spaces).
_KEY = re.compile(r"^(?P<dash>-\s+)?(?P<key>[A-Za-z0-9_][\w-]*):(?:\s|$)")


class Line:
    """One line of the file, as indentation sees it."""

    __slots__ = ("dash", "indent", "key", "number", "text")

    def __init__(self, number: int, text: str):
        self.number = number
        self.text = text
        body = text.lstrip(" ")
        self.indent = len(text) - len(body)
        match = _KEY.match(body)
        self.key = match.group("key") if match else None
        self.dash = body.startswith("- ") or body == "-"
        if self.dash and match and not match.group("dash"):
            self.key = None

    @property
    def key_column(self) -> int:
        """Where this line's key starts (0-based): after the `- ` of a list item."""
        if self.dash:
            after = self.text[self.indent + 1 :]
            return self.indent + 1 + len(after) - len(after.lstrip(" "))
        return self.indent


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _above(lines: list[str], number: int) -> list[Line]:
    """The lines above `number` that hold a key or a list item, nearest first."""
    out = []
    for n in range(number - 1, 0, -1):
        line = Line(n, lines[n - 1])
        if line.key is not None or line.dash:
            out.append(line)
    return out


def _block_start(previous: Line, above: list[Line]) -> Line:
    """The first line of the block `previous` is in: the lines above at its key column,
    back to the list item (`- key:`) or the line less indented that opens the block."""
    if previous.dash:
        return previous
    column = previous.key_column
    start = previous
    for line in above[1:]:
        if line.dash and line.key is not None and line.key_column == column:
            return line
        if line.indent < column:
            break
        if line.indent == column and line.key is not None and not line.dash:
            start = line
    return start


def _first_item(item: Line, above: list[Line]) -> Line:
    first = item
    for line in above:
        if line.indent < item.indent:
            break
        if line.dash and line.indent == item.indent:
            first = line
    return first


def explain(lines: list[str], problem: str, line: int, column: int) -> str | None:
    """The indentation mistake at 1-based `line`, given libyaml's `problem`, or None."""
    if not 0 < line <= len(lines):
        return None
    here = Line(line, lines[line - 1])
    above = _above(lines, line)
    if not above:
        return None
    if here.dash:
        if "mapping values" in problem:
            return None
        items = [a for a in above if a.dash and a.indent != here.indent]
        if not items:
            return None
        other = _first_item(items[0], above[above.index(items[0]) + 1 :])
        more = here.indent > other.indent
        return (
            f"check the indentation: this list item is indented "
            f"{_spaces(abs(here.indent - other.indent))} {'more' if more else 'less'} than "
            f"the first item of its list, on line {other.number}; line up the `-` of each item"
        )
    if here.key is None:
        return None
    previous = above[0]
    if previous.key is None:
        return None
    key_at = here.indent + len(here.key)  # the 0-based column of this line's colon
    if "mapping values" in problem:
        if column - 1 != key_at or here.indent <= previous.key_column:
            return None  # a `: ` inside text, not a key indented too far
        if previous.text.rstrip().endswith(":"):
            return None
        start = _block_start(previous, above)
        return (
            f"check the indentation: `{here.key}:` is indented "
            f"{_spaces(here.indent - previous.key_column)} more than `{start.key}:` on line "
            f"{start.number}, where its block starts, so YAML reads it as more of the text "
            f"above; line `{here.key}:` up with `{start.key}:`"
        )
    if "did not find expected" in problem and here.indent < previous.key_column:
        start = _block_start(previous, above)
        return (
            f"check the indentation: `{here.key}:` is indented "
            f"{_spaces(previous.key_column - here.indent)} less than `{start.key}:` on line "
            f"{start.number}, where its block starts; line `{here.key}:` up with `{start.key}:`"
        )
    return None
