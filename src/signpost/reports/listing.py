"""`signpost list`: the situations (trees) with their ids, as a table or as JSON.

Plain functions over the trees that load and the files that do not
(`Library.usable_trees`); the command line writes what they give. The table is plain
aligned text rather than a rich table: it reads the same to a screen reader, in a pipe
and on a terminal, and `signpost list` starts without rich.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from signpost.content.library import Broken
from signpost.content.model import Tree
from signpost.words import count

Row = tuple[str, str, str, str, str]  # id, title, summary, for (audience), reviewed
_HEADS = ("id", "situation", "for", "reviewed")
_DATE_WIDTH = 10
_GAPS = 3 * 2  # two spaces between each of the four columns
_NARROWEST = 20  # a situation column narrower than this: one under another instead


def list_dict(found: Sequence[Tree], broken: Sequence[Broken]) -> dict:
    """The JSON of `signpost list --format json`."""
    rows = [
        {
            "id": t.id,
            "title": t.title,
            "summary": t.summary,
            "audience": list(t.audience),
            "reviewed": t.reviewed.isoformat(),
        }
        for t in found
    ]
    return {"version": 1, "trees": rows, "broken": [b.file for b in broken]}


def list_text(found: Sequence[Tree], width: int) -> str:
    """The table of `signpost list`, `width` characters wide, and the line under it."""
    rows = [
        (t.id, t.title, t.summary, ", ".join(t.audience), t.reviewed.isoformat()) for t in found
    ]
    return (
        _text_table(rows, width)
        + "\n"
        + f"{count(len(found), 'tree')}. Start one with: signpost run ID\n"
    )


def _text_table(rows: list[Row], width: int) -> str:
    """id, situation (title, then summary), for, reviewed: plain aligned text."""
    id_w = max([len(_HEADS[0])] + [len(r[0]) for r in rows])
    for_w = max([len(_HEADS[2])] + [len(r[3]) for r in rows])
    sit_w = width - id_w - for_w - _DATE_WIDTH - _GAPS - 1
    if sit_w < _NARROWEST:  # too narrow for columns: one under another
        return _text_list(rows, width)

    def line(*cells: str) -> str:
        return "  ".join(cells).rstrip()

    lines = [line(_HEADS[0].ljust(id_w), _HEADS[1].ljust(sit_w), _HEADS[2].ljust(for_w), _HEADS[3])]
    lines.append("  ".join(("-" * id_w, "-" * sit_w, "-" * for_w, "-" * _DATE_WIDTH)))
    for tree_id, title, summary, audience, reviewed in rows:
        situation = textwrap.wrap(title, sit_w) + textwrap.wrap(summary, sit_w)
        for number, text in enumerate(situation or [""]):
            first = number == 0
            lines.append(
                line(
                    (tree_id if first else "").ljust(id_w),
                    text.ljust(sit_w),
                    (audience if first else "").ljust(for_w),
                    reviewed if first else "",
                )
            )
        lines.append("")
    return "\n".join(lines)


def _text_list(rows: list[Row], width: int) -> str:
    """The same rows for a narrow terminal: the id, then the rest indented under it."""
    lines = []
    for tree_id, title, summary, audience, reviewed in rows:
        lines.append(tree_id)
        for text in (title, summary, f"for {audience}; reviewed {reviewed}"):
            lines += textwrap.wrap(
                text, width, initial_indent="  ", subsequent_indent="  ", break_long_words=False
            )
        lines.append("")
    return "\n".join(lines)
