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
    choice: int  # the option chosen, 0-based
    # After an urgent answer, "my child is safe now: carry on": the option whose way the
    # walk went on (0-based), and its label when the person chose it among several. The
    # answer itself (label, choice) stays what the person said.
    then: int | None = None
    then_label: str | None = None

    @property
    def said(self) -> str:
        """The answer as the record shows it: what was said, and a carry-on after it."""
        if self.then is None:
            return self.label
        if self.then_label is None:
            return f"{self.label} (then carried on, once your child was safe)"
        return f"{self.label} (then, once your child was safe: {self.then_label})"

    @property
    def carried_on(self) -> bool:
        return self.then is not None


class Walk:
    """A person's progress through one tree (and any trees it links into)."""

    __slots__ = ("_carrying", "_stops", "answers", "first", "library")

    def __init__(self, library: Library, tree_id: str):
        self.library = library
        self.first = library.tree(tree_id)
        self.answers: list[Answer] = []
        self._carrying: Answer | None = None  # an urgent answer, until the question is re-asked
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
        carrying, self._carrying = self._carrying, None
        answer = Answer(tree_id, node.id, node.question, option.label, index)
        if carrying and carrying[:2] == (tree_id, node.id) and not self._urgent(option):
            answer = carrying._replace(then=index, then_label=option.label)
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
        self.answers.append(answer)
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
        self._carrying = None
        del self.answers[number:]
        del self._stops[number + 1 :]
        return before

    def carry_on(self) -> int | None:
        """After an urgent outcome, go on with the questions, once the child is safe.

        The record keeps what the person answered. If exactly one option of the question
        that led here leads anywhere but an urgent outcome ("No, not right now"), the
        walk goes on that way, the answer marked as carried on, and None is returned.
        Otherwise that question is asked again, and the option to offer first (the first
        that is not urgent) returned; the answer chosen then is kept beside the first.
        """
        if not (self.finished and self.outcome.urgent and self.answers):
            raise RuntimeError("carry on follows an urgent outcome")
        said = self.back()
        question = self.node
        assert isinstance(question, Question)
        calm = calm_options(self.library, self.tree, question)
        if not calm:
            return said.choice
        self._carrying = said
        if len(calm) == 1:
            self.choose(calm[0])
            if self.answers and self.answers[-1].then is not None:  # no choice: no label
                self.answers[-1] = self.answers[-1]._replace(then_label=None)
            return None
        return calm[0]

    def _urgent(self, option: Option) -> bool:
        return leads_to_urgent(self.tree, option)

    def restart(self) -> Node:
        """Back to the first question, with every answer dropped."""
        self._carrying = None
        del self.answers[:]
        del self._stops[1:]
        return self.node


def leads_to_urgent(tree: Tree, option: Option) -> bool:
    """Whether `option` leads straight to an urgent outcome (a link to a tree never does)."""
    if option.tree:
        return False
    node = tree.node(option.node)
    return isinstance(node, Outcome) and node.urgent


def calm_options(library: Library, tree: Tree, question: Question) -> list[int]:
    """The options (0-based) of `question` that do not lead to an urgent outcome: the ways
    on once the person has said their child is safe now."""
    return [n for n, option in enumerate(question.options) if not leads_to_urgent(tree, option)]


def carried(answer: Answer, then: int, calm: list[int], label: str) -> Answer:
    """`answer` (an urgent one) carried on by option `then`: its label kept when it was
    one choice among several."""
    return answer._replace(then=then, then_label=label if len(calm) > 1 else None)


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
        _answer(walk, question, answers[key], where)
    return walk


def _answer(walk: Walk, question: Question, given: object, where: str) -> None:
    """One scripted answer: an option, or `{answer: ..., then: ...}` for an urgent answer
    carried on once the child is safe, by the option `then` names (the record keeps both)."""
    if not isinstance(given, Mapping):
        walk.choose(option_index(question, given, where=where))
        return
    if set(given) != {"answer", "then"}:
        raise UsageError(
            f"the answer for `{question.id}` is a mapping, but not of `answer` and `then`",
            where=where or None,
            hint="Give an option, or {answer: <urgent option>, then: <option to carry on by>}.",
        )
    walk.choose(option_index(question, given["answer"], where=where))
    if not (walk.finished and walk.outcome.urgent):
        raise UsageError(
            f"`{question.id}`: `then` carries on after an urgent answer, and this one is not",
            where=where or None,
            hint="Give the answer alone.",
        )
    then = option_index(question, given["then"], where=where)
    offered = walk.carry_on()
    taken = walk.answers[-1].then or 0
    if offered is None and taken != then:
        raise UsageError(
            f"`{question.id}`: once the child is safe the walk carries on by option "
            f"{taken + 1} ({question.options[taken].label})",
            where=where or None,
            hint="Give that option as `then`.",
        )
    if offered is not None:
        if then not in calm_options(walk.library, walk.tree, question):
            raise UsageError(
                f"`{question.id}`: `then` must be an option that is not urgent",
                where=where or None,
                hint="Give the option to carry on by once the child is safe.",
            )
        walk.choose(then)
