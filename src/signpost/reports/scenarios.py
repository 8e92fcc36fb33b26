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

from pathlib import Path
from typing import Any, NamedTuple

from signpost.content.library import Library
from signpost.content.model import Question
from signpost.content.yamlfile import YamlError, load_file
from signpost.errors import SignpostError, TreeError, UsageError
from signpost.walk.state import Walk, walk_scripted
from signpost.words import count


class Scenario(NamedTuple):
    tree: str
    name: str
    answers: dict
    outcome: str
    title: str | None = None
    contacts: tuple[str, ...] | None = None
    file: str = ""
    line: int = 0
    says: tuple[str, ...] = ()
    not_says: tuple[str, ...] = ()


class Result:
    """One scenario's verdict, filled in as it runs: a slotted class (see docs/architecture.md)."""

    __slots__ = ("failures", "scenario", "walk")

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.failures: list[str] = []
        self.walk: Walk | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


SCENARIO_FOLDERS = ("scenarios", "tests/scenarios")  # beside a trees folder


def scenarios_beside(trees_dir: Path) -> Path:
    """The scenarios of a trees folder when none are named: the `scenarios/` (or, as in
    signpost's own repository, `tests/scenarios/`) folder beside it, wherever signpost
    runs from; a `UsageError` when there is neither."""
    parent = trees_dir.resolve().parent
    for name in SCENARIO_FOLDERS:
        if (parent / name).is_dir():
            return parent / name
    raise UsageError(
        "no scenario files given, and there is no scenarios/ or tests/scenarios/ folder "
        f"beside the trees folder {trees_dir}",
        hint="Give scenario files or folders of them.",
    )


# The keys of a scenario file and of each scenario, and the kind of value each holds.
FILE_KEYS = {"tree": str, "scenarios": list}
SCENARIO_KEYS = {
    "name": str,
    "answers": dict,
    "outcome": str,
    "title": str,
    "contacts": list,
    "says": list,  # phrases the outcome must show (its title, intro or steps)
    "not_says": list,  # phrases it must not show
}


def load_scenarios(path: Path) -> list[Scenario]:
    return read_scenario_file(path)[1]


def read_scenario_file(path: Path) -> tuple[str | None, list[Scenario]]:
    """(the tree a scenario file names, its scenarios). An empty file (as a shell makes
    it before `signpost test --scaffold TREE > file` has written anything) is no tree
    and no scenarios; every other problem is told of a scenario file, not a tree."""
    try:
        doc = load_file(path)
    except YamlError as exc:
        if exc.problem.code == "empty-file":
            return None, []
        raise TreeError(_scenario_words(exc.message), where=exc.where, hint=exc.hint) from None
    data = doc.data
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("tree"), str)
        or not isinstance(data.get("scenarios"), list)
    ):
        raise TreeError("a scenario file needs `tree:` and a list of `scenarios:`", where=str(path))
    _known_keys(data, FILE_KEYS, (), doc, path)
    scenarios = []
    for index, item in enumerate(data["scenarios"]):
        mark = doc.mark(("scenarios", index))
        where = f"{path}:{mark.line}:{mark.column}"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("answers"), dict)
            or not isinstance(item.get("outcome"), str)
        ):
            raise TreeError(
                "each scenario needs `answers:` (a mapping) and `outcome:`", where=where
            )
        _known_keys(item, SCENARIO_KEYS, ("scenarios", index), doc, path)
        contacts = item.get("contacts")
        scenarios.append(
            Scenario(
                tree=data["tree"],
                name=str(item.get("name") or f"scenario {index + 1}"),
                answers=item["answers"],
                outcome=item["outcome"],
                title=item.get("title"),
                contacts=tuple(contacts) if isinstance(contacts, list) else None,
                file=str(path),
                line=mark.line,
                says=tuple(item.get("says", ())),
                not_says=tuple(item.get("not_says", ())),
            )
        )
    return data["tree"], scenarios


def _scenario_words(message: str) -> str:
    """A YAML problem told of a scenario file, not of tree files."""
    return message.replace("tree files", "scenario files").replace("a tree file", "a scenario file")


def _known_keys(data: dict, keys: dict, at: tuple, doc: Any, path: Path) -> None:
    """Each key of a scenario (or its file) is one it may have, holding the right kind of
    value: a misspelt or malformed field is an error, never silently ignored."""
    from signpost.similar import did_you_mean

    for key, value in data.items():
        mark = doc.mark((*at, key), key=True)
        where = f"{path}:{mark.line}:{mark.column}"
        if key not in keys:
            hint = did_you_mean(str(key), keys) or f"the keys are {', '.join(keys)}"
            raise TreeError(f"unknown key `{key}` in a scenario; {hint}", where=where)
        kind = keys[key]
        if not isinstance(value, kind) or (
            kind is list and key != "scenarios" and not all(isinstance(c, str) for c in value)
        ):
            what = {str: "text", dict: "a mapping", list: "a list of texts"}[kind]
            raise TreeError(f"`{key}` should be {what}", where=where)


def unknown_questions(library: Library, scenario: Scenario) -> list[str]:
    """An answer for a question that neither the scenario's tree nor a tree it links to
    (however far) has: a misspelt id, with "did you mean", for each."""
    from signpost.similar import did_you_mean

    known: set[str] = set()
    trees, seen = [scenario.tree], {scenario.tree}
    while trees:
        tree = library.tree(trees.pop())
        for node_id, node in tree.nodes.items():
            if not isinstance(node, Question):
                continue
            known |= {node_id, f"{tree.id}:{node_id}"}
            for option in node.options:
                if option.tree and option.tree not in seen and option.tree in library.tree_ids():
                    seen.add(option.tree)
                    trees.append(option.tree)
    problems = []
    for key in scenario.answers:
        if str(key) not in known:
            hint = did_you_mean(str(key), sorted(known)) or "it is not a question of the tree"
            problems.append(f"unknown question `{key}` in answers; {hint}")
    return problems


def run_scenario(library: Library, scenario: Scenario) -> Result:
    result = Result(scenario)
    try:
        result.failures += unknown_questions(library, scenario)
    except SignpostError as exc:
        result.failures.append(str(exc))
        return result
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
            f"contacts are {list(walk.outcome.contacts)}, expected {list(scenario.contacts)}"
        )
    outcome = walk.outcome
    shown = " ".join(
        " ".join([outcome.title, outcome.intro or "", *(s.text for s in outcome.steps)]).split()
    )
    result.failures += [f'the outcome does not say "{p}"' for p in scenario.says if p not in shown]
    result.failures += [
        f'the outcome says "{p}", which it should not' for p in scenario.not_says if p in shown
    ]
    return result


# Coverage: which nodes and outcomes of each tree some scenario walked through.


class Coverage(NamedTuple):
    tree: str
    nodes: tuple[str, ...]  # every node id, in file order
    outcomes: tuple[str, ...]  # the outcome ids among them
    reached: frozenset[str]  # node ids some scenario passed through or ended at
    routes: int = 0  # every route from the start to an outcome (`signpost paths`)
    untested: tuple[str, ...] = ()  # the routes no scenario of this tree walks, named

    @property
    def route_percent(self) -> float:
        if not self.routes:
            return 100.0
        return 100.0 * (self.routes - len(self.untested)) / self.routes

    @property
    def missed_nodes(self) -> list[str]:
        return [n for n in self.nodes if n not in self.reached]

    @property
    def missed_outcomes(self) -> list[str]:
        return [n for n in self.outcomes if n not in self.reached]

    @property
    def percent(self) -> float:
        """The share of the tree's nodes (questions and outcomes) reached, 0 to 100."""
        return 100.0 * (len(self.nodes) - len(self.missed_nodes)) / len(self.nodes)

    @property
    def outcome_percent(self) -> float:
        if not self.outcomes:
            return 100.0
        return 100.0 * (len(self.outcomes) - len(self.missed_outcomes)) / len(self.outcomes)

    def to_dict(self) -> dict:
        return {
            "tree": self.tree,
            "nodes": len(self.nodes),
            "nodes_reached": len(self.nodes) - len(self.missed_nodes),
            "outcomes": len(self.outcomes),
            "outcomes_reached": len(self.outcomes) - len(self.missed_outcomes),
            "percent": round(self.percent, 1),
            "outcome_percent": round(self.outcome_percent, 1),
            "missed_nodes": self.missed_nodes,
            "missed_outcomes": self.missed_outcomes,
            "routes": self.routes,
            "routes_tested": self.routes - len(self.untested),
            "route_percent": round(self.route_percent, 1),
            "untested_routes": list(self.untested),
        }


def reached(results: list[Result]) -> set[tuple[str, str]]:
    """(tree, node) of every question answered and outcome reached by the scenarios."""
    seen: set[tuple[str, str]] = set()
    for result in results:
        if result.walk is not None:
            seen.update((answer.tree, answer.node) for answer in result.walk.answers)
            seen.add(result.walk.position)
    return seen


def coverage(library: Library, tree_id: str, results: list[Result]) -> Coverage:
    """How much of `tree_id` the scenarios reached, counting walks that crossed into it,
    and which of its routes no scenario of the tree walks."""
    tree = library.tree(tree_id)
    hit = {node for (t, node) in reached(results) if t == tree_id}
    nodes = tuple(tree.nodes)
    outcomes = tuple(o.id for o in tree.outcomes())
    routes, untested = untested_routes(library, tree_id, results)
    return Coverage(
        tree_id,
        nodes,
        outcomes,
        frozenset(hit) & frozenset(nodes),
        len(routes),
        tuple(route_name(r) for r in untested),
    )


def untested_routes(library: Library, tree_id: str, results: list[Result]) -> tuple[list, list]:
    """(the tree's own routes, those no scenario walks answer for answer). A route of a
    tree runs from its start to one of its outcomes or to a link out of it (what the
    linked tree does is that tree's routes); a walk that crosses into the tree from
    another walks one of its routes too. No routes for a tree too large to list them."""
    from signpost.walk.routes import find_routes

    try:
        routes = find_routes(library, tree_id).routes
    except SignpostError:
        return [], []
    own: dict[tuple, Any] = {}
    for route in routes:
        own.setdefault(_own_answers(route.answers, tree_id), route)
    walked = {_own_answers(r.walk.answers, tree_id) for r in results if r.walk is not None}
    return list(own.values()), [r for key, r in own.items() if key not in walked]


def _own_answers(answers: Any, tree_id: str) -> tuple:
    """The first run of answers given in `tree_id`, as (node, option) pairs."""
    run: list[tuple[str, int]] = []
    for answer in answers:
        if answer.tree == tree_id:
            run.append((answer.node, answer.choice))
        elif run:
            break
    return tuple(run)


def route_name(route: Any) -> str:
    """`first: No → second: Yes ⇒ keep-going`: a route as the coverage report names it,
    up to its outcome or its link out (`⇒ beta`)."""
    own = [a for a in route.answers if a.tree == route.tree]
    steps = " → ".join(f"{a.node}: {a.label}" for a in own)
    end = (
        route.reached
        if len(own) == len(route.answers)
        else f"the tree {route.answers[len(own)].tree}"
    )
    return f"{steps} ⇒ {end}"


def scaffold(library: Library, tree_id: str, results: list[Result], whole: bool) -> str:
    """A scenario (YAML) for each route of `tree_id` no scenario walks, to paste into its
    scenario file: the whole file if `whole`, else only the items under `scenarios:`."""
    import json

    _, untested = untested_routes(library, tree_id, results)
    lines = [f"tree: {tree_id}", "scenarios:"] if whole else []
    for route in untested:
        answers = ", ".join(
            f"{json.dumps(route.key(a))}: {json.dumps(a.label, ensure_ascii=False)}"
            for a in route.answers
        )
        name = " then ".join(a.label for a in route.answers) or "the start"
        lines += [
            f"  - name: {json.dumps(name, ensure_ascii=False)}",
            f"    answers: {{{answers}}}",
            f"    outcome: {route.reached}",
            f"    title: {json.dumps(route.outcome.title, ensure_ascii=False)}",
            f"    contacts: [{', '.join(route.outcome.contacts)}]",
        ]
    return "\n".join(lines) + "\n" if lines else ""


def scenario_files(paths: list[Path]) -> list[Path]:
    """The `*.yaml` scenario files named, or found directly inside the folders named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            files.append(path)
        else:
            what = "is not a regular file" if path.exists() else "does not exist"
            raise UsageError(f"{path} {what}", hint="Give scenario files or folders of them.")
    return files


class ScenarioReport(NamedTuple):
    """What `signpost test` found: every scenario run, and the coverage of each tree
    reported on (lint's findings are `lint.diagnostic.Report`)."""

    results: list[Result]
    coverage: list[Coverage]
    files: tuple[tuple[str, str], ...] = ()  # (scenario file, the tree it names), each file

    def files_of(self, tree_id: str) -> list[str]:
        """The scenario files that name `tree_id`, even those with no scenarios yet."""
        return [file for file, tree in self.files if tree == tree_id]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.passed]

    def below(self, minimum: float) -> list[Coverage]:
        return [c for c in self.coverage if c.percent < minimum]


def run_tests(library: Library, paths: list[Path]) -> ScenarioReport:
    """Run every scenario under `paths` and measure coverage.

    Coverage is reported for every tree in the library when a folder of
    scenarios was given (a tree without scenarios shows 0%), and otherwise for
    the trees the given files test and the trees their walks crossed into.
    """
    files = scenario_files(paths)
    if not files:
        raise UsageError(
            f"no scenario files (*.yaml) in {', '.join(map(str, paths))}",
            hint="Scenario files are described in docs/commands.md.",
        )
    known = set(library.tree_ids())
    named_files: list[tuple[str, str]] = []
    scenarios: list[Scenario] = []
    for path in files:
        tree_id, found = read_scenario_file(path)
        if tree_id is not None:
            _check_tree(library, tree_id, path)
            named_files.append((str(path), tree_id))
        scenarios += found
    results = [run_scenario(library, s) for s in scenarios]
    if any(path.is_dir() for path in paths):
        tree_ids = library.tree_ids()
    else:
        named = {s.tree for s in scenarios} | {t for (t, _) in reached(results)}
        tree_ids = sorted(named & known)
    return ScenarioReport(
        results, [coverage(library, t, results) for t in tree_ids], tuple(named_files)
    )


def _check_tree(library: Library, tree_id: str, path: Path) -> None:
    """A scenario file's `tree:` is a tree of the library, even when it has no scenarios
    yet to fail: else a misspelt or made-up tree would pass unnoticed."""
    try:
        library.tree(tree_id)
    except UsageError as exc:
        raise TreeError(exc.message, where=str(path), hint=exc.hint) from None


def format_report(report: ScenarioReport, minimum: float | None = None) -> str:
    """The report as text: each scenario's verdict under its file, then coverage per tree."""
    lines: list[str] = []
    current = None
    for result in report.results:
        scenario = result.scenario
        if scenario.file != current:
            if current is not None:
                lines.append("")
            current = scenario.file
            lines.append(f"{scenario.file} ({scenario.tree})")
        if result.passed:
            lines.append(f"  PASS  {scenario.name}")
        else:
            lines.append(f"  FAIL  {scenario.name} (line {scenario.line})")
            lines += [f"        {failure}" for failure in result.failures]
    total, failed = len(report.results), len(report.failed)
    lines += [
        "",
        f"{count(total, 'scenario')}: {total - failed} passed, {failed} failed.",
    ]
    if report.coverage:
        lines += [
            "",
            "Coverage (the questions and outcomes some scenario reached, and the routes "
            "from the start some scenario of the tree walks):",
        ]
        width = max(len(c.tree) for c in report.coverage)
        for cov in report.coverage:
            outcomes = set(cov.outcomes)
            missed = [f"{n} (outcome)" if n in outcomes else n for n in cov.missed_nodes]
            text = (
                f"  {cov.tree:<{width}}  {cov.percent:5.1f}% of {len(cov.nodes)} nodes, "
                f"{len(cov.outcomes) - len(cov.missed_outcomes)}/{len(cov.outcomes)} outcomes, "
                f"{cov.routes - len(cov.untested)}/{cov.routes} routes"
            )
            lines.append(text + (f"; not reached: {', '.join(missed)}" if missed else ""))
            lines += [f"      untested route: {name}" for name in cov.untested]
    if minimum is not None:
        below = report.below(minimum)
        if below:
            lines.append(f"Below --min-coverage {minimum:g}%: {', '.join(c.tree for c in below)}.")
    return "\n".join(lines) + "\n"


def report_dict(report: ScenarioReport, minimum: float | None = None) -> dict:
    return {
        "version": 1,
        "passed": len(report.results) - len(report.failed),
        "failed": len(report.failed),
        "scenarios": [
            {
                "tree": r.scenario.tree,
                "name": r.scenario.name,
                "file": r.scenario.file,
                "line": r.scenario.line,
                "passed": r.passed,
                "failures": r.failures,
            }
            for r in report.results
        ],
        "coverage": [c.to_dict() for c in report.coverage],
        "min_coverage": minimum,
        "below_min_coverage": [c.tree for c in report.below(minimum)]
        if minimum is not None
        else [],
    }
