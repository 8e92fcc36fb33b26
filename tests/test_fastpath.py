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
TYPER = [sys.executable, "-c", "import sys; sys.argv[0] = 'signpost'; "
         "from signpost.cli import main; main()"]


def run(prefix, args, env=None):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNPOST_", "_TYPER"))}
    result = subprocess.run(prefix + args, capture_output=True, text=True, encoding="utf-8",
                            cwd=ROOT, env={**base, "COLUMNS": "100", **(env or {})})
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("args, env", [
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
])
def test_fast_path_gives_what_typer_gives(args, env):
    assert parse(args) is not None
    fast = run(FAST, args, env)
    assert fast == run(TYPER, args, env)
    assert fast[1] or fast[2]  # each case prints something: a table, a report or an error


@pytest.mark.parametrize("args", [
    [], ["--help"], ["lint", "--help"], ["lint", "-h"], ["list", "--help"],
    ["lint", "--format=json"], ["lint", "--format", "HUMAN"], ["lint", "--format"],
    ["lint", "--strict", "--strict"], ["lint", "--explain", "cycle"], ["lint", "--list-rules"],
    ["lint", "--", "trees"], ["lint", "-"], ["lint", ""], ["list", "trees"],
    ["list", "--trees", ""], ["--trees", "trees", "list"], ["--plain", "list"],
    ["--debug", "lint"], ["run", "start"], ["lints"], ["lint", "--trees", "--strict"],
])
def test_everything_else_goes_to_typer(args):
    assert parse(args) is None


def test_the_fast_path_does_not_import_typer_or_rich():
    code = ("import sys; sys.argv = ['signpost', 'lint', 'trees']\n"
            "from signpost.fastpath import main\n"
            "try:\n    main()\nexcept SystemExit as exc:\n"
            "    print(exc.code, sorted({m.split('.')[0] for m in sys.modules} & "
            "{'typer', 'rich', 'questionary', 'json'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.stdout == "0 []\n", result.stderr


def test_debug_goes_to_typer():
    code = ("import sys, os; sys.argv = ['signpost', 'lint', 'trees']\n"
            "os.environ['SIGNPOST_DEBUG'] = '1'\n"
            "from signpost.fastpath import main\n"
            "try:\n    main()\nexcept SystemExit as exc:\n"
            "    print(exc.code, 'typer' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.stdout == "0 True\n", result.stderr
