"""The outcome screen never cuts a contact detail short, at any terminal width."""

import pytest
from conftest import ROOT
from rich.console import Console

from signpost.content.library import Library
from signpost.ui.screens import outcome_screen
from signpost.walk.plan import make_plan
from signpost.walk.state import walk_scripted

FIXTURES = Library(ROOT / "tests" / "fixtures" / "trees", ROOT / "seeds")


@pytest.mark.parametrize("width", [40, 55, 70, 80, 90, 100, 140])
def test_contact_details_are_whole_on_one_line(width):
    plan = make_plan(walk_scripted(FIXTURES, "alpha", {"first": 1, "second": 2}))
    console = Console(width=width, record=True, color_system=None)
    console.print(outcome_screen(plan, width))
    lines = console.export_text().splitlines()
    assert "\u2026" not in "\n".join(lines)
    assert any("01305 228866" in line for line in lines)
    assert any("letstalksend@dorsetcouncil.gov.uk" in line for line in lines)
    assert max(len(line) for line in lines) <= width


def test_urgent_route_is_above_the_steps():
    plan = make_plan(walk_scripted(FIXTURES, "alpha", {"first": 3, "risk": 1}))
    console = Console(width=80, record=True, color_system=None)
    console.print(outcome_screen(plan, 80))
    text = console.export_text()
    assert text.index("First, if your child is at risk right now") < text.index("What to do next")
    assert "Emergency services (999): call 999" in text
    assert "NHS 111: call 111" in text


def test_first_screen_has_no_sources_or_answers_and_no_dash_for_a_missing_detail():
    from signpost.ui.screens import plan_screen

    plan = make_plan(walk_scripted(FIXTURES, "alpha", {"first": 1, "second": 2}))
    console = Console(width=100, record=True, color_system=None)
    console.print(plan_screen(plan, 100))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    at = lines.index("Your GP practice")  # a contact with no phone, email or page
    assert lines[at + 1] == (
        "  Health advice, supportive letters to school, and other routes for support, including "
        "social"
    )
    assert "-" not in [line.strip() for line in lines]
    assert not any("Where this comes from" in line or "Your answers" in line for line in lines)


@pytest.mark.parametrize("width", [200, 100])
def test_a_wide_terminal_reads_at_most_100_columns(width):
    from signpost.ui.console import ReadingConsole

    console = ReadingConsole(width=width, record=True, color_system=None)
    assert console.width == 100
