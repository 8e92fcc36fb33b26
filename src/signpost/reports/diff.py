"""What a change to the trees does to a family's walk, as plain data.

`compare(old, new)` takes two `Library`s (two folders, or two git revisions, see
`signpost.content.revision`) and returns a `Review` (`signpost.reports.diffrecords`,
whose `as_data` is the JSON): for the contacts catalogue,
each contact added, removed or changed (phone, email and web address apart, as
a wrong number is the worst mistake); for each tree, the routes (from
`signpost.walk.routes.find_routes`) added, removed or leading somewhere else, the
questions and outcomes changed, ids renamed (matched by content), and the
`reviewed` date; and each glossary term whose meaning changed (a family is told what a
word means). `signpost.reports.diffrender` turns it into text; nothing here prints.

Routes are compared within one tree: a route that goes on into another tree ends
there ("continues in ..."), so a change to one tree is reported once, under it.
"""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher
from typing import Any

from signpost.content.library import Library
from signpost.content.model import Contact, Node, Option, Outcome, Question, Step, Tree
from signpost.reports.difflines import (
    catalogue_lines,
    file_name,
    place_routes,
    removed_node,
    tree_lines,
)
from signpost.reports.diffrecords import (
    Answer,
    Change,
    ContactChange,
    End,
    NodeChange,
    Quote,
    Rename,
    Review,
    Reviewed,
    Route,
    RouteChanged,
    Routes,
    TermChange,
    TreeChange,
)
from signpost.walk.routes import find_routes

DETAILS = ("phone", "email", "web")  # shown to families: flagged first
OTHER_CONTACT_FIELDS = ("name", "for_", "page", "national")


def compare(
    old: Library,
    new: Library,
    *,
    old_name: str,
    new_name: str,
    today: dt.date,
    stale_after_months: int = 12,
) -> Review:
    """The review of going from `old` to `new` (see the module docstring)."""
    from signpost.lint.rules.freshness import months_before

    contacts = _contacts(old.contacts, new.contacts, old, new)
    trees = []
    limit = months_before(today, stale_after_months)
    for tree_id in sorted(set(old.tree_ids()) | set(new.tree_ids())):
        before = old.tree(tree_id) if tree_id in old.tree_ids() else None
        after = new.tree(tree_id) if tree_id in new.tree_ids() else None
        entry = _tree(old, new, before, after, limit)
        if entry is not None:
            trees.append(entry)
    glossary = _glossary(old, new)
    changed = bool(contacts or trees or glossary)
    day = today.isoformat()
    return Review(old_name, new_name, changed, stale_after_months, day, contacts, trees, glossary)


def _glossary(old: Library, new: Library) -> list[TermChange]:
    """Each glossary term added, removed or whose meaning changed: a family is told what
    a word means, so a new meaning is a change they meet."""
    before, after = old.glossary.terms, new.glossary.terms
    out = []
    for term in sorted(set(before) | set(after)):
        a, b = before.get(term), after.get(term)
        if a is not None and b is not None and a.means == b.means:
            continue
        change = "added" if a is None else "removed" if b is None else "changed"
        file = file_name(new if b is not None else old, "glossary")
        olds, news = (None if a is None else a.means), (None if b is None else b.means)
        out.append(TermChange(term, file, change, olds, news))
    return out


# -- contacts -------------------------------------------------------------------


def _contacts(
    old: dict[str, Contact], new: dict[str, Contact], before: Library, library: Library
) -> list[ContactChange]:
    users = _contact_users(library)
    lines = catalogue_lines(library)
    old_lines = catalogue_lines(before)
    file, old_file = file_name(library, "contacts"), file_name(before, "contacts")
    renamed = _renamed(old, new)
    out = [
        ContactChange(c, g, new[c].name, "renamed", [], [], users.get(c, []), file, lines.get(c, 1))
        for g, c in renamed.items()
    ]
    for cid in sorted(set(old) | set(new)):
        if cid in renamed or cid in renamed.values():
            continue
        a, b = old.get(cid), new.get(cid)
        if a == b:
            continue
        shown = b or a
        assert shown is not None
        change = "added" if a is None else "removed" if b is None else "changed"
        details, other = _contact_changes(a, b, shown)
        line = (lines if b is not None else old_lines).get(cid, 1)
        where = file if b is not None else old_file
        used = users.get(cid, [])
        out.append(ContactChange(cid, None, shown.name, change, details, other, used, where, line))
    return out


def _renamed(old: dict[str, Contact], new: dict[str, Contact]) -> dict[str, str]:
    """Old id -> new id, for each entry whose id alone changed (and only one fits)."""
    renamed: dict[str, str] = {}
    for gone in sorted(set(old) - set(new)):
        same = [c for c in set(new) - set(old) if old[gone]._replace(id=c) == new[c]]
        if len(same) == 1 and same[0] not in renamed.values():
            renamed[gone] = same[0]
    return renamed


def _contact_changes(
    a: Contact | None, b: Contact | None, shown: Contact
) -> tuple[list[Change], list[Change]]:
    """The changed details (phone, email, ...) and other fields of a contact: for one
    added or removed, each detail it has, as gained or lost."""
    details: list[Change] = []
    other: list[Change] = []
    if a is not None and b is not None:
        for field in DETAILS:
            if getattr(a, field) != getattr(b, field):
                details.append(Change(field, getattr(a, field), getattr(b, field)))
        for field in OTHER_CONTACT_FIELDS:
            if getattr(a, field) != getattr(b, field):
                name = field.rstrip("_")
                other.append(Change(name, getattr(a, field), getattr(b, field)))
        if a.source != b.source:
            other.append(Change("source", _source(a.source), _source(b.source)))
        return details, other
    removed = b is None
    details = [
        Change(f, getattr(shown, f) if removed else None, None if removed else getattr(shown, f))
        for f in DETAILS
        if getattr(shown, f)
    ]
    return details, other


def _contact_users(library: Library) -> dict[str, list[str]]:
    """Contact id -> the outcomes (`tree:node`) that show it."""
    users: dict[str, list[str]] = {}
    for tree_id in library.tree_ids():
        for outcome in library.tree(tree_id).outcomes():
            for cid in outcome.contacts:
                users.setdefault(cid, []).append(f"{tree_id}:{outcome.id}")
    return users


def _source(source: Any) -> Quote | None:
    return None if source is None else Quote(source.doc, source.quote)


# -- trees ----------------------------------------------------------------------

_FIELDS = ("title", "summary", "audience", "start", "menu", "order")


def _tree(
    old: Library, new: Library, a: Tree | None, b: Tree | None, limit: dt.date
) -> TreeChange | None:
    shown = b or a
    assert shown is not None
    file = file_name(new if b is not None else old, shown.id)
    if a is None or b is None:
        ends = list(_routes(new if b is not None else old, shown, {}, {}).values())
        routes = Routes(ends, [], []) if a is None else Routes([], ends, [])
        change = "added" if a is None else "removed"
        return TreeChange(shown.id, shown.title, file, change, [], None, [], routes, [], [], 1)
    fields = [
        Change(f, _value(getattr(a, f)), _value(getattr(b, f)))
        for f in _FIELDS
        if getattr(a, f) != getattr(b, f)
    ]
    renamed = _renames(a, b)
    questions, outcomes, relabel = _nodes(a, b, renamed)
    before, after = _routes(old, a, renamed, relabel), _routes(new, b, {}, {})
    routes = _route_changes(before, after)
    if not (fields or renamed or questions or outcomes or any(routes)) and a.reviewed == b.reviewed:
        return None
    reviewed = Reviewed(a.reviewed.isoformat(), b.reviewed.isoformat(), b.reviewed < limit)
    at, old_at = tree_lines(new, b), tree_lines(old, a)
    routes = place_routes(routes, before, after, at)
    renames = [Rename(o, n, at.nodes.get(n, at.reviewed)) for o, n in renamed.items()]

    def placed(items: list[NodeChange]) -> list[NodeChange]:
        out = []
        for i in items:
            if i.change == "removed":
                line = old_at.nodes.get(i.id, 1)
                out.append(i._replace(line=line, at=removed_node(a, i.id, renamed, at)))
            else:
                out.append(i._replace(line=at.nodes.get(i.id, 1), at=at.nodes.get(i.id, 1)))
        return out

    return TreeChange(
        b.id,
        b.title,
        file,
        "changed",
        fields,
        reviewed,
        renames,
        routes,
        placed(questions),
        placed(outcomes),
        at.reviewed,
    )


def _value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value  # the audience


def _nodes(
    a: Tree, b: Tree, renamed: dict[str, str]
) -> tuple[list[NodeChange], list[NodeChange], dict[tuple[str, str], str]]:
    """The questions and the outcomes removed, changed and added; the labels changed,
    as (new question id, old label) -> new label."""
    questions: list[NodeChange] = []
    outcomes: list[NodeChange] = []
    relabel: dict[tuple[str, str], str] = {}

    def put(change: str, node: Node, node_id: str, changes: list[Change] | None = None) -> None:
        kind = questions if isinstance(node, Question) else outcomes
        kind.append(_node_entry(change, node, node_id, changes))

    for old_id, node in a.nodes.items():
        new_id = renamed.get(old_id, old_id)
        after_node = b.nodes.get(new_id)
        if after_node is None or type(after_node) is not type(node):
            put("removed", node, old_id)
            continue
        if isinstance(node, Question):
            assert isinstance(after_node, Question)
            changes = _question(node, after_node, renamed, relabel)
        else:
            assert isinstance(after_node, Outcome)
            changes = _outcome(node, after_node)
        if changes:
            put("changed", after_node, new_id, changes)
    matched = {
        renamed.get(i, i)
        for i, node in a.nodes.items()
        if type(b.nodes.get(renamed.get(i, i))) is type(node)
    }
    for new_id, node in b.nodes.items():
        if new_id not in matched:
            put("added", node, new_id)
    return questions, outcomes, relabel


def _route_changes(before: dict[tuple, Route], after: dict[tuple, Route]) -> Routes:
    """The routes added, leading elsewhere and removed."""
    added, changed = [], []
    for key, route in after.items():
        if key not in before:
            added.append(route)
        elif before[key].to.place() != route.to.place():
            changed.append(RouteChanged(route.answers, before[key].to, route.to))
    return Routes(added, [r for k, r in before.items() if k not in after], changed)


def _node_entry(
    change: str, node: Node, node_id: str, changes: list[Change] | None = None
) -> NodeChange:
    """A node added, removed or changed; its line is set once the tree is compared."""
    if isinstance(node, Question):
        return NodeChange(node_id, change, node.question, None, changes or [], 0)
    return NodeChange(node_id, change, node.title, node.urgent, changes or [], 0)


def _content(node: Node) -> tuple:
    """What a node says, without its id or where its options lead."""
    if isinstance(node, Question):
        return ("q", node.question, node.help, tuple(o.label for o in node.options))
    return ("o", node.title, node.intro, node.urgent, node.steps, node.contacts)


def _renames(a: Tree, b: Tree) -> dict[str, str]:
    """Old id -> new id for nodes whose id changed but whose content did not (or whose
    question or title did not, when that alone is unique on both sides)."""
    gone = [i for i in a.nodes if i not in b.nodes]
    came = [i for i in b.nodes if i not in a.nodes]
    renamed: dict[str, str] = {}
    for signature in (_content, _headline):
        left: dict[Any, list[str]] = {}
        right: dict[Any, list[str]] = {}
        for i in gone:
            if i not in renamed:
                left.setdefault(signature(a.nodes[i]), []).append(i)
        for i in came:
            if i not in renamed.values():
                right.setdefault(signature(b.nodes[i]), []).append(i)
        for sig, ids in left.items():
            if len(ids) == 1 and len(right.get(sig, ())) == 1:
                renamed[ids[0]] = right[sig][0]
    return renamed


def _headline(node: Node) -> tuple:
    return ("q", node.question) if isinstance(node, Question) else ("o", node.title)


def _target(option: Option, renamed: dict[str, str]) -> str:
    if option.tree:
        return f"tree:{option.tree}"
    return renamed.get(option.next or "", option.next or "")


def _question(
    a: Question, b: Question, renamed: dict[str, str], relabel: dict[tuple[str, str], str]
) -> list[Change]:
    changes: list[Change] = []
    if a.question != b.question:
        changes.append(Change("question", a.question, b.question))
    if a.help != b.help:
        changes.append(Change("help", a.help, b.help))
    old_labels = {o.label: o for o in a.options}
    new_labels = {o.label: o for o in b.options}
    gone = [o for o in a.options if o.label not in new_labels]
    came = [o for o in b.options if o.label not in old_labels]
    pairs = []
    for o in list(gone):  # a relabel: same place to go, new words
        same = [n for n in came if _target(n, {}) == _target(o, renamed)]
        if len(same) == 1:
            pairs.append((o, same[0]))
            gone.remove(o)
            came.remove(same[0])
    if len(gone) == len(came):  # the rest, in order
        pairs += list(zip(gone, came, strict=True))
        gone, came = [], []
    for o, n in pairs:
        relabel[(b.id, o.label)] = n.label
        changes.append(Change("option", o.label, n.label))
        if _target(o, renamed) != _target(n, {}):
            changes.append(Change("leads", _target(o, renamed), _target(n, {}), option=n.label))
    changes += [Change("option", o.label, None) for o in gone]
    changes += [Change("option", None, n.label) for n in came]
    for label, o in old_labels.items():
        kept = new_labels.get(label)
        if kept is not None and _target(o, renamed) != _target(kept, {}):
            changes.append(Change("leads", _target(o, renamed), _target(kept, {}), option=label))
    return changes


def _outcome(a: Outcome, b: Outcome) -> list[Change]:
    changes: list[Change] = []
    for field in ("urgent", "title", "intro"):
        if getattr(a, field) != getattr(b, field):
            changes.append(Change(field, getattr(a, field), getattr(b, field)))
    changes += _steps(a.steps, b.steps)
    if a.contacts != b.contacts:
        changes.append(Change("contacts", list(a.contacts), list(b.contacts)))
    return changes


def _steps(a: tuple[Step, ...], b: tuple[Step, ...]) -> list[Change]:
    """Steps aligned as a diff aligns lines (by their text), numbered as the family sees them."""
    changes: list[Change] = []
    matcher = SequenceMatcher(None, [s.text for s in a], [s.text for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        if op == "equal" or (op == "replace" and len(olds) == len(news)):
            for i, j in zip(olds, news, strict=True):
                if a[i].text != b[j].text:
                    changes.append(Change("step", a[i].text, b[j].text, number=j + 1))
                if a[i].source != b[j].source:
                    changes.append(
                        Change("source", _source(a[i].source), _source(b[j].source), number=j + 1)
                    )
            continue
        changes += [Change("step", a[i].text, None, number=i + 1) for i in olds]
        changes += [Change("step", None, b[j].text, number=j + 1) for j in news]
    return changes


# -- routes ---------------------------------------------------------------------


def _routes(
    library: Library, tree: Tree, renamed: dict[str, str], relabel: dict[tuple[str, str], str]
) -> dict[tuple, Route]:
    """The tree's routes by their answers (in the new tree's ids and labels): each to an
    outcome of the tree, or to the point where it goes on into another tree."""
    out: dict[tuple, Route] = {}
    for route in find_routes(library, tree.id).routes:
        own = []
        for answer in route.answers:
            if answer.tree != tree.id:
                break
            own.append(answer)
        answers = []
        key = []
        for answer in own:
            node = renamed.get(answer.node, answer.node)
            label = relabel.get((node, answer.label), answer.label)
            key.append((node, label))
            answers.append(Answer(node, answer.question, answer.label))
        if len(own) < len(route.answers) or route.outcome_tree != tree.id:
            linked = route.answers[len(own)].tree if len(own) < len(route.answers) else None
            linked = linked or route.outcome_tree
            to = End(linked, None, library.tree(linked).title, None)
        else:
            outcome = route.outcome
            to = End(None, renamed.get(outcome.id, outcome.id), outcome.title, outcome.urgent)
        out.setdefault(tuple(key), Route(answers, to))
    return out
