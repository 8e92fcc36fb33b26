"""`signpost lint` and `signpost schema` as a user runs them: exact output on
stdout and stderr, and the exit code, for each format and option."""

import json

import pytest
from helpers import DOCS, ROOT
from typer.testing import CliRunner

from signpost.cli import app
from signpost.lint.registry import RULES

ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}

MIXED = """id: mixed
title: One error and one warning
summary: For the command line tests.
audience: [parents]
reviewed: 2026-11-01
start: ask
nodes:
  ask:
    question: Does your child have an EHCP?
    options:
      - label: "Yes"
        next: done
      - label: "No"
        next: gone
  done:
    outcome:
      title: Keep going
      steps:
        - text: Talk to the school.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "we always recommend you have an honest conversation with your child's education setting"
"""
ERROR = (
    "trees/mixed.yaml:14:15: error [unknown-node] this option leads to `gone`, which is not "
    "a node of this tree; did you mean `done`?"
)
WARNING = (
    "trees/mixed.yaml:9:39: warning [undefined-acronym] `EHCP` is used before this tree "
    "explains it; the first time, write it out with the short form in brackets, e.g. "
    '"Education, Health and Care Plan (EHCP)"'
)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, env=None):
    result = CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def lint(*args):
    return run("lint", "trees", "--seeds", str(ROOT / "seeds"), "--as-of", "2026-11-22", *args)


def test_concise_is_the_default_when_not_a_terminal(folder):
    assert lint() == (1, f"{WARNING}\n{ERROR}\n", "1 error, 1 warning in 1 file.\n")
    assert lint("--format", "concise") == lint()


def test_human_format_groups_by_file_with_the_line_and_a_caret(folder):
    code, out, err = lint("--format", "human")
    assert code == 1 and err == "1 error, 1 warning in 1 file.\n"
    assert out == (
        "trees/mixed.yaml\n"
        "  9:39  warning [undefined-acronym] `EHCP` is used before this tree explains it; the "
        'first time, write it out with the short form in brackets, e.g. "Education, Health and '
        'Care Plan (EHCP)"\n'
        "    9 |     question: Does your child have an EHCP?\n"
        "      |                                       ^\n"
        "    at nodes.ask.question\n"
        "  14:15  error [unknown-node] this option leads to `gone`, which is not a node of this "
        "tree; did you mean `done`?\n"
        "    14 |         next: gone\n"
        "       |               ^\n"
        "    at nodes.ask.options[1].next\n"
    )


def test_force_color_colours_the_human_format_in_a_pipe(folder):
    code, out, _ = run(
        "lint", "trees", "--seeds", str(ROOT / "seeds"), "--as-of", "2026-11-22",
        "--format", "human", env={"NO_COLOR": "", "FORCE_COLOR": "1"},
    )  # fmt: skip
    assert code == 1
    assert "\x1b[" in out
    assert out.replace("\x1b[1m", "").count("\x1b[") > 2  # the severities and carets
    # NO_COLOR wins over FORCE_COLOR, as both conventions ask
    _, plain, _ = run(
        "lint", "trees", "--seeds", str(ROOT / "seeds"), "--as-of", "2026-11-22",
        "--format", "human", env={"NO_COLOR": "1", "FORCE_COLOR": "1"},
    )  # fmt: skip
    assert "\x1b[" not in plain


def test_json_format(folder):
    code, out, err = lint("--format", "json")
    assert code == 1 and err == "1 error, 1 warning in 1 file.\n"
    data = json.loads(out)
    assert data["version"] == 1 and data["files"] == 1
    assert (data["errors"], data["warnings"]) == (1, 1)
    assert data["diagnostics"][1] == {
        "file": "trees/mixed.yaml",
        "line": 14,
        "column": 15,
        "end_line": 14,
        "end_column": 19,
        "severity": "error",
        "rule": "unknown-node",
        "message": "this option leads to `gone`, which is not a node of this tree; did you mean "
        "`done`?",
        "path": "nodes.ask.options[1].next",
        "fix": {
            "message": "replace `gone` with `done`",
            "edits": [{"line": 14, "column": 15, "end_line": 14, "end_column": 19, "text": "done"}],
        },
        "docs": "docs/rules/unknown-node.md",
        "explain": "signpost lint --explain unknown-node",
    }
    assert [d["rule"] for d in data["diagnostics"]] == ["undefined-acronym", "unknown-node"]
    # a readability figure for every outcome, even one that reads easily
    assert data["readability"] == [
        {
            "file": "trees/mixed.yaml",
            "line": 16,
            "path": "nodes.done.outcome",
            "tree": "mixed",
            "outcome": "done",
            "lix": 3.0,
            "words": 6,
            "sentences": 2,
            "words_per_sentence": 3.0,
            "long_words_percent": 0,
        }
    ]


def test_github_format(folder):
    code, out, _ = lint("--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=trees/mixed.yaml,line=9,col=39,title=undefined-acronym::`EHCP` is used "
        "before this tree explains it; the first time, write it out with the short form in "
        'brackets, e.g. "Education, Health and Care Plan (EHCP)"',
        "::error file=trees/mixed.yaml,line=14,col=15,title=unknown-node::this option leads to "
        "`gone`, which is not a node of this tree; did you mean `done`?",
    ]


def test_warnings_alone_pass_unless_strict(folder):
    text = (folder / "trees" / "mixed.yaml").read_text().replace("next: gone", "next: done")
    (folder / "trees" / "mixed.yaml").write_text(text)
    assert lint() == (0, f"{WARNING}\n", "0 errors, 1 warning in 1 file.\n")
    assert lint("--strict") == (1, f"{WARNING}\n", "0 errors, 1 warning in 1 file.\n")


def test_clean_folder(folder):
    text = MIXED.replace("next: gone", "next: done").replace("an EHCP", "a plan")
    (folder / "trees" / "mixed.yaml").write_text(text)
    assert lint("--strict") == (0, "", "No problems in 1 file.\n")


def test_as_of_judges_staleness_on_that_day(folder):
    assert lint("--as-of", "2027-11-02")[1] == (
        "trees/mixed.yaml:5:11: warning [stale-review] this tree was reviewed on 2026-11-01, "
        f"more than 12 months before 2027-11-02; check it against its sources again, then update "
        f"`reviewed`\n{WARNING}\n{ERROR}\n"
    )
    assert lint("--as-of", "2027-11-01")[1] == f"{WARNING}\n{ERROR}\n"
    assert lint("--as-of", "2026-10-31")[1].startswith(
        "trees/mixed.yaml:5:11: error [bad-date] `reviewed` is 2026-11-01, after today (2026-10-31)"
    )


def test_bad_as_of_is_a_usage_error(folder):
    assert lint("--as-of", "1 May") == (
        2,
        "",
        "signpost: error: --as-of 1 May is not a date; write it as YYYY-MM-DD\n",
    )


def test_default_is_the_trees_folder_from_the_environment(folder):
    code, out, err = run(
        "lint",
        "--seeds",
        str(ROOT / "seeds"),
        "--as-of",
        "2026-11-22",
        env={"SIGNPOST_TREES": str(folder / "trees")},
    )
    assert code == 1 and err == "1 error, 1 warning in 1 file.\n"
    assert out == f"{WARNING}\n{ERROR}\n".replace(
        "trees/mixed.yaml", str(folder / "trees" / "mixed.yaml")
    )


def test_one_file_is_checked_beside_its_folder(folder):
    (folder / "trees" / "other.yaml").write_text("id: [")
    code, out, err = run(
        "lint", "trees/mixed.yaml", "--seeds", str(ROOT / "seeds"), "--as-of", "2026-11-22"
    )
    assert (code, out, err) == (1, f"{WARNING}\n{ERROR}\n", "1 error, 1 warning in 1 file.\n")


def test_missing_path_is_a_usage_error(folder):
    assert run("lint", "nowhere.yaml") == (
        2,
        "",
        "signpost: error: nowhere.yaml: no such file or folder. Check the path.\n",
    )


def test_folder_without_yaml_is_a_usage_error(folder):
    (folder / "empty").mkdir()
    assert run("lint", "empty") == (
        2,
        "",
        "signpost: error: the folder empty holds no .yaml files. Lint a folder of trees, "
        "or tree files.\n",
    )


def test_binary_and_broken_files_never_stop_the_others(folder):
    (folder / "trees" / "binary.yaml").write_bytes(b"id: x\x00\xff\n")
    (folder / "trees" / "folder.yaml").mkdir()
    code, out, err = lint()
    assert code == 1 and err == "3 errors, 1 warning in 3 files.\n"
    assert out == (
        "trees/binary.yaml:1:7: error [not-utf8] the file is not UTF-8 text (byte 0xff); save it "
        "as UTF-8 and try again\n"
        "trees/folder.yaml:1:1: error [unreadable-file] this path is a folder, not a YAML file; "
        "lint a tree file or the folder of trees\n"
        f"{WARNING}\n{ERROR}\n"
    )


def test_explain_prints_the_rule_doc():
    assert run("lint", "--explain", "cycle") == (
        0,
        (DOCS / "cycle.md").read_text(encoding="utf-8"),
        "",
    )


def test_explain_an_unknown_rule():
    assert run("lint", "--explain", "cycles") == (
        2,
        "",
        "signpost: error: there is no lint rule called `cycles`. Did you mean `cycle`?\n",
    )


def test_list_rules():
    code, out, err = run("lint", "--list-rules")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert lines[0] == ("yaml-syntax            error    The file is not valid YAML.")


def test_settings_from_a_signpost_toml(folder):
    (folder / ".signpost.toml").write_text(
        '[lint]\nrules = { undefined-acronym = "off", unknown-node = "warning" }\n'
    )
    assert lint() == (
        0,
        ERROR.replace("error [", "warning [") + "\n",
        f"0 errors, 1 warning in 1 file. Settings: {(folder / '.signpost.toml').resolve()}.\n",
    )


def test_settings_from_pyproject(folder):
    (folder / "pyproject.toml").write_text(
        '[tool.signpost.lint]\nacronyms = ["EHCP"]\nrules = { unknown-node = "error" }\n'
    )
    settings = (folder / "pyproject.toml").resolve()
    assert lint() == (1, f"{ERROR}\n", f"1 error, 0 warnings in 1 file. Settings: {settings}.\n")


def test_a_misspelt_setting_is_a_usage_error(folder):
    (folder / ".signpost.toml").write_text("[lint]\nmax-depht = 3\n")
    assert lint() == (
        2,
        "",
        f"signpost: error: {folder / '.signpost.toml'}: unknown lint setting "
        "`max-depht`. Did you mean `max-depth`?\n",
    )
    (folder / ".signpost.toml").write_text('[lint]\nrules = { cycles = "off" }\n')
    assert lint()[2] == (
        f"signpost: error: {folder / '.signpost.toml'}: unknown lint rule "
        "`cycles` in `rules`. Did you mean `cycle`?\n"
    )
    (folder / ".signpost.toml").write_text('[lint]\nrules = { cycle = "never" }\n')
    assert lint()[2] == (
        f"signpost: error: {folder / '.signpost.toml'}: `rules.cycle` should be "
        '"error", "warning" or "off"\n'
    )


def test_sentence_length_is_configurable(folder):
    (folder / ".signpost.toml").write_text("[lint]\nmax-sentence-words = 5\n")
    assert lint()[1].splitlines()[0] == (
        "trees/mixed.yaml:9:15: warning [long-sentence] this sentence has 6 words (the limit, "
        '`max-sentence-words`, is 5): "Does your child have an EHCP? …"; split it into shorter '
        "sentences"
    )
    (folder / ".signpost.toml").write_text("[lint]\nmax-depth = 0\n")
    assert lint()[2] == (
        f"signpost: error: {folder / '.signpost.toml'}: `max-depth` should be a "
        "whole number above 0\n"
    )


def test_an_explicit_config_file(folder, tmp_path):
    settings = folder / "strict.toml"
    settings.write_text('[lint]\nrules = { undefined-acronym = "error" }\n')
    assert lint("--config", str(settings)) == (
        1,
        f"{WARNING.replace('warning [', 'error [')}\n{ERROR}\n",
        f"2 errors, 0 warnings in 1 file. Settings: {settings}.\n",
    )


def test_schema_command_matches_the_committed_schema():
    code, out, err = run("schema")
    assert (code, err) == (0, "")
    assert out == (ROOT / "docs" / "tree.schema.json").read_text(encoding="utf-8")


LONG = "We ask this because the right next step depends on it, and on what the school has said"


def test_human_format_shows_a_window_of_a_long_line_with_the_caret_under_the_column(folder):
    text = MIXED.replace(
        "question: Does your child have an EHCP?",
        f"question: {LONG}, so please tell us if your child has an EHCP?",
    )
    (folder / "trees" / "mixed.yaml").write_text(text, encoding="utf-8")
    out = lint("--format", "human")[1]
    assert out.splitlines()[1:5] == [
        "  9:142  warning [undefined-acronym] `EHCP` is used before this tree explains it; the "
        'first time, write it out with the short form in brackets, e.g. "Education, Health and '
        'Care Plan (EHCP)"',
        "    9 | \u2026 what the school has said, so please tell us if your child has an EHCP?",
        "      |                                                                    ^",
        "    at nodes.ask.question",
    ]


def test_schema_path_says_where_the_schema_file_is():
    assert run("schema", "--path") == (0, f"{ROOT / 'docs' / 'tree.schema.json'}\n", "")
