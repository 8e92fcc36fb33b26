"""Running the linter: find the files, read each folder once, run every check,
then apply severities, `off` and disable comments.

Each folder is read as a whole (a tree's links and contacts only make sense beside
the other trees and the catalogue of its folder), and only findings in the files asked
for are kept: so the checks that read one file at a time run over those files only.
With a cache kept between runs (the language server's), what does not change between
them (each file as loaded and as the shape check saw it, the sources) is not redone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from signpost.content.library import EVERYDAY_FILE, GLOSSARY_FILE
from signpost.content.yamlfile import format_path
from signpost.errors import UsageError
from signpost.lint import disable
from signpost.lint.config import PROTECTED, Config
from signpost.lint.context import FileContext, Findings, Folder
from signpost.lint.diagnostic import Diagnostic, Report, Severity
from signpost.lint.registry import RULES
from signpost.lint.rules import (
    attribution,
    contacts,
    everyday,
    freshness,
    graph,
    provenance,
    quotemarks,
    readability,
    risk,
    safety,
    shape,
    yamlfile,
)
from signpost.names import CONTACTS_FILE

if TYPE_CHECKING:
    from signpost.content.sources import Sources

SUFFIXES = (".yaml", ".yml")
CHECKS = (
    shape.check,
    graph.check,
    contacts.check,
    provenance.check,
    quotemarks.check,
    attribution.check,
    risk.check,
    safety.check,
    freshness.check,
    readability.check,
    everyday.check,
)
# The checks that read across the files of a folder, run over all of it: the shape check
# (every other check reads what it made of each file), the links between trees
# (`unknown-tree`, `tree-cycle`) and the catalogue against the trees (`unused-contact`).
# Every other check reads one file at a time, beside the folder's catalogue, glossary and
# sources, so it runs over the files asked for only: only their findings are kept.
ACROSS = (shape.check, graph.check, contacts.check)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)


def collect(
    paths: Iterable[Path], texts: dict[Path, str] | None = None
) -> dict[Path, dict[Path, str]]:
    """Folder -> {file -> name to show} of the files asked for; a bad path is a usage
    error, unless `texts` gives what it holds (an editor's unsaved buffer)."""
    wanted: dict[Path, dict[Path, str]] = {}
    for given in paths:
        given = Path(given)
        if given in (texts or {}):
            root = given.absolute().parent.resolve()
            wanted.setdefault(root, {}).setdefault(root / given.name, str(given))
        elif given.is_dir():
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


def lint(
    paths: Iterable[Path],
    config: Config | None = None,
    texts: dict[Path, str] | None = None,
    cache: dict | None = None,
) -> Report:
    """Lint trees and catalogues: the files or folders in `paths`, under `config`; a
    file in `texts` is read from there (standard input, an editor's unsaved text). A
    `cache` kept between runs (the language server's) keeps each file as loaded, so a
    file that has not changed is not read and parsed again."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a linted tree is tens of thousands of small objects and no cycles:
    try:  # the cyclic GC would walk them again and again for nothing
        return _lint(paths, config, texts or {}, cache)
    finally:
        if gc_was_enabled:
            gc.enable()


def _lint(
    paths: Iterable[Path], config: Config | None, texts: dict[Path, str], cache: dict | None
) -> Report:
    from signpost.content.library import seeds_for

    config = config or Config()
    diagnostics: list[Diagnostic] = []
    lines: dict[str, list[str]] = {}
    readability: list[dict] = []
    count = quiet = 0
    given = {Path(p).absolute().parent.resolve() / Path(p).name: t for p, t in texts.items()}
    for root, asked in collect(paths, texts).items():
        findings = Findings()
        files = [
            _load(
                FileContext(
                    path,
                    asked.get(path, str(path)),
                    [],
                    catalogue=path.name == CONTACTS_FILE,
                    glossary=path.name == GLOSSARY_FILE,
                    everyday=path.name == EVERYDAY_FILE,
                    text=given.get(path),
                ),
                findings,
                cache,
            )
            for path in sorted(set(_yaml_files(root) if root.is_dir() else ()) | set(asked))
        ]
        folder = Folder(root=root, seeds=config.seeds or seeds_for(root), files=files)
        if cache is not None:
            folder._sources = _kept_sources(folder.seeds, cache)
        _check(folder, asked, findings, config, cache)
        count += len(asked)
        readability += [r.to_dict() for r in findings.readability if r.file.path in asked]
        found, silenced = _finish(folder, asked, findings, config)
        diagnostics.extend(found)
        quiet += silenced
        shown = {d.file for d in found}
        lines.update((f.display, f.lines) for f in files if f.display in shown)
    report = Report(tuple(sorted(diagnostics)), count, lines, tuple(readability), config.source)
    report.silenced = quiet
    return report


def _check(
    folder: Folder, asked: dict[Path, str], findings: Findings, config: Config, cache: dict | None
) -> None:
    """Run every check, each over the files it must read (`ACROSS`); with a `cache`, the
    shape check's work on a file is kept while the file does not change. The
    everyday-words table is checked against the text of every tree, and its findings
    are in the table only: it is checked when it is asked for."""
    own: Folder | None = None
    for check in CHECKS:
        if check is shape.check and cache is not None:
            _kept_shape(folder, findings, config, cache)
        elif check in ACROSS:
            check(folder, findings, config)
        elif check is everyday.check:
            if any(f.everyday for f in folder.files if f.path in asked):
                check(folder, findings, config)
        else:
            own = own or _asked_only(folder, asked)
            check(own, findings, config)


def _asked_only(folder: Folder, asked: dict[Path, str]) -> Folder:
    """The folder as the checks of one file at a time see it: the files asked for, with
    what the shape check made of the whole folder (its catalogue, glossary, tree ids)
    and its sources."""
    if len(asked) == len(folder.files):
        return folder
    own = Folder(folder.root, folder.seeds, [f for f in folder.files if f.path in asked])
    own.trees = [tree for tree in folder.trees if tree.file.path in asked]
    own.catalogue, own.glossary = folder.catalogue, folder.glossary
    own.has_catalogue_file, own.tree_ids = folder.has_catalogue_file, folder.tree_ids
    own._sources = folder.sources
    return own


def _kept_sources(seeds: Path, cache: dict) -> Sources:
    """The source documents of `seeds`, read and normalised once while none of its files
    changes (by their times and sizes)."""
    from signpost.content.sources import Sources

    try:
        stamp = tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(seeds.iterdir())
        )
    except OSError:
        stamp = ()
    kept = cache.get(("sources", seeds))
    if kept is None or kept[0] != stamp:
        kept = (stamp, Sources(seeds))
        cache[("sources", seeds)] = kept
    return kept[1]


def _load(file: FileContext, findings: Findings, cache: dict | None) -> FileContext:
    """`yamlfile.load`; or, for the same text (or the same file, by its size and time),
    the file as it was loaded last time, with the findings of reading it."""
    if cache is None:
        yamlfile.load(file, findings)
        return file
    try:
        stat = file.path.stat()
        key = file.text if file.text is not None else (stat.st_mtime_ns, stat.st_size)
    except OSError:
        yamlfile.load(file, findings)
        return file
    kept = cache.get(file.path)
    if kept is None or kept[0] != key:
        before = len(findings.items)
        yamlfile.load(file, findings)
        cache[file.path] = (key, file, findings.items[before:])
        return file
    _, same, found = kept
    same.display = file.display  # as this run names it
    findings.items.extend(found)
    return same


def _kept_shape(folder: Folder, findings: Findings, config: Config, cache: dict) -> None:
    """The shape check, one file at a time, keeping what it made of each file (its
    records and its findings) while the file is the one loaded then (so its text has
    not changed), under the same settings on the same day."""
    stamp = (config, config.today())
    for file in folder.files:
        kept = cache.get(("shape", file.path))
        if kept is None or kept[0] is not file or kept[1] != stamp:
            alone, found = Folder(folder.root, folder.seeds, [file]), Findings()
            shape.check(alone, found, config)
            kept = cache[("shape", file.path)] = (file, stamp, alone, found.items)
        one: Folder = kept[2]
        folder.trees += one.trees
        if file.catalogue:
            folder.catalogue = one.catalogue
        elif file.glossary:
            folder.glossary = one.glossary
        findings.items.extend(kept[3])


def _finish(
    folder: Folder, asked: dict[Path, str], findings: Findings, config: Config
) -> tuple[list[Diagnostic], int]:
    """The diagnostics of the files asked for, after severities and disable comments,
    and how many findings a disable comment silenced (the summary counts them)."""
    from signpost.lint.fixes import fix_for, token_end

    disabled = {id(f): disable.disabled(f, findings) for f in folder.files if f.path in asked}
    out = []
    silenced = 0
    for finding in findings.items:
        if finding.file.path not in asked:
            continue
        level = (
            finding.severity
            or config.severities.get(finding.rule)
            or RULES[finding.rule].severity.value
        )
        if level == "off" and finding.rule not in PROTECTED:
            continue
        names = disabled[id(finding.file)].get(finding.line, ())
        if finding.rule in names or ("all" in names and finding.rule not in PROTECTED):
            silenced += 1
            continue
        lines = finding.file.lines
        text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        out.append(
            Diagnostic(
                finding.file.display,
                finding.line,
                finding.column,
                Severity(level),
                finding.rule,
                finding.message,
                format_path(finding.path),
                finding.line,
                token_end(text, finding.column),
                finding.fix
                or fix_for(finding.rule, finding.message, lines, finding.line, finding.column),
            )
        )
    return out, silenced
