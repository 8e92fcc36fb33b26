"""The walk engine: answering, going back, starting again, cross-tree links, loops."""

import datetime as dt

import pytest
from conftest import ROOT

from signpost.content.library import Library
from signpost.errors import UsageError
from signpost.walk import plantext
from signpost.walk.plan import make_plan
from signpost.walk.state import Walk, walk_scripted

FIXTURES = Library(ROOT / "tests" / "fixtures" / "trees", ROOT / "seeds")


def test_walk_answers_questions_to_an_outcome():
    walk = Walk(FIXTURES, "alpha")
    assert walk.position == ("alpha", "first")
    assert not walk.can_go_back
    walk.choose(0)
    assert walk.position == ("alpha", "second")
    walk.choose(1)
    assert walk.finished
    assert walk.outcome.title == "Call the council team"
    assert [(a.node, a.label) for a in walk.answers] == [("first", "Yes"), ("second", "No")]


def test_a_walk_is_slotted_as_docs_architecture_says():
    walk = Walk(FIXTURES, "alpha")
    with pytest.raises(AttributeError):
        walk.answer = []  # type: ignore[attr-defined]  # a slip for `answers` fails at once
    assert not hasattr(walk, "__dict__")


def test_back_drops_the_answer_that_no_longer_applies():
    walk = Walk(FIXTURES, "alpha")
    walk.choose(0)
    walk.choose(0)
    assert walk.outcome.id == "keep-going"
    walk.back()
    assert walk.position == ("alpha", "second")
    assert [a.node for a in walk.answers] == ["first"]
    walk.back()
    walk.choose(1)  # a different first answer: the second question no longer applies
    assert walk.outcome.id == "talk-to-school"
    assert [(a.node, a.label) for a in walk.answers] == [("first", "No")]


def test_restart_clears_every_answer():
    walk = Walk(FIXTURES, "alpha")
    walk.choose(0)
    walk.choose(1)
    walk.restart()
    assert walk.position == ("alpha", "first")
    assert walk.answers == []


def test_cross_tree_link_and_back_across_it():
    walk = Walk(FIXTURES, "alpha")
    walk.choose(2)
    assert walk.position == ("beta", "risk")
    assert walk.tree.id == "beta" and walk.first.id == "alpha"
    walk.choose(1)
    assert walk.position == ("beta", "kooth")
    walk.back()
    walk.back()
    assert walk.position == ("alpha", "first")


def test_a_link_back_into_the_path_returns_there_and_never_grows():
    walk = Walk(FIXTURES, "loop")
    for _ in range(100):
        walk.choose(0)  # "Round" links to this tree's own start
        assert walk.position == ("loop", "here")
        assert walk.answers == []
    walk.choose(1)
    assert walk.outcome.id == "done"


def test_link_back_across_trees_drops_the_answers_since(tmp_path):
    lib = Library(tmp_path, ROOT / "seeds")
    step = (
        "      steps:\n        - text: t\n          source: {doc: 000_cd7fdd44bcd59a55.txt, "
        "quote: Every child has the right to an education.}\n"
    )
    head = "title: T\nsummary: S\naudience: [parents]\nreviewed: 2026-01-01\nstart: q\nnodes:\n"
    (tmp_path / "one.yaml").write_text(
        "id: one\n" + head + "  q:\n    question: Q1?\n    options:\n"
        "      - {label: To two, tree: two}\n      - {label: Done, next: end}\n"
        "  end:\n    outcome:\n      title: End\n" + step
    )
    (tmp_path / "two.yaml").write_text(
        "id: two\n" + head + "  q:\n    question: Q2?\n    options:\n"
        "      - {label: Back to one, tree: one}\n      - {label: Stay, next: end}\n"
        "  end:\n    outcome:\n      title: End two\n" + step
    )
    walk = Walk(lib, "one")
    walk.choose(0)
    assert walk.position == ("two", "q") and len(walk.answers) == 1
    walk.choose(0)
    assert walk.position == ("one", "q") and walk.answers == []
    with pytest.raises(
        UsageError,
        match="these answers lead back to `q`, which was already "
        "answered, so they would go round in a loop",
    ):
        walk_scripted(lib, "one", {"one:q": 1, "two:q": 1})


def test_scripted_walk_by_label_number_and_yaml_boolean():
    by_label = walk_scripted(FIXTURES, "alpha", {"first": "yes", "second": "No"})
    by_number = walk_scripted(FIXTURES, "alpha", {"first": 1, "second": "2"})
    by_bool = walk_scripted(FIXTURES, "alpha", {"first": True, "second": False})
    assert by_label.outcome.id == by_number.outcome.id == by_bool.outcome.id == "call-team"


def test_scripted_walk_across_trees_accepts_qualified_ids():
    walk = walk_scripted(FIXTURES, "alpha", {"first": 3, "beta:risk": "Yes"})
    assert walk.position == ("beta", "urgent")


def test_scripted_answer_that_does_not_fit_names_node_and_options():
    with pytest.raises(UsageError) as info:
        walk_scripted(FIXTURES, "alpha", {"first": "Maybe"}, where="a.yaml")
    assert str(info.value) == (
        "a.yaml: the answer 'Maybe' for `first` is not one of its options. Give the option's "
        "number or label: 1. Yes; 2. No; 3. It is about mental health."
    )


def test_scripted_walk_missing_answer():
    with pytest.raises(UsageError) as info:
        walk_scripted(FIXTURES, "alpha", {"first": "Yes"})
    assert str(info.value) == (
        "no answer for `second` (Is the school helping?). Add `second:` with one of: 1. Yes; 2. No."
    )


def test_unknown_tree_suggests_close_names_and_refuses_paths():
    with pytest.raises(
        UsageError, match=r"there is no tree called `alpah`\. Did you mean `alpha`\?"
    ):
        Walk(FIXTURES, "alpah")
    with pytest.raises(UsageError, match=r"there is no tree called `\.\./\.\./etc/passwd`"):
        Walk(FIXTURES, "../../etc/passwd")


def test_change_any_answer_drops_the_later_ones_and_gives_the_one_before():
    walk = Walk(FIXTURES, "alpha")
    walk.choose(0)
    walk.choose(1)
    assert walk.outcome.id == "call-team"
    before = walk.change(0)
    assert (before.node, before.label, before.choice) == ("first", "Yes", 0)
    assert walk.position == ("alpha", "first") and walk.answers == []
    walk.choose(0)
    before = walk.back()
    assert (before.node, before.choice) == ("first", 0)
    with pytest.raises(IndexError):
        walk.change(0)  # no answer is left to change


def test_carry_on_after_an_urgent_outcome_takes_the_one_calm_answer():
    walk = Walk(FIXTURES, "alpha")
    walk.choose(2)  # into beta
    walk.choose(0)  # in danger now -> urgent
    assert walk.outcome.urgent
    assert walk.carry_on() is None  # "No" is the only option that is not urgent: its way
    assert walk.outcome.id == "kooth"
    # the record keeps what was said, marked as carried on: never rewritten to "No"
    assert [a.label for a in walk.answers] == ["It is about mental health", "Yes"]
    assert walk.answers[-1].said == "Yes (then carried on, once your child was safe)"
    assert (walk.answers[-1].choice, walk.answers[-1].then) == (0, 1)
    plan = make_plan(walk)
    assert [c.phone for c in plan.urgent_contacts] == ["999", "111"]
    text = plantext.markdown(plan)
    assert text.index("## You told us your child may be at risk") < text.index("## What to do")
    assert (
        "- Is your child in danger right now? **Yes (then carried on, once your child was safe)**"
        in text
    )
    assert plan.to_dict()["path"][-1] == {
        "tree": "beta",
        "node": "risk",
        "question": "Is your child in danger right now?",
        "answer": "Yes",
        "carried_on": True,
        "then": None,
    }
    assert walk.back().choice == 0  # asked again with the answer given: Yes
    with pytest.raises(RuntimeError):
        walk.carry_on()  # not at an urgent outcome


def test_carry_on_with_many_calm_answers_asks_again_with_the_first_calm_one_offered(library):
    walk = Walk(library, "start")
    walk.choose(0)  # My child may be in danger -> urgent
    assert walk.outcome.urgent
    assert walk.carry_on() == 1  # back at the first question, the cursor on the next option
    assert walk.position == ("start", "what-worries-you") and walk.answers == []
    walk.choose(1)  # the answer chosen now is kept beside the first
    said = walk.answers[0]
    assert (said.choice, said.then, said.label) == (
        0,
        1,
        library.tree("start").node("what-worries-you").options[0].label,
    )
    assert said.then_label and said.said.endswith(
        f"(then, once your child was safe: {said.then_label})"
    )


def test_the_suggested_file_name_is_one_not_taken_yet(tmp_path):
    from signpost.walk.plan import default_plan_path

    walk = walk_scripted(FIXTURES, "alpha", {"first": 2})
    plan = make_plan(walk, dt.date(2026, 12, 7))
    (tmp_path / "Documents").mkdir()
    first = default_plan_path(plan, tmp_path)
    assert first == tmp_path / "Documents" / "signpost-plan-alpha-2026-12-07.md"
    first.write_text("saved before")
    assert default_plan_path(plan, tmp_path).name == "signpost-plan-alpha-2026-12-07-2.md"
