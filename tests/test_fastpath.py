"""`signpost lint` and `signpost list` run without typer (signpost.fastpath) where the
command line is plain, and give exactly what the typer app gives: the same stdout,
stderr and exit code, as whole processes. Anything else goes to the typer app."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from signpost.fastpath import parse

CASES = ROOT / "tests" / "lint" / "cases"
FIXTURES = ROOT / "tests" / "fixtures" / "trees"
FAST = [sys.executable, "-m", "signpost"]
TYPER = [
    sys.executable,
    "-c",
    "import sys; sys.argv[0] = 'signpost'; from signpost.cli import main; main()",
]


def run(prefix, args, env=None, typed=""):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNPOST_", "_TYPER"))}
    result = subprocess.run(
        prefix + args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**base, "COLUMNS": "100", **(env or {})},
        input=typed,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args, env",
    [
        (["list"], None),
        (["list", "--format", "json"], None),
        (["list", "--trees", str(FIXTURES)], None),
        (["list", "--format", "table"], {"SIGNPOST_TREES": str(FIXTURES)}),
        (["list", "--trees", "/nonexistent/trees"], None),
        (["lint"], None),
        (["lint", "trees"], None),
        (["lint", str(CASES / "cascade"), "--format", "human"], None),
        (["lint", str(CASES / "cascade"), "--format", "json", "--strict"], None),
        (["lint", str(CASES / "disable"), "--format", "github"], None),
        (["lint", str(CASES / "cascade"), str(FIXTURES), "--format", "concise"], None),
        (["lint", str(FIXTURES / "alpha.yaml"), "--seeds", str(ROOT / "seeds"), "--strict"], None),
        (["lint", "trees", "--as-of", "2031-01-01", "--strict"], None),
        (["lint", "trees", "--as-of", "someday"], None),
        (["lint", "trees", "--config", "nowhere.toml"], None),
        (["lint", "no/such/folder"], None),
        (["lint"], {"SIGNPOST_TREES": str(FIXTURES)}),
        (["lint"], {"SIGNPOST_TREES": ""}),
    ],
)
def test_fast_path_gives_what_typer_gives(args, env):
    """Every fast command line, both ways: the same bytes out and the same exit code."""
    assert parse(args) is not None
    fast = run(FAST, args, env)
    assert fast == run(TYPER, args, env)
    assert fast[1] or fast[2]  # each case prints something: a table, a report or an error


# The walk, both ways: plain mode (stdin is not a terminal), the same typed answers.
WALKS = [
    ([], {"SIGNPOST_TREES": str(FIXTURES)}, "1\n1\n1\n4\n"),  # the menu, then alpha
    ([], {"SIGNPOST_TREES": str(FIXTURES)}, "2\n?\n1\nb\n"),  # help, back, then EOF
    (["run", "alpha", "--trees", str(FIXTURES)], None, "1\n2\n3\n2\n4\n"),
    (["run", "--plain", "beta", "--trees", str(FIXTURES)], None, "q\n"),
    (["run", "alpha", "--trees", str(FIXTURES), "--plain", "--force"], None, "9\nx\n2\n"),
    (["run", "nope", "--trees", str(FIXTURES)], None, ""),
    (["run", "alpha", "--trees", "/nonexistent/trees"], None, ""),
    (["run", "not-attending"], None, "1\n"),
]


@pytest.mark.parametrize("args, env, typed", WALKS)
def test_the_walk_is_the_same_both_ways(args, env, typed):
    assert parse(args) is not None
    fast = run(FAST, args, env, typed)
    assert fast == run(TYPER, args, env, typed)
    assert fast[1] or fast[2]


def test_a_plan_saved_by_the_fast_walk_is_the_one_typer_saves(tmp_path):
    args = ["run", "alpha", "--trees", str(FIXTURES), "--save"]
    fast = run(FAST, args + [str(tmp_path / "fast.md")], None, "1\n1\n4\n")
    slow = run(TYPER, args + [str(tmp_path / "typer.md")], None, "1\n1\n4\n")
    assert fast[0] == slow[0] == 0
    assert (tmp_path / "fast.md").read_text() == (tmp_path / "typer.md").read_text()
    assert (tmp_path / "fast.md").read_text().startswith("# Keep working with the school")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["lint", "--help"],
        ["lint", "-h"],
        ["list", "--help"],
        ["lint", "--format=json"],
        ["lint", "--format", "HUMAN"],
        ["lint", "--format"],
        ["lint", "--strict", "--strict"],
        ["lint", "--explain", "cycle"],
        ["lint", "--list-rules"],
        ["lint", "--", "trees"],
        ["lint", "-"],
        ["lint", ""],
        ["list", "trees"],
        ["list", "--trees", ""],
        ["--trees", "trees", "list"],
        ["--plain", "list"],
        ["--debug", "lint"],
        ["lints"],
        ["lint", "--trees", "--strict"],
        ["--plain"],
        ["--trees", "trees"],
        ["run"],
        ["run", "start", "beta"],
        ["run", "start", "--answers", "a.yaml"],
        ["run", "start", "--format", "json"],
        ["run", "start", "--save"],
        ["run", "start", "--save", "-"],
        ["run", "--plain", "--plain"],
    ],
)
def test_everything_else_goes_to_typer(args):
    assert parse(args) is None


# What the fast commands must not import: each costs milliseconds on every run
# (typer ~40, rich ~30, questionary ~120, dataclasses ~10 with inspect, shutil ~3,
# difflib and calendar ~1.5 each; json only where JSON is written).
HEAVY = {
    "typer",
    "rich",
    "questionary",
    "json",
    "dataclasses",
    "inspect",
    "shutil",
    "difflib",
    "calendar",
}


@pytest.mark.parametrize("args", [["lint", "trees"], ["list"]])
def test_the_fast_path_imports_nothing_heavy(args):
    code = (
        f"import sys; sys.argv = ['signpost', *{args!r}]\n"
        "from signpost.fastpath import main\n"
        "try:\n    main(quick_exit=False)\nexcept SystemExit as exc:\n"
        "    print(exc.code, sorted({m.split('.')[0] for m in sys.modules} & "
        f"{HEAVY!r}), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.splitlines()[-1] == "0 []"


def test_debug_goes_to_typer():
    code = (
        "import sys, os; sys.argv = ['signpost', 'lint', 'trees']\n"
        "os.environ['SIGNPOST_DEBUG'] = '1'\n"
        "from signpost.fastpath import main\n"
        "try:\n    main(quick_exit=False)\nexcept SystemExit as exc:\n"
        "    print(exc.code, 'typer' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == "0 True\n", result.stderr


# Help: `signpost --help` and `signpost COMMAND --help` print the stored help
# (signpost.helptext, written by scripts/update-help) where it is what typer prints.

from signpost.cli import app  # noqa: E402
from signpost.fastpath import help_wanted  # noqa: E402
from signpost.helptext import HELP  # noqa: E402

STALE = "the stored help is out of date: run `.venv/bin/python scripts/update-help`"


def test_there_is_stored_help_for_signpost_and_every_command():
    commands = {
        info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands
    }
    assert set(HELP) == {""} | commands, STALE


@pytest.mark.parametrize("name", sorted(HELP))
@pytest.mark.parametrize("flag, columns", [("--help", "100"), ("-h", "80")])
def test_stored_help_is_what_typer_prints(name, flag, columns, monkeypatch):
    args = [name, flag] if name else [flag]
    monkeypatch.setenv("COLUMNS", columns)
    assert help_wanted(args) == name
    fast = run(FAST, args, {"COLUMNS": columns})
    assert fast == run(TYPER, args, {"COLUMNS": columns}), STALE
    assert fast[0] == 0 and fast[1].startswith("Usage: signpost")


def test_a_narrower_terminal_gets_typer_s_own_wrapping(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert help_wanted(["--help"]) is None
    fast = run(FAST, ["--help"], {"COLUMNS": "60"})
    assert fast == run(TYPER, ["--help"], {"COLUMNS": "60"})
    assert fast[1] != HELP[""]
    assert "  Guided signposting for families of children with SEND in\n  Dorset.\n" in fast[1]


@pytest.mark.parametrize(
    "args",
    [
        ["--help", "--help"],
        ["lint", "trees", "--help"],
        ["--plain", "--help"],
        ["lints", "--help"],
        ["--help", "lint"],
        ["-x", "--help"],
        ["lint", "--HELP"],
    ],
)
def test_other_help_requests_go_to_typer(args, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert help_wanted(args) is None


def test_help_does_not_import_typer():
    code = (
        "import sys; sys.argv = ['signpost', 'lint', '--help']\n"
        "from signpost.fastpath import main\n"
        "try:\n    main(quick_exit=False)\nexcept SystemExit as exc:\n"
        "    print(exc.code, 'typer' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.stderr == "0 False\n"
    assert result.stdout == HELP["lint"]


def test_a_fast_command_ends_without_the_interpreter_s_teardown():
    # exit_now: the output is flushed, then the process ends at once (no exit handlers,
    # no freeing of every object); the typer app's commands end as usual.
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('teardown', file=sys.stderr))\n"
        "sys.argv = ['signpost', *sys.argv[1:]]\n"
        "from signpost.fastpath import main\n"
        "main()\n"
    )
    fast = subprocess.run(
        [sys.executable, "-c", code, "list", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (fast.returncode, fast.stderr) == (0, "")
    assert fast.stdout.startswith("[\n") and fast.stdout.endswith("]\n")
    typer_route = subprocess.run(
        [sys.executable, "-c", code, "contacts", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (typer_route.returncode, typer_route.stderr) == (0, "teardown\n")
