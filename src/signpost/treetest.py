"""Tree tests: scenarios of answers and the outcome they must reach.

A scenario file (`tests/scenarios/<tree-id>.yaml`) looks like:

    tree: not-attending
    scenarios:
      - name: not talked to school yet
        answers: {talked-to-school: Not yet}
        outcome: start-with-school          # `other-tree:node` if the path crossed trees
        title: Start with an honest conversation with the school   # optional
        contacts: [dorset-send-team]        # optional: the outcome's exact contact ids

Running one walks the tree with `walk_scripted` and compares what was reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from signpost.errors import SignpostError, TreeError
from signpost.library import Library
from signpost.walk import Walk, walk_scripted
from signpost.yamlfile import load_file


@dataclass(frozen=True)
class Scenario:
    tree: str
    name: str
    answers: dict
    outcome: str
    title: str | None = None
    contacts: tuple[str, ...] | None = None
    file: str = ""
    line: int = 0


@dataclass
class Result:
    scenario: Scenario
    failures: list[str] = field(default_factory=list)
    walk: Walk | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def load_scenarios(path: Path) -> list[Scenario]:
    doc = load_file(path)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("tree"), str) \
            or not isinstance(data.get("scenarios"), list):
        raise TreeError("a scenario file needs `tree:` and a list of `scenarios:`", where=str(path))
    scenarios = []
    for index, item in enumerate(data["scenarios"]):
        mark = doc.mark(("scenarios", index))
        where = f"{path}:{mark.line}:{mark.column}"
        if not isinstance(item, dict) or not isinstance(item.get("answers"), dict) \
                or not isinstance(item.get("outcome"), str):
            raise TreeError("each scenario needs `answers:` (a mapping) and `outcome:`", where=where)
        contacts = item.get("contacts")
        scenarios.append(Scenario(
            tree=data["tree"],
            name=str(item.get("name") or f"scenario {index + 1}"),
            answers=item["answers"],
            outcome=item["outcome"],
            title=item.get("title"),
            contacts=tuple(contacts) if isinstance(contacts, list) else None,
            file=str(path),
            line=mark.line,
        ))
    return scenarios


def run_scenario(library: Library, scenario: Scenario) -> Result:
    result = Result(scenario)
    try:
        walk = walk_scripted(library, scenario.tree, scenario.answers)
    except SignpostError as exc:
        result.failures.append(str(exc))
        return result
    result.walk = walk
    tree_id, node_id = walk.position
    reached = node_id if tree_id == scenario.tree else f"{tree_id}:{node_id}"
    if reached != scenario.outcome:
        result.failures.append(f"reached `{reached}`, expected `{scenario.outcome}`")
    if scenario.title is not None and walk.outcome.title != scenario.title:
        result.failures.append(f"title is {walk.outcome.title!r}, expected {scenario.title!r}")
    if scenario.contacts is not None and walk.outcome.contacts != scenario.contacts:
        result.failures.append(
            f"contacts are {list(walk.outcome.contacts)}, expected {list(scenario.contacts)}")
    return result
