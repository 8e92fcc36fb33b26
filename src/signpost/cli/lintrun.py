"""One run of `signpost lint` as ruff users expect it: standard input, `--select` and
`--ignore`, statistics, `-o FILE`, `--fix` and `--diff` (`--watch` runs it again and
again: `lintwatch`).
"""

import sys
from pathlib import Path
from typing import Any, NamedTuple

from signpost.cli.shared import (
    default_trees,
    err,
    write_out,
)
from signpost.errors import UsageError


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
    trees: Path | None = None  # the trees folder a tree from standard input is linted in


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

    texts, shown = {}, {}
    if [str(p) for p in paths] == ["-"]:
        text = _read_stdin()
        where = extras.stdin_filename or _stdin_path(text, extras.trees or default_trees())
        texts[where] = text
        shown[str(where)] = str(extras.stdin_filename or "-")
        paths = [where]
    if fmt is None:
        fmt = "human" if env.stdout_tty and extras.output is None else "concise"
    select = rule_names(extras.select, "--select") if extras.select is not None else None
    ignore = rule_names(extras.ignore, "--ignore") if extras.ignore is not None else set()
    if select:  # as in ruff, a rule named in --select is on, even one off by default
        settings = _turn_on(settings, select, extras.select or [])
    run = _Run(paths, fmt, strict, settings, texts, shown, select, ignore, extras.statistics)
    if extras.output is not None:
        _not_an_input(run, extras.output)
    if extras.watch:  # the watch extra's module is loaded only for a watch
        from signpost.cli.lintwatch import watch, watched_folders

        folders = watched_folders(run.paths, run.settings.seeds)
        watch(lambda: _once(run, env, extras), folders, extras.output)
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


def _stdin_path(text: str, folder: Path) -> Path:
    """Where a tree read from standard input without --stdin-filename is linted: in the
    trees folder, named by its `id` (so `id-file-mismatch` holds), else `stdin.yaml`."""
    import re

    found = re.search(
        r"^id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*(?:#.*)?$", text, re.M
    )
    return folder / f"{found.group(1) if found else 'stdin'}.yaml"


def _report(run: _Run) -> Any:
    from signpost.lint.engine import lint as run_lint
    from signpost.lint.sarif import only

    report = only(run_lint(run.paths, run.settings, run.texts), run.select, run.ignore)
    for d in report.diagnostics:  # a file name that is not UTF-8 is shown with escapes
        if _escaped(d.file) != d.file:  # (and --fix finds the file again by that name)
            run.shown.setdefault(d.file, _escaped(d.file))
    if run.shown:
        report.diagnostics = tuple(
            d._replace(file=run.shown.get(d.file, d.file), message=_escaped(d.message))
            for d in report.diagnostics
        )
        report.lines = {run.shown.get(k, k): v for k, v in report.lines.items()}
    return report


def _escaped(text: str) -> str:
    """`text` with each byte of a name that was not UTF-8 as `\\xff`, as Python reads
    such a name (a surrogate), which no stream could write."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _once(run: _Run, env: Any, extras: LintExtras) -> bool:
    """Lint once (fixing first, with --fix), write the report, say the summary."""
    from signpost.lint.formats import summary

    report = _report(run)
    fixed = 0
    if extras.fix or extras.diff:
        fixed, patch = _fix(run, report, write=extras.fix)
        if extras.diff:
            _output(_shown(patch) if env.stdout_tty and not extras.output else patch, extras.output)
            err(f"Would fix {_fixes(fixed)}; run with --fix." if fixed else "No fixes to make.")
            return bool(fixed) and not extras.exit_zero
        if fixed:
            report = _report(run)
    piped = extras.fix and bool(run.texts)
    if piped:  # standard input, fixed or not, to standard output (as ruff does)
        _text_out("".join(run.texts.values()))
    if piped and extras.output is None:  # so the report goes to standard error
        err(_render(run, report, env).rstrip("\n"))
    else:
        _output(_render(run, report, env), extras.output)
    if fixed:
        err(f"Fixed {_fixes(fixed)}.")
    err(summary(report))
    failed = bool(report.errors or (run.strict and report.warnings))
    return failed and not extras.exit_zero


def _shown(patch: str) -> str:
    """A patch as a terminal shows it: what the tree holds that a terminal would obey
    (a bidi override, a control character) as an escape; each line's ending kept."""
    from signpost.safetext import terminal

    def line(text: str) -> str:
        return terminal(text[:-1]) + "\r" if text.endswith("\r") else terminal(text)

    return "\n".join(line(text) for text in patch.split("\n"))


def _text_out(text: str) -> None:
    """A tree read from standard input, back as the bytes it came as (what was not UTF-8
    too), so a tool that swaps its buffer for this output loses nothing."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        write_out(text)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8", "surrogateescape"))
    stream.flush()


def _fixes(number: int) -> str:
    from signpost.words import count

    return count(number, "problem")


def _render(run: _Run, report: Any, env: Any) -> str:
    from signpost.lint.formats import render
    from signpost.lint.sarif import sarif, statistics

    if run.fmt == "sarif":
        from signpost import __version__

        real = {shown: name for name, shown in run.shown.items() if Path(name) not in run.texts}
        return sarif(report, __version__, real)
    if run.statistics:
        return statistics(report)
    return render(report, run.fmt, color=run.fmt == "human" and env.colour)


def _output(text: str, output: Path | None) -> None:
    if output is None:
        if text:
            write_out(text)
        return
    from signpost.errors import SaveError

    try:
        output.write_text(text, encoding="utf-8", errors="surrogateescape")  # as stdout
    except OSError as exc:
        raise SaveError(
            f"cannot write the report ({exc.strerror or exc})", where=str(output)
        ) from None


def _not_an_input(run: _Run, output: Path) -> None:
    """`-o` may not name a file the run reads (a tree, its folder's catalogue, a source
    document, the settings file): the report would take its place."""
    from signpost.content.library import seeds_for
    from signpost.errors import SaveError
    from signpost.lint.engine import collect

    if not output.is_file():
        return
    settings = [Path(run.settings.source)] if run.settings.source else []
    for folder in collect(run.paths, run.texts):
        read = [p for p in _files(folder) if p.suffix in (".yaml", ".yml")]
        for path in [*read, *_files(run.settings.seeds or seeds_for(folder)), *settings]:
            if path.samefile(output):
                raise SaveError(
                    "the report would overwrite a file lint reads",
                    where=str(output),
                    hint="Write it to another file.",
                )


def _files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:  # not a folder, or not one we may read: nothing of it is read
        return []


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
    done: set[tuple[int, int]] = set()  # a tree reached by two names is fixed once
    for name, fixes in sorted(by_file.items()):
        path = back.get(name, Path(name))
        same = (0, 0) if path in run.texts else (path.stat().st_dev, path.stat().st_ino)
        if same in done:
            continue
        done.add(same)
        old = run.texts[path] if path in run.texts else _read(path)
        new = apply(old, fixes)
        if new == old:
            continue
        count += len(fixes)
        patch += difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        if write and path in run.texts:
            run.texts[path] = new
        elif write:
            _write(path, new, name)
    return count, "".join(patch)


def _read(path: Path) -> str:
    """A tree's text as it is on disk, its line endings (CRLF too) kept."""
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def _write(path: Path, text: str, name: str) -> None:
    """Write a fixed tree in place (so its mode, and a link to it, are kept), with its
    own line endings; a file that cannot be written is one line, exit status 4."""
    from signpost.errors import SaveError

    try:
        with open(path, "w", encoding="utf-8", newline="") as file:
            file.write(text)
    except OSError as exc:
        raise SaveError(
            f"cannot write the fixed file ({exc.strerror or exc})", where=name
        ) from None
