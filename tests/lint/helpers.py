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


HONEST_TALK = "we always recommend you have an honest conversation with your child's"


def small_tree(
    *,
    tree_id: str = "example",
    help_text: str | None = None,
    text: str = "Have an honest talk with the school.",
    doc: str = "000_cd7fdd44bcd59a55.txt",
    quote: str = HONEST_TALK,
    contacts: str | None = None,
) -> str:
    """A tree of one question (with `help_text`, if given) and one outcome of one step
    citing `quote` in `doc`, listing `contacts` (a YAML list), if given: the example the
    rule tests change one part of."""
    help_line = f"    help: {help_text}\n" if help_text is not None else ""
    contacts_line = f"      contacts: {contacts}\n" if contacts is not None else ""
    return f"""\
id: {tree_id}
title: Example
summary: A short example.
audience: [parents]
reviewed: 2026-11-01
start: ask
nodes:
  ask:
    question: Have you talked with the school?
{help_line}    options:
      - label: "Yes"
        next: talk
      - label: Not yet
        next: talk
  talk:
    outcome:
      title: Talk to the school
      steps:
        - text: {text}
          source:
            doc: {doc}
            quote: "{quote}"
{contacts_line}"""


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
