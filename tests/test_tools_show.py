"""`signpost show`: the outline as plain text (not a terminal) and as a rich tree."""

import io

from conftest import ROOT
from rich.console import Console
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.reports.outline import outline, to_rich

ALPHA = """\
Alpha situation [alpha]
  A small tree for tests.
  Question first: Has your child been in school this week?
    \u201cYes\u201d \u2192 Question second: Is the school helping?
      \u201cYes\u201d \u2192 Outcome keep-going: Keep working with the school
        1 step
        Contacts: none
      \u201cNo\u201d \u2192 Outcome call-team: Call the council team
        2 steps
        Contacts: Dorset Council SEND team (Let's Talk SEND); Your GP practice
    \u201cNo\u201d \u2192 Outcome talk-to-school: Talk to the school
      1 step
      Contacts: Dorset Council SEND team (Let's Talk SEND)
    \u201cIt is about mental health\u201d \u2192 another tree: Beta situation [beta] \
(see: signpost show beta)
"""


def test_show_prints_the_whole_outline_as_plain_text():
    result = signpost("show", "alpha")
    assert (result.exit_code, result.stdout, result.stderr) == (0, ALPHA, "")


def test_depth_stops_opening_questions():
    result = signpost("show", "alpha", "--depth", "1")
    assert result.exit_code == 0
    assert (
        result.stdout
        == """\
Alpha situation [alpha]
  A small tree for tests.
  Question first: Has your child been in school this week?
    \u201cYes\u201d \u2192 Question second: Is the school helping? \u2026
    \u201cNo\u201d \u2192 Outcome talk-to-school: Talk to the school
      1 step
      Contacts: Dorset Council SEND team (Let's Talk SEND)
    \u201cIt is about mental health\u201d \u2192 another tree: Beta situation [beta] \
(see: signpost show beta)
"""
    )


def test_urgent_outcome_and_self_link_are_marked():
    assert (
        signpost("show", "beta").stdout.splitlines()[3]
        == "    \u201cYes\u201d \u2192 Outcome urgent: Get urgent help now (urgent)"
    )
    assert (
        signpost("show", "loop").stdout.splitlines()[3]
        == "    \u201cRound\u201d \u2192 another tree: Loop [loop] (see: signpost show loop)"
    )


def test_depth_must_be_at_least_one():
    result = signpost("show", "alpha", "--depth", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--depth'" in result.stderr


def test_unknown_tree_is_a_usage_error():
    result = signpost("show", "zzz")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "signpost: error: there is no tree called `zzz`. Run `signpost list` to see the trees.\n"
    )


def test_rich_tree_on_a_terminal_has_the_same_lines_with_guides():
    library = Library(FIXTURE_TREES, ROOT / "seeds")
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, legacy_windows=False)
    console.print(to_rich(outline(library, library.tree("beta"))))
    assert (
        out.getvalue()
        == """\
Beta situation [beta]
\u251c\u2500\u2500 Linked from alpha.
\u2514\u2500\u2500 Question risk: Is your child in danger right now?
    \u251c\u2500\u2500 \u201cYes\u201d \u2192 Outcome urgent: Get urgent help now (urgent)
    \u2502   \u251c\u2500\u2500 1 step
    \u2502   \u2514\u2500\u2500 Contacts: Emergency services (999); NHS 111; Dorset Council SEND team \
(Let's Talk SEND)
    \u2514\u2500\u2500 \u201cNo\u201d \u2192 Outcome kooth: Try online support
        \u251c\u2500\u2500 1 step
        \u2514\u2500\u2500 Contacts: Kooth
"""
    )
