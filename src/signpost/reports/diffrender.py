"""Turning a `signpost diff` review (`signpost.reports.diff.compare`) into text.

Every format is made from one outline (`outline`): sections of entries, each a
list of segments `(kind, text)`. A segment of kind `tree` is text from a tree or
the catalogue: the human format gives it to rich as a `Text` (never as markup),
and the Markdown format escapes every punctuation mark in it, so a tree's words
cannot make a heading, a list, a link or an HTML tag. Every text from a tree or from
the command line is made safe by `signpost.safetext` (the one escaper): control
characters and bidi overrides are shown as escapes in every format, and as `\\u`
escapes in JSON. Nothing here prints.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from signpost.names import DIFF_FORMATS
from signpost.reports.diffrecords import (
    Change,
    End,
    Quote,
    Review,
    Reviewed,
    Route,
    RouteChanged,
    Routes,
    TermChange,
    TreeChange,
    as_data,
)
from signpost.safetext import json_dumps, markdown_literal, one_line
from signpost.words import count as _count

FORMATS = DIFF_FORMATS

Segment = tuple[str, str]  # (kind, text): kind is plain, tree, id, old, new, alert, dim


class Entry(NamedTuple):
    mark: str  # + added, - removed, ~ changed, ! needs checking
    head: list[Segment]
    lines: list[list[Segment]]
    line: int | None = None  # a tree's entry: the line annotated (None: the tree's line)


class Section(NamedTuple):
    title: list[Segment]
    entries: list[Entry]
    alert: bool = False


def _t(text: Any) -> Segment:
    return ("tree", str(text))


def _p(text: str) -> Segment:
    return ("plain", text)


def _id(text: str) -> Segment:
    return ("id", text)


def _was_now(label: str, old: Any, new: Any) -> list[list[Segment]]:
    if old is None or old == []:
        return [[_p(f"{label} added: "), ("new", _show(new))]]
    if new is None or new == []:
        return [[_p(f"{label} removed: "), ("old", _show(old))]]
    return [
        [_p(f"{label} was: "), ("old", _show(old))],
        [_p(" " * len(label) + " now: "), ("new", _show(new))],
    ]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, Quote):  # a source
        return f"{value.doc}: \u201c{value.quote}\u201d"
    return str(value)


def _route(route: Route | RouteChanged) -> list[list[Segment]]:
    lines = [
        [("bullet", "\u2022 "), _t(a.question), _p(" \u2192 "), _t(a.answer)] for a in route.answers
    ]
    return lines or [[_p("(straight from the start)")]]


def _to(to: End) -> list[Segment]:
    if to.tree is not None:
        return [_p("the situation "), _t(to.title), _p(" "), _id(to.tree)]
    urgent = [("alert", " (urgent)")] if to.urgent else []
    return [_t(to.title), _p(" "), _id(to.outcome or ""), *urgent]


_NOW_URGENT = "now URGENT: this outcome is shown as urgent and its first contact is called first"
_OUTCOME_WORDS = {"title": "title", "intro": "introduction", "contacts": "contacts"}
_QUESTION_WORDS = {"question": "question", "help": "help text"}


def _change_lines(change: Change) -> list[list[Segment]]:
    what, old, new = change.what, change.old, change.new
    if what == "urgent":
        return [[("alert", _NOW_URGENT if new else "no longer urgent")]]
    if what == "step":
        return _was_now(f"step {change.number}", old, new)
    if what == "source":
        moved = "another document" if old.doc != new.doc else "another passage"
        return [[_p(f"step {change.number}: its quote moved to {moved}")]] + _was_now(
            "  source", old, new
        )
    if what == "leads":
        return [
            [_p("option "), _t(change.option), _p(" now leads to "), _id(new)],
            [_p("       (it led to "), _id(old), _p(")")],
        ]
    words = {**_OUTCOME_WORDS, **_QUESTION_WORDS}.get(what, what)
    return _was_now(words, old, new)


def outline(review: Review) -> list[Section]:
    """The review as sections, most important first: contact details, then each tree."""
    sections: list[Section] = []
    details = [c for c in review.contacts if c.details and c.change == "changed"]
    if details:
        entries = []
        for c in details:
            lines: list[list[Segment]] = []
            for d in c.details:
                lines += _was_now(d.what, d.old, d.new)
            if c.used_by:
                lines.append(
                    [_p(f"shown in {_count(len(c.used_by), 'outcome')}: ")] + _join_ids(c.used_by)
                )
            entries.append(Entry("!", [_t(c.name), _p(" "), _id(c.id)], lines))
        sections.append(
            Section(
                [("alert", "Contact details changed: check each one against its source")],
                entries,
                alert=True,
            )
        )
    others = []
    for c in review.contacts:
        if c.change == "changed" and not c.other:
            continue
        lines = []
        if c.change == "changed":
            for d in c.other:
                lines += _was_now(d.what, d.old, d.new)
        else:
            for d in c.details:
                lines.append([_p(f"{d.what}: "), _t(d.old or d.new)])
        mark = {"added": "+", "removed": "-"}.get(c.change, "~")
        head = [_p(f"{c.change}: "), _t(c.name), _p(" "), _id(c.id)]
        if c.old_id is not None:
            head = [_p("renamed: "), _t(c.name), _p(" "), _id(c.old_id)]
            head += [_p(" \u2192 "), _id(c.id)]
            lines = [[("dim", "same details, new id")]]
        others.append(Entry(mark, head, lines))
    if others:
        sections.append(Section([_p("Contacts catalogue")], others))
    for tree in review.trees:
        sections.append(_tree_section(tree, review))
    if review.glossary:
        sections.append(_glossary_section(review.glossary))
    return sections


def _glossary_section(terms: list[TermChange]) -> Section:
    """What a family is told a word means: each term added, removed or changed."""
    entries = []
    for term in terms:
        mark = {"added": "+", "removed": "-"}.get(term.change, "~")
        head = [_p(f"term {term.change}: "), _t(term.term)]
        entries.append(Entry(mark, head, _was_now("means", term.old, term.new)))
    return Section([_p("Glossary: what a family is told a word means")], entries)


def _join_ids(ids: list[str]) -> list[Segment]:
    out: list[Segment] = []
    for n, i in enumerate(ids):
        if n:
            out.append(_p(", "))
        out.append(_id(i))
    return out


def _tree_section(tree: TreeChange, review: Review) -> Section:
    change = tree.change
    title = [_p("Situation: "), _t(tree.title), _p(" "), _id(tree.id)]
    if change != "changed":
        title.append(_p(f" ({change})"))
        return Section(title, [_whole_tree_entry(change, tree.routes)])
    entries: list[Entry] = []
    if tree.reviewed:
        entries.append(_reviewed_entry(tree.reviewed, review))
    for field in tree.fields:
        entries.append(
            Entry(
                "~",
                [_p(f"the tree's {field.what} changed")],
                _was_now(field.what, field.old, field.new),
            )
        )
    for r in tree.renamed:
        entries.append(
            Entry(
                "~",
                [_p("renamed "), _id(r.old), _p(" \u2192 "), _id(r.new)],
                [[("dim", "same content, new id")]],
                r.at,
            )
        )
    entries += _route_entries(tree.routes)
    for items, word in ((tree.questions, "question"), (tree.outcomes, "outcome")):
        for item in items:
            mark = {"added": "+", "removed": "-"}.get(item.change, "~")
            head = [_p(f"{word} {item.change}: "), _t(item.text), _p(" "), _id(item.id)]
            lines = []
            for c in item.changes:
                lines += _change_lines(c)
            urgent = any(c.what == "urgent" and c.new for c in item.changes)
            entries.append(Entry("!" if urgent else mark, head, lines, item.at))
    return Section(title, entries)


def _whole_tree_entry(change: str, routes: Routes) -> Entry:
    """A situation added or removed as a whole: how many routes, to how many places."""
    kind = "added" if change == "added" else "removed"
    ends = routes.added if change == "added" else routes.removed
    places = {r.to.place() for r in ends}
    return Entry(
        "+" if change == "added" else "-",
        [
            _p(
                f"the whole situation is {kind}: {_count(len(ends), 'route')} to "
                f"{_count(len(places), 'place')}"
            )
        ],
        [],
    )


def _route_entries(routes: Routes) -> list[Entry]:
    entries = [Entry("+", [_p("new route to "), *_to(r.to)], _route(r), r.at) for r in routes.added]
    for r in routes.removed:
        head = [_p("route removed, it led to "), *_to(r.to)]
        entries.append(Entry("-", head, _route(r), r.at))
    for c in routes.changed:
        entries.append(
            Entry(
                "~",
                [_p("route now leads to "), *_to(c.new)],
                _route(c) + [[_p("it led to "), *_to(c.old)]],
                c.at,
            )
        )
    return entries


def _reviewed_entry(reviewed: Reviewed, review: Review) -> Entry:
    """The line on a tree's `reviewed` date: updated or not, and whether it is stale."""
    lines = []
    if reviewed.old == reviewed.new:
        head = [_p(f"reviewed date not updated: still {reviewed.new}")]
    else:
        head = [_p(f"reviewed date: {reviewed.old} \u2192 {reviewed.new}")]
    if reviewed.stale:
        lines.append(
            [
                (
                    "alert",
                    f"this is more than {review.stale_after_months} months "
                    f"before {review.today}: the tree is due to be checked against "
                    "its sources again",
                )
            ]
        )
    return Entry("!" if reviewed.stale else "~", head, lines)


def summary(review: Review) -> str:
    old, new = one_line(review.old), one_line(review.new)
    if not review.changed:
        return f"No changes a family would meet between {old} and {new}."
    details = sum(len(c.details) for c in review.contacts if c.change == "changed")
    parts = []
    if details:
        parts.append(_count(details, "contact detail") + " changed")
    if review.contacts:
        parts.append(_count(len(review.contacts), "contact") + " changed")
    if review.trees:
        parts.append(_count(len(review.trees), "situation") + " changed")
    if review.glossary:
        parts.append(_count(len(review.glossary), "glossary term") + " changed")
    return f"Changes between {old} and {new}: {', '.join(parts)}."


# -- human ----------------------------------------------------------------------

STYLES = {
    "plain": "",
    "bullet": "",
    "tree": "",
    "id": "cyan",
    "old": "red",
    "new": "green",
    "alert": "bold red",
    "dim": "dim",
}
_MARK_STYLES = {"+": "green", "-": "red", "~": "yellow", "!": "bold red"}


def human_lines(review: Review) -> list[list[tuple[str, str]]]:
    """The human report as lines of `(text, rich style)`: the CLI makes each a rich
    `Text` (so no tree text is read as markup); joined, it is the plain text."""
    out: list[list[tuple[str, str]]] = [
        [(f"signpost diff {one_line(review.old)} \u2192 {one_line(review.new)}", "bold")]
    ]
    for section in outline(review):
        out.append([])
        out.append([(t, f"{style} bold".strip()) for t, style in _styled(section.title)])
        for entry in section.entries:
            out.append([(f"  {entry.mark} ", _MARK_STYLES[entry.mark])] + _styled(entry.head))
            for line in entry.lines:
                out.append([("      ", "")] + _styled(line))
    out.append([])
    out.append([(summary(review), "bold")])
    return out


def _styled(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(_text(kind, text), STYLES[kind]) for kind, text in segments]


def _text(kind: str, text: str) -> str:
    if kind == "id":
        return f"[{one_line(text)}]"
    if kind == "plain" or kind == "bullet":
        return text
    return one_line(text)


def human(review: Review) -> str:
    return "".join("".join(t for t, _ in line).rstrip() + "\n" for line in human_lines(review))


# -- markdown -------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Tree text as Markdown that shows exactly that text (`safetext.markdown_literal`)."""
    return markdown_literal(text)


def _md(segments: list[Segment]) -> str:
    out = []
    for kind, text in segments:
        if kind == "bullet":
            continue  # the Markdown list item is the bullet
        if kind == "id":
            out.append(f"`{one_line(text).replace('`', '')}`")  # ids are kebab-case
        elif kind == "alert":
            out.append(f"**{md_escape(text)}**")
        elif kind == "dim":
            out.append(f"_{md_escape(text)}_")
        elif kind == "plain":
            out.append(text)  # the report's own words, which hold no Markdown
        else:
            out.append(md_escape(text))
    return "".join(out)


_MD_MARKS = {"+": "added", "-": "removed", "~": "changed", "!": "check"}


def markdown(review: Review) -> str:
    lines = [f"## signpost diff {md_escape(review.old)} \u2192 {md_escape(review.new)}", ""]
    for section in outline(review):
        sign = "\u26a0\ufe0f " if section.alert else ""
        lines += [f"### {sign}{_md(section.title)}", ""]
        for entry in section.entries:
            lines.append(f"- **{_MD_MARKS[entry.mark]}**: {_md(entry.head)}")
            lines += [f"  - {_md(line).lstrip()}" for line in entry.lines]
        lines.append("")
    lines.append(md_escape(summary(review)))
    return "\n".join(lines) + "\n"


# -- json and github ------------------------------------------------------------


def as_json(review: Review) -> str:
    return json_dumps(as_data(review)) + "\n"


def github(review: Review) -> str:
    """Workflow annotations: a warning for each contact detail changed and each outcome
    that became urgent, a notice for every other change, at its file and line."""
    from signpost.lint.formats import _escape

    out = []

    def note(level: str, file: str, line: int, title: str, segments: list[Segment]) -> None:
        text = " ".join("".join(_text(k, t) for k, t in segments).split())
        out.append(
            f"::{level} file={_escape(file, prop=True)},line={line},"
            f"title={_escape(title, prop=True)}::{_escape(text)}\n"
        )

    for c in review.contacts:
        for d in c.details if c.change == "changed" else []:
            was_now = [("old", str(d.old)), _p(" \u2192 "), ("new", str(d.new))]
            body = [_t(c.name), _p(f" {d.what}: "), *was_now]
            note("warning", c.file, c.line, "contact detail changed", body)
        if c.change != "changed" or c.other:
            note("notice", c.file, c.line, f"contact {c.change}", [_t(c.name), _p(" "), _id(c.id)])
    for term in review.glossary:
        body = [_t(term.term), _p(": "), ("new", str(term.new or term.old))]
        note("notice", term.file, 1, f"glossary term {term.change}", body)
    for tree in review.trees:
        section = _tree_section(tree, review)
        for entry in section.entries:
            level = "warning" if entry.mark == "!" else "notice"
            body = entry.head + [s for line in entry.lines for s in [_p("; ")] + line]
            note(level, tree.file, entry.line or tree.line, "signpost diff", body)
    return "".join(out)


def render(review: Review, fmt: str) -> str:
    return {"human": human, "markdown": markdown, "json": as_json, "github": github}[fmt](review)
