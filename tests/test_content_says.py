"""Content checks on the shipped scenarios: a scenario may list `says:` phrases that the
outcome it reaches must show (in its intro or its steps), and `not_says:` phrases it
must not show. They pin the key facts of wording fixed after a content review, so a later
edit cannot quietly drop a qualifier or bring back a claim the source does not make.

(`signpost test` ignores these keys; this test reads the same files.)"""

from pathlib import Path

import pytest
from conftest import ROOT

from signpost.content.library import Library
from signpost.content.yamlfile import load_file
from signpost.walk.state import walk_scripted

LIB = Library(ROOT / "trees", ROOT / "seeds")


def _cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml")):
        data = load_file(Path(path)).data
        for item in data["scenarios"]:
            if "says" in item or "not_says" in item:
                cases.append((data["tree"], item))
    return cases


CASES = _cases()


def _shown(walk) -> str:
    outcome = walk.outcome
    parts = [outcome.title, outcome.intro or ""] + [step.text for step in outcome.steps]
    return " ".join(" ".join(parts).split())


def test_some_scenarios_pin_wording():
    assert len(CASES) >= 20


@pytest.mark.parametrize(("tree", "item"), CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_outcome_shows_the_pinned_wording(tree, item):
    walk = walk_scripted(LIB, tree, item["answers"])
    shown = _shown(walk)
    missing = [phrase for phrase in item.get("says", []) if phrase not in shown]
    present = [phrase for phrase in item.get("not_says", []) if phrase in shown]
    assert (item["name"], missing, present) == (item["name"], [], [])
