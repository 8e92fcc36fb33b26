"""Running the `signpost` command in tests, with stable plain text: TERM=dumb, a
fixed width and no colour (typer would otherwise read FORCE_COLOR and friends)."""

from conftest import ROOT
from typer.testing import CliRunner

from signpost.cli import app

FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_TREES = FIXTURES / "trees"
ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}


def signpost(*args: str, input: str | None = None, fixtures: bool = True):
    """`signpost [--trees tests/fixtures/trees] ARGS...` → the result
    (exit_code, stdout, stderr)."""
    prefix = ["--trees", str(FIXTURE_TREES)] if fixtures else []
    return CliRunner().invoke(
        app, prefix + list(args), input=input, env=ENV, catch_exceptions=False
    )
