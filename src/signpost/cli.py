"""The `signpost` command. The only module that prints, prompts or exits.

Every command body runs inside `handled`, the one error handler: a
`SignpostError` becomes one line on stderr and its exit code; Ctrl-C or end of
input becomes "Stopped — nothing was saved." and 130; anything else is a bug,
shown as one line asking for a report (or a traceback with --debug).
"""

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from signpost import __version__
from signpost.errors import ExitStatus, UsageError
from signpost.fastpath import (
    LINT_FORMATS,
    LIST_FORMATS,
    exit_code,
    interactive_ok,
    lint_command,
    list_command,
    walk_command,
)
from signpost.fastpath import console as _console
from signpost.fastpath import err as _err

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

    trees: Path | None = None
    plain: bool = False
    debug: bool = bool(os.environ.get(DEBUG_ENV))


state = State()


def handled(func: Callable) -> Callable:
    """Run a command body under the one error handler."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:
            code = exit_code(exc, state.debug)  # the handler the fast path shares
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
    envvar="SIGNPOST_TREES",
    metavar="DIR",
    help="Use the trees in DIR (and the seeds/ folder beside it) instead of the shipped ones.",
    show_default=False,
)
TreeArgument = typer.Argument(
    ..., metavar="TREE", help="The tree's id, as `signpost list` shows it."
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
    state.trees = trees
    state.plain = plain
    state.debug = state.debug or debug
    if ctx.invoked_subcommand is None:
        _menu()


@handled
def _menu() -> None:
    walk_command(None, state.trees, state.plain)


def _library(trees: Path | None):
    from signpost.library import Library

    return Library(trees or state.trees)


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
        raise UsageError(
            "the answers must be a mapping of question id to answer, "
            "for example `talked-to-school: Not yet`",
            where=name,
        )
    return doc.data


@app.command()
@handled
def run(
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
    if answers is None:
        if fmt is not PlanFormat.text:
            raise UsageError("--format markdown or json needs --answers (a scripted run)")
        walk_command(tree, trees or state.trees, plain or state.plain, save, force)
        return
    library = _library(trees)
    from signpost.plan import make_plan, save_text, saved_text
    from signpost.walk import walk_scripted

    walk = walk_scripted(
        library, tree, _read_answers(answers), where="<stdin>" if answers == "-" else answers
    )
    plan = make_plan(walk)
    if fmt is PlanFormat.json:
        _json(plan.to_dict())
    elif fmt is PlanFormat.markdown:
        typer.echo(plan.to_markdown(), nl=False)
    elif plain or state.plain or not interactive_ok():
        typer.echo(plan.to_text(), nl=False)
    else:
        from signpost.render import outcome_screen

        console = _console(False)
        console.print(outcome_screen(plan, console.width))
    if save is not None:
        save_text(save, saved_text(plan, save), overwrite=force)
        _err(f"Saved your plan to {save}.")


def _choices(name: str, values: tuple[str, ...]) -> Any:
    """A typer choice of `values`: the tuples the fast path reads these options by, so
    the two routes cannot disagree about what `--format` accepts."""
    return Enum(name, {value: value for value in values}, type=str)


TableJson = _choices("TableJson", LIST_FORMATS)  # signpost list, signpost contacts
LintFormat = _choices("LintFormat", LINT_FORMATS)


@app.command("list")
@handled
def list_trees(
    fmt: TableJson = typer.Option(TableJson.table, "--format", help="table or json."),
    trees: Path | None = TreesOption,
) -> None:
    """List the situations (trees) with their ids.

    \b
    Example:
      signpost list --format json
    """
    list_command(fmt.value, trees or state.trees, typer.echo)


def _plain_output(plain: bool = False) -> bool:
    """True when output should be plain text: asked for, piped, TERM=dumb or NO_COLOR."""
    return (
        plain
        or state.plain
        or not sys.stdout.isatty()
        or os.environ.get("TERM") == "dumb"
        or bool(os.environ.get("NO_COLOR"))
    )


def _json(data: Any) -> None:
    import json  # only JSON output needs it: not imported on every start

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command()
@handled
def show(
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
    from signpost.outline import outline, to_text

    library = _library(trees)
    item = outline(library, library.tree(tree), depth)
    if _plain_output(plain):
        typer.echo(to_text(item), nl=False)
        return
    from signpost.outline import to_rich

    _console(False).print(to_rich(item))


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


@app.command()
@handled
def graph(
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
    from signpost.graph import to_dot, to_mermaid

    the_tree = _library(trees).tree(tree)
    typer.echo(to_mermaid(the_tree) if fmt is GraphFormat.mermaid else to_dot(the_tree), nl=False)


class TextJson(str, Enum):
    text = "text"
    json = "json"


@app.command()
@handled
def paths(
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
    from signpost.paths import find_paths, format_text

    library = _library(trees)
    the_tree = library.tree(tree)
    found = find_paths(library, tree)
    if fmt is TextJson.json:
        _json(found.to_dict())
    else:
        typer.echo(format_text(found, the_tree.title), nl=False)


SCENARIOS_DIR = Path("tests") / "scenarios"


@app.command("test")
@handled
def test_trees(
    paths_: list[Path] | None = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Scenario files, or folders of them. Default: tests/scenarios/ in the current folder.",
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
) -> None:
    """Run tree scenarios: each walks a tree with set answers and must reach the outcome it
    names. Reports each scenario, then per tree the nodes and outcomes no scenario reached.
    Exit 1 if a scenario fails or coverage is below --min-coverage.

    \b
    Examples:
      signpost test
      signpost test tests/scenarios/not-attending.yaml --min-coverage 100
    """
    from signpost.treetest import format_report, report_dict, run_tests

    if not paths_:
        if not SCENARIOS_DIR.is_dir():
            raise UsageError(
                "no scenario files given, and there is no tests/scenarios/ folder here",
                hint="Give scenario files or folders, or run "
                "from the folder that holds tests/scenarios/.",
            )
        paths_ = [SCENARIOS_DIR]
    report = run_tests(_library(trees), list(paths_))
    if fmt is TextJson.json:
        _json(report_dict(report, min_coverage))
    else:
        typer.echo(format_report(report, min_coverage), nl=False)
    if report.failed or (min_coverage is not None and report.below(min_coverage)):
        raise typer.Exit(int(ExitStatus.FINDINGS))


@app.command()
@handled
def search(
    words: list[str] = typer.Argument(..., help="Words to look for (any case)."),
    show_all: bool = typer.Option(False, "--all", help="Show every result, not only the best 10."),
    fmt: TextJson = typer.Option(
        TextJson.text, "--format", help="text or json (json always has every result)."
    ),
    trees: Path | None = TreesOption,
) -> None:
    """Find the situations and outcomes that mention the words, best first: in titles
    before questions and options, before steps; every word before some. Shows the
    command to open each, and a scripted run straight to each outcome.

    \b
    Examples:
      signpost search camhs
      signpost search school transport --format json
    """
    from signpost.search import format_text, query_words
    from signpost.search import search as find

    query = " ".join(words)
    if not query_words(query):
        raise UsageError(
            "give at least one word to search for", hint="For example: signpost search camhs"
        )
    hits = find(_library(trees), query)
    if fmt is TextJson.json:
        _json({"version": 1, "query": query, "results": [h.to_dict() for h in hits]})
    else:
        typer.echo(format_text(hits, query, None if show_all else 10), nl=False)


@app.command()
@handled
def contacts(
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
    from signpost.plan import contact_dict

    words = [w.casefold() for w in (query or []) for w in w.split()]
    found = []
    for contact in _library(trees).contacts.values():
        text = " ".join(
            v
            for v in (
                contact.id,
                contact.name,
                contact.for_,
                contact.phone,
                contact.email,
                contact.web,
                contact.page,
            )
            if v
        ).casefold()
        if all(w in text for w in words):
            found.append(contact)
    if fmt is TableJson.json:
        _json(
            {
                "version": 1,
                "query": " ".join(query or []) or None,
                "contacts": [contact_dict(c) for c in found],
            }
        )
        return
    if not found:
        typer.echo(
            f"No contact mentions \u201c{' '.join(query or [])}\u201d. "
            "Try one word, or run `signpost contacts` to see them all."
        )
        return
    from rich.table import Table
    from rich.text import Text

    console = _console(_plain_output())
    # An email or address is never broken across lines: a table only when they fit whole.
    longest = max((len(v) for c in found for v in (c.email, c.web) if v), default=0)
    if console.width < longest + 62:
        from signpost.plan import contact_details

        for c in found:
            console.print(Text(f"{c.name} [{c.id}]", style="bold"))
            for label, value in contact_details(c):
                console.print(Text(f"  {label}: {value}"), soft_wrap=True)
            console.print(Text(f"  {c.for_}"))
        console.print(f"{len(found)} contact{'' if len(found) == 1 else 's'}.")
        return
    table = Table(show_edge=False, header_style="bold", pad_edge=False, show_lines=True)
    table.add_column("contact", overflow="fold")
    table.add_column("phone", no_wrap=True)
    table.add_column("email / web", min_width=longest, overflow="fold")
    table.add_column("for")
    for c in found:
        web = [c.email, c.web, f"search for \u201c{c.page}\u201d" if c.page else None]
        table.add_row(
            Text(f"{c.name}\n[{c.id}]"),
            Text(c.phone or ""),
            Text("\n".join(w for w in web if w)),
            Text(c.for_),
        )
    console.print(table)
    console.print(f"{len(found)} contact{'' if len(found) == 1 else 's'}.")


class ExportFormat(str, Enum):
    json = "json"
    markdown = "markdown"


@app.command()
@handled
def export(
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
    from signpost.export import export_dict, export_markdown

    library = _library(trees)
    chosen = [library.tree(tree)] if tree is not None else library.trees()
    if fmt is ExportFormat.json:
        _json(export_dict(library, chosen))
    else:
        typer.echo(export_markdown(library, chosen), nl=False)


@app.command()
@handled
def site(
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
    from signpost.site import build_site

    built = build_site(_library(trees), out, tree)
    typer.echo(
        f"Wrote {built.pages:,} page{'' if built.pages == 1 else 's'} to {out}. "
        f"Open {built.index} in a web browser."
    )
    if open_:
        import webbrowser

        webbrowser.open(built.index.resolve().as_uri())


@app.command()
@handled
def lint(
    paths: list[Path] | None = typer.Argument(
        None,
        metavar="[PATHS]...",
        show_default=False,
        help="Tree files or folders of trees (default: the trees folder).",
    ),
    fmt: LintFormat | None = typer.Option(
        None,
        "--format",
        show_default=False,
        help="human (grouped, with the source line; the default on a terminal), concise "
        "(one `file:line:col: severity [rule] message` line each; the default otherwise), "
        "json or github (workflow annotations).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    explain: str | None = typer.Option(
        None, "--explain", metavar="RULE", help="Print the documentation of one rule and exit."
    ),
    list_rules: bool = typer.Option(False, "--list-rules", help="List the rules and exit."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Judge `reviewed` dates as on this day (YYYY-MM-DD)."
    ),
    seeds: Path | None = typer.Option(
        None,
        "--seeds",
        metavar="DIR",
        help="The source documents (default: seeds/ beside the trees folder, else the shipped ones).",
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Settings file (default: the nearest .signpost.toml, or pyproject.toml with "
        "[tool.signpost.lint], upward from the first path).",
    ),
    trees: Path | None = TreesOption,
) -> None:
    """Check trees and the contacts catalogue, as a compiler would.

    \b
    Examples:
      signpost lint
      signpost lint trees/not-attending.yaml --format concise
      signpost lint --explain quote-not-found
    """
    from signpost.lint.registry import RULES

    if explain is not None:
        from signpost.lint.registry import explain as explain_rule

        if explain not in RULES:
            import difflib

            close = difflib.get_close_matches(explain, list(RULES), n=1, cutoff=0.6)
            raise UsageError(
                f"there is no lint rule called `{explain}`",
                hint=f"Did you mean `{close[0]}`?"
                if close
                else "Run `signpost lint --list-rules` to see them.",
            )
        typer.echo(explain_rule(explain), nl=False)
        return
    if list_rules:
        width = max(len(name) for name in RULES)
        for rule in RULES.values():
            typer.echo(f"{rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
        return
    # The body is shared with the fast path (signpost.fastpath), which runs it without typer.
    code = lint_command(
        paths,
        fmt.value if fmt is not None else None,
        strict,
        as_of,
        seeds,
        config,
        trees or state.trees,
    )
    if code:
        raise typer.Exit(code)


@app.command()
@handled
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) for tree files, for editors.

    \b
    Example:
      signpost schema > docs/tree.schema.json
    """
    from signpost.lint.schema import tree_schema

    _json(tree_schema())


def main() -> None:
    """Run the typer app (the console script, `signpost.fastpath.main`, comes here for
    every command line it does not run itself); Click's own errors exit with code 2."""
    app(prog_name="signpost")
