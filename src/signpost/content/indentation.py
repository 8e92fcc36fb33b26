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

from signpost.words import count

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
    return count(n, "space")


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


def _other_item(here: Line, above: list[Line]) -> Line | None:
    """The nearest item above of the same list as `here`, at another indentation: no line
    between them is less indented than the shallower of the two."""
    floor = here.indent
    for line in above:
        if line.dash and line.indent != here.indent:
            return line if floor >= min(line.indent, here.indent) else None
        floor = min(floor, line.indent)
        if line.dash and line.indent == here.indent:
            return None  # a well-placed item of the same list comes first
    return None


def _first_item(item: Line, above: list[Line]) -> Line:
    first = item
    for line in above:
        if line.indent < item.indent:
            break
        if line.dash and line.indent == item.indent:
            first = line
    return first


def explain(lines: list[str], problem: str, line: int, column: int) -> tuple[str, int, int] | None:
    """The indentation mistake libyaml's `problem` at 1-based `line` and `column` comes
    from, as (message, line, column) of the line to fix, or None."""
    if not 0 < line <= len(lines):
        return None
    found = _dedented_above(lines, line)
    if found is not None:
        return found
    message = _explain(lines, problem, line, column)
    if message is not None:  # pointed at the key to move, not where libyaml stopped (its colon)
        here = Line(line, lines[line - 1])
        return message, line, here.indent + 1 if here.key is not None and not here.dash else column
    return _text_block(lines, line)


def _name(line: Line) -> str:
    return f"`{line.key}:`" if line.key is not None and not line.dash else "this list item"


def _dedented_above(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """A line just above (or at) `line` indented too little, which libyaml only notices
    on a later line: one not indented under the `key:` that opens its block, or one
    indented less than the keys on either side of it."""
    here = Line(line, lines[line - 1])
    above = _above(lines, line)
    if here.key is None and not here.dash:
        return None
    opener = above[0] if above else None
    if opener is not None and _opens(opener) and here.indent < opener.key_column:
        return (
            f"check the indentation: {_name(here)} must be indented more than "
            f"`{opener.key}:` on line {opener.number}, the block it belongs to",
            line,
            here.indent + 1,
        )
    if len(above) < 2:
        return None
    culprit, before = above[0], above[1]
    if culprit.key is None or culprit.dash or here.indent <= culprit.indent:
        return None
    if _opens(before) and culprit.indent <= before.key_column:
        return (
            f"check the indentation: `{culprit.key}:` is indented "
            f"{_spaces(here.indent - culprit.indent)} less than {_name(here)} below it, so it "
            f"is not inside `{before.key}:` on line {before.number}; line `{culprit.key}:` up "
            f"with the keys below it",
            culprit.number,
            culprit.indent + 1,
        )
    if before.dash and here.dash and here.indent == before.indent:
        return (
            f"check the indentation: `{culprit.key}:` is indented "
            f"{_spaces(before.key_column - culprit.indent)} less than `{before.key}:` on line "
            f"{before.number}, the list item it belongs to; line `{culprit.key}:` up with "
            f"`{before.key}:`",
            culprit.number,
            culprit.indent + 1,
        )
    if not _opens(before) and before.key is not None and here.indent == before.key_column:
        return (
            f"check the indentation: `{culprit.key}:` is indented "
            f"{_spaces(here.indent - culprit.indent)} less than the keys on either side of it "
            f"(lines {before.number} and {line}); line it up with them",
            culprit.number,
            culprit.indent + 1,
        )
    return None


def _opens(line: Line) -> bool:
    """Whether `line` is `key:` with nothing after it, so a block follows."""
    return line.key is not None and line.text.split("#", 1)[0].rstrip().endswith(":")


def _explain(lines: list[str], problem: str, line: int, column: int) -> str | None:
    """The mistake when it is the line libyaml stopped at (a key or a list item)."""
    if not 0 < line <= len(lines):
        return None
    here = Line(line, lines[line - 1])
    above = _above(lines, line)
    if not above:
        return None
    if here.dash:
        return _explain_item(here, above, problem, column)
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
    if "did not find expected" in problem and here.indent != previous.key_column:
        if here.indent > previous.key_column and previous.text.rstrip().endswith(":"):
            return None  # the first key of a new block: it may be indented as it likes
        start = _block_start(previous, above)
        more = here.indent > previous.key_column
        return (
            f"check the indentation: `{here.key}:` is indented "
            f"{_spaces(abs(previous.key_column - here.indent))} {'more' if more else 'less'} "
            f"than `{start.key}:` on line {start.number}, where its block starts; "
            f"line `{here.key}:` up with `{start.key}:`"
        )
    return None


def _explain_item(here: Line, above: list[Line], problem: str, column: int) -> str | None:
    """The mistake when libyaml stopped at a list item indented unlike its list."""
    if "mapping values" in problem:
        if here.key is None or column - 1 != here.key_column + len(here.key):
            return None  # a `: ` inside the item's text
    elif "did not find expected" not in problem:
        return None
    item = _other_item(here, above)
    if item is None:
        return None
    other = _first_item(item, above[above.index(item) + 1 :])
    more = here.indent > other.indent
    return (
        f"check the indentation: this list item is indented "
        f"{_spaces(abs(here.indent - other.indent))} {'more' if more else 'less'} than "
        f"the first item of its list, on line {other.number}; line up the `-` of each item"
    )


_BLOCK_TEXT = re.compile(r":\s+[>|][+-]?\s*(#.*)?$")


def _text_block(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """A `>-` or `|` text above `line` one of whose lines is indented less than its first
    line (which ends the text early), or whose first line is not indented under its key."""
    header = None
    for n in range(line, 0, -1):
        text = lines[n - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        here = Line(n, text)
        if here.key is not None and _BLOCK_TEXT.search(text) and n != line:
            header = here
            break
        if (here.key is not None or here.dash) and n != line:
            return None
    if header is None or header.number >= line:
        return None
    body = [n for n in range(header.number + 1, line + 1) if lines[n - 1].strip()]
    if not body:
        return None
    first = Line(body[0], lines[body[0] - 1])
    if first.indent <= header.key_column:
        return (
            f"check the indentation: the text of `{header.key}:` (line {header.number}) "
            f"must be indented more than `{header.key}:` itself; indent its lines further, "
            f"or line `{header.key}:` up with the keys around it",
            first.number,
            first.indent + 1,
        )
    for n in body[1:]:
        other = Line(n, lines[n - 1])
        if other.indent < first.indent and other.key is None:
            return (
                f"check the indentation: this line of the text that starts on line "
                f"{first.number} is indented {_spaces(first.indent - other.indent)} less than "
                "that first line, which ends the text early; line up the lines of the text",
                n,
                other.indent + 1,
            )
    return None
