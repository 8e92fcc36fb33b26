"""The `signpost` command. The only module that prints, prompts or exits.

Every command body runs inside `handled`, the one error handler: a
`SignpostError` becomes one line on stderr and its exit code; Ctrl-C or end of
input becomes "Stopped — nothing was saved." and 130; anything else is a bug,
shown as one line asking for a report (or a traceback with --debug).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from signpost import __version__
from signpost.errors import ExitStatus, SignpostError, Stopped, UsageError

DEBUG_ENV = "SIGNPOST_DEBUG"

app = typer.Typer(
    name="signpost",
    help="Guided signposting for families of children with SEND in Dorset.\n\n"
    "Run `signpost` with no arguments to choose a situation and answer a few questions. "
    "You get next steps and contacts, each with the passage it comes from. "
    "Nothing you answer is stored or sent.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Options given before the command (`signpost --trees DIR run ...`)."""

    trees: Optional[Path] = None
    plain: bool = False
    debug: bool = bool(os.environ.get(DEBUG_ENV))


state = State()


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def handled(func: Callable) -> Callable:
    """Run a command body under the one error handler."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except SignpostError as exc:
            _err(f"signpost: error: {exc}")
            raise typer.Exit(int(exc.exit_status)) from None
        except (Stopped, KeyboardInterrupt, EOFError):
            from signpost.session import STOPPED

            _err(STOPPED)
            raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
        except Exception as exc:
            if state.debug:
                raise
            _err(f"signpost: internal error: {type(exc).__name__}: {exc}. This is a bug in "
                 f"signpost {__version__}; please report it, with the output of the same "
                 f"command run with --debug.")
            raise typer.Exit(int(ExitStatus.USAGE)) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"signpost {__version__}")
        raise typer.Exit()


TreesOption = typer.Option(
    None, "--trees", envvar="SIGNPOST_TREES", metavar="DIR",
    help="Use the trees in DIR (and the seeds/ folder beside it) instead of the shipped ones.",
    show_default=False,
)
PlainOption = typer.Option(
    False, "--plain",
    help="Numbered options typed as lines, no colour or cursor movement (for screen readers). "
    "On automatically when input or output is not a terminal.",
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    trees: Optional[Path] = TreesOption,
    plain: bool = PlainOption,
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for unexpected errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Choose a situation, answer a few questions, get a cited plan.

    Example: signpost            (opens the menu of situations)
    """
    state.trees = trees
    state.plain = plain
    state.debug = state.debug or debug
    if ctx.invoked_subcommand is None:
        _menu()


@handled
def _menu() -> None:
    from signpost.session import choose_tree, run_walk

    library = _library(None)
    term = _terminal(False)
    tree_id = choose_tree(library, term)
    run_walk(library, tree_id, term)


def _library(trees: Optional[Path]):
    from signpost.library import Library

    return Library(trees or state.trees)


def _interactive_ok() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _console(plain: bool):
    from rich.console import Console

    if plain:
        return Console(color_system=None, highlight=False, emoji=False, soft_wrap=True)
    return Console(highlight=False, emoji=False)


def _terminal(plain: bool):
    from signpost.prompts import ArrowPrompter, PlainPrompter
    from signpost.session import Terminal

    plain = plain or state.plain or not _interactive_ok()
    return Terminal(_console(plain), PlainPrompter() if plain else ArrowPrompter(), plain)


class PlanFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _read_answers(source: str) -> dict:
    from signpost.yamlfile import YamlError, decode, load_text

    name = "<stdin>" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the answers file ({exc.strerror})", where=name) from None
    try:
        doc = load_text(decode(raw, name), name)
    except YamlError as exc:
        raise UsageError(exc.message, where=exc.where) from None
    if not isinstance(doc.data, dict) or doc.problems:
        raise UsageError("the answers must be a mapping of question id to answer, "
                         "for example `talked-to-school: Not yet`", where=name)
    return doc.data


@app.command()
@handled
def run(
    tree: str = typer.Argument(..., help="The tree's id, as `signpost list` shows it."),
    answers: Optional[str] = typer.Option(
        None, "--answers", metavar="FILE",
        help="Walk without questions: a YAML or JSON mapping of question id to option label "
        "or number (`-` reads standard input)."),
    fmt: PlanFormat = typer.Option(
        PlanFormat.text, "--format", help="How to print the plan of a scripted run."),
    save: Optional[Path] = typer.Option(
        None, "--save", metavar="PATH", help="Save the plan as Markdown to PATH, without asking."),
    force: bool = typer.Option(False, "--force", help="Let --save replace an existing file."),
    trees: Optional[Path] = TreesOption,
    plain: bool = PlainOption,
) -> None:
    """Walk one tree, by its id.

    Examples: signpost run not-attending
              signpost run camhs-refused --answers answers.yaml --format json
    """
    library = _library(trees)
    if answers is None:
        if fmt is not PlanFormat.text:
            raise UsageError("--format markdown or json needs --answers (a scripted run)")
        from signpost.session import run_walk

        library.tree(tree)  # an unknown tree is reported before any screen is drawn
        run_walk(library, tree, _terminal(plain), save_to=save, overwrite=force)
        return
    from signpost.plan import make_plan, save_text
    from signpost.walk import walk_scripted

    walk = walk_scripted(library, tree, _read_answers(answers),
                         where="<stdin>" if answers == "-" else answers)
    plan = make_plan(walk)
    if fmt is PlanFormat.json:
        typer.echo(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    elif fmt is PlanFormat.markdown or plain or state.plain or not sys.stdout.isatty():
        typer.echo(plan.to_markdown(), nl=False)
    else:
        from signpost.render import outcome_screen

        console = _console(False)
        console.print(outcome_screen(plan, console.width))
    if save is not None:
        save_text(save, plan.to_markdown(), overwrite=force)
        _err(f"Saved your plan to {save}.")


class ListFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("list")
@handled
def list_trees(
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table or json."),
    trees: Optional[Path] = TreesOption,
) -> None:
    """List the situations (trees) with their ids.

    Example: signpost list --format json
    """
    library = _library(trees)
    all_trees = library.trees()
    if fmt is ListFormat.json:
        rows = [{"id": t.id, "title": t.title, "summary": t.summary,
                 "audience": list(t.audience), "reviewed": t.reviewed.isoformat()}
                for t in all_trees]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("situation")
    table.add_column("for")
    table.add_column("reviewed", no_wrap=True)
    for t in all_trees:
        table.add_row(t.id, f"{t.title}\n{t.summary}", ", ".join(t.audience),
                      t.reviewed.isoformat())
    console = _console(state.plain or not sys.stdout.isatty())
    console.print(table)
    console.print(f"{len(all_trees)} trees. Start one with: signpost run ID")


class LintFormat(str, Enum):
    human = "human"
    concise = "concise"
    json = "json"
    github = "github"


@app.command()
@handled
def lint(
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar="[PATHS]...", show_default=False,
        help="Tree files or folders of trees (default: the trees folder)."),
    fmt: Optional[LintFormat] = typer.Option(
        None, "--format", show_default=False,
        help="human (grouped, with the source line; the default on a terminal), concise "
        "(one `file:line:col: severity [rule] message` line each; the default otherwise), "
        "json or github (workflow annotations)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    explain: Optional[str] = typer.Option(
        None, "--explain", metavar="RULE", help="Print the documentation of one rule and exit."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List the rules and exit."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="DATE", help="Judge `reviewed` dates as on this day (YYYY-MM-DD)."),
    seeds: Optional[Path] = typer.Option(
        None, "--seeds", metavar="DIR",
        help="The source documents (default: seeds/ beside the trees folder, else the shipped ones)."),
    config: Optional[Path] = typer.Option(
        None, "--config", metavar="FILE",
        help="Settings file (default: the nearest .signpost.toml, or pyproject.toml with "
        "[tool.signpost.lint], upward from the first path)."),
    trees: Optional[Path] = TreesOption,
) -> None:
    """Check trees and the contacts catalogue, as a compiler would.

    Examples: signpost lint
              signpost lint trees/not-attending.yaml --format concise
              signpost lint --explain quote-not-found
    """
    from signpost.lint.registry import RULES

    if explain is not None:
        from signpost.lint.registry import explain as explain_rule

        if explain not in RULES:
            import difflib

            close = difflib.get_close_matches(explain, list(RULES), n=1, cutoff=0.6)
            raise UsageError(f"there is no lint rule called `{explain}`",
                             hint=f"Did you mean `{close[0]}`?" if close
                             else "Run `signpost lint --list-rules` to see them.")
        typer.echo(explain_rule(explain), nl=False)
        return
    if list_rules:
        width = max(len(name) for name in RULES)
        for rule in RULES.values():
            typer.echo(f"{rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
        return
    import datetime as dt

    from signpost.lint import lint as run_lint
    from signpost.lint import load_config
    from signpost.lint.formats import render, summary

    if not paths:
        from signpost.library import default_trees_dir

        paths = [trees or state.trees or default_trees_dir()]
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of} is not a date; write it as YYYY-MM-DD") from None
    settings = load_config(paths[0], config).with_overrides(as_of=day, seeds=seeds)
    report = run_lint(paths, settings)
    if fmt is None:
        fmt = LintFormat.human if sys.stdout.isatty() else LintFormat.concise
    color = fmt is LintFormat.human and sys.stdout.isatty() and not os.environ.get("NO_COLOR") \
        and os.environ.get("TERM") != "dumb"
    text = render(report, fmt.value, color=color)
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
    _err(summary(report))
    if report.errors or (strict and report.warnings):
        raise typer.Exit(int(ExitStatus.FINDINGS))


@app.command()
@handled
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) for tree files, for editors.

    Example: signpost schema > docs/tree.schema.json
    """
    from signpost.lint.schema import tree_schema

    typer.echo(json.dumps(tree_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """The console script: run the app, turning Click's own errors into exit code 2."""
    app(prog_name="signpost")
