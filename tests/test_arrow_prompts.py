"""The arrow-key walk, driven through prompt_toolkit's pipe input (no real terminal)."""

from contextlib import contextmanager

import pytest
from conftest import ROOT
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from signpost.errors import Stopped
from signpost.library import Library
from signpost.prompts import ArrowPrompter
from signpost.session import Terminal, choose_tree, run_walk

FIXTURES = Library(ROOT / "tests" / "fixtures" / "trees", ROOT / "seeds")
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"


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
    # first: Down Enter = "No" -> outcome; then the plan menu: Down x3 Enter = Quit
    with keys(DOWN, ENTER, DOWN, DOWN, DOWN, ENTER):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    screen = console.export_text()
    assert "Talk to the school" in screen
    assert "1. Have an honest talk with the school. [1: Dorset Council]" in screen
    assert "01305 228866" in screen
    assert "Has your child been in school this week? No" in screen
    assert screen.rstrip().endswith("Stopped \u2014 nothing was saved.")


def test_back_control_changes_the_previous_answer():
    term, console = terminal()
    # first: Enter (Yes); second: options Yes, No, then Back, Start again, Quit
    # -> Down Down Enter = Back; first again: Down Enter = No -> outcome; Quit
    with keys(ENTER, DOWN, DOWN, ENTER, DOWN, ENTER, UP, ENTER):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    assert [(a.node, a.label) for a in plan.answers] == [("first", "No")]


def test_help_is_shown_then_the_question_is_asked_again():
    term, console = terminal()
    # first: options Yes, No, mental health, Why, Quit -> Down x3 Enter = Why; then Down Enter = No
    with keys(DOWN, DOWN, DOWN, ENTER, DOWN, ENTER, UP, ENTER):
        run_walk(FIXTURES, "alpha", term)
    assert "Why are we asking? This tells us where to begin." in console.export_text()


def test_ctrl_c_at_a_question_stops():
    term, _ = terminal()
    with keys(CTRL_C), pytest.raises(Stopped):
        run_walk(FIXTURES, "alpha", term)


def test_end_of_input_stops():
    term, _ = terminal()
    with keys(), pytest.raises(Stopped):
        run_walk(FIXTURES, "alpha", term)


def test_menu_choice_by_arrows():
    term, _ = terminal()
    with keys(ENTER):
        assert choose_tree(FIXTURES, term) == "alpha"


def test_narrow_terminal_lists_contacts_instead_of_a_table():
    term, console = terminal(width=40)
    with keys(ENTER, DOWN, ENTER, DOWN, DOWN, DOWN, ENTER):
        plan = run_walk(FIXTURES, "alpha", term)
    assert plan.outcome.id == "call-team"
    screen = console.export_text()
    assert "  Phone: 01305 228866" in screen
    assert max(len(line) for line in screen.splitlines()) <= 40
