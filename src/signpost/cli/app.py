"""The typer app: the one parser, the root options, the order of the commands, and the
exit policy of the process (`main`, the console script, ends every run through `_end`).

Each command is a function in a module of this package, by job: `walking` (the menu and
`run`), `reading` (what signpost tells about trees), `linting` and `lintrun`, `reviewing`
(`test` and `diff`) and `authoring`. They import `shared`, never this module.
"""

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

from signpost import __version__
from signpost.cli import authoring, linting, reading, reviewing, walking
from signpost.cli.shared import (
    Options,
    PlainOption,
    TreesOption,
    err,
    exit_code,
    unwritable_output,
)
from signpost.errors import ExitStatus
from signpost.names import DEBUG_ENV
from signpost.safetext import degrade_streams, terminal
from signpost.ui.environment import Environment

app = typer.Typer(
    name="signpost",
    help="Guided signposting for families of children with SEND in Dorset.\n\n"
    "Run `signpost` with no arguments to choose a situation and answer a few questions. "
    "You get next steps and contacts, each with the passage it comes from. "
    "Nothing you answer is stored or sent.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"signpost {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    trees: Path | None = TreesOption,
    plain: bool = PlainOption,
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for unexpected errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Choose a situation, answer a few questions, get a cited plan.

    \b
    Examples:
      signpost                  (opens the menu of situations)
      signpost run not-attending
    """
    debug = debug or bool(os.environ.get(DEBUG_ENV))
    ctx.obj = Options(Environment.read(plain), trees, debug)
    if ctx.invoked_subcommand is None:
        walking.menu(ctx)


# The commands, in the order `signpost --help` lists them.
app.command()(walking.run)
app.command("list")(reading.list_trees)
app.command()(reading.show)
app.command()(reading.graph)
app.command()(reading.paths)
app.command("test", epilog=reviewing.SCENARIO_FORMAT)(reviewing.test_trees)
app.command()(reading.search)
app.command()(reading.contacts)
app.command()(reading.export)
app.command()(reading.site)
app.command()(linting.lint)
app.command(cls=reviewing.DashDash)(reviewing.diff)
app.command()(authoring.schema)
app.command()(authoring.quote)
app.command("sources")(authoring.sources_map)
app.command()(authoring.lsp)


def main() -> None:
    """The console script: run the typer app.

    Click's own errors (an unknown command or option, a bad value) are told in signpost's
    one line, `signpost: error: ...`, with exit code 2; a closed standard output is one
    line too; a closed standard input reads as empty; output piped to a reader that
    stops early (`signpost contacts | true`) ends with 141, as the other commands do.
    """
    if sys.stdin is None:  # started with `<&-`: nothing to read, as at the end of input
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as we do)
    if sys.stdout is None or not _usable(sys.stdout):
        err(
            "signpost: error: the output is closed, so nothing can be shown; run signpost "
            "with its output going to a terminal, a file or a pipe."
        )
        sys.exit(int(ExitStatus.USAGE))
    degrade_streams()  # a terminal that is not UTF-8 gets what it can show
    # typer bundles Click (0.26 and on) and exports no UsageError of its own: its Click's
    # exceptions module is where they are, in every typer the range in pyproject allows.
    from typer._click import exceptions as click_errors

    try:
        code = app(prog_name="signpost", standalone_mode=False)
        sys.stdout.flush()
    except click_errors.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" Run `{exc.ctx.command_path} --help` to see what it takes."
        message = exc.format_message().rstrip(".")
        stop = "" if message.endswith("?") else "."
        err(f"signpost: error: {terminal(message[:1].lower() + message[1:])}{stop}{hint}")
        code = int(ExitStatus.USAGE)
    except click_errors.ClickException as exc:
        err(f"signpost: error: {terminal(exc.format_message())}")
        code = exc.exit_code
    except typer.Abort:
        code = exit_code(KeyboardInterrupt(), False)
    except BrokenPipeError as exc:
        code = exit_code(exc, False)
    except OSError as exc:  # the last flush of the output, or typer's own writing
        if exc.errno == errno.EPIPE:
            code = exit_code(BrokenPipeError(), False)
        elif unwritable_output(exc):
            code = exit_code(exc, False)
        else:
            code = _os_error(exc)
    _end(code if isinstance(code, int) else 0)


def _os_error(exc: OSError) -> int:
    """An OSError outside every command's own handling (typer's `--install-completion`
    writing in a home folder where a file is a folder, or a folder a file): one line."""
    where = f" {exc.filename}" if exc.filename else ""
    err(
        terminal(
            f"signpost: error: cannot write{where} ({exc.strerror or exc}). Check that "
            "folder, or add the completion by hand: signpost --show-completion"
        ).replace("\n", "\\n")
    )
    return int(ExitStatus.CANNOT_SAVE)


def _end(code: int) -> NoReturn:
    """End the process with `code` once its output is written. Each command has closed
    the files it wrote, and signpost registers no exit handlers, so nothing is left to
    tidy: the interpreter's own teardown (freeing every module and object, 10-45 ms a
    command; docs/performance.md) is skipped with `os._exit`."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away has all
            stream.flush()  # it will get
    os._exit(code)


def _usable(stream: Any) -> bool:
    try:
        os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return hasattr(stream, "write") and not hasattr(stream, "fileno")  # a test's buffer
    return True
