"""What every command shares: the run's options, the one error handler (`handled`),
the options several commands take, the library a command reads, and the one writer.

A command module imports from here and never from `app`, which registers the commands.
"""

import errno
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from signpost import __version__
from signpost.errors import ExitStatus, SignpostError, Stopped, UsageError
from signpost.names import SEEDS_ENV, TREES_ENV
from signpost.safetext import json_dumps, terminal
from signpost.ui.environment import Environment

if TYPE_CHECKING:
    from signpost.content.library import Library


class Options(NamedTuple):
    """What one run was given before the command (`signpost --trees DIR --plain run ...`)
    and the terminal it runs in. The root callback builds it afresh for every run and
    puts it on the context (`ctx.obj`), where the commands read it."""

    env: Environment
    trees: Path | None = None
    debug: bool = False  # --debug or SIGNPOST_DEBUG: a traceback for an unexpected error


def run_options(ctx: typer.Context) -> Options:
    return ctx.obj


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
    if unwritable_output(exc):
        err(f"signpost: error: {unwritable_output(exc)}")
        return int(ExitStatus.CANNOT_SAVE)
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
    return int(ExitStatus.INTERNAL)


# What writing to standard output can fail with, other than a closed pipe: a full disk
# or quota (`signpost sources > /dev/full`), a file grown past its limit, a device error.
_OUTPUT_ERRORS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be too large",
    errno.EIO: "the device gave an input/output error",
}


def unwritable_output(exc: BaseException) -> str:
    """The one line for an output that cannot be written (an `OSError` naming no file,
    as writing to standard output raises), or "" for any other error."""
    if not isinstance(exc, OSError) or exc.filename or exc.errno not in _OUTPUT_ERRORS:
        return ""
    return (
        f"could not write the output: {_OUTPUT_ERRORS[exc.errno]}. Free some space, or send "
        "the output somewhere else."
    )


def handled(func: Callable) -> Callable:
    """Run a command body under the one error handler. The command takes the context
    as `ctx`, where the handler reads --debug."""

    @functools.wraps(func)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> Any:
        debug = run_options(ctx).debug
        try:
            return func(ctx, *args, **kwargs)
        except typer.Exit:
            raise
        except SystemExit as exc:  # rich ends with SystemExit(1) when the reader went away
            if not isinstance(exc.__context__, BrokenPipeError):
                raise
            raise typer.Exit(exit_code(exc.__context__, debug) or 1) from None
        except (Exception, KeyboardInterrupt) as exc:
            code = exit_code(exc, debug)
            if code is None:
                raise
            raise typer.Exit(code) from None

    return wrapper


TreesOption = typer.Option(
    None,
    "--trees",
    envvar=TREES_ENV,
    metavar="DIR",
    help="Use the trees in DIR (and the seeds/ folder beside it) instead of the shipped ones.",
    show_default=False,
)


def complete_trees(incomplete: str) -> list[str]:
    """Shell completion of a tree id: the ids in the trees folder that start so."""
    try:
        folder = default_trees()
        names = sorted(p.stem for p in folder.glob("*.yaml"))
    except (OSError, SignpostError):
        return []
    return [n for n in names if n.startswith(incomplete) and n not in ("contacts", "glossary")]


def complete_rules(incomplete: str) -> list[str]:
    """Shell completion of a lint rule's name (or, for --select/--ignore, a group's)."""
    from signpost.lint.registry import RULES

    last = incomplete.rsplit(",", 1)
    head = f"{last[0]}," if len(last) == 2 else ""
    names = [*RULES, *sorted({r.group for r in RULES.values()})]
    return [head + n for n in names if n.startswith(last[-1])]


TreeArgument = typer.Argument(
    ...,
    metavar="TREE",
    help="The tree's id, as `signpost list` shows it.",
    autocompletion=complete_trees,
)

PlainOption = typer.Option(
    False,
    "--plain",
    help="Numbered options typed as lines, no colour or cursor movement (for screen readers). "
    "On automatically when input or output is not a terminal.",
)

SeedsOption = typer.Option(
    None,
    "--seeds",
    metavar="DIR",
    help="The source documents (default: seeds/ beside the trees folder, else the shipped ones).",
)

AsOfOption = typer.Option(
    None, "--as-of", metavar="DATE", help="Judge `reviewed` dates as on this day (YYYY-MM-DD)."
)


def open_library(ctx: typer.Context, trees: Path | None) -> "Library":
    """The library a command reads: its own --trees, the root one, else SIGNPOST_TREES."""
    from signpost.content.library import Library

    trees = trees or run_options(ctx).trees or env_path(TREES_ENV)
    return Library(trees, env_path(SEEDS_ENV))


def default_trees() -> Path:
    from signpost.content.library import default_trees_dir

    return env_path(TREES_ENV) or default_trees_dir()


def env_path(name: str) -> Path | None:
    """The folder an environment variable names, if it is set: the core reads none."""
    value = os.environ.get(name)
    return Path(value) if value else None


def as_of_day(as_of: str | None, default: Any = None) -> Any:
    """The day `--as-of` names (a datetime.date), or `default` when it is not given: the
    one parser of `--as-of`, for lint and diff alike. Only YYYY-MM-DD: not `20260101` or
    `2026-W01`, which Python's `fromisoformat` also takes."""
    if as_of is None:
        return default
    import datetime as dt
    import re

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of, flags=re.ASCII):
            raise ValueError(as_of)
        return dt.date.fromisoformat(as_of)
    except ValueError:
        raise UsageError(f"--as-of {as_of} is not a date; write it as YYYY-MM-DD") from None


class TextJson(StrEnum):
    text = "text"
    json = "json"


class TableJson(StrEnum):  # signpost list, signpost contacts
    table = "table"
    json = "json"


def print_json(data: Any) -> None:
    write_out(json_dumps(data) + "\n")


def echo(text: str) -> None:
    """Print plain text made from a tree: its control characters shown, not obeyed."""
    write_out(terminal(text))


def write_out(text: str) -> None:
    # sys.stdout itself, not Click's echo, which swaps an ASCII stdout for UTF-8: what
    # the terminal cannot show is degraded by `degrade_streams` instead.
    sys.stdout.write(text)
    sys.stdout.flush()


def make_console(env: Environment, plain: bool) -> Any:
    """The rich console for this run's terminal (rich is loaded only by commands that draw)."""
    from signpost.ui.console import reading_console

    return reading_console(env, plain)
