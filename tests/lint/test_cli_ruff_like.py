"""`signpost lint` as ruff users expect: `-` (standard input) with --stdin-filename,
--select / --ignore, --statistics, --exit-zero, -o, --fix / --diff, --format sarif
(validated against the SARIF 2.1.0 schema, vendored in tests/fixtures), JSON end
positions and fix edits, --watch. Exact output and exit codes."""

import json
import os
import signal
import subprocess
import sys
import time

import jsonschema
import pytest
from helpers import ROOT
from test_cli import ERROR, MIXED, WARNING, folder, run  # noqa: F401 (a fixture)

SEEDS = str(ROOT / "seeds")
TYPOS = MIXED.replace("    question: Does", "    qustion: Does").replace(
    "      title: Keep going", "      titel: Keep going"
)
KEY = "trees/mixed.yaml:9:5: error [unknown-key] unknown key `qustion`; did you mean `question`?"
KEY2 = "trees/mixed.yaml:19:7: error [unknown-key] unknown key `titel`; did you mean `title`?"


def lint(*args, input=None):
    from typer.testing import CliRunner

    from signpost.cli import app

    result = CliRunner().invoke(
        app,
        ["lint", *args, "--seeds", SEEDS, "--as-of", "2026-11-22"],
        env={"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"},
        input=input,
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def typos(folder):  # noqa: F811
    (folder / "trees" / "mixed.yaml").write_text(TYPOS, encoding="utf-8")
    return folder


def test_stdin_is_linted_as_the_file_it_names(folder):  # noqa: F811
    """Unsaved text, piped in: the findings name --stdin-filename, the folder's other
    files are its context, and the file on disk is not read."""
    (folder / "trees" / "mixed.yaml").write_text("not: [a tree", encoding="utf-8")
    code, out, err = lint("-", "--stdin-filename", "trees/mixed.yaml", input=MIXED)
    assert (code, out, err) == (1, f"{WARNING}\n{ERROR}\n", "1 error, 1 warning in 1 file.\n")


def test_stdin_without_a_name_is_shown_as_a_dash_and_named_by_its_id(folder):  # noqa: F811
    code, out, err = lint("-", "--select", "unknown-node,id-file-mismatch", input=MIXED)
    # named by its id in the default trees folder, so that folder's settings are in force
    settings = ROOT / "pyproject.toml"
    assert (code, err) == (1, f"1 error, 0 warnings in 1 file. Settings: {settings}.\n")
    assert out == ERROR.replace("trees/mixed.yaml", "-") + "\n"


def test_stdin_filename_without_a_dash_is_a_usage_error(folder):  # noqa: F811
    assert lint("trees", "--stdin-filename", "x.yaml") == (
        2,
        "",
        "signpost: error: --stdin-filename goes with `-` (read the tree from standard input)\n",
    )


def test_select_and_ignore_take_rules_and_groups(folder):  # noqa: F811
    assert lint("trees", "--select", "unknown-node") == (
        1,
        f"{ERROR}\n",
        "1 error, 0 warnings in 1 file.\n",
    )
    assert lint("trees", "--select", "readability,graph", "--ignore", "graph")[1] == f"{WARNING}\n"
    assert lint("trees", "--ignore", "unknown-node", "--ignore", "undefined-acronym") == (
        0,
        "",
        "No problems in 1 file.\n",
    )
    assert lint("trees", "--select", "unknown-nod") == (
        2,
        "",
        "signpost: error: --select unknown-nod: there is no lint rule or group of rules called "
        "`unknown-nod`. Did you mean `unknown-node`?\n",
    )


def test_statistics_counts_each_rule_and_marks_the_fixable(typos):
    code, out, err = lint("trees", "--statistics")
    assert (code, err) == (1, "3 errors, 0 warnings in 1 file.\n")
    assert out == (
        "2  unknown-key   [*] A key the format does not have (often a typo).\n"
        "1  unknown-node  [*] `start` or `next` names a node the tree does not have.\n"
    )


def test_exit_zero_and_output_file(folder):  # noqa: F811
    code, out, err = lint("trees", "--exit-zero", "-o", "report.txt")
    assert (code, out, err) == (0, "", "1 error, 1 warning in 1 file.\n")
    assert (folder / "report.txt").read_text(encoding="utf-8") == f"{WARNING}\n{ERROR}\n"


def test_an_output_file_that_cannot_be_written_is_one_line(folder):  # noqa: F811
    code, out, err = lint("trees", "-o", "no/such/folder/report.txt")
    assert (code, out) == (4, "")
    assert err.startswith("signpost: error: no/such/folder/report.txt: cannot write the report")


def test_diff_shows_the_safe_fixes_and_changes_nothing(typos):
    code, out, err = lint("trees", "--diff")
    assert (code, err) == (1, "Would fix 3 problems; run with --fix.\n")
    assert out == (
        "--- a/trees/mixed.yaml\n"
        "+++ b/trees/mixed.yaml\n"
        "@@ -6,15 +6,15 @@\n"
        " start: ask\n"
        " nodes:\n"
        "   ask:\n"
        "-    qustion: Does your child have an EHCP?\n"
        "+    question: Does your child have an EHCP?\n"
        "     options:\n"
        '       - label: "Yes"\n'
        "         next: done\n"
        '       - label: "No"\n'
        "-        next: gone\n"
        "+        next: done\n"
        "   done:\n"
        "     outcome:\n"
        "-      titel: Keep going\n"
        "+      title: Keep going\n"
        "       steps:\n"
        "         - text: Talk to the school.\n"
        "           source:\n"
    )
    assert (typos / "trees" / "mixed.yaml").read_text(encoding="utf-8") == TYPOS


def test_fix_makes_the_safe_fixes_and_reports_what_is_left(typos):
    code, out, err = lint("trees", "--fix")
    assert (code, out) == (0, f"{WARNING}\n")
    assert err == "Fixed 3 problems.\n0 errors, 1 warning in 1 file.\n"
    fixed = (typos / "trees" / "mixed.yaml").read_text(encoding="utf-8")
    assert fixed == MIXED.replace("next: gone", "next: done")
    assert lint("trees", "--fix") == (0, f"{WARNING}\n", "0 errors, 1 warning in 1 file.\n")


def test_fix_of_stdin_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(folder):  # noqa: F811
    code, out, err = lint("-", "--stdin-filename", "trees/mixed.yaml", "--fix", input=TYPOS)
    assert code == 0
    assert out == MIXED.replace("next: gone", "next: done")
    assert err == f"{WARNING}\nFixed 3 problems.\n0 errors, 1 warning in 1 file.\n"
    assert (folder / "trees" / "mixed.yaml").read_text(encoding="utf-8") == MIXED


def test_fix_and_diff_together_is_a_usage_error(folder):  # noqa: F811
    assert lint("trees", "--fix", "--diff")[0] == 2


def test_json_gives_end_positions_and_fix_edits(typos):
    _, out, _ = lint("trees", "--format", "json")
    found = {(d["rule"], d["line"]): d for d in json.loads(out)["diagnostics"]}
    key = found[("unknown-key", 9)]
    assert (key["column"], key["end_line"], key["end_column"]) == (5, 9, 12)
    assert key["fix"] == {
        "message": "replace `qustion` with `question`",
        "edits": [{"line": 9, "column": 5, "end_line": 9, "end_column": 12, "text": "question"}],
    }
    (typos / "trees" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    _, out, _ = lint("trees", "--format", "json")
    acronym = json.loads(out)["diagnostics"][0]
    assert acronym["rule"] == "undefined-acronym"
    assert (acronym["column"], acronym["end_column"], acronym["fix"]) == (39, 44, None)


def test_sarif_is_valid_sarif_2_1_0_with_regions_and_fixes(typos):
    code, out, err = lint("trees", "--format", "sarif")
    assert (code, err) == (1, "3 errors, 0 warnings in 1 file.\n")
    log = json.loads(out)
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    (run_,) = log["runs"]
    assert log["version"] == "2.1.0" and run_["tool"]["driver"]["name"] == "signpost"
    first = run_["results"][0]
    assert first["ruleId"] == "unknown-key" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "trees/mixed.yaml"},
        "region": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 12},
    }
    assert first["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 12},
            "insertedContent": {"text": "question"},
        }
    ]
    rules = run_["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "unknown-key"


def test_a_broken_sarif_log_fails_the_schema():
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, schema)


@pytest.mark.parametrize(
    ("watchfiles", "output"),
    [(True, None), (False, None), (True, "trees/report.txt")],
    ids=["watchfiles", "polling", "watchfiles-o"],
)
def test_watch_lints_again_on_a_change_and_stops_cleanly_on_ctrl_c(folder, watchfiles, output):  # noqa: F811
    """The real command in a child process: a first report, a second after the file is
    fixed, and Ctrl-C (SIGINT) ends it with one line and exit status 130; with the
    watch extra, and without it (then it looks at the files' times)."""
    env = dict(os.environ, TERM="dumb", NO_COLOR="1", PYTHONUNBUFFERED="1")
    hide = "" if watchfiles else "import sys; sys.modules['watchfiles'] = None\n"
    child = subprocess.Popen(
        [sys.executable, "-c", hide + "from signpost.cli import main\nmain()\n",
         "lint", "trees", "--watch", "--seeds", SEEDS, "--as-of", "2026-11-22",
         "--format", "concise", *(["-o", output] if output else [])],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    err = []

    def until_watching() -> None:  # the report is out and the watch is about to begin
        while not err or not err[-1].startswith("Watching"):
            line = child.stderr.readline()
            assert line, "".join(err)
            err.append(line)
        time.sleep(1.0)  # for the watcher to start after its message

    try:
        until_watching()
        tree = folder / "trees" / "mixed.yaml"
        tree.write_text(MIXED.replace("next: gone", "next: done"), encoding="utf-8")
        until_watching()
        child.send_signal(signal.SIGINT)
        out, rest = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130
    if output:  # -o holds the latest report, written in the watched folder itself
        assert out == ""
        assert (folder / output).read_text(encoding="utf-8") == f"{WARNING}\n"
    else:
        assert out == f"{WARNING}\n{ERROR}\n{WARNING}\n"
    assert "".join(err) + rest == (
        "1 error, 1 warning in 1 file.\n"
        "Watching for changes; press Ctrl-C to stop.\n"
        "\n"
        "mixed.yaml changed; linting again.\n"
        "0 errors, 1 warning in 1 file.\n"
        "Watching for changes; press Ctrl-C to stop.\n"
        "Stopped watching.\n"
    )


def test_select_turns_on_an_off_rule_and_fix_copies_the_sources_quote_marks(folder):  # noqa: F811
    """quote-marks is off by default; named in --select it is on, and --fix copies the
    source's curly apostrophe into the quote (the source has a curly one)."""
    assert lint("trees", "--select", "quote-marks") == (
        0,
        "trees/mixed.yaml:22:20: warning [quote-marks] the quote marks are not those of "
        "`000_cd7fdd44bcd59a55.txt`: `'` for `’`; copy them as the source has them\n",
        "0 errors, 1 warning in 1 file.\n",
    )
    assert lint("trees", "--select", "provenance")[1] == ""  # a group leaves it off
    code, out, err = lint("trees", "--select", "quote-marks", "--fix")
    assert (code, out, err) == (0, "", "Fixed 1 problem.\nNo problems in 1 file.\n")
    fixed = (folder / "trees" / "mixed.yaml").read_text(encoding="utf-8")
    assert fixed == MIXED.replace("your child's education", "your child’s education")


def test_hostile_standard_input(folder):  # noqa: F811
    """Bytes that are not UTF-8 are reported at their line; a name in a folder that does
    not exist is still linted; more than 10 MB is refused in one line."""

    def piped(data: bytes) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "signpost", "lint", "-", "--seeds", SEEDS]
        return subprocess.run(command, input=data, capture_output=True, timeout=60)

    bad = piped(b"id: x\ntitle: \xff\n")
    assert bad.returncode == 1
    assert bad.stdout.decode() == (
        "-:2:8: error [not-utf8] the file is not UTF-8 text (byte 0xff); save it as UTF-8 "
        "and try again\n"
    )
    code, out, _ = lint("-", "--stdin-filename", "no/such/folder/mixed.yaml", input=MIXED)
    assert code == 1
    assert out.endswith("did you mean `done`?\n")
    big = piped(b"#" * (10 * 1024 * 1024 + 1))
    assert (big.returncode, big.stdout) == (2, b"")
    assert big.stderr.decode() == (
        "signpost: error: standard input holds more than 10 MB; a tree is far smaller\n"
    )
