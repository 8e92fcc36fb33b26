"""`signpost` (the menu of situations) and `signpost run TREE`: the walk, interactive or
scripted from an answers file.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from signpost.cli.shared import (
    PlainOption,
    TreeArgument,
    TreesOption,
    echo,
    err,
    handled,
    make_console,
    open_library,
    print_json,
    run_options,
)
from signpost.errors import UsageError
from signpost.safetext import terminal
from signpost.ui.environment import Environment

if TYPE_CHECKING:
    from signpost.content.library import Library
    from signpost.ui.menu import Prompter


@handled
def menu(ctx: typer.Context) -> None:
    """`signpost` with no command: the menu of situations."""
    _walk(None, open_library(ctx, None), run_options(ctx).env)


def _walk(
    tree_id: str | None,
    library: "Library",
    env: Environment,
    save: Path | None = None,
    force: bool = False,
) -> None:
    """`signpost` (the menu, `tree_id` None) and `signpost run TREE`: the interactive walk.

    Plain (typed numbers, no colour) when asked, or when either end is not a terminal;
    arrow-key menus otherwise.
    """
    from signpost.ui.prompts import ArrowPrompter, PlainPrompter
    from signpost.ui.session import Terminal, run_menu, run_walk

    if tree_id is not None:
        library.tree(tree_id)  # an unknown tree is reported before any screen is drawn
    if env.plain:
        # A terminal that cannot wrap words (TERM=dumb) gets lines wrapped at a space.
        width = env.width(80) if env.stdout_tty else None
        prompter: Prompter = PlainPrompter(env.stdin, env.stdout, width=width)
    else:
        prompter = ArrowPrompter(size=env.terminal_size, ascii_only=not env.unicode)
    term = Terminal(make_console(env, env.plain), prompter, env.plain)
    if tree_id is None:
        run_menu(library, term)
    else:
        run_walk(library, tree_id, term, save_to=save, overwrite=force)


class PlanFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _print_plan(plan: Any, fmt: PlanFormat, env: Environment) -> None:
    """A scripted run's plan: JSON, Markdown, plain text, or the whole plan drawn with rich."""
    if fmt is PlanFormat.json:
        print_json(plan.to_dict())
    elif fmt is PlanFormat.markdown:
        from signpost.walk import plantext

        echo(plantext.markdown(plan))
    elif env.plain:
        from signpost.walk import plantext

        echo(plantext.text(plan))
    else:
        from signpost.ui.screens import outcome_screen

        console = make_console(env, False)
        console.print(outcome_screen(plan, console.width))


@handled
def run(
    ctx: typer.Context,
    tree: str = TreeArgument,
    answers: str | None = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="Walk without questions: a YAML or JSON mapping of question id to option label "
        "or number (`-` reads standard input).",
    ),
    fmt: PlanFormat = typer.Option(
        PlanFormat.text, "--format", help="How to print the plan of a scripted run."
    ),
    save: Path | None = typer.Option(
        None,
        "--save",
        metavar="PATH",
        help="Save the plan to PATH without asking: as a web page if PATH ends in .html, "
        "else as Markdown.",
    ),
    force: bool = typer.Option(False, "--force", help="Let --save replace an existing file."),
    trees: Path | None = TreesOption,
    plain: bool = PlainOption,
) -> None:
    """Walk one tree, by its id.

    \b
    Examples:
      signpost run not-attending
      signpost run camhs-refused --answers answers.yaml --format json
      echo '{what-is-happening: 2, talked-to-school: 1}' | signpost run not-attending --answers -
    """
    env = run_options(ctx).env.with_plain(plain)
    library = open_library(ctx, trees)
    if save is not None and save.suffix.lower() in (".html", ".htm"):
        from signpost.reports.site import require_safe

        require_safe(library)  # a web page only from trees that pass, as `site`
    if answers is None:
        if fmt is not PlanFormat.text:
            raise UsageError("--format markdown or json needs --answers (a scripted run)")
        _walk(tree, library, env, save, force)
        return
    from signpost.walk.answers import answers_name, read_answers
    from signpost.walk.plan import make_plan
    from signpost.walk.state import walk_scripted

    given = read_answers(answers, env.stdin)
    plan = make_plan(walk_scripted(library, tree, given, where=answers_name(answers)))
    _print_plan(plan, fmt, env)
    if save is not None:
        from signpost.reports.site import saved_text
        from signpost.savefile import save_text

        saved = save_text(save, saved_text(plan, save), overwrite=force)  # `~` expanded
        err(terminal(f"Saved your plan to {saved.resolve()}.").replace("\n", "\\n"))
