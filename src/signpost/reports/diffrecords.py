"""The records of a `signpost diff` review, and their one JSON form.

`signpost.reports.diff.compare` builds a `Review`; `signpost.reports.diffrender` reads
it. Each record is a `NamedTuple` built once (docs/architecture.md, "Records").
`as_data` turns a review into the JSON-ready dict of `signpost diff --format json`,
whose shape is a public format (`docs/schemas/diff.schema.json`): each record's fields
in order, a field of `_UNSET_LEFT_OUT` left out where it is None, and those of
`_NOT_IN_JSON` (the lines of route changes, for annotations) never written.
"""

from __future__ import annotations

from typing import Any, NamedTuple

VERSION = 1
# Left out of the JSON where None: a contact's old id (only a renamed contact has one),
# an outcome's urgency (a question has none), a change's option or step number, and
# which of a tree or an outcome a route ends at.
_UNSET_LEFT_OUT = frozenset({"old_id", "urgent", "option", "number", "tree", "outcome"})
# Not in the JSON (its shape predates them): the lines annotations are put on.
_NOT_IN_JSON = frozenset({"at"})


class Quote(NamedTuple):
    """A cited passage: the document and the words quoted."""

    doc: str
    quote: str


class Change(NamedTuple):
    """One field that changed: `what`, its `old` and `new` values (None: it had none);
    `option` names the option whose target changed, `number` the step (from 1)."""

    what: str
    old: Any
    new: Any
    option: str | None = None
    number: int | None = None


class ContactChange(NamedTuple):
    id: str
    old_id: str | None  # a renamed contact's old id; None for the others
    name: str
    change: str  # added, removed, changed or renamed
    details: list[Change]  # phone, email, web: shown to families
    other: list[Change]
    used_by: list[str]  # the outcomes (`tree:node`) that show it
    file: str
    line: int


class TermChange(NamedTuple):
    term: str
    file: str
    change: str
    old: str | None
    new: str | None


class Answer(NamedTuple):
    node: str
    question: str
    answer: str


class End(NamedTuple):
    """Where a route ends: an outcome of its tree, or the tree it goes on into."""

    tree: str | None
    outcome: str | None
    title: str
    urgent: bool | None

    def place(self) -> tuple[str, str]:
        return ("tree", self.tree) if self.tree is not None else ("outcome", self.outcome or "")


class Route(NamedTuple):
    answers: list[Answer]
    to: End
    at: int = 1  # the line of what changed: docs/commands.md, "github"


class RouteChanged(NamedTuple):
    answers: list[Answer]
    old: End
    new: End
    at: int = 1


class Routes(NamedTuple):
    added: list[Route]
    removed: list[Route]
    changed: list[RouteChanged]


class Rename(NamedTuple):
    old: str
    new: str
    at: int = 1


class Reviewed(NamedTuple):
    old: str
    new: str
    stale: bool


class NodeChange(NamedTuple):
    id: str
    change: str
    text: str
    urgent: bool | None  # an outcome's; None for a question
    changes: list[Change]
    line: int  # in the new file; in the old one for a node removed
    at: int = 1  # in the new file: docs/commands.md, "github"


class TreeChange(NamedTuple):
    id: str
    title: str
    file: str
    change: str
    fields: list[Change]
    reviewed: Reviewed | None
    renamed: list[Rename]
    routes: Routes
    questions: list[NodeChange]
    outcomes: list[NodeChange]
    line: int


class Review(NamedTuple):
    old: str
    new: str
    changed: bool
    stale_after_months: int
    today: str
    contacts: list[ContactChange]
    trees: list[TreeChange]
    glossary: list[TermChange]


def as_data(review: Review) -> dict[str, Any]:
    """The review as `--format json` writes it (see the module docstring)."""
    data = _plain(review)
    return {"version": VERSION, **data}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        out = {}
        for name, item in zip(value._fields, value, strict=True):
            if name in _NOT_IN_JSON or (item is None and name in _UNSET_LEFT_OUT):
                continue
            out[name] = _plain(item)
        return out
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
