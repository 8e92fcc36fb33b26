"""Shared fixtures. Typer must not force colour or terminal widths in tests."""

import os

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
