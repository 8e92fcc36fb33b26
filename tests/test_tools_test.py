"""`signpost test`: verdicts per scenario, coverage per tree, exit codes."""

import json
import shutil

import pytest
from tools_cli import FIXTURES, signpost

SCENARIOS = FIXTURES / "scenarios"

PASSING = f"""\
{SCENARIOS / "alpha.yaml"} (alpha)
  PASS  in school and helped
  PASS  in school, not helped
  PASS  not in school
  PASS  mental health, not in danger

4 scenarios: 4 passed, 0 failed.

Coverage (the questions and outcomes some scenario reached, and the routes from the \
start some scenario of the tree walks):
"""


def test_a_folder_reports_every_tree_including_untested_ones():
    result = signpost("test", str(SCENARIOS))
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == PASSING
        + """\
  alpha  100.0% of 5 nodes, 3/3 outcomes, 4/4 routes
  beta    66.7% of 3 nodes, 1/2 outcomes, 1/2 routes; not reached: urgent (outcome)
      untested route: risk: Yes ⇒ urgent
  loop     0.0% of 2 nodes, 0/1 outcomes, 0/1 routes; not reached: here, done (outcome)
      untested route: here: Stop ⇒ done
"""
    )


def test_a_file_reports_its_tree_and_the_trees_it_crossed_into():
    result = signpost("test", str(SCENARIOS / "alpha.yaml"))
    assert result.exit_code == 0
    assert (
        result.stdout
        == PASSING
        + """\
  alpha  100.0% of 5 nodes, 3/3 outcomes, 4/4 routes
  beta    66.7% of 3 nodes, 1/2 outcomes, 1/2 routes; not reached: urgent (outcome)
      untested route: risk: Yes ⇒ urgent
"""
    )


def test_min_coverage_fails_below_the_threshold():
    result = signpost("test", str(SCENARIOS / "alpha.yaml"), "--min-coverage", "100")
    assert result.exit_code == 1
    assert result.stdout.endswith("Below --min-coverage 100%: beta.\n")
    assert signpost("test", str(SCENARIOS / "alpha.yaml"), "--min-coverage", "66").exit_code == 0


def _write(tmp_path, text):
    path = tmp_path / "alpha.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_failing_scenarios_say_why_and_exit_1(tmp_path):
    path = _write(
        tmp_path,
        """\
tree: alpha
scenarios:
  - name: wrong outcome
    answers: {first: "No"}
    outcome: call-team
    title: Call the team
  - name: answer that does not fit
    answers: {first: Maybe}
    outcome: talk-to-school
  - name: contacts differ
    answers: {first: 1, second: 2}
    outcome: call-team
    contacts: [gp]
""",
    )
    result = signpost("test", str(path))
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"""\
{path} (alpha)
  FAIL  wrong outcome (line 3)
        reached `talk-to-school`, expected `call-team`
        title is 'Talk to the school', expected 'Call the team'
  FAIL  answer that does not fit (line 7)
        the answer 'Maybe' for `first` is not one of its options. Give the option's number or \
label: 1. Yes; 2. No; 3. It is about mental health.
  FAIL  contacts differ (line 10)
        contacts are ['dorset-send-team', 'gp'], expected ['gp']

3 scenarios: 0 passed, 3 failed.

Coverage (the questions and outcomes some scenario reached, and the routes from the \
start some scenario of the tree walks):
  alpha   80.0% of 5 nodes, 2/3 outcomes, 2/4 routes; not reached: keep-going (outcome)
      untested route: first: Yes → second: Yes ⇒ keep-going
      untested route: first: It is about mental health ⇒ the tree beta
"""
    )


def test_json_report(tmp_path):
    path = _write(
        tmp_path,
        "tree: alpha\nscenarios:\n"
        "  - {name: not in school, answers: {first: 2}, outcome: talk-to-school}\n",
    )
    result = signpost("test", str(path), "--format", "json", "--min-coverage", "50")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "passed": 1,
        "failed": 0,
        "min_coverage": 50.0,
        "below_min_coverage": ["alpha"],
        "scenarios": [
            {
                "tree": "alpha",
                "name": "not in school",
                "file": str(path),
                "line": 3,
                "passed": True,
                "failures": [],
            }
        ],
        "coverage": [
            {
                "tree": "alpha",
                "nodes": 5,
                "nodes_reached": 2,
                "outcomes": 3,
                "outcomes_reached": 1,
                "percent": 40.0,
                "outcome_percent": 33.3,
                "missed_nodes": ["second", "keep-going", "call-team"],
                "missed_outcomes": ["keep-going", "call-team"],
                "routes": 4,
                "routes_tested": 1,
                "route_percent": 25.0,
                "untested_routes": [
                    "first: Yes → second: Yes ⇒ keep-going",
                    "first: Yes → second: No ⇒ call-team",
                    "first: It is about mental health ⇒ the tree beta",
                ],
            }
        ],
    }


def test_default_is_tests_scenarios_beside_the_trees_folder(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "trees", tmp_path / "trees")
    folder = tmp_path / "tests" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "beta.yaml").write_text(
        "tree: beta\nscenarios:\n  - {answers: {risk: 'Yes'}, outcome: urgent}\n"
        "  - {answers: {risk: 'No'}, outcome: kooth}\n",
        encoding="utf-8",
    )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = signpost(
        "--trees", str(tmp_path / "trees"), "test", "--min-coverage", "100", fixtures=False
    )
    assert result.exit_code == 1  # alpha and loop have no scenarios
    assert (
        result.stdout
        == f"""\
{folder.resolve() / "beta.yaml"} (beta)
  PASS  scenario 1
  PASS  scenario 2

2 scenarios: 2 passed, 0 failed.

Coverage (the questions and outcomes some scenario reached, and the routes from the \
start some scenario of the tree walks):
  alpha    0.0% of 5 nodes, 0/3 outcomes, 0/4 routes; not reached: first, second, \
talk-to-school (outcome), keep-going (outcome), call-team (outcome)
      untested route: first: Yes → second: Yes ⇒ keep-going
      untested route: first: Yes → second: No ⇒ call-team
      untested route: first: No ⇒ talk-to-school
      untested route: first: It is about mental health ⇒ the tree beta
  beta   100.0% of 3 nodes, 2/2 outcomes, 2/2 routes
  loop     0.0% of 2 nodes, 0/1 outcomes, 0/1 routes; not reached: here, done (outcome)
      untested route: here: Stop ⇒ done
Below --min-coverage 100%: alpha, loop.
"""
    )


def test_without_a_scenarios_folder_it_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "trees").mkdir()
    result = signpost("--trees", str(tmp_path / "trees"), "test", fixtures=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "signpost: error: no scenario files given, and there is no scenarios/ or "
        f"tests/scenarios/ folder beside the trees folder {tmp_path / 'trees'}. "
        "Give scenario files or folders of them.\n"
    )


def test_without_paths_it_runs_the_scenarios_beside_the_trees_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the repository: the current folder does not matter
    result = signpost("test", "--min-coverage", "0")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(PASSING.replace(str(SCENARIOS), str(SCENARIOS.resolve())))


def test_a_missing_path_and_a_broken_file(tmp_path):
    result = signpost("test", str(tmp_path / "nope.yaml"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"signpost: error: {tmp_path / 'nope.yaml'} does not exist. "
        "Give scenario files or folders of them.\n",
    )
    path = _write(tmp_path, "tree: alpha\nscenarios:\n  - {answers: {first: 2}}\n")
    result = signpost("test", str(path))
    assert (result.exit_code, result.stderr) == (
        3,
        f"signpost: error: {path}:3:5: each scenario needs `answers:` (a mapping) and `outcome:`\n",
    )


def test_route_coverage_finds_routes_that_node_coverage_hides(tmp_path):
    """Every node reached (100%), yet one route untested: the report names it."""
    path = _write(
        tmp_path,
        "tree: alpha\nscenarios:\n"
        "  - {answers: {first: 1, second: 1}, outcome: keep-going}\n"
        "  - {answers: {first: 1, second: 2}, outcome: call-team}\n"
        "  - {answers: {first: 2}, outcome: talk-to-school}\n"
        "  - {answers: {first: 1, second: 1}, outcome: keep-going}\n",
    )
    result = signpost("test", str(path))
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "  alpha  100.0% of 5 nodes, 3/3 outcomes, 3/4 routes\n"
        "      untested route: first: It is about mental health ⇒ the tree beta\n"
    )


def test_a_misspelt_question_id_fails_with_did_you_mean(tmp_path):
    path = _write(
        tmp_path,
        "tree: alpha\nscenarios:\n"
        "  - {name: typo, answers: {first: 1, secnd: 1}, outcome: keep-going}\n",
    )
    result = signpost("test", str(path))
    assert result.exit_code == 1
    assert (
        f"""\
{path} (alpha)
  FAIL  typo (line 3)
        unknown question `secnd` in answers; did you mean `second`?
        no answer for `second`"""
        in result.stdout
    )


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("{answers: {first: 2}, outcme: talk-to-school, outcome: talk-to-school}",
         "3:27: unknown key `outcme` in a scenario; did you mean `outcome`?"),
        ("{answers: {first: 2}, outcome: talk-to-school, contacts: gp}",
         "3:52: `contacts` should be a list of texts"),
        ("{answers: {first: 2}, outcome: talk-to-school, title: [a]}",
         "3:52: `title` should be text"),
    ],
)  # fmt: skip
def test_a_malformed_scenario_field_is_an_error(tmp_path, item, message):
    path = _write(tmp_path, f"tree: alpha\nscenarios:\n  - {item}\n")
    result = signpost("test", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"signpost: error: {path}:{message}\n"


def test_says_and_not_says_are_checked(tmp_path):
    path = _write(
        tmp_path,
        "tree: alpha\nscenarios:\n"
        "  - name: words\n    answers: {first: 2}\n    outcome: talk-to-school\n"
        "    says: [Talk to the school, a phrase it lacks]\n    not_says: [Talk]\n",
    )
    result = signpost("test", str(path))
    assert result.exit_code == 1
    assert (
        '        the outcome does not say "a phrase it lacks"\n'
        '        the outcome says "Talk", which it should not\n'
    ) in result.stdout


def test_scaffold_writes_a_passing_scenario_for_each_untested_route(tmp_path):
    result = signpost("test", str(SCENARIOS), "--scaffold", "beta")
    assert result.exit_code == 0
    assert result.stdout == (
        "tree: beta\n"
        "scenarios:\n"
        '  - name: "Yes"\n'
        '    answers: {"risk": "Yes"}\n'
        "    outcome: urgent\n"
        '    title: "Get urgent help now"\n'
        "    contacts: [emergency-999, nhs-111, dorset-send-team]\n"
    )
    assert result.stderr == "1 scenario for the untested routes: save as scenarios/beta.yaml.\n"
    (tmp_path / "beta.yaml").write_text(result.stdout, encoding="utf-8")
    ran = signpost("test", str(tmp_path / "beta.yaml"))
    assert ran.exit_code == 0
    assert "  beta   66.7% of 3 nodes, 1/2 outcomes, 1/2 routes" in ran.stdout


def test_scaffold_for_a_tree_with_scenarios_gives_the_items_to_add(tmp_path):
    path = _write(
        tmp_path, "tree: alpha\nscenarios:\n  - {answers: {first: 2}, outcome: talk-to-school}\n"
    )
    result = signpost("test", str(path), "--scaffold", "alpha")
    assert result.stdout.startswith('  - name: "Yes then Yes"\n    answers: {"first": "Yes", ')
    assert (
        result.stderr == f"3 scenarios for the untested routes: add under `scenarios:` in {path}.\n"
    )
    with path.open("a", encoding="utf-8") as file:
        file.write(result.stdout)
    ran = signpost("test", str(path))
    assert ran.exit_code == 0 and "alpha  100.0% of 5 nodes, 3/3 outcomes, 4/4 routes" in ran.stdout


def test_help_shows_the_scenario_format():
    result = signpost("test", "--help")
    assert "  A scenario file (YAML; docs/commands.md has more):" in result.stdout
    assert '        answers: {first: "Yes", second: 2} # question id: option label or number' in (
        result.stdout
    )
