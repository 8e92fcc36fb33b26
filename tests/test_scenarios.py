"""Each shipped scenario (tests/scenarios/*.yaml) reaches its outcome, title and contacts,
and together they reach every outcome of every shipped tree."""

import pytest

from conftest import ROOT
from signpost.library import Library
from signpost.treetest import load_scenarios, run_scenario

LIB = Library(ROOT / "trees", ROOT / "seeds")
SCENARIOS = [s for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
             for s in load_scenarios(path)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.tree}:{s.name}")
def test_scenario_reaches_its_outcome(scenario):
    result = run_scenario(LIB, scenario)
    assert result.failures == []
    assert scenario.title is not None and scenario.contacts is not None, \
        "shipped scenarios state the title and contacts they expect"


@pytest.mark.parametrize("tree_id", LIB.tree_ids())
def test_every_outcome_is_reached_by_a_scenario(tree_id):
    reached = set()
    for scenario in SCENARIOS:
        result = run_scenario(LIB, scenario)
        if result.walk is not None:
            for answer in result.walk.answers:
                reached.add((answer.tree, answer.node))
            reached.add(result.walk.position)
    tree = LIB.tree(tree_id)
    missing = sorted(o.id for o in tree.outcomes() if (tree_id, o.id) not in reached)
    assert missing == []
