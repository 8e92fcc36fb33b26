"""Shared helpers for the lint tests: build a folder of trees and lint it like the CLI."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from signpost.lint.config import Config, _read_toml, config_from_table
from signpost.lint.engine import lint
from signpost.lint.formats import concise

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DOCS = ROOT / "docs" / "rules"
AS_OF = dt.date(2026, 11, 22)


def write(root: Path, files: dict[str, tuple[str, str | None]]) -> None:
    """`{path: (info, text)}`; text None makes a folder; info `yaml latin-1` encodes so."""
    for name, (info, text) in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.mkdir()
        else:
            path.write_bytes(text.encode("latin-1" if "latin-1" in info else "utf-8"))


def lint_folder(root: Path, *targets: str, **overrides) -> str:
    """Concise output of linting `targets` (default `trees`) from inside `root`."""
    own = root / ".signpost.toml"
    config = (
        config_from_table(_read_toml(own).get("lint", {}), str(own)) if own.exists() else Config()
    )
    config = config.with_overrides(as_of=AS_OF, seeds=SEEDS, **overrides)
    here = os.getcwd()
    os.chdir(root)
    try:
        return concise(lint([Path(t) for t in targets or ("trees",)], config))
    finally:
        os.chdir(here)


_FILE = re.compile(
    r"^`([^`]+)`(?::\n\n```(\w+(?: latin-1)?)\n(.*?)^```$| \(a folder\)$)", re.MULTILINE | re.DOTALL
)
_SAYS = re.compile(
    r"(`signpost lint trees/` says:\n\n```text\n)(.*?)(^```$)", re.MULTILINE | re.DOTALL
)


def example(doc: str) -> tuple[dict[str, tuple[str, str | None]], str]:
    """The failing example of a rule doc: its files, and the output the doc says it gives."""
    section = doc.split("## Failing example", 1)[1].split("## Fix", 1)[0]
    files = {}
    for match in _FILE.finditer(section):
        name, info, text = match.group(1), match.group(2), match.group(3)
        if info is None:
            files[name.rstrip("/")] = ("folder", None)
        else:
            files[name] = (info, text)
    says = _SAYS.search(section)
    return files, says.group(2) if says else ""


def set_output(doc: str, output: str) -> str:
    return _SAYS.sub(lambda m: m.group(1) + output + m.group(3), doc, count=1)
