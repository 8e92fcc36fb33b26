"""The walk: where a person is in a tree, what they answered, and where they can go.

A `Walk` is plain state with no terminal in it. The CLI asks the questions and
feeds choices in; tests do the same with scripted answers. Going back pops the
last answer, so answers that no longer apply are dropped by construction.
Any earlier answer can be changed the same way (`change`).
Cross-tree links push the other tree's start. A link back to a question already
on the path returns to it, as Back would, dropping the answers given since: the
path never holds a question twice, so a walk cannot grow or loop without end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from signpost.content.library import Library
from signpost.content.model import Node, Option, Outcome, Question, Tree
from signpost.errors import TreeError, UsageError
from signpost.names import MAX_DEPTH
from signpost.safetext import excerpt, small_number


class Answer(NamedTuple):
    """One answered question on the path taken."""

    tree: str
    node: str
    question: str
    label: str
    # 0-based option index; the name (used by the screens) hides tuple.index, unused here
    index: int  # type: ignore[assignment]


class Walk:
    """A person's progress through one tree (and any trees it links into)."""

    def __init__(self, library: Library, tree_id: str):
        self.library = library
        self.first = library.tree(tree_id)
        self.answers: list[Answer] = []
        self._stops: list[tuple[str, str]] = [(self.first.id, self.first.start)]

    @property
    def tree(self) -> Tree:
        return self.library.tree(self._stops[-1][0])

    @property
    def node(self) -> Node:
        return self.tree.node(self._stops[-1][1])

    @property
    def position(self) -> tuple[str, str]:
        """(tree id, node id) of where the person is now."""
        return self._stops[-1]

    @property
    def finished(self) -> bool:
        return isinstance(self.node, Outcome)

    @property
    def outcome(self) -> Outcome:
        node = self.node
        if not isinstance(node, Outcome):
            raise RuntimeError("the walk has not reached an outcome yet")
        return node

    @property
    def can_go_back(self) -> bool:
        return bool(self.answers)

    def choose(self, index: int) -> Node:
        """Answer the current question with option `index` (0-based) and move on."""
        node = self.node
        if not isinstance(node, Question):
            raise RuntimeError("the walk is at an outcome; there is nothing to answer")
        if not 0 <= index < len(node.options):
            raise IndexError(index)
        option = node.options[index]
        tree_id = self.tree.id
        target = self.library.leads_to(self.tree, node, option)
        self.library.tree(target[0]).node(target[1])  # fail now, not on the next screen
        if target in self._stops:  # back to a question on the path, as Back would
            index = self._stops.index(target)
            del self._stops[index + 1 :]
            del self.answers[index:]
            return self.node
        if len(self.answers) >= MAX_DEPTH:
            raise TreeError(
                f"this path is longer than {MAX_DEPTH} questions",
                where=self.tree.file,
                hint="Run `signpost lint` on the tree.",
            )
        self.answers.append(Answer(tree_id, node.id, node.question, option.label, index))
        self._stops.append(target)
        return self.node

    def back(self) -> Answer:
        """Undo the last answer: that question is asked again and its answer dropped.

        Returns the dropped answer, so the question can show it as the one given before.
        """
        if not self.answers:
            raise RuntimeError("there is no earlier question")
        return self.change(len(self.answers) - 1)

    def change(self, number: int) -> Answer:
        """Ask the `number`-th (0-based) answered question again.

        Every answer from it on is dropped: the later ones may no longer apply.
        Returns the answer given before, so it can be offered first.
        """
        if not 0 <= number < len(self.answers):
            raise IndexError(number)
        before = self.answers[number]
        del self.answers[number:]
        del self._stops[number + 1 :]
        return before

    def carry_on(self) -> int | None:
        """After an urgent outcome, go on with the questions, once the child is safe.

        The question that led here is asked again. If exactly one of its options
        leads anywhere but an urgent outcome ("No, not right now"), that option is
        taken, as the person has said their child is safe now, and None returned;
        otherwise the option to offer first (the first one that is not urgent).
        """
        if not (self.finished and self.outcome.urgent and self.answers):
            raise RuntimeError("carry on follows an urgent outcome")
        self.back()
        question = self.node
        assert isinstance(question, Question)
        calm = [n for n, option in enumerate(question.options) if not self._urgent(option)]
        if len(calm) == 1:
            self.choose(calm[0])
            return None
        return calm[0] if calm else None

    def _urgent(self, option: Option) -> bool:
        if option.tree:
            return False
        node = self.tree.node(option.node)
        return isinstance(node, Outcome) and node.urgent

    def restart(self) -> Node:
        """Back to the first question, with every answer dropped."""
        del self.answers[:]
        del self._stops[1:]
        return self.node


def option_index(question: Question, answer: object, *, where: str = "") -> int:
    """The 0-based option an answer names: its label (case aside) or its 1-based number."""
    labels = [option.label for option in question.options]
    if isinstance(answer, bool):  # YAML 1.1 reads a bare Yes / No as true / false
        answer = "Yes" if answer else "No"
    if isinstance(answer, int) and 1 <= answer <= len(labels):
        return answer - 1
    if isinstance(answer, str):
        text = answer.strip()
        number = small_number(text)
        if number is not None and 1 <= number <= len(labels):
            return number - 1
        folded = [label.casefold() for label in labels]
        if text.casefold() in folded:
            return folded.index(text.casefold())
    shown = f"'{excerpt(answer)}'" if isinstance(answer, str) else excerpt(repr(answer))
    choices = "; ".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
    raise UsageError(
        f"the answer {shown} for `{question.id}` is not one of its options",
        where=where or None,
        hint=f"Give the option's number or label: {choices}.",
    )


def walk_scripted(
    library: Library, tree_id: str, answers: Mapping[str, object], *, where: str = ""
) -> Walk:
    """Walk `tree_id` to an outcome with answers given up front.

    `answers` maps a node id (or `tree-id:node-id` once the path has crossed
    into another tree) to an option label or 1-based number. A missing or
    unfitting answer raises `UsageError` naming the node and its options.
    """
    walk = Walk(library, tree_id)
    asked: set[tuple[str, str]] = set()
    while not walk.finished:
        tree_id, node_id = walk.position
        if (tree_id, node_id) in asked:  # the same answer again would go round for ever
            raise UsageError(
                f"these answers lead back to `{node_id}`, which was already answered, so they "
                "would go round in a loop",
                where=where or None,
                hint="Change one of the answers on the way; `signpost paths` lists the routes.",
            )
        asked.add((tree_id, node_id))
        question = walk.node
        assert isinstance(question, Question)
        for key in (f"{tree_id}:{node_id}", node_id):
            if key in answers:
                break
        else:
            choices = "; ".join(f"{n}. {o.label}" for n, o in enumerate(question.options, 1))
            raise UsageError(
                f"no answer for `{node_id}` ({question.question})",
                where=where or None,
                hint=f"Add `{node_id}:` with one of: {choices}.",
            )
        walk.choose(option_index(question, answers[key], where=where))
    return walk
