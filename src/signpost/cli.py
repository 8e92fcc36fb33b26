"""The `signpost` command. The only module that prints, prompts or exits.

Every command body runs inside `handled`, the one error handler: a
`SignpostError` becomes one line on stderr and its exit code; Ctrl-C or end of
input becomes "Stopped — nothing was saved." and 130; anything else is a bug,
shown as one line asking for a report (or a traceback with --debug).
"""

import contextlib
import errno
import functools
import os
import sys
import textwrap
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import typer

from signpost import __version__
from signpost.errors import ExitStatus, SignpostError, Stopped, TreeError, UsageError
from signpost.names import DEBUG_ENV, SEEDS_ENV, TREES_ENV
from signpost.safetext import degrade_streams, json_dumps, terminal
from signpost.ui.environment import Environment

if TYPE_CHECKING:
    from signpost.content.library import Library

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


class Options(NamedTuple):
    """What one run was given before the command (`signpost --trees DIR --plain run ...`)
    and the terminal it runs in. The root callback builds it afresh for every run and
    puts it on the context (`ctx.obj`), where the commands read it."""

    env: Environment
    trees: Path | None = None
    debug: bool = False  # --debug or SIGNPOST_DEBUG: a traceback for an unexpected error


def _options(ctx: typer.Context) -> Options:
    return ctx.obj


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def exit_code(exc: BaseException, debug: bool) -> int | None:
    """The one error handler's verdict on `exc`: print its line and give the exit code,
    or None for an unexpected error under --debug (the caller re-raises it)."""
    if isinstance(exc, SignpostError):
        _err(f"signpost: error: {exc}")
        return int(exc.exit_status)
    if isinstance(exc, BrokenPipeError):  # the reader went away (`signpost list | head`)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit is quiet too
        except (OSError, ValueError):
            pass
        return int(ExitStatus.PIPE_CLOSED)
    if isinstance(exc, Stopped):
        _err(exc.message)  # says where the plan was saved, if it was
        return int(ExitStatus.INTERRUPTED)
    if isinstance(exc, (KeyboardInterrupt, EOFError)):
        _err(Stopped().message)
        return int(ExitStatus.INTERRUPTED)
    if debug:
        return None
    _err(
        f"signpost: internal error: {type(exc).__name__}: {exc}. This is a bug in "
        f"signpost {__version__}; please report it, with the output of the same "
        f"command run with --debug."
    )
    return int(ExitStatus.INTERNAL)


def handled(func: Callable) -> Callable:
    """Run a command body under the one error handler. The command takes the context
    as `ctx`, where the handler reads --debug."""

    @functools.wraps(func)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> Any:
        debug = _options(ctx).debug
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"signpost {__version__}")
        raise typer.Exit()


TreesOption = typer.Option(
    None,
    "--trees",
    envvar=TREES_ENV,
    metavar="DIR",
    help="Use the trees in DIR (and the seeds/ folder beside it) instead of the shipped ones.",
    show_default=False,
)


def _complete_trees(incomplete: str) -> list[str]:
    """Shell completion of a tree id: the ids in the trees folder that start so."""
    try:
        folder = _default_trees()
        names = sorted(p.stem for p in folder.glob("*.yaml"))
    except (OSError, SignpostError):
        return []
    return [n for n in names if n.startswith(incomplete) and n not in ("contacts", "glossary")]


def _complete_rules(incomplete: str) -> list[str]:
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
    autocompletion=_complete_trees,
)
PlainOption = typer.Option(
    False,
    "--plain",
    help="Numbered options typed as lines, no colour or cursor movement (for screen readers). "
    "On automatically when input or output is not a terminal.",
)


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
        _menu(ctx)


@handled
def _menu(ctx: typer.Context) -> None:
    _walk(None, _library(ctx, None), _options(ctx).env)


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
        prompter: Any = PlainPrompter(env.stdin, env.stdout, width=width)
    else:
        prompter = ArrowPrompter(size=env.terminal_size, ascii_only=not env.unicode)
    term = Terminal(_console(env, env.plain), prompter, env.plain)
    if tree_id is None:
        run_menu(library, term)
    else:
        run_walk(library, tree_id, term, save_to=save, overwrite=force)


def _library(ctx: typer.Context, trees: Path | None) -> "Library":
    """The library a command reads: its own --trees, the root one, else SIGNPOST_TREES."""
    from signpost.content.library import Library

    trees = trees or _options(ctx).trees or _env_path(TREES_ENV)
    return Library(trees, _env_path(SEEDS_ENV))


class PlanFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _read_answers(source: str) -> dict:
    from signpost.content.yamlfile import MAX_BYTES, YamlError, decode, load_text, read_limited

    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":  # at most the limit, as for a file: `--answers - < /dev/zero` ends
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise UsageError(
                    f"the answers are more than {MAX_BYTES // 1024 // 1024} MB; "
                    "give a mapping of question id to answer",
                    where=name,
                )
        elif _is_pipe(source):  # `--answers <(make-answers)`: a pipe the person chose
            with open(source, "rb") as pipe:
                raw = pipe.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise UsageError(
                    f"the answers are more than {MAX_BYTES // 1024 // 1024} MB", where=name
                )
        else:
            raw = read_limited(source)
    except YamlError as exc:
        reason = _answers_words(exc.problem.message)
        if not reason.startswith("the file"):
            reason = f"the answers file {reason}"
        raise UsageError(reason, where=name) from None
    except TreeError as exc:  # no such file
        raise UsageError(f"cannot read the answers file ({exc.message})", where=name) from None
    except OSError as exc:
        raise UsageError(f"cannot read the answers file ({exc.strerror})", where=name) from None
    try:
        doc = load_text(decode(raw, name), name)
    except YamlError as exc:
        if exc.problem.code == "empty-file":
            raise UsageError(
                "the answers file is empty; give a mapping of question id to answer, "
                "for example `talked-to-school: Not yet`",
                where=name,
            ) from None
        raise UsageError(_answers_words(exc.message), where=exc.where) from None
    if doc.problems:  # a duplicate key, an alias, a tag: said as it is, of answers
        first = doc.problems[0]
        raise UsageError(_answers_words(first.message), where=f"{name}:{first.line}:{first.column}")
    if not isinstance(doc.data, dict):
        raise UsageError(
            "the answers must be a mapping of question id to answer, "
            "for example `talked-to-school: Not yet`",
            where=name,
        )
    return doc.data


def _answers_words(message: str) -> str:
    """A YAML problem told of an answers file, not of tree files."""
    return message.replace("tree files", "answers files").replace("a tree file", "an answers file")


def _print_plan(plan: Any, fmt: PlanFormat, env: Environment) -> None:
    """A scripted run's plan: JSON, Markdown, plain text, or the whole plan drawn with rich."""
    if fmt is PlanFormat.json:
        _json(plan.to_dict())
    elif fmt is PlanFormat.markdown:
        from signpost.walk import plantext

        _echo(plantext.markdown(plan))
    elif env.plain:
        from signpost.walk import plantext

        _echo(plantext.text(plan))
    else:
        from signpost.ui.screens import outcome_screen

        console = _console(env, False)
        console.print(outcome_screen(plan, console.width))


def _is_pipe(source: str) -> bool:
    import stat

    try:
        return stat.S_ISFIFO(os.stat(source).st_mode)
    except (OSError, ValueError):
        return False


@app.command()
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
    env = _options(ctx).env.with_plain(plain)
    library = _library(ctx, trees)
    if save is not None and save.suffix.lower() in (".html", ".htm"):
        from signpost.reports.site import require_safe

        require_safe(library)  # a web page only from trees that pass, as `site`
    if answers is None:
        if fmt is not PlanFormat.text:
            raise UsageError("--format markdown or json needs --answers (a scripted run)")
        _walk(tree, library, env, save, force)
        return
    from signpost.walk.plan import make_plan
    from signpost.walk.state import walk_scripted

    where = "<stdin>" if answers == "-" else answers
    plan = make_plan(walk_scripted(library, tree, _read_answers(answers), where=where))
    _print_plan(plan, fmt, env)
    if save is not None:
        from signpost.reports.site import saved_text
        from signpost.savefile import save_text

        saved = save_text(save, saved_text(plan, save), overwrite=force)  # `~` expanded
        _err(terminal(f"Saved your plan to {saved.resolve()}.").replace("\n", "\\n"))


class TableJson(StrEnum):  # signpost list, signpost contacts
    table = "table"
    json = "json"


class LintFormat(StrEnum):
    human = "human"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command("list")
@handled
def list_trees(
    ctx: typer.Context,
    fmt: TableJson = typer.Option(TableJson.table, "--format", help="table or json."),
    trees: Path | None = TreesOption,
) -> None:
    """List the situations (trees) with their ids.

    \b
    Example:
      signpost list --format json
    """
    from signpost.content.library import broken_line

    found, broken = _library(ctx, trees).usable_trees()
    if fmt.value == "json":
        rows = [
            {
                "id": t.id,
                "title": t.title,
                "summary": t.summary,
                "audience": list(t.audience),
                "reviewed": t.reviewed.isoformat(),
            }
            for t in found
        ]
        _json({"version": 1, "trees": rows, "broken": [b.file for b in broken]})
    else:
        table_rows = [
            (t.id, t.title, t.summary, ", ".join(t.audience), t.reviewed.isoformat()) for t in found
        ]
        width = _options(ctx).env.width(100)
        _echo(_text_table(table_rows, width) + "\n")
        _echo(f"{len(found)} trees. Start one with: signpost run ID\n")
    for file in broken:
        _err(f"signpost: {terminal(broken_line(file))}")


def _text_table(rows: list[tuple[str, str, str, str, str]], width: int) -> str:
    """id, situation (title, then summary), for, reviewed: plain aligned text.

    Plain text rather than a rich table: it reads the same to a screen reader,
    in a pipe and on a terminal.
    """
    heads = ("id", "situation", "for", "reviewed")
    id_w = max([len(heads[0])] + [len(r[0]) for r in rows])
    for_w = max([len(heads[2])] + [len(r[3]) for r in rows])
    date_w = 10
    gaps = 3 * 2
    if width - id_w - for_w - date_w - gaps - 1 < 20:  # too narrow for columns: one under another
        return _text_list(rows, width)
    sit_w = width - id_w - for_w - date_w - gaps - 1

    def line(*cells: str) -> str:
        return "  ".join(cells).rstrip()

    lines = [line(heads[0].ljust(id_w), heads[1].ljust(sit_w), heads[2].ljust(for_w), heads[3])]
    lines.append("  ".join(("-" * id_w, "-" * sit_w, "-" * for_w, "-" * date_w)))
    for tree_id, title, summary, audience, reviewed in rows:
        situation = textwrap.wrap(title, sit_w) + textwrap.wrap(summary, sit_w)
        for number, text in enumerate(situation or [""]):
            first = number == 0
            lines.append(
                line(
                    (tree_id if first else "").ljust(id_w),
                    text.ljust(sit_w),
                    (audience if first else "").ljust(for_w),
                    reviewed if first else "",
                )
            )
        lines.append("")
    return "\n".join(lines)


def _text_list(rows: list[tuple[str, str, str, str, str]], width: int) -> str:
    """The same rows for a narrow terminal: the id, then the rest indented under it."""
    lines = []
    for tree_id, title, summary, audience, reviewed in rows:
        lines.append(tree_id)
        for text in (title, summary, f"for {audience}; reviewed {reviewed}"):
            lines += textwrap.wrap(
                text, width, initial_indent="  ", subsequent_indent="  ", break_long_words=False
            )
        lines.append("")
    return "\n".join(lines)


def _json(data: Any) -> None:
    _write(json_dumps(data) + "\n")


def _echo(text: str) -> None:
    """Print plain text made from a tree: its control characters shown, not obeyed."""
    _write(terminal(text))


def _write(text: str) -> None:
    # sys.stdout itself, not Click's echo, which swaps an ASCII stdout for UTF-8: what
    # the terminal cannot show is degraded by `degrade_streams` instead.
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
@handled
def show(
    ctx: typer.Context,
    tree: str = TreeArgument,
    depth: int | None = typer.Option(
        None,
        "--depth",
        min=1,
        metavar="N",
        help="Open only N levels of questions; deeper ones end in \u2026",
    ),
    trees: Path | None = TreesOption,
    plain: bool = PlainOption,
) -> None:
    """Show a tree as an outline: each question, its options, where each leads, and the
    outcomes with their contacts. Links into other trees are named, not expanded.

    \b
    Examples:
      signpost show not-attending
      signpost show not-attending --depth 2
    """
    from signpost.reports.outline import outline, to_text

    library = _library(ctx, trees)
    item = outline(library, library.tree(tree), depth)
    env = _options(ctx).env.with_plain(plain)
    if not env.styled:
        _echo(to_text(item))
        return
    from signpost.reports.outline import to_rich

    _console(env, False).print(to_rich(item))


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"


@app.command()
@handled
def graph(
    ctx: typer.Context,
    tree: str = TreeArgument,
    fmt: GraphFormat = typer.Option(
        GraphFormat.mermaid, "--format", help="mermaid (renders on GitHub) or dot (Graphviz)."
    ),
    trees: Path | None = TreesOption,
) -> None:
    """Print a diagram of a tree: questions are rounded boxes, outcomes square ones
    (urgent ones in red), and links into other trees dashed.

    \b
    Examples:
      signpost graph not-attending > not-attending.mmd
      signpost graph not-attending --format dot | dot -Tsvg > not-attending.svg
    """
    from signpost.reports.diagram import to_dot, to_mermaid

    the_tree = _library(ctx, trees).tree(tree)
    typer.echo(to_mermaid(the_tree) if fmt is GraphFormat.mermaid else to_dot(the_tree), nl=False)


class TextJson(StrEnum):
    text = "text"
    json = "json"


@app.command()
@handled
def paths(
    ctx: typer.Context,
    tree: str = TreeArgument,
    fmt: TextJson = typer.Option(TextJson.text, "--format", help="text or json."),
    trees: Path | None = TreesOption,
) -> None:
    """List every route from the start of a tree to each outcome: the answers taken
    (question id \u2192 option) and the outcome reached. Links into other trees are
    followed; an option that leads back round is named and not followed.

    \b
    Example:
      signpost paths not-attending --format json
    """
    from signpost.walk.routes import find_routes, format_text

    library = _library(ctx, trees)
    the_tree = library.tree(tree)
    found = find_routes(library, tree)
    if fmt is TextJson.json:
        _json(found.to_dict())
    else:
        _echo(format_text(found, the_tree.title))


SCENARIO_FORMAT = """A scenario file (YAML; docs/commands.md has more):

\b
  tree: alpha
  scenarios:
    - name: in school, not helped        # optional
      answers: {first: "Yes", second: 2} # question id: option label or number
      outcome: call-team                 # or other-tree:node after a link
      title: Call the council team       # optional: the outcome's exact title
      contacts: [dorset-send-team]       # optional: its exact contact ids
      says: ["an honest conversation"]   # optional: phrases the outcome shows
      not_says: ["must"]                 # optional: phrases it must not show

An unknown key, a value of the wrong kind, or an answer for a question the tree does
not have is an error."""


@app.command("test", epilog=SCENARIO_FORMAT)
@handled
def test_trees(
    ctx: typer.Context,
    paths_: list[Path] | None = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Scenario files, or folders of them. Default: the scenarios/ or tests/scenarios/ "
        "folder beside the trees folder.",
    ),
    min_coverage: float | None = typer.Option(
        None,
        "--min-coverage",
        min=0,
        max=100,
        metavar="PCT",
        help="Fail (exit 1) if any tree reported has less than PCT% of its nodes "
        "(questions and outcomes) reached by a scenario.",
    ),
    fmt: TextJson = typer.Option(TextJson.text, "--format", help="text or json."),
    trees: Path | None = TreesOption,
    scaffold: str | None = typer.Option(
        None, "--scaffold", metavar="TREE", help="Print a scenario for each untested route."
    ),
) -> None:
    """Run tree scenarios: each walks a tree with set answers and must reach the outcome it
    names. Reports each scenario, then per tree the nodes and outcomes no scenario reached
    and the routes (`signpost paths`) no scenario walks. Exit 1 if a scenario fails or
    coverage is below --min-coverage.

    \b
    Examples:
      signpost test
      signpost test tests/scenarios/not-attending.yaml --min-coverage 100
      signpost test --scaffold home-education
    """
    from signpost.reports.scenarios import format_report, report_dict, run_tests, scenarios_beside

    library = _library(ctx, trees)
    if not paths_:
        paths_ = [scenarios_beside(library.trees_dir)]
    if min_coverage is not None and min_coverage != min_coverage:  # NaN passes min= and max=
        raise UsageError("--min-coverage must be a number from 0 to 100")
    report = run_tests(library, list(paths_))
    if scaffold is not None:
        from signpost.authoring import scaffold_scenarios

        scaffold_scenarios(library, report, scaffold)
        return
    if fmt is TextJson.json:
        _json(report_dict(report, min_coverage))
    else:
        _echo(format_report(report, min_coverage))
    if report.failed or (min_coverage is not None and report.below(min_coverage)):
        raise typer.Exit(int(ExitStatus.FINDINGS))


@app.command()
@handled
def search(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., help="Words to look for (any case)."),
    show_all: bool = typer.Option(False, "--all", help="Show every result, not only the best 10."),
    fmt: TextJson = typer.Option(
        TextJson.text, "--format", help="text or json (json always has every result)."
    ),
    trees: Path | None = TreesOption,
) -> None:
    """Find the plans that answer what is happening, in your own words, best first.
    Words that suggest a child may be at risk always bring urgent help first. Shows
    the command to open each plan's situation, and a scripted run straight to it.

    \b
    Examples:
      signpost search camhs
      signpost search "she's off sick and we've had a letter about a fine"
      signpost search kicked out --format json
    """
    from signpost.reports.search import format_text, suggests_risk, words_that_count
    from signpost.reports.search import search as find

    query = " ".join(words)
    if not words_that_count(query):
        raise UsageError(
            "give at least one word to search for", hint="For example: signpost search camhs"
        )
    library = _library(ctx, trees)
    hits, risk = find(library, query), suggests_risk(library, query)
    if fmt is TextJson.json:
        results = [h.to_dict() for h in hits]
        _json({"version": 1, "query": query, "risk": risk, "results": results})
    else:
        _echo(format_text(hits, query, None if show_all else 10, risk=risk))


@app.command()
@handled
def contacts(
    ctx: typer.Context,
    query: list[str] | None = typer.Argument(
        None,
        metavar="[QUERY]...",
        help="Only contacts whose id, name, purpose or details mention every word.",
    ),
    fmt: TableJson = typer.Option(TableJson.table, "--format", help="table or json."),
    trees: Path | None = TreesOption,
) -> None:
    """Show the contacts catalogue: name, phone, email, web page and what each is for.

    \b
    Examples:
      signpost contacts
      signpost contacts camhs --format json
    """
    from signpost.reports.contacts import (
        contacts_dict,
        count_line,
        find_contacts,
        no_match_text,
    )

    words = query or []
    found = find_contacts(_library(ctx, trees).contacts.values(), words)
    if fmt is TableJson.json:
        _json(contacts_dict(found, words))
        return
    if not found:
        _echo(no_match_text(words))
        return
    from signpost.ui.screens import contact_list

    # The same list at every width and in a pipe: a detail is never cut or squeezed.
    env = _options(ctx).env
    console = _console(env, not env.styled)
    width = None if console.soft_wrap else console.width
    console.print(contact_list(tuple(found), width, ids=True))
    console.print(count_line(found))


class ExportFormat(StrEnum):
    json = "json"
    markdown = "markdown"


@app.command()
@handled
def export(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", help="json or markdown."),
    tree: str | None = typer.Option(None, "--tree", metavar="ID", help="Export only this tree."),
    trees: Path | None = TreesOption,
) -> None:
    """Export every tree (or one) with contacts and source passages resolved: JSON for
    other tools, or Markdown to print as a booklet of questions and outcomes.

    \b
    Examples:
      signpost export > signpost.json
      signpost export --tree not-attending --format markdown > booklet.md
    """
    from signpost.reports.export import export_dict, export_markdown

    library = _library(ctx, trees)
    chosen = [library.tree(tree)] if tree is not None else library.trees()
    if fmt is ExportFormat.json:
        _json(export_dict(library, chosen))
    else:
        _echo(export_markdown(library, chosen))


@app.command()
@handled
def site(
    ctx: typer.Context,
    out: Path = typer.Argument(..., metavar="OUT", help="The folder to write the pages to."),
    tree: str | None = typer.Option(
        None, "--tree", metavar="ID", help="Build only this situation."
    ),
    open_: bool = typer.Option(
        False, "--open", help="Open the menu page in your web browser when it is built."
    ),
    trees: Path | None = TreesOption,
) -> None:
    """Write the trees as a folder of web pages that work from the disk, with no
    internet connection, no scripts and no cookies: one page per question, and each
    plan with its sources. OUT must be new, empty, or a site built before (replaced).

    \b
    Examples:
      signpost site out --open
      signpost site out --tree not-attending
    """
    from signpost.reports.site import build_site, require_safe

    library = _library(ctx, trees)
    require_safe(library)  # no page from a tree that fails the rules protecting families
    built = build_site(library, out, tree)
    typer.echo(
        terminal(
            f"Wrote {built.pages:,} page{'' if built.pages == 1 else 's'} to {out}. "
            f"Open {built.index} in a web browser."
        ).replace("\n", "\\n")
    )
    if open_:
        import webbrowser

        if not webbrowser.open(built.index.resolve().as_uri()):
            from signpost.errors import UsageError

            raise UsageError(
                "no web browser could be opened here, but the site was written",
                where=str(built.index),
                hint="Open that file in a web browser yourself, or leave out --open.",
            )


LintPaths = typer.Argument(
    None,
    metavar="[PATHS]...",
    show_default=False,
    help="Tree files or folders of trees (default: the trees folder).",
)
LintFormatOption = typer.Option(
    None,
    "--format",
    show_default=False,
    help="human (grouped, with the source line; the default on a terminal), concise "
    "(one `file:line:col: severity [rule] message` line each; the default otherwise), "
    "json, github (workflow annotations) or sarif (SARIF 2.1.0, for code scanning).",
)
ExplainOption = typer.Option(
    None,
    "--explain",
    metavar="RULE",
    help="Print the documentation of one rule and exit.",
    autocompletion=_complete_rules,
)
AsOfOption = typer.Option(
    None, "--as-of", metavar="DATE", help="Judge `reviewed` dates as on this day (YYYY-MM-DD)."
)
SeedsOption = typer.Option(
    None,
    "--seeds",
    metavar="DIR",
    help="The source documents (default: seeds/ beside the trees folder, else the shipped ones).",
)
ConfigOption = typer.Option(
    None,
    "--config",
    metavar="FILE",
    help="Settings file (default: the nearest .signpost.toml, or pyproject.toml with "
    "[tool.signpost.lint], upward from the first path).",
)


StdinFilenameOption = typer.Option(
    None, "--stdin-filename", metavar="FILE", help="With `-`: lint standard input as FILE."
)
SelectOption = typer.Option(
    None,
    "--select",
    metavar="RULES",
    help="Report only these rules or groups (a,b).",
    autocompletion=_complete_rules,
)
IgnoreOption = typer.Option(
    None,
    "--ignore",
    metavar="RULES",
    help="Leave out these rules or groups (a,b).",
    autocompletion=_complete_rules,
)
StatisticsOption = typer.Option(
    False, "--statistics", help="Count the findings of each rule instead of listing them."
)
ExitZeroOption = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings.")
OutputOption = typer.Option(
    None, "-o", "--output-file", metavar="FILE", help="Write the report to FILE."
)
FixOption = typer.Option(
    False, "--fix", help="Make the safe fixes (each single `did you mean`) in the files."
)
DiffOption = typer.Option(False, "--diff", help="Show the safe fixes as a diff; change nothing.")
WatchOption = typer.Option(False, "--watch", help="Lint again whenever a file changes.")


@app.command()
@handled
def lint(
    ctx: typer.Context,
    paths: list[Path] | None = LintPaths,
    fmt: LintFormat | None = LintFormatOption,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    explain: str | None = ExplainOption,
    list_rules: bool = typer.Option(False, "--list-rules", help="List the rules and exit."),
    as_of: str | None = AsOfOption,
    seeds: Path | None = SeedsOption,
    config: Path | None = ConfigOption,
    trees: Path | None = TreesOption,
    stdin_filename: Path | None = StdinFilenameOption,
    select: list[str] | None = SelectOption,
    ignore: list[str] | None = IgnoreOption,
    statistics: bool = StatisticsOption,
    exit_zero: bool = ExitZeroOption,
    output: Path | None = OutputOption,
    fix: bool = FixOption,
    diff: bool = DiffOption,
    watch: bool = WatchOption,
) -> None:
    """Check trees and the contacts catalogue, as a compiler would. `-` reads a tree
    from standard input. Exit 0 when clean, 1 on errors (or warnings with --strict),
    2 for a usage error.

    \b
    Examples:
      signpost lint
      signpost lint trees/not-attending.yaml --format concise
      signpost lint --explain quote-not-found
      signpost lint --fix
      cat trees/start.yaml | signpost lint - --stdin-filename trees/start.yaml
    """
    if explain is not None:
        _explain_rule(explain)
        return
    fmt_name = fmt.value if fmt is not None else None
    if list_rules:
        where = (paths or [trees or _options(ctx).trees or _default_trees()])[0]
        _list_rules(fmt_name, _lint_settings(where, None, seeds, config).severities)
        return
    options = _options(ctx)
    paths = paths or [trees or options.trees or _default_trees()]
    from signpost.authoring import LintExtras, lint_run

    extras = LintExtras(
        stdin_filename, select, ignore, statistics, exit_zero, output, fix, diff, watch
    )
    anchor = (stdin_filename or _default_trees()) if str(paths[0]) == "-" else paths[0]
    settings = _lint_settings(anchor, _as_of(as_of), seeds, config)
    if lint_run(paths, fmt_name, strict, settings, options.env, extras):
        raise typer.Exit(int(ExitStatus.FINDINGS))


def _as_of(as_of: str | None, default: Any = None) -> Any:
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


def _explain_rule(name: str) -> None:
    """`signpost lint --explain RULE`: the rule's documentation."""
    from signpost.lint.registry import RULES, explain

    if name not in RULES:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"there is no lint rule called `{name}`",
            hint=did_you_mean(name, RULES, sentence=True)
            or "Run `signpost lint --list-rules` to see them.",
        )
    typer.echo(explain(name), nl=False)


def _list_rules(fmt: str | None, set_here: dict[str, str]) -> None:
    """`signpost lint --list-rules`: a table, or JSON with `--format json`, each rule with
    the severity in force here (the settings file's, else its default)."""
    from signpost.lint.registry import RULES

    if fmt == "json":
        from signpost.lint.formats import docs_ref

        rules = [
            {
                "name": r.name,
                "group": r.group,
                "severity": r.severity.value,
                "in_force": set_here.get(r.name, r.severity.value),
                "summary": r.summary,
                "docs": docs_ref(r.name),
            }
            for r in RULES.values()
        ]
        _json({"version": 1, "rules": rules})
        return
    if fmt is not None and fmt != "human":
        raise UsageError(f"--list-rules prints a table, or JSON with --format json, not {fmt}")
    width = max(len(name) for name in RULES)
    for rule in RULES.values():
        level = set_here.get(rule.name, rule.severity.value)
        note = (
            f" (default {rule.severity.value}; set in your settings)"
            if level != rule.severity.value
            else ""
        )
        typer.echo(f"{rule.name:<{width}}  {level:<7}  {rule.summary}{note}")


def _default_trees() -> Path:
    from signpost.content.library import default_trees_dir

    return _env_path(TREES_ENV) or default_trees_dir()


def _env_path(name: str) -> Path | None:
    """The folder an environment variable names, if it is set: the core reads none."""
    value = os.environ.get(name)
    return Path(value) if value else None


def _lint_settings(anchor: Path, day: Any, seeds: Path | None, config: Path | None) -> Any:
    """The lint settings for files under `anchor`, with the command line's overrides."""
    from signpost.lint.config import load_config

    settings = load_config(anchor, config).with_overrides(as_of=day, seeds=seeds)
    if settings.seeds is None:
        settings = settings.with_overrides(seeds=_env_path(SEEDS_ENV))
    return settings


class DiffFormat(StrEnum):
    human = "human"
    markdown = "markdown"
    json = "json"
    github = "github"


OldArgument = typer.Argument(
    None, metavar="OLD", help="A trees folder, or a git revision (a branch, tag or commit)."
)
NewArgument = typer.Argument(
    None, metavar="NEW", help="A trees folder, or a git revision, to compare with OLD."
)
StagedOption = typer.Option(
    False, "--staged", help="Compare the last commit (HEAD) with the staged trees."
)
RepoPathOption = typer.Option(
    "trees",
    "--path",
    metavar="PATH",
    help="Where the trees are inside the repository, for revisions (default: trees).",
)
DiffFormatOption = typer.Option(
    DiffFormat.human,
    "--format",
    help="human (grouped; coloured on a terminal), markdown (for a pull request "
    "comment), json or github (workflow annotations).",
)
ExitCodeOption = typer.Option(
    False, "--exit-code", help="Exit 1 when there are changes, 0 when there are none."
)


class _DashDash(typer.core.TyperCommand):
    """A command that notes how many arguments came after `--` (git's way of saying that
    what follows are paths, not revisions), which Click otherwise drops."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["after_dashdash"] = len(args) - args.index("--") - 1 if "--" in args else None
        return super().parse_args(ctx, args)


@app.command(cls=_DashDash)
@handled
def diff(
    ctx: typer.Context,
    old: str | None = OldArgument,
    new: str | None = NewArgument,
    staged: bool = StagedOption,
    path: str = RepoPathOption,
    fmt: DiffFormat = DiffFormatOption,
    exit_code_: bool = ExitCodeOption,
    as_of: str | None = AsOfOption,
) -> None:
    """Show what a change to the trees does to a family's walk: routes added, removed
    or leading elsewhere; questions, options and outcomes changed; contact details
    changed (first, as a wrong number is the worst mistake); ids renamed; review dates.
    Git revisions are read with `git show`: nothing is checked out.

    \b
    Examples:
      signpost diff main HEAD
      signpost diff old-trees/ trees/ --format markdown
      signpost diff --staged
      signpost diff main HEAD --          (revisions, where a folder has the same name)
      signpost diff -- old-trees/ trees/  (folders)
    """
    import datetime as dt

    from signpost.content.revision import RevisionLibrary, here
    from signpost.lint.config import load_config
    from signpost.reports.diff import compare

    before, after, old, new = _diff_sides(old, new, staged, path, ctx.meta.get("after_dashdash"))
    today = _as_of(as_of, default=dt.date.today())
    revision = isinstance(after, RevisionLibrary)
    settings = load_config(here() if revision else after.trees_dir)
    review = compare(
        before,
        after,
        old_name=old,
        new_name=new,
        today=today,
        stale_after_months=settings.stale_after_months,
    )
    _print_review(review, fmt, _options(ctx).env)
    if exit_code_ and review["changed"]:
        raise typer.Exit(int(ExitStatus.FINDINGS))


def _print_review(review: dict, fmt: DiffFormat, env: Environment) -> None:
    """The diff's review: coloured lines on a terminal (human), else the chosen format."""
    from signpost.reports.diffrender import human_lines, render

    if fmt.value == "human" and env.styled:
        from rich.text import Text

        console = _console(env, False)
        for line in human_lines(review):
            console.print(Text.assemble(*line), soft_wrap=True)
    else:
        typer.echo(render(review, fmt.value), nl=False)


def _diff_sides(
    old: str | None, new: str | None, staged: bool, path: str, folders: int | None = None
):
    """The two libraries `signpost diff` compares, and their names. `folders` is how many
    of OLD and NEW came after `--` (those are folders, those before it revisions)."""
    from signpost.content.library import Library
    from signpost.content.revision import (
        FOLDER,
        REVISION,
        STAGED,
        RevisionLibrary,
        here,
        is_revision,
        open_side,
        repository,
    )

    if staged:
        if old is not None or new is not None:
            raise UsageError("--staged compares HEAD with the staged trees: give no OLD or NEW")
        repo = repository(here())
        if repo is None:
            raise UsageError("--staged needs a git repository, and this folder is not in one")
        if not is_revision(repo, "HEAD"):
            raise UsageError(
                "--staged compares HEAD with the staged trees, and there is no commit yet",
                hint="Commit once, or compare two folders.",
            )
        before: Library = open_side("HEAD", path, as_=REVISION)  # git objects only
        return before, RevisionLibrary(repo, STAGED, path), "HEAD", "staged"
    if old is None or new is None:
        raise UsageError(
            "give two trees folders or two git revisions to compare",
            hint="For example: signpost diff main HEAD",
        )
    kinds = [None, None] if folders is None else [REVISION] * (2 - folders) + [FOLDER] * folders
    return open_side(old, path, as_=kinds[0]), open_side(new, path, as_=kinds[1]), old, new


@app.command()
@handled
def schema(
    ctx: typer.Context,
    name: str = typer.Argument(
        "tree",
        metavar="[NAME]",
        help="tree (the default), or a report whose --format json output has a schema: "
        "contacts, diff, export, lint, lint-rules, list, paths, plan, search, test.",
        show_default=False,
    ),
    path: bool = typer.Option(
        False, "--path", help="Print where the installed schema file is, instead of the schema."
    ),
) -> None:
    """Print a JSON Schema (draft 2020-12): for tree files (for editors), or for a report.

    \b
    Examples:
      signpost schema > docs/tree.schema.json
      signpost schema --path
      signpost schema lint --path
    """
    from signpost.errors import TreeError, UsageError
    from signpost.lint.schema import schema_names, schema_path, tree_schema

    names = schema_names()
    if name not in names:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"there is no schema called `{terminal(name)}`",
            hint=did_you_mean(name, names, sentence=True) or f"Choose one of: {', '.join(names)}.",
        )
    where = schema_path(name)
    if path or name != "tree":
        if not where.is_file():
            raise TreeError("the schema file is missing from this install", where=str(where))
        if path:
            typer.echo(str(where))
            return
        typer.echo(where.read_text(encoding="utf-8"), nl=False)
        return
    _json(tree_schema())


# The authors' workbench (quote, sources, lsp) registers its commands on `app`.
from signpost import authoring  # noqa: E402, F401


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
        _err(
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
        _err(f"signpost: error: {terminal(message[:1].lower() + message[1:])}{stop}{hint}")
        code = int(ExitStatus.USAGE)
    except click_errors.ClickException as exc:
        _err(f"signpost: error: {terminal(exc.format_message())}")
        code = exc.exit_code
    except typer.Abort:
        code = exit_code(KeyboardInterrupt(), False)
    except BrokenPipeError as exc:
        code = exit_code(exc, False)
    except OSError as exc:
        pipe = exc.errno == errno.EPIPE
        code = exit_code(BrokenPipeError(), False) if pipe else _os_error(exc)
    _end(code if isinstance(code, int) else 0)


def _console(env: Environment, plain: bool) -> Any:
    """The rich console for this run's terminal (rich is loaded only by commands that draw)."""
    from signpost.ui.console import reading_console

    return reading_console(env, plain)


def _os_error(exc: OSError) -> int:
    """An OSError outside every command's own handling (typer's `--install-completion`
    writing in a home folder where a file is a folder, or a folder a file): one line."""
    where = f" {exc.filename}" if exc.filename else ""
    _err(
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
