"""Running the linter: find the files, read each folder once, run every check,
then apply severities, `off` and disable comments.

Each folder is checked as a whole (a tree's links and contacts only make sense
beside the other trees and the catalogue of its folder); only findings in the
files asked for are kept.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from signpost.content.library import GLOSSARY_FILE
from signpost.content.yamlfile import format_path
from signpost.errors import UsageError
from signpost.lint import disable
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder
from signpost.lint.diagnostic import Diagnostic, Report, Severity
from signpost.lint.registry import RULES
from signpost.lint.rules import (
    attribution,
    contacts,
    freshness,
    graph,
    provenance,
    readability,
    risk,
    safety,
    shape,
    yamlfile,
)
from signpost.names import CONTACTS_FILE

CATALOGUE = CONTACTS_FILE
SUFFIXES = (".yaml", ".yml")
CHECKS = (
    shape.check,
    graph.check,
    contacts.check,
    provenance.check,
    attribution.check,
    risk.check,
    safety.check,
    freshness.check,
    readability.check,
)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)


def collect(paths: Iterable[Path]) -> dict[Path, dict[Path, str]]:
    """Folder -> {file -> name to show} of the files asked for; a bad path is a usage error."""
    wanted: dict[Path, dict[Path, str]] = {}
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files = _yaml_files(given)
            if not files:
                raise UsageError(
                    f"the folder {given} holds no .yaml files",
                    hint="Lint a folder of trees, or tree files.",
                )
            root = given.resolve()
            folder = wanted.setdefault(root, {})
            for file in files:  # a link is named as it is, not as where it leads
                folder.setdefault(root / file.name, str(given / file.name))
        elif given.exists() or given.is_symlink():
            root = given.absolute().parent.resolve()
            wanted.setdefault(root, {}).setdefault(root / given.name, str(given))
        else:
            raise UsageError("no such file or folder", where=str(given), hint="Check the path.")
    return wanted


def lint(paths: Iterable[Path], config: Config | None = None) -> Report:
    """Lint trees and catalogues: the files or folders in `paths`, under `config`."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a linted tree is tens of thousands of small objects and no cycles:
    try:  # the cyclic GC would walk them again and again for nothing
        return _lint(paths, config)
    finally:
        if gc_was_enabled:
            gc.enable()


def _lint(paths: Iterable[Path], config: Config | None) -> Report:
    from signpost.content.library import seeds_for

    config = config or Config()
    diagnostics: list[Diagnostic] = []
    lines: dict[str, list[str]] = {}
    readability: list[dict] = []
    count = 0
    for root, asked in collect(paths).items():
        files = [
            FileContext(
                path,
                asked.get(path, str(path)),
                [],
                catalogue=path.name == CATALOGUE,
                glossary=path.name == GLOSSARY_FILE,
            )
            for path in sorted(set(_yaml_files(root)) | set(asked))
        ]
        folder = Folder(root=root, seeds=config.seeds or seeds_for(root), files=files)
        findings = Findings()
        for file in files:
            yamlfile.load(file, findings)
        for check in CHECKS:
            check(folder, findings, config)
        count += len(asked)
        readability += [r.to_dict() for r in findings.readability if r.file.path in asked]
        found = _finish(folder, asked, findings, config)
        diagnostics.extend(found)
        shown = {d.file for d in found}
        lines.update((f.display, f.lines) for f in files if f.display in shown)
    return Report(tuple(sorted(diagnostics)), count, lines, tuple(readability))


def _finish(
    folder: Folder, asked: dict[Path, str], findings: Findings, config: Config
) -> list[Diagnostic]:
    silenced = {id(f): disable.disabled(f, findings) for f in folder.files if f.path in asked}
    out = []
    for finding in findings.items:
        if finding.file.path not in asked:
            continue
        level = config.severities.get(finding.rule) or RULES[finding.rule].severity.value
        if level == "off":
            continue
        names = silenced[id(finding.file)].get(finding.line, ())
        if finding.rule in names or "all" in names:
            continue
        out.append(
            Diagnostic(
                finding.file.display,
                finding.line,
                finding.column,
                Severity(level),
                finding.rule,
                finding.message,
                format_path(finding.path),
            )
        )
    return out
