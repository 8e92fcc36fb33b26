"""Shared fixtures. Typer must not force colour or terminal widths in tests."""

import os
import subprocess
import sys

os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ.pop("SIGNPOST_TREES", None)
os.environ.pop("SIGNPOST_SEEDS", None)

from pathlib import Path

import pytest

from signpost.content.library import Library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(ROOT / "trees", ROOT / "seeds")


def run_main(args, prelude: str = "", **kwargs) -> subprocess.CompletedProcess:
    """signpost's one entry point, `cli.main`, in a fresh interpreter with `args`, after
    the Python code `prelude` (which may watch what it does); output captured as text
    unless `kwargs` say where it goes."""
    if not {"stdout", "stderr"} & kwargs.keys():
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-c", prelude + "from signpost.cli import main\nmain()\n", *args],
        text=True,
        timeout=60,
        **kwargs,
    )
