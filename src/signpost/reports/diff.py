"""What a change to the trees does to a family's walk, as plain data.

`compare(old, new)` takes two `Library`s (two folders, or two git revisions, see
`signpost.content.revision`) and returns a JSON-ready dict: for the contacts catalogue,
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
from signpost.names import CONTACTS_FILE
from signpost.walk.routes import find_routes

VERSION = 1
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
) -> dict[str, Any]:
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
    return {
        "version": VERSION,
        "old": old_name,
        "new": new_name,
        "changed": bool(contacts or trees or glossary),
        "stale_after_months": stale_after_months,
        "today": today.isoformat(),
        "contacts": contacts,
        "trees": trees,
        "glossary": glossary,
    }


def _glossary(old: Library, new: Library) -> list[dict]:
    """Each glossary term added, removed or whose meaning changed: a family is told what
    a word means, so a new meaning is a change they meet."""
    before, after = old.glossary.terms, new.glossary.terms
    out = []
    for term in sorted(set(before) | set(after)):
        a, b = before.get(term), after.get(term)
        if a is not None and b is not None and a.means == b.means:
            continue
        change = "added" if a is None else "removed" if b is None else "changed"
        out.append(
            {
                "term": term,
                "file": _file(new if b is not None else old, "glossary"),
                "change": change,
                "old": a.means if a is not None else None,
                "new": b.means if b is not None else None,
            }
        )
    return out


# -- contacts -------------------------------------------------------------------


def _contacts(
    old: dict[str, Contact], new: dict[str, Contact], before: Library, library: Library
) -> list[dict]:
    users = _contact_users(library)
    lines = _catalogue_lines(library)
    old_lines = _catalogue_lines(before)
    out = []
    renamed = _renamed(old, new)
    for gone, came in renamed.items():
        out.append(
            {
                "id": came,
                "old_id": gone,
                "name": new[came].name,
                "change": "renamed",
                "details": [],
                "other": [],
                "used_by": users.get(came, []),
                "file": _file(library, "contacts"),
                "line": lines.get(came, 1),
            }
        )
    for cid in sorted(set(old) | set(new)):
        if cid in renamed or cid in renamed.values():
            continue
        a, b = old.get(cid), new.get(cid)
        if a == b:
            continue
        shown = b or a
        assert shown is not None
        entry: dict[str, Any] = {
            "id": cid,
            "name": shown.name,
            "change": "added" if a is None else "removed" if b is None else "changed",
            "details": [],
            "other": [],
            "used_by": users.get(cid, []),
            "file": _file(library if b is not None else before, "contacts"),
            "line": (lines if b is not None else old_lines).get(cid, 1),
        }
        entry["details"], entry["other"] = _contact_changes(a, b, shown)
        out.append(entry)
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
) -> tuple[list[dict], list[dict]]:
    """The changed details (phone, email, ...) and other fields of a contact: for one
    added or removed, each detail it has, as gained or lost."""
    details: list[dict] = []
    other: list[dict] = []
    if a is not None and b is not None:
        for field in DETAILS:
            if getattr(a, field) != getattr(b, field):
                details.append(_change(field, getattr(a, field), getattr(b, field)))
        for field in OTHER_CONTACT_FIELDS:
            if getattr(a, field) != getattr(b, field):
                name = field.rstrip("_")
                other.append(_change(name, getattr(a, field), getattr(b, field)))
        if a.source != b.source:
            other.append(_change("source", _source(a.source), _source(b.source)))
        return details, other
    removed = b is None
    details = [
        _change(f, getattr(shown, f) if removed else None, None if removed else getattr(shown, f))
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


def _catalogue_lines(library: Library) -> dict[str, int]:
    if CONTACTS_FILE not in library.file_names():
        return {}
    doc = library.document(CONTACTS_FILE)
    return {str(p[1]): m.line for p, m in doc.keys.items() if len(p) == 2 and p[0] == "contacts"}


def _change(what: str, old: Any, new: Any, **more: Any) -> dict[str, Any]:
    return {"what": what, "old": old, "new": new, **more}


def _source(source: Any) -> dict | None:
    return None if source is None else {"doc": source.doc, "quote": source.quote}


# -- trees ----------------------------------------------------------------------


def _tree(
    old: Library, new: Library, a: Tree | None, b: Tree | None, limit: dt.date
) -> dict | None:
    shown = b or a
    assert shown is not None
    entry: dict[str, Any] = {
        "id": shown.id,
        "title": shown.title,
        "file": _file(new if b is not None else old, shown.id),
        "change": "added" if a is None else "removed" if b is None else "changed",
        "fields": [],
        "reviewed": None,
        "renamed": [],
        "routes": {"added": [], "removed": [], "changed": []},
        "questions": [],
        "outcomes": [],
    }
    if a is None or b is None:
        routes = _routes(new if b is not None else old, shown, {}, {})
        entry["routes"]["added" if a is None else "removed"] = list(routes.values())
        entry["line"] = 1
        return entry
    for field in ("title", "summary", "audience", "start", "menu", "order"):
        before, after = getattr(a, field), getattr(b, field)
        if before != after:
            entry["fields"].append(
                _change(field, list(before) if field == "audience" else before, after)
            )
    renamed = _renames(a, b)
    entry["renamed"] = [{"old": o, "new": n} for o, n in renamed.items()]
    relabel = _nodes(a, b, renamed, entry)
    _route_changes(_routes(old, a, renamed, relabel), _routes(new, b, {}, {}), entry)
    content_changed = any(entry[k] for k in ("fields", "renamed", "questions", "outcomes")) or any(
        entry["routes"].values()
    )
    if a.reviewed != b.reviewed or content_changed:
        entry["reviewed"] = {
            "old": a.reviewed.isoformat(),
            "new": b.reviewed.isoformat(),
            "stale": b.reviewed < limit,
        }
    if not content_changed and a.reviewed == b.reviewed:
        return None
    new_lines, old_lines = _lines(new, b.id), _lines(old, a.id)
    entry["line"] = new_lines.get("reviewed", 1)
    for kind in ("questions", "outcomes"):
        for item in entry[kind]:
            lines = old_lines if item["change"] == "removed" else new_lines
            item["line"] = lines.get(item["id"], 1)
    return entry


def _nodes(a: Tree, b: Tree, renamed: dict[str, str], entry: dict) -> dict:
    """Fill in `entry`'s questions and outcomes removed, changed and added; the labels
    changed, as (new question id, old label) -> new label."""
    relabel: dict[tuple[str, str], str] = {}
    for old_id, node in a.nodes.items():
        new_id = renamed.get(old_id, old_id)
        after_node = b.nodes.get(new_id)
        if after_node is None or type(after_node) is not type(node):
            kind = "questions" if isinstance(node, Question) else "outcomes"
            entry[kind].append(_node_entry("removed", node, old_id))
            continue
        if isinstance(node, Question):
            assert isinstance(after_node, Question)
            changes = _question(node, after_node, renamed, relabel)
            if changes:
                entry["questions"].append(_node_entry("changed", after_node, new_id, changes))
        else:
            assert isinstance(after_node, Outcome)
            changes = _outcome(node, after_node)
            if changes:
                entry["outcomes"].append(_node_entry("changed", after_node, new_id, changes))
    matched = {
        renamed.get(i, i)
        for i, node in a.nodes.items()
        if type(b.nodes.get(renamed.get(i, i))) is type(node)
    }
    for new_id, node in b.nodes.items():
        if new_id not in matched:
            kind = "questions" if isinstance(node, Question) else "outcomes"
            entry[kind].append(_node_entry("added", node, new_id))
    return relabel


def _route_changes(before_routes: dict, after_routes: dict, entry: dict) -> None:
    """Fill in `entry`'s routes added, leading elsewhere and removed."""
    for key, route in after_routes.items():
        if key not in before_routes:
            entry["routes"]["added"].append(route)
        elif _place(before_routes[key]["to"]) != _place(route["to"]):
            entry["routes"]["changed"].append(
                {"answers": route["answers"], "old": before_routes[key]["to"], "new": route["to"]}
            )
    entry["routes"]["removed"] = [r for k, r in before_routes.items() if k not in after_routes]


def _place(to: dict) -> tuple:
    return ("tree", to["tree"]) if "tree" in to else ("outcome", to["outcome"])


def _lines(library: Library, tree_id: str) -> dict[str, int]:
    """The line of each node's id in the tree's file (and of `reviewed`), for annotations."""
    doc = library.document(f"{tree_id}.yaml")
    lines = {"": 1}
    for path, mark in doc.keys.items():
        if len(path) == 2 and path[0] == "nodes":
            lines[str(path[1])] = mark.line
        elif path == ("reviewed",):
            lines["reviewed"] = mark.line
    return lines


def _file(library: Library, tree_id: str) -> str:
    folder = str(getattr(library, "folder", library.trees_dir))
    return f"{tree_id}.yaml" if folder == "." else f"{folder}/{tree_id}.yaml"


def _node_entry(change: str, node: Node, node_id: str, changes: list | None = None) -> dict:
    text = node.question if isinstance(node, Question) else node.title
    entry: dict[str, Any] = {"id": node_id, "change": change, "text": text}
    if isinstance(node, Outcome):
        entry["urgent"] = node.urgent
    entry["changes"] = changes or []
    return entry


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
) -> list[dict]:
    changes = []
    if a.question != b.question:
        changes.append(_change("question", a.question, b.question))
    if a.help != b.help:
        changes.append(_change("help", a.help, b.help))
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
        changes.append(_change("option", o.label, n.label))
        if _target(o, renamed) != _target(n, {}):
            changes.append(_change("leads", _target(o, renamed), _target(n, {}), option=n.label))
    changes += [_change("option", o.label, None) for o in gone]
    changes += [_change("option", None, n.label) for n in came]
    for label, o in old_labels.items():
        kept = new_labels.get(label)
        if kept is not None and _target(o, renamed) != _target(kept, {}):
            changes.append(_change("leads", _target(o, renamed), _target(kept, {}), option=label))
    return changes


def _outcome(a: Outcome, b: Outcome) -> list[dict]:
    changes = []
    for field in ("urgent", "title", "intro"):
        if getattr(a, field) != getattr(b, field):
            changes.append(_change(field, getattr(a, field), getattr(b, field)))
    changes += _steps(a.steps, b.steps)
    if a.contacts != b.contacts:
        changes.append(_change("contacts", list(a.contacts), list(b.contacts)))
    return changes


def _steps(a: tuple[Step, ...], b: tuple[Step, ...]) -> list[dict]:
    """Steps aligned as a diff aligns lines (by their text), numbered as the family sees them."""
    changes = []
    matcher = SequenceMatcher(None, [s.text for s in a], [s.text for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        if op == "equal" or (op == "replace" and len(olds) == len(news)):
            for i, j in zip(olds, news, strict=True):
                if a[i].text != b[j].text:
                    changes.append(_change("step", a[i].text, b[j].text, number=j + 1))
                if a[i].source != b[j].source:
                    changes.append(
                        _change("source", _source(a[i].source), _source(b[j].source), number=j + 1)
                    )
            continue
        changes += [_change("step", a[i].text, None, number=i + 1) for i in olds]
        changes += [_change("step", None, b[j].text, number=j + 1) for j in news]
    return changes


# -- routes ---------------------------------------------------------------------


def _routes(
    library: Library, tree: Tree, renamed: dict[str, str], relabel: dict[tuple[str, str], str]
) -> dict[tuple, dict]:
    """The tree's routes by their answers (in the new tree's ids and labels): each to an
    outcome of the tree, or to the point where it goes on into another tree."""
    out: dict[tuple, dict] = {}
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
            answers.append({"node": node, "question": answer.question, "answer": answer.label})
        if len(own) < len(route.answers) or route.outcome_tree != tree.id:
            linked = route.answers[len(own)].tree if len(own) < len(route.answers) else None
            linked = linked or route.outcome_tree
            to: dict[str, Any] = {"tree": linked, "title": library.tree(linked).title}
        else:
            outcome = route.outcome
            to = {
                "outcome": renamed.get(outcome.id, outcome.id),
                "title": outcome.title,
                "urgent": outcome.urgent,
            }
        out.setdefault(tuple(key), {"answers": answers, "to": to})
    return out
