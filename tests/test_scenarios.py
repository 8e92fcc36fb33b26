"""Each shipped scenario (tests/scenarios/*.yaml) reaches its outcome, title and contacts,
and together they reach every outcome of every shipped tree."""

import pytest
from conftest import ROOT

from signpost.content.library import Library
from signpost.reports.scenarios import run_tests

LIB = Library(ROOT / "trees", ROOT / "seeds")
REPORT = run_tests(LIB, [ROOT / "tests" / "scenarios"])  # every scenario, run once


@pytest.mark.parametrize(
    "result", REPORT.results, ids=lambda r: f"{r.scenario.tree}:{r.scenario.name}"
)
def test_scenario_reaches_its_outcome(result):
    assert result.failures == []
    assert result.scenario.title is not None and result.scenario.contacts is not None, (
        "shipped scenarios state the title and contacts they expect"
    )


@pytest.mark.parametrize("coverage", REPORT.coverage, ids=lambda c: c.tree)
def test_scenarios_reach_every_question_and_outcome_of_every_tree(coverage):
    assert (coverage.missed_nodes, coverage.missed_outcomes) == ([], [])


def test_every_shipped_tree_has_a_scenario_file():
    names = sorted(p.stem for p in (ROOT / "tests" / "scenarios").glob("*.yaml"))
    assert names == LIB.tree_ids()
