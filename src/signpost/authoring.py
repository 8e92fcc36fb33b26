"""The authors' workbench commands: `quote`, `sources` and `lsp`.

They are registered on the one typer app (`cli.app`), which imports this module once
its own commands are defined; like every command body they run under `cli.handled`,
the one error handler. Only this module and `cli.py` print or exit.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import typer

from signpost.cli import (
    SeedsOption,
    TextJson,
    TreesOption,
    _json,
    _library,
    _write,
    app,
    handled,
)
from signpost.errors import ExitStatus, UsageError


def _sources_of(ctx: typer.Context, trees: Path | None, seeds: Path | None):
    """The source documents a command reads: --seeds, else those of the trees folder."""
    from signpost.content.sources import Sources

    library = _library(ctx, trees)
    return library, (Sources(seeds) if seeds is not None else library.sources)


@app.command()
@handled
def quote(
    ctx: typer.Context,
    words: list[str] = typer.Argument(
        ..., help="Words you remember from the passage, in any order."
    ),
    doc: str | None = typer.Option(
        None, "--doc", metavar="NAME", help="Look only in this document (its file name)."
    ),
    limit: int = typer.Option(5, "--limit", min=1, metavar="N", help="Show at most N passages."),
    fmt: TextJson = typer.Option(TextJson.text, "--format", help="text or json."),
    seeds: Path | None = SeedsOption,
    trees: Path | None = TreesOption,
) -> None:
    """Find the passages of the sources that match the words, best first, each with its
    document, line and a `source:` block to paste under a step: the whole sentence,
    copied exactly, so lint passes. Any word order, any case, curly or straight quotes.

    \b
    Examples:
      signpost quote meet and greet
      signpost quote "formal diagnosis" --doc 003_641df8f9bc14a97e.txt
    """
    from signpost.content.quotes import QuoteIndex, terms

    text = " ".join(words)
    if not terms(text):
        raise UsageError(
            "give at least one word to look for", hint="For example: signpost quote meet and greet"
        )
    _, sources = _sources_of(ctx, trees, seeds)
    if doc is not None and sources.get(doc) is None:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"`{doc}` is not a document in {sources.folder}",
            hint=did_you_mean(doc, sorted(sources.docs), sentence=True)
            or "Run `signpost sources` to see the documents.",
        )
    hits = QuoteIndex(sources).find(text, doc=doc, limit=limit)
    if fmt is TextJson.json:
        _json({"version": 1, "words": text, "results": [h.to_dict() for h in hits]})
    else:
        from signpost.reports.sourcemap import format_hits

        _write(format_hits(hits, text))
    if not hits:
        raise typer.Exit(int(ExitStatus.FINDINGS))


class MapFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("sources")
@handled
def sources_map(
    ctx: typer.Context,
    uncited: bool = typer.Option(
        False, "--uncited", help="List only the sentences no tree, contact or term cites."
    ),
    doc: str | None = typer.Option(
        None, "--doc", metavar="NAME", help="Only this document (its file name)."
    ),
    fmt: MapFormat = typer.Option(MapFormat.text, "--format", help="text, markdown or json."),
    seeds: Path | None = SeedsOption,
    trees: Path | None = TreesOption,
) -> None:
    """What each source document says, sentence by sentence (by line), which sentences the
    trees cite and from which outcomes (`tree:outcome`), contacts or glossary terms, and
    the share cited. `*` marks a cited sentence. The JSON's schema is
    docs/schemas/sources.schema.json.

    \b
    Examples:
      signpost sources --uncited
      signpost sources --doc 002_3e536e74bb67952d.txt --format markdown
    """
    from signpost.reports.sourcemap import (
        citations,
        format_map,
        format_markdown,
        map_dict,
        source_map,
    )

    library, sources = _sources_of(ctx, trees, seeds)
    if doc is not None and sources.get(doc) is None:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"`{doc}` is not a document in {sources.folder}",
            hint=did_you_mean(doc, sorted(sources.docs), sentence=True)
            or "Run `signpost sources` to see the documents.",
        )
    maps = [m for m in source_map(sources, citations(library)) if doc is None or m.doc == doc]
    if fmt is MapFormat.json:
        _json(map_dict(maps, uncited))
    elif fmt is MapFormat.markdown:
        _write(format_markdown(maps, uncited))
    else:
        _write(format_map(maps, uncited))


class LintExtras(NamedTuple):
    """The ruff-like options of `signpost lint`, beside the ones `cli.lint` reads itself."""

    stdin_filename: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    statistics: bool = False
    exit_zero: bool = False
    output: Path | None = None
    fix: bool = False
    diff: bool = False
    watch: bool = False


class _Run(NamedTuple):
    """One lint run's inputs, worked out once (a --watch loop runs it again and again)."""

    paths: list[Path]
    fmt: str
    strict: bool
    settings: Any
    texts: dict[Path, str]
    shown: dict[str, str]  # the name a file is linted under -> the name shown ("-")
    select: set[str] | None
    ignore: set[str]
    statistics: bool


def lint_run(
    paths: list[Path],
    fmt: str | None,
    strict: bool,
    settings: Any,
    env: Any,
    extras: LintExtras,
) -> bool:
    """`signpost lint` with its ruff-like options; True if it should exit 1."""
    from signpost.lint.sarif import rule_names

    if extras.fix and extras.diff:
        raise UsageError("--fix and --diff do not go together: --diff shows what --fix would do")
    texts, shown = {}, {}
    if [str(p) for p in paths] == ["-"]:
        if extras.watch:
            raise UsageError("--watch needs files to watch, not standard input")
        text = _read_stdin()
        where = extras.stdin_filename or _stdin_path(text)
        texts[where] = text
        shown[str(where)] = str(extras.stdin_filename or "-")
        paths = [where]
    elif extras.stdin_filename is not None:
        raise UsageError("--stdin-filename goes with `-` (read the tree from standard input)")
    if fmt is None:
        fmt = "human" if env.stdout_tty and extras.output is None else "concise"
    select = rule_names(extras.select, "--select") if extras.select else None
    ignore = rule_names(extras.ignore or [], "--ignore")
    if select:  # as in ruff, a rule named in --select is on, even one off by default
        settings = _turn_on(settings, select, extras.select or [])
    run = _Run(paths, fmt, strict, settings, texts, shown, select, ignore, extras.statistics)
    if extras.watch:
        _watch(run, env, extras)
    return _once(run, env, extras)


STDIN_LIMIT = 10 * 1024 * 1024  # as for a file: a tree is far smaller


def _read_stdin() -> str:
    """Standard input as text: bytes that are not UTF-8 are kept (lint reports the
    first as `not-utf8`, with its line), and more than 10 MB is a usage error."""
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(STDIN_LIMIT + 1) if stream is not None else sys.stdin.read().encode()
    if len(raw) > STDIN_LIMIT:
        raise UsageError("standard input holds more than 10 MB; a tree is far smaller")
    return raw.decode("utf-8", "surrogateescape")


def _turn_on(settings: Any, select: set[str], named: list[str]) -> Any:
    """The settings with each rule named by itself in --select on (a warning) if it was
    off; a group or `all` leaves its off rules off."""
    from signpost.lint.registry import RULES

    by_name = {n.strip() for item in named for n in item.split(",")} & select
    severities = dict(settings.severities)
    for rule in by_name:
        if severities.get(rule, RULES[rule].severity.value) == "off":
            severities[rule] = "warning"
    return settings.with_overrides(severities=severities)


def _stdin_path(text: str) -> Path:
    """Where a tree read from standard input without --stdin-filename is linted: in the
    trees folder, named by its `id` (so `id-file-mismatch` holds), else `stdin.yaml`."""
    import re

    from signpost.cli import _default_trees

    found = re.search(
        r"^id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*(?:#.*)?$", text, re.M
    )
    return _default_trees() / f"{found.group(1) if found else 'stdin'}.yaml"


def _report(run: _Run) -> Any:
    from signpost.lint.engine import lint as run_lint
    from signpost.lint.sarif import only

    report = only(run_lint(run.paths, run.settings, run.texts), run.select, run.ignore)
    if run.shown:
        report.diagnostics = tuple(
            d._replace(file=run.shown.get(d.file, d.file)) for d in report.diagnostics
        )
        report.lines = {run.shown.get(k, k): v for k, v in report.lines.items()}
    return report


def _once(run: _Run, env: Any, extras: LintExtras) -> bool:
    """Lint once (fixing first, with --fix), write the report, say the summary."""
    from signpost.cli import _err
    from signpost.lint.formats import summary

    report = _report(run)
    fixed = 0
    if extras.fix or extras.diff:
        fixed, patch = _fix(run, report, write=extras.fix)
        if extras.diff:
            _write(patch)
            _err(f"Would fix {_fixes(fixed)}; run with --fix." if fixed else "No fixes to make.")
            return bool(fixed) and not extras.exit_zero
        if fixed:
            report = _report(run)
    if extras.fix and run.texts:  # the fixed text went to standard output: the report to stderr
        _err(_render(run, report, env).rstrip("\n"))
    else:
        _output(_render(run, report, env), extras.output)
    if fixed:
        _err(f"Fixed {_fixes(fixed)}.")
    _err(summary(report))
    failed = bool(report.errors or (run.strict and report.warnings))
    return failed and not extras.exit_zero


def _fixes(number: int) -> str:
    from signpost.words import count

    return count(number, "problem")


def _render(run: _Run, report: Any, env: Any) -> str:
    from signpost.lint.formats import render
    from signpost.lint.sarif import sarif, statistics

    if run.fmt == "sarif":
        from signpost import __version__

        return sarif(report, __version__)
    if run.statistics:
        return statistics(report)
    return render(report, run.fmt, color=run.fmt == "human" and env.colour)


def _output(text: str, output: Path | None) -> None:
    if output is None:
        if text:
            _write(text)
        return
    from signpost.errors import SaveError

    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SaveError(
            f"cannot write the report ({exc.strerror or exc})", where=str(output)
        ) from None


def _fix(run: _Run, report: Any, write: bool) -> tuple[int, str]:
    """Make (or, for --diff, show) each safe fix: (how many, the unified diff)."""
    import difflib

    from signpost.lint.fixes import apply

    by_file: dict[str, list] = {}
    for d in report.diagnostics:
        if d.fix is not None:
            by_file.setdefault(d.file, []).append(d.fix)
    back = {shown: Path(real) for real, shown in run.shown.items()}
    patch: list[str] = []
    count = 0
    for name, fixes in sorted(by_file.items()):
        path = back.get(name, Path(name))
        old = run.texts[path] if path in run.texts else path.read_text(encoding="utf-8")
        new = apply(old, fixes)
        if new == old:
            continue
        count += len(fixes)
        patch += difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        if write and path in run.texts:
            run.texts[path] = new
            _write(new)  # standard input, fixed, to standard output (as ruff does)
        elif write:
            path.write_text(new, encoding="utf-8")
    return count, "".join(patch)


def _watch(run: _Run, env: Any, extras: LintExtras) -> None:
    """Lint, then again each time a file of the folders (or the sources) changes, until
    Ctrl-C, which ends it quietly: `Stopped watching.` and exit status 130."""
    from signpost.cli import _err
    from signpost.errors import ExitStatus

    folders = _watched(run)
    try:
        while True:
            _once(run, env, extras)
            _err("Watching for changes; press Ctrl-C to stop.")
            changed = _wait(folders, extras.output)
            _err(f"\n{changed} changed; linting again.")
    except KeyboardInterrupt:
        _err("Stopped watching.")
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None


def _watched(run: _Run) -> list[Path]:
    from signpost.content.library import seeds_for

    folders: list[Path] = []
    for given in run.paths:
        folder = given if given.is_dir() else given.absolute().parent
        for path in (folder, run.settings.seeds or seeds_for(folder)):
            if path.is_dir() and path.resolve() not in folders:
                folders.append(path.resolve())
    return folders


def _wait(folders: list[Path], output: Path | None = None) -> str:
    """Block until a .yaml, .txt or settings file under `folders` changes (not the
    report `-o` writes, which would start it again and again); its name."""
    wanted = (".yaml", ".yml", ".txt", ".toml")
    mine = str(output.resolve()) if output is not None else None
    try:
        import watchfiles
    except ImportError:  # the `watch` extra is not installed: read the times twice a second
        return _poll(folders, wanted, mine)
    for changes in watchfiles.watch(*folders, debounce=200, rust_timeout=0, yield_on_timeout=False):
        names = sorted(Path(p).name for _, p in changes if p.endswith(wanted) and p != mine)
        if names:
            return ", ".join(names)
    raise KeyboardInterrupt  # watchfiles stops on Ctrl-C (it handles the signal itself)


def _poll(folders: list[Path], wanted: tuple[str, ...], mine: str | None) -> str:
    import time

    def times() -> dict[Path, int]:
        found = {}
        for folder in folders:
            for path in folder.iterdir():
                if path.suffix in wanted and str(path) != mine:
                    try:
                        found[path] = path.stat().st_mtime_ns
                    except OSError:
                        continue
        return found

    before = times()
    while True:
        time.sleep(0.5)
        now = times()
        if now != before:
            changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
            return ", ".join(sorted(p.name for p in changed))


def scaffold_scenarios(library: Any, report: Any, tree_id: str) -> None:
    """`signpost test --scaffold TREE`: a scenario for each route of TREE no scenario
    walks, on standard output: a whole file if TREE has no scenarios yet, else the
    items to add under its file's `scenarios:`; what to do with it on standard error."""
    from signpost.cli import _err
    from signpost.reports.scenarios import scaffold
    from signpost.words import count

    library.tree(tree_id)  # an unknown tree is a usage error, with "did you mean"
    files = sorted({r.scenario.file for r in report.results if r.scenario.tree == tree_id})
    text = scaffold(library, tree_id, report.results, whole=not files)
    if not text:
        _err(f"Every route of {tree_id} is walked by a scenario: nothing to add.")
        return
    _write(text)
    made = count(text.count("\n  - name: ") + text.startswith("  - name: "), "scenario")
    if files:
        _err(f"{made} for the untested routes: add under `scenarios:` in {files[0]}.")
    else:
        _err(f"{made} for the untested routes: save as scenarios/{tree_id}.yaml.")


@app.command()
@handled
def lsp(ctx: typer.Context) -> None:
    """Run the language server for tree authors' editors, over standard input and output:
    lint findings as you type (every rule, with ranges), go to definition (`next:`,
    `tree:`, contact ids, `doc:`), completion, hover and quick fixes. Needs the `lsp`
    extra: pip install 'signpost[lsp]'. Set-up for VS Code, Neovim and Helix:
    docs/editors.md.

    \b
    Examples:
      signpost lsp
    """
    del ctx
    try:
        from signpost.lsp import serve
    except ImportError as exc:
        raise UsageError(
            f"the language server needs pygls, which is not installed "
            f"({(exc.name or 'pygls').split('.')[0]} is missing)",
            hint="Install it with: pip install 'signpost[lsp]'",
        ) from None
    code = serve()
    if code:
        raise typer.Exit(code)
