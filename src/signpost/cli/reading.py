"""The commands that tell about trees: `list`, `show`, `graph`, `paths`, `search`,
`contacts`, `export` and `site`.
"""

from enum import StrEnum
from pathlib import Path

import typer

from signpost.cli.shared import (
    PlainOption,
    TableJson,
    TextJson,
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
    from signpost.reports.listing import list_dict, list_text

    found, broken = open_library(ctx, trees).usable_trees()
    if fmt.value == "json":
        print_json(list_dict(found, broken))
    else:
        echo(list_text(found, run_options(ctx).env.width(100)))
    for file in broken:
        err(f"signpost: {terminal(broken_line(file))}")


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

    library = open_library(ctx, trees)
    item = outline(library, library.tree(tree), depth)
    env = run_options(ctx).env.with_plain(plain)
    if not env.styled:
        echo(to_text(item))
        return
    from signpost.reports.outline import to_rich

    make_console(env, False).print(to_rich(item))


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"


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

    the_tree = open_library(ctx, trees).tree(tree)
    typer.echo(to_mermaid(the_tree) if fmt is GraphFormat.mermaid else to_dot(the_tree), nl=False)


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

    library = open_library(ctx, trees)
    the_tree = library.tree(tree)
    found = find_routes(library, tree)
    if fmt is TextJson.json:
        print_json(found.to_dict())
    else:
        echo(format_text(found, the_tree.title))


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
    from signpost.reports.search import (
        format_text,
        search_dict,
        suggests_risk,
        words_that_count,
    )
    from signpost.reports.search import search as find

    query = " ".join(words)
    if not words_that_count(query):
        raise UsageError(
            "give at least one word to search for", hint="For example: signpost search camhs"
        )
    library = open_library(ctx, trees)
    hits, risk = find(library, query), suggests_risk(library, query)
    if fmt is TextJson.json:
        print_json(search_dict(hits, query, risk))
    else:
        echo(format_text(hits, query, None if show_all else 10, risk=risk))


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
    found = find_contacts(open_library(ctx, trees).contacts.values(), words)
    if fmt is TableJson.json:
        print_json(contacts_dict(found, words))
        return
    if not found:
        echo(no_match_text(words))
        return
    from signpost.ui.screens import contact_list

    # The same list at every width and in a pipe: a detail is never cut or squeezed.
    env = run_options(ctx).env
    console = make_console(env, not env.styled)
    width = None if console.soft_wrap else console.width
    console.print(contact_list(tuple(found), width, ids=True))
    console.print(count_line(found))


class ExportFormat(StrEnum):
    json = "json"
    markdown = "markdown"


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

    library = open_library(ctx, trees)
    chosen = [library.tree(tree)] if tree is not None else library.trees()
    if fmt is ExportFormat.json:
        print_json(export_dict(library, chosen))
    else:
        echo(export_markdown(library, chosen))


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
    from signpost.reports.site import build_site, require_safe, wrote_line

    library = open_library(ctx, trees)
    require_safe(library)  # no page from a tree that fails the rules protecting families
    built = build_site(library, out, tree)
    typer.echo(terminal(wrote_line(built, out)).replace("\n", "\\n"))
    if open_:
        import webbrowser

        if not webbrowser.open(built.menu_page.resolve().as_uri()):
            raise UsageError(
                "no web browser could be opened here, but the site was written",
                where=str(built.menu_page),
                hint="Open that file in a web browser yourself, or leave out --open.",
            )
