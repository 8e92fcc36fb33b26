"""Every route through a tree: the answers from the start to each outcome.

Routes follow cross-tree links exactly as the walk does, and a link that would
come back to a question already on the route is not followed (the walk refuses
it too), so the search always ends. Each route can be replayed with
`walk_scripted` using `Route.answers_mapping()`, which is what `signpost paths`,
`signpost search` and the tests rely on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from signpost.content.library import Library
from signpost.content.model import Option, Outcome, Question, Tree
from signpost.errors import TreeError
from signpost.names import MAX_ROUTES  # far beyond any tree a person could walk
from signpost.walk.state import MAX_DEPTH, Answer, calm_options, carried
from signpost.words import count as _count


class Route(NamedTuple):
    """One way from the start of `tree` to an outcome."""

    tree: str  # the tree the route starts in
    answers: tuple[Answer, ...]
    outcome_tree: str
    outcome: Outcome

    @property
    def reached(self) -> str:
        """The outcome as a scenario names it: `node`, or `tree:node` after a link."""
        if self.outcome_tree == self.tree:
            return self.outcome.id
        return f"{self.outcome_tree}:{self.outcome.id}"

    def key(self, answer: Answer) -> str:
        return answer.node if answer.tree == self.tree else f"{answer.tree}:{answer.node}"

    def answers_mapping(self, *, numbers: bool = False) -> dict[str, object]:
        """The answers as `walk_scripted` takes them: labels, or 1-based option numbers."""
        return {self.key(a): (a.choice + 1 if numbers else a.label) for a in self.answers}

    def to_dict(self) -> dict:
        return {
            "answers": [
                {
                    "tree": a.tree,
                    "node": a.node,
                    "question": a.question,
                    "answer": a.label,
                    "number": a.choice + 1,
                }
                for a in self.answers
            ],
            "outcome": {
                "tree": self.outcome_tree,
                "id": self.outcome.id,
                "title": self.outcome.title,
                "urgent": self.outcome.urgent,
            },
            "reached": self.reached,
        }


class Loop(NamedTuple):
    """An option that leads back to a question already on the route, so is not followed."""

    answers: tuple[Answer, ...]  # the route up to and including the looping answer
    target: str  # `tree:node` it leads back to


class Routes(NamedTuple):
    tree: str
    routes: tuple[Route, ...]
    loops: tuple[Loop, ...]

    def outcomes(self) -> list[str]:
        """The outcomes reached, each once, in route order."""
        return list(dict.fromkeys(route.reached for route in self.routes))

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "tree": self.tree,
            "routes": [route.to_dict() for route in self.routes],
            "loops": [
                {
                    "answers": [
                        {"tree": a.tree, "node": a.node, "answer": a.label} for a in loop.answers
                    ],
                    "target": loop.target,
                }
                for loop in self.loops
            ],
        }


def linked_tree(library: Library, tree: Tree, question: Question, option: Option) -> Tree:
    """The tree an option links to (`Library.linked_tree`)."""
    return library.linked_tree(tree, question, option)


class Point(NamedTuple):
    """One point of a walk from the start of `tree`: where the answers so far lead.

    `stops` are the (tree, node) pairs from the start to here, one more than the
    answers; the last is `node`, in `at_tree`.
    """

    tree: str
    answers: tuple[Answer, ...]
    stops: tuple[tuple[str, str], ...]
    at_tree: str
    node: Question | Outcome


def explore(
    library: Library, tree_id: str, limit: int | None = None, *, carry_on: bool = False
) -> Iterator[Point | Loop]:
    """Every point of every walk from the start of `tree_id`, depth first in option order,
    and each option that leads back to a question already on the way (not followed).

    With `carry_on`, each urgent outcome is followed by the walks that carry on from it
    once the child is safe (the site's "My child is safe now: carry on"): the urgent
    answer kept, marked with the option the walk goes on by.

    The one route enumeration: `find_routes` keeps the outcomes, `signpost site` a page
    for every point. Every route ends at an outcome or by leading back (a `Loop`); both
    count towards `limit` (`MAX_ROUTES`), so a tree whose answers loop back again and
    again stops in time and memory in proportion to the limit (each route is at most
    `MAX_DEPTH` answers), with a `TreeError`.
    """
    first = library.tree(tree_id)
    walker = _Explorer(library, first, MAX_ROUTES if limit is None else limit, carry_on)
    return walker.visit(((first.id, first.start),), ())


Stops = tuple[tuple[str, str], ...]  # the (tree, node) of each point on the way


class _Explorer:
    """One `explore`: where it started, and how many routes have ended, against the limit."""

    __slots__ = ("carry_on", "ends", "first", "library", "limit")

    def __init__(self, library: Library, first: Tree, limit: int, carry_on: bool):
        self.library, self.first, self.limit, self.carry_on = library, first, limit, carry_on
        self.ends = 0

    def end(self) -> None:
        self.ends += 1
        if self.ends > self.limit:
            raise TreeError(
                f"the tree `{self.first.id}` has more than {self.limit} routes (counting "
                "those that lead back to a question on the way)",
                where=self.first.file,
                hint="Split it into smaller trees.",
            )

    def visit(self, stops: Stops, answers: tuple[Answer, ...]) -> Iterator[Point | Loop]:
        tree_now, node_id = stops[-1]
        tree = self.library.tree(tree_now)
        node = tree.node(node_id)
        yield Point(self.first.id, answers, stops, tree_now, node)
        if isinstance(node, Outcome):
            self.end()
            first_urgent = node.urgent and not any(a.carried_on for a in answers)
            if self.carry_on and answers and first_urgent:
                yield from self.carry(stops, answers)
            return
        if len(answers) >= MAX_DEPTH:
            raise TreeError(
                f"a route is longer than {MAX_DEPTH} questions",
                where=tree.file,
                hint="Run `signpost lint` on the tree.",
            )
        for index, option in enumerate(node.options):
            answer = Answer(tree_now, node.id, node.question, option.label, index)
            if option.tree:  # a missing tree is reported by the option that names it
                linked_tree(self.library, tree, node, option)
            yield from self.follow(tree, node, option, stops, answers + (answer,))

    def follow(
        self, tree: Tree, node: Question, option: Option, stops: Stops, answers: tuple
    ) -> Iterator[Point | Loop]:
        """Where `option` of `node` leads: on, or (a question already on the way) a loop."""
        target = self.library.leads_to(tree, node, option)
        if target in stops:
            self.end()
            yield Loop(answers, f"{target[0]}:{target[1]}")
            return
        yield from self.visit(stops + (target,), answers)

    def carry(self, stops: Stops, answers: tuple[Answer, ...]) -> Iterator[Point | Loop]:
        """The walks that carry on from the urgent outcome at the end of `stops`, by each
        calm option of the question before it, the urgent answer kept and marked."""
        tree = self.library.tree(stops[-2][0])
        question = tree.node(stops[-2][1])
        assert isinstance(question, Question)
        calm = calm_options(self.library, tree, question)
        for index in calm:
            option = question.options[index]
            answer = carried(answers[-1], index, calm, option.label)
            yield from self.follow(tree, question, option, stops[:-1], answers[:-1] + (answer,))


def find_routes(library: Library, tree_id: str) -> Routes:
    """Every route from the start of `tree_id` to an outcome, depth first in option order."""
    routes: list[Route] = []
    loops: list[Loop] = []
    for item in explore(library, tree_id):
        if isinstance(item, Loop):
            loops.append(item)
        elif isinstance(item.node, Outcome):
            routes.append(Route(tree_id, item.answers, item.at_tree, item.node))
    return Routes(tree_id, tuple(routes), tuple(loops))


def shortest_route(paths: Routes, outcome_tree: str, outcome_id: str) -> Route | None:
    """The route with the fewest answers to that outcome (the first such, in option order)."""
    matching = [
        r for r in paths.routes if r.outcome_tree == outcome_tree and r.outcome.id == outcome_id
    ]
    return min(matching, key=lambda r: len(r.answers)) if matching else None


def format_text(paths: Routes, title: str) -> str:
    """The routes as plain text: each outcome reached, then the answers (question → option)."""
    outcomes = paths.outcomes()
    lines = [
        f"{paths.tree}: {title}",
        f"{_count(len(paths.routes), 'route')} to {_count(len(outcomes), 'outcome')}.",
        "",
    ]
    for number, route in enumerate(paths.routes, 1):
        urgent = " (urgent)" if route.outcome.urgent else ""
        lines.append(f"{number}. {route.reached}: {route.outcome.title}{urgent}")
        for answer in route.answers:
            lines.append(f"     {route.key(answer)} \u2192 {answer.label}")
    for loop in paths.loops:
        last = loop.answers[-1]
        lines.append("")
        lines.append(
            f"Not followed: `{last.label}` at {last.tree}:{last.node} leads back to "
            f"{loop.target}, already on the route."
        )
    return "\n".join(lines) + "\n"
