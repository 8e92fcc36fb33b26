"""The `signpost` script's entry: the everyday command lines run without typer.

Importing typer (and the Click it bundles) costs about 40 ms, a third of linting the
shipped trees, on every run; authors lint on every save, and support workers open
the menu and list the trees many times a day. So the script first reads the command
line itself, for these commands only and only in their plainest forms (`signpost lint [PATHS]`
with `--format`, `--strict`, `--seeds`, `--config`, `--as-of`, `--trees`; `signpost
list` with `--format`, `--trees`; `signpost` alone, the menu, and `signpost run TREE`
with `--plain`, `--trees`, `--save`, `--force`, where the first question is on
screen ~40 ms sooner), each option at most once, as separate words.
`signpost --help` and `signpost COMMAND --help` (or `-h`) print the help the typer
app prints, stored by scripts/update-help in `signpost.helptext`, when the terminal
is as wide as the one it was stored for (Click wraps help to the terminal's width).
Anything else — a misspelt option, `--opt=value`, root options, `--debug` or
SIGNPOST_DEBUG, shell completion, a stdout that cannot write UTF-8 — goes to the
typer app in `signpost.cli` unchanged, which also runs these same command bodies: both routes
share the code below, so they print the same bytes and exit with the same codes
(tests/test_fastpath.py runs each fast command both ways and compares).

Like `signpost.cli`, this module prints and exits; the core never does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from signpost import __version__
from signpost.errors import ExitStatus, SignpostError, Stopped

DEBUG_ENV = "SIGNPOST_DEBUG"
TREES_ENV = "SIGNPOST_TREES"
COMPLETE_ENV = "_SIGNPOST_COMPLETE"  # Click's shell-completion request: typer answers it
LINT_FORMATS = ("human", "concise", "json", "github")
LIST_FORMATS = ("table", "json")
HELP_OPTIONS = ("--help", "-h")
# Click wraps help to min(columns, 80) - 2: the same text on every terminal this wide.
HELP_COLUMNS = 80


def err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def exit_code(exc: BaseException, debug: bool) -> int | None:
    """The one error handler's verdict on `exc`: print its line and give the exit code,
    or None for an unexpected error under --debug (the caller re-raises it)."""
    if isinstance(exc, SignpostError):
        err(f"signpost: error: {exc}")
        return int(exc.exit_status)
    if isinstance(exc, BrokenPipeError):  # the reader went away (`signpost list | head`)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit is quiet too
        except (OSError, ValueError):
            pass
        return int(ExitStatus.PIPE_CLOSED)
    if isinstance(exc, Stopped):
        err(exc.message)  # says where the plan was saved, if it was
        return int(ExitStatus.INTERRUPTED)
    if isinstance(exc, (KeyboardInterrupt, EOFError)):
        err(Stopped().message)
        return int(ExitStatus.INTERRUPTED)
    if debug:
        return None
    err(
        f"signpost: internal error: {type(exc).__name__}: {exc}. This is a bug in "
        f"signpost {__version__}; please report it, with the output of the same "
        f"command run with --debug."
    )
    return int(ExitStatus.USAGE)


def console(plain: bool):
    from rich.console import Console

    if plain:
        return Console(color_system=None, highlight=False, emoji=False, soft_wrap=True)
    return Console(highlight=False, emoji=False)


def to_json(data) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False)


def list_command(fmt: str, trees: Path | None, echo: Callable[[str], None]) -> int:
    """`signpost list`: the trees as a table (or JSON)."""
    from signpost.library import Library

    all_trees = Library(trees).trees()
    if fmt == "json":
        rows = [
            {
                "id": t.id,
                "title": t.title,
                "summary": t.summary,
                "audience": list(t.audience),
                "reviewed": t.reviewed.isoformat(),
            }
            for t in all_trees
        ]
        echo(to_json(rows))
        return 0
    rows = [
        (t.id, t.title, t.summary, ", ".join(t.audience), t.reviewed.isoformat()) for t in all_trees
    ]
    echo(text_table(rows, columns(fallback=100)))
    echo(f"{len(all_trees)} trees. Start one with: signpost run ID")
    return 0


def columns(fallback: int) -> int:
    """The terminal's width as `shutil.get_terminal_size((fallback, 24)).columns` gives
    it (COLUMNS, else the terminal stdout is on, else `fallback`), without importing
    shutil (~3 ms, for its archive formats)."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            width = 0
    return width or fallback


def text_table(rows: list[tuple[str, str, str, str, str]], width: int) -> str:
    """id, situation (title, then summary), for, reviewed: plain aligned text.

    Plain text rather than a rich table: it reads the same to a screen reader,
    in a pipe and on a terminal, and `signpost list` does not pay ~30 ms to
    import rich on every run.
    """
    import textwrap

    heads = ("id", "situation", "for", "reviewed")
    id_w = max([len(heads[0])] + [len(r[0]) for r in rows])
    for_w = max([len(heads[2])] + [len(r[3]) for r in rows])
    date_w = 10
    gaps = 3 * 2
    sit_w = max(20, width - id_w - for_w - date_w - gaps - 1)
    lines = [
        "  ".join(
            (heads[0].ljust(id_w), heads[1].ljust(sit_w), heads[2].ljust(for_w), heads[3])
        ).rstrip()
    ]
    lines.append("  ".join(("-" * id_w, "-" * sit_w, "-" * for_w, "-" * date_w)))
    for tree_id, title, summary, audience, reviewed in rows:
        situation = textwrap.wrap(title, sit_w) + textwrap.wrap(summary, sit_w)
        for number, text in enumerate(situation or [""]):
            first = number == 0
            lines.append(
                "  ".join(
                    (
                        (tree_id if first else "").ljust(id_w),
                        text.ljust(sit_w),
                        (audience if first else "").ljust(for_w),
                        reviewed if first else "",
                    )
                ).rstrip()
            )
        lines.append("")
    return "\n".join(lines)


def interactive_ok() -> bool:
    """Whether arrow-key menus can be drawn: both ends are terminals that move a cursor."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def terminal(plain: bool):
    """The walk's screen and prompts: plain (typed numbers, no colour) when asked, or
    when either end is not a terminal; arrow-key menus otherwise."""
    from signpost.prompts import ArrowPrompter, PlainPrompter
    from signpost.session import Terminal

    plain = plain or not interactive_ok()
    return Terminal(console(plain), PlainPrompter() if plain else ArrowPrompter(), plain)


def walk_command(
    tree_id: str | None,
    trees: Path | None,
    plain: bool,
    save: Path | None = None,
    force: bool = False,
) -> int:
    """`signpost` (the menu, `tree_id` None) and `signpost run TREE`: the interactive walk."""
    from signpost.library import Library
    from signpost.session import choose_tree, run_walk

    library = Library(trees)
    if tree_id is not None:
        library.tree(tree_id)  # an unknown tree is reported before any screen is drawn
    term = terminal(plain)
    if tree_id is None:
        tree_id = choose_tree(library, term)
    run_walk(library, tree_id, term, save_to=save, overwrite=force)
    return 0


def lint_command(
    paths: list[Path] | None,
    fmt: str | None,
    strict: bool,
    as_of: str | None,
    seeds: Path | None,
    config: Path | None,
    trees: Path | None,
) -> int:
    """`signpost lint` (without --explain and --list-rules): the report and its exit code."""
    import datetime as dt

    from signpost.errors import UsageError
    from signpost.lint import lint as run_lint
    from signpost.lint import load_config
    from signpost.lint.formats import render, summary

    if not paths:
        from signpost.library import default_trees_dir

        paths = [trees or default_trees_dir()]
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of} is not a date; write it as YYYY-MM-DD") from None
    settings = load_config(paths[0], config).with_overrides(as_of=day, seeds=seeds)
    report = run_lint(paths, settings)
    if fmt is None:
        fmt = "human" if sys.stdout.isatty() else "concise"
    color = (
        fmt == "human"
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    text = render(report, fmt, color=color)
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
    err(summary(report))
    if report.errors or (strict and report.warnings):
        return int(ExitStatus.FINDINGS)
    return 0


# What the fast path understands: option -> choices (a tuple), "value" or "flag".
_LINT_OPTIONS = {
    "--format": LINT_FORMATS,
    "--strict": "flag",
    "--as-of": "value",
    "--seeds": "value",
    "--config": "value",
    "--trees": "value",
}
_LIST_OPTIONS = {"--format": LIST_FORMATS, "--trees": "value"}
_RUN_OPTIONS = {"--plain": "flag", "--trees": "value", "--save": "value", "--force": "flag"}


def help_wanted(args: list[str]) -> str | None:
    """The command whose help `args` asks for ("" for signpost's own), if the stored help
    is what the typer app would print for it; else None."""
    if len(args) == 1 and args[0] in HELP_OPTIONS:
        name = ""
    elif len(args) == 2 and args[1] in HELP_OPTIONS and not args[0].startswith("-"):
        name = args[0]
    else:
        return None
    if columns(fallback=80) < HELP_COLUMNS:
        return None
    from signpost.helptext import HELP

    return name if name in HELP else None


def parse(args: list[str]) -> tuple[str, dict, list[str]] | None:
    """(command, options, positional words) for a command line the fast path runs
    exactly as typer would; None for anything else. No words at all is the menu."""
    if not args:
        return "menu", {}, []
    if args[0] not in ("lint", "list", "run"):
        return None
    command, rest = args[0], args[1:]
    known = {"lint": _LINT_OPTIONS, "list": _LIST_OPTIONS, "run": _RUN_OPTIONS}[command]
    options: dict[str, str | bool] = {}
    words: list[str] = []
    index = 0
    while index < len(rest):
        word = rest[index]
        if not word or word.startswith("-"):
            kind = known.get(word)
            if kind is None or word in options:
                return None
            if kind == "flag":
                options[word] = True
            else:
                if index + 1 >= len(rest):
                    return None
                value = rest[index + 1]
                if not value or value.startswith("-") or (kind != "value" and value not in kind):
                    return None
                options[word] = value
                index += 1
        elif command == "list" or (command == "run" and words):
            return None
        else:
            words.append(word)
        index += 1
    if command == "run" and not words:
        return None
    return command, options, words


def _utf8_stdout() -> bool:
    import codecs

    try:
        return codecs.lookup(sys.stdout.encoding or "").name == "utf-8"
    except (LookupError, AttributeError):
        return False


def _echo(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(quick_exit: bool = True) -> None:
    """The console script: the fast path where it applies, else the typer app.

    A fast command ends with `exit_now` unless `quick_exit` is false (tests that
    run this in their own process and go on afterwards); the typer app ends as usual.
    """
    finish = exit_now if quick_exit else sys.exit
    args = sys.argv[1:]
    parsed = parse(args)
    plain_run = not (os.environ.get(DEBUG_ENV) or os.environ.get(COMPLETE_ENV)) and _utf8_stdout()
    help_for = help_wanted(args) if plain_run and parsed is None else None
    if help_for is not None:
        from signpost.helptext import HELP

        try:
            sys.stdout.write(HELP[help_for])
            sys.stdout.flush()
            code = 0
        except Exception as exc:  # a closed pipe (`signpost --help | head -1`)
            code = exit_code(exc, debug=False)
        finish(code)
    if parsed is None or not plain_run:
        from signpost.cli import main as full

        full()
        return
    command, options, words = parsed
    env_trees = os.environ.get(TREES_ENV) or None  # as Click reads an envvar: empty is unset
    trees = options.get("--trees") or env_trees

    def path(value) -> Path | None:
        return Path(value) if value else None

    walk = command in ("menu", "run")
    try:
        if walk:
            code = walk_command(
                words[0] if words else None,
                path(trees),
                bool(options.get("--plain")),
                path(options.get("--save")),
                bool(options.get("--force")),
            )
        elif command == "list":
            code = list_command(options.get("--format", "table"), path(trees), _echo)
        else:
            code = lint_command(
                [Path(w) for w in words] or None,
                options.get("--format"),
                bool(options.get("--strict")),
                options.get("--as-of"),
                path(options.get("--seeds")),
                path(options.get("--config")),
                path(trees),
            )
    except (Exception, KeyboardInterrupt) as exc:
        code = exit_code(exc, debug=False)
    (sys.exit if walk else finish)(code)  # the walk ends as usual: it may have saved a plan


def exit_now(code: int) -> NoReturn:
    """Flush the output and end the process with `code` at once, without the
    interpreter's teardown.

    Tearing down frees every object one by one — the loaded trees, the source
    documents, every module — ~10 ms after a `signpost lint` whose answer is already
    on screen. The fast commands need no teardown: they write no files, register no
    exit handlers, and their output is flushed here first.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError as exc:  # the reader went away: exit as the handler says
            code = exit_code(exc, debug=False)
        except (OSError, ValueError):  # a stream already closed: nothing left to write
            pass
    os._exit(code)
