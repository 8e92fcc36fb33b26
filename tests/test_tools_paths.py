"""`signpost paths`: every route, exactly; each replays to its outcome; shipped trees too."""

import json

import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.walk.routes import find_routes
from signpost.walk.state import walk_scripted

FIXTURE_LIB = Library(FIXTURE_TREES, ROOT / "seeds")
SHIPPED = Library(ROOT / "trees", ROOT / "seeds")

ALPHA = """\
alpha: Alpha situation
5 routes to 5 outcomes.

1. keep-going: Keep working with the school
     first \u2192 Yes
     second \u2192 Yes
2. call-team: Call the council team
     first \u2192 Yes
     second \u2192 No
3. talk-to-school: Talk to the school
     first \u2192 No
4. beta:urgent: Get urgent help now (urgent)
     first \u2192 It is about mental health
     beta:risk \u2192 Yes
5. beta:kooth: Try online support
     first \u2192 It is about mental health
     beta:risk \u2192 No
"""


def test_paths_text_lists_every_route_in_option_order():
    result = signpost("paths", "alpha")
    assert (result.exit_code, result.stdout, result.stderr) == (0, ALPHA, "")


def test_a_link_back_round_is_named_and_not_followed():
    result = signpost("paths", "loop")
    assert result.exit_code == 0
    assert result.stdout == (
        "loop: Loop\n1 route to 1 outcome.\n\n1. done: Done\n     here \u2192 Stop\n\n"
        "Not followed: `Round` at loop:here leads back to loop:here, already on the route.\n"
    )


def test_paths_json():
    result = signpost("paths", "beta", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "tree": "beta",
        "loops": [],
        "routes": [
            {
                "answers": [
                    {
                        "tree": "beta",
                        "node": "risk",
                        "answer": "Yes",
                        "number": 1,
                        "question": "Is your child in danger right now?",
                    }
                ],
                "outcome": {
                    "tree": "beta",
                    "id": "urgent",
                    "title": "Get urgent help now",
                    "urgent": True,
                },
                "reached": "urgent",
            },
            {
                "answers": [
                    {
                        "tree": "beta",
                        "node": "risk",
                        "answer": "No",
                        "number": 2,
                        "question": "Is your child in danger right now?",
                    }
                ],
                "outcome": {
                    "tree": "beta",
                    "id": "kooth",
                    "title": "Try online support",
                    "urgent": False,
                },
                "reached": "kooth",
            },
        ],
    }


def test_unknown_tree_is_a_usage_error():
    result = signpost("paths", "alpah")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "signpost: error: there is no tree called `alpah`. Did you mean `alpha`?\n"
    )


@pytest.mark.parametrize(
    "library,tree_id",
    [(FIXTURE_LIB, t) for t in FIXTURE_LIB.tree_ids()] + [(SHIPPED, t) for t in SHIPPED.tree_ids()],
)
def test_every_route_replays_to_its_outcome(library, tree_id):
    found = find_routes(library, tree_id)
    assert found.routes
    for route in found.routes:
        for numbers in (False, True):
            walk = walk_scripted(library, tree_id, route.answers_mapping(numbers=numbers))
            assert walk.position == (route.outcome_tree, route.outcome.id)
            assert walk.answers == list(route.answers)


@pytest.mark.parametrize("tree_id", SHIPPED.tree_ids())
def test_every_outcome_of_every_shipped_tree_appears_in_paths(tree_id):
    reached = {(r.outcome_tree, r.outcome.id) for r in find_routes(SHIPPED, tree_id).routes}
    tree = SHIPPED.tree(tree_id)
    assert sorted(o.id for o in tree.outcomes() if (tree_id, o.id) not in reached) == []


def test_a_link_to_a_missing_tree_names_the_option(tmp_path):
    (tmp_path / "contacts.yaml").write_text((FIXTURE_TREES / "contacts.yaml").read_text())
    (tmp_path / "gap.yaml").write_text(
        (FIXTURE_TREES / "alpha.yaml")
        .read_text()
        .replace("id: alpha", "id: gap")
        .replace("tree: beta", "tree: start")
    )
    result = signpost("--trees", str(tmp_path), "paths", "gap", fixtures=False)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"signpost: error: {tmp_path / 'gap.yaml'}: the option `It is about mental health` at "
        "`first` links to the tree `start`, which does not exist. Run `signpost lint` on the "
        "tree.\n"
    )
    shown = signpost("--trees", str(tmp_path), "show", "gap", fixtures=False).stdout
    assert shown.splitlines()[-1] == (
        "    \u201cIt is about mental health\u201d \u2192 "
        "another tree: start (there is no such tree)"
    )
