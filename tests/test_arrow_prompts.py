"""The arrow-key walk, driven through prompt_toolkit's pipe input (no real terminal)."""

from contextlib import contextmanager

import pytest
from conftest import ROOT
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from signpost.content.library import Library
from signpost.errors import Stopped
from signpost.ui.prompts import ArrowPrompter
from signpost.ui.session import Terminal, choose_tree, run_menu, run_walk

FIXTURES = Library(ROOT / "tests" / "fixtures" / "trees", ROOT / "seeds")
DOWN, UP, ENTER, CTRL_C, ESC = "\x1b[B", "\x1b[A", "\r", "\x03", "\x1b"


@contextmanager
def keys(*presses):
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(presses))
        pipe.close()  # too few keys end in EOF instead of hanging the suite
        yield


def terminal(width=100):
    console = Console(record=True, width=width, color_system=None, force_terminal=False)
    return Terminal(console, ArrowPrompter(), plain=False), console


def test_arrow_walk_to_an_outcome_and_quit():
    term, console = terminal()
    # first: Down Enter = "No" -> outcome; then the bar under the plan: q = Quit
    with keys(DOWN, ENTER, "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    screen = console.export_text()
    assert "Talk to the school" in screen
    assert "1. Have an honest talk with the school. [1: Dorset Council]" in screen
    assert "01305 228866" in screen
    assert "Your answers" not in screen and "Where this comes from" not in screen
    assert screen.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")


def test_back_control_changes_the_previous_answer():
    term, _ = terminal()
    # first: Enter (Yes); second: options Yes, No, then Back, Start again, Quit
    # -> Down Down Enter = Back; first again: Down Enter = No -> outcome; Quit
    with keys(ENTER, DOWN, DOWN, ENTER, DOWN, ENTER, "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    assert [(a.node, a.label) for a in plan.answers] == [("first", "No")]


def test_the_letter_and_number_keys_of_plain_mode():
    term, _ = terminal()
    # 1 = Yes (at once: three options); b = back, with the cursor on the answer before (Yes),
    # so Down Enter = No; r at the plan = start again; 1, 2 = Yes, No -> call-team; q
    with keys("1", "b", DOWN, ENTER, "r", "1", "2", "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "call-team"
    assert [a.label for a in plan.answers] == ["Yes", "No"]


def test_esc_goes_back_and_a_changes_any_answer():
    term, console = terminal()
    # 1 Yes; Esc = back; Enter = Yes again (the cursor is on it); 1 Yes -> keep-going;
    # a = your answers, 1 = the first; 2 = No -> talk-to-school; w = sources; q
    with keys("1", ESC, ENTER, "1", "a", "1", "2", "w", "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    assert [(a.node, a.label) for a in plan.answers] == [("first", "No")]
    screen = console.export_text()
    assert "Where this comes from" in screen
    assert "Dorset Council answers to parents' questions" in screen
    assert ".txt" not in screen


def test_help_is_shown_then_the_question_is_asked_again():
    term, console = terminal()
    # ? = why we ask; then 2 = No; q
    with keys("?", "2", "q"):
        run_walk(FIXTURES, "alpha", term)
    assert "Why are we asking? This tells us where to begin." in console.export_text()


def test_after_why_we_ask_the_cursor_is_back_on_the_options():
    term, _ = terminal()
    # ? = why we ask; Enter = the first option (Yes), not "Why are we asking?" again; 2 = No
    with keys("?", ENTER, "2", "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert [a.label for a in plan.answers] == ["Yes", "No"]


def test_ctrl_c_at_a_question_stops():
    term, _ = terminal()
    with keys(CTRL_C), pytest.raises(Stopped):
        run_walk(FIXTURES, "alpha", term)


def test_end_of_input_at_a_question_stops():
    term, _ = terminal()
    with keys(), pytest.raises(Stopped):
        run_walk(FIXTURES, "alpha", term)


def test_menu_choice_by_arrows():
    term, _ = terminal()
    with keys(ENTER):
        assert choose_tree(FIXTURES, term) == "alpha"


def test_menu_back_from_the_first_question_and_start_again_from_the_plan():
    term, console = terminal()
    # the menu: Enter = Alpha; b = back to the situations; Enter = Alpha; 2 = No -> plan;
    # r = start again -> the menu again (Enter = Alpha, not "Yes"); 2 = No; q = quit
    with keys(ENTER, "b", ENTER, "2", "r", ENTER, "2", "q"):
        plan = run_menu(FIXTURES, term)
    assert plan is not None and plan.outcome.id == "talk-to-school"
    assert console.export_text().count("Alpha situation") == 3  # the header of each walk


def test_carry_on_after_an_urgent_outcome():
    term, console = terminal()
    # 3 = mental health -> beta; 1 = in danger -> urgent; c = carry on -> "No" -> kooth; q
    with keys("3", "1", "c", "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "kooth"
    screen = console.export_text()
    assert screen.index("Get urgent help now") < screen.index("Try online support")
    assert [a.label for a in plan.answers] == ["It is about mental health", "Yes"]  # as said
    assert "This continues in: Beta situation" in screen  # into another situation: said
    final = screen[screen.index("Try online support") :]
    assert final.index("You told us your child may be at risk") < final.index("What to do next")
    assert "Emergency services (999): call 999" in final


def test_narrow_terminal_lists_contacts():
    term, console = terminal(width=40)
    with keys(ENTER, DOWN, ENTER, "q"):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "call-team"
    screen = console.export_text()
    assert "  Phone: 01305 228866" in screen
    assert max(len(line) for line in screen.splitlines()) <= 40


def test_the_terminal_size_is_given_not_looked_up():
    from signpost.ui.menu import QUIT, Menu

    menu = Menu("Q?", ("a", "b"), (QUIT,))
    with keys(DOWN, DOWN, ENTER):  # a, b, then Quit below them
        assert ArrowPrompter(size=lambda: (100, 40)).choose(menu) == QUIT
    with keys(DOWN, DOWN, ENTER):  # a short terminal lists Quit in the key hint only
        assert ArrowPrompter(size=lambda: (100, 10)).choose(menu) == 0
