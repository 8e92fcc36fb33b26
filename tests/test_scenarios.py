"""Each shipped scenario (tests/scenarios/*.yaml) reaches its outcome, title and contacts,
and together they reach every outcome of every shipped tree."""

import pytest

from conftest import ROOT
from signpost.library import Library
from signpost.treetest import load_scenarios, run_scenario, run_tests

LIB = Library(ROOT / "trees", ROOT / "seeds")
SCENARIOS = [s for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
             for s in load_scenarios(path)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.tree}:{s.name}")
def test_scenario_reaches_its_outcome(scenario):
    result = run_scenario(LIB, scenario)
    assert result.failures == []
    assert scenario.title is not None and scenario.contacts is not None, \
        "shipped scenarios state the title and contacts they expect"


REPORT = run_tests(LIB, [ROOT / "tests" / "scenarios"])


@pytest.mark.parametrize("coverage", REPORT.coverage, ids=lambda c: c.tree)
def test_scenarios_reach_every_question_and_outcome_of_every_tree(coverage):
    assert (coverage.missed_nodes, coverage.missed_outcomes) == ([], [])


def test_every_shipped_tree_has_a_scenario_file():
    names = sorted(p.stem for p in (ROOT / "tests" / "scenarios").glob("*.yaml"))
    assert names == LIB.tree_ids()
