"""Where each change of a `signpost diff` review stands in its file: the file names
and lines its JSON gives and its GitHub annotations are put on.

A route change is put on the line of what changed in the new file (docs/commands.md,
"diff"): a new route on the first answer no route had before (that option's line), or,
if every answer was there, on its last answer, the option that now leads somewhere
new; a route leading elsewhere on its last answer too; a route removed on the nearest
question of it the new file still has, going back from the first answer no route has
now. A removed node is put on the first question that led to it and is still there, a
renamed one on its new id. Anything else (a route with no answers, a
field of the tree) is put on the tree's `reviewed:` line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from signpost.content.library import Library
from signpost.content.model import Question, Tree
from signpost.names import CONTACTS_FILE
from signpost.reports.diffrecords import Route, RouteChanged, Routes

Pair = tuple[str, str]  # (question id, option label): one answer of a route


class TreeLines(NamedTuple):
    """The lines of one tree's file: each node's id, each option, and `reviewed`."""

    nodes: dict[str, int]
    options: dict[Pair, int]
    reviewed: int


def file_name(library: Library, name: str) -> str:
    """`name.yaml` in the library's folder, as the review names it."""
    folder = str(library.trees_dir)
    return f"{name}.yaml" if folder == "." else f"{folder}/{name}.yaml"


def catalogue_lines(library: Library) -> dict[str, int]:
    """The line of each contact's id in the catalogue."""
    if CONTACTS_FILE not in library.file_names():
        return {}
    doc = library.document(CONTACTS_FILE)
    return {str(p[1]): m.line for p, m in doc.keys.items() if len(p) == 2 and p[0] == "contacts"}


def tree_lines(library: Library, tree: Tree) -> TreeLines:
    doc = library.document(f"{tree.id}.yaml")
    nodes = {}
    reviewed = 1
    for path, mark in doc.keys.items():
        if len(path) == 2 and path[0] == "nodes":
            nodes[str(path[1])] = mark.line
        elif path == ("reviewed",):
            reviewed = mark.line
    options: dict[Pair, int] = {}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            for n, option in enumerate(node.options):
                where = doc.values.get(("nodes", node_id, "options", n))
                if where is not None:
                    options.setdefault((node_id, option.label), where.line)
    return TreeLines(nodes, options, reviewed)


def place_routes(
    routes: Routes,
    before: Iterable[tuple[Pair, ...]],
    after: Iterable[tuple[Pair, ...]],
    at: TreeLines,
) -> Routes:
    """`routes` with the line each is put on (the module docstring): `before` and
    `after` are the keys of every route of the old and the new tree."""
    had = {pair for key in before for pair in key}
    has = {pair for key in after for pair in key}
    return Routes(
        [r._replace(at=_added(r, had, at)) for r in routes.added],
        [r._replace(at=_removed(r, has, at)) for r in routes.removed],
        [r._replace(at=_changed(r, at)) for r in routes.changed],
    )


def _added(route: Route, had: set[Pair], at: TreeLines) -> int:
    for answer in route.answers:
        pair = (answer.node, answer.answer)
        if pair not in had:
            return at.options.get(pair, at.reviewed)
    return _changed(route, at)  # the last answer now leads somewhere new


def _removed(route: Route, has: set[Pair], at: TreeLines) -> int:
    pairs = [(a.node, a.answer) for a in route.answers]
    first = next((n for n, pair in enumerate(pairs) if pair not in has), len(pairs) - 1)
    for node, _ in reversed(pairs[: first + 1]):
        if node in at.nodes:
            return at.nodes[node]
    return at.reviewed


def _changed(route: Route | RouteChanged, at: TreeLines) -> int:
    if not route.answers:
        return at.reviewed
    last = route.answers[-1]
    return at.options.get((last.node, last.answer), at.reviewed)


def removed_node(old: Tree, node_id: str, renamed: dict[str, str], at: TreeLines) -> int:
    """The line a node removed is put on: the first question of the old tree that led
    to it and that the new file still has (by its new id)."""
    for question_id, node in old.nodes.items():
        if isinstance(node, Question) and any(o.next == node_id for o in node.options):
            line = at.nodes.get(renamed.get(question_id, question_id))
            if line is not None:
                return line
    return at.reviewed
