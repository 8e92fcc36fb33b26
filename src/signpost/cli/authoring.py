"""The authors' workbench: `schema` (the JSON Schemas, for editors and tools), `quote`
(from a remembered phrase to a ready citation), `sources` (what the sources say, and what
no tree cites) and `lsp` (the language server).
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from signpost.errors import ExitStatus, TreeError, UsageError

if TYPE_CHECKING:
    from signpost.content.sources import Sources

from signpost.cli.shared import (
    SeedsOption,
    TextJson,
    TreesOption,
    handled,
    open_library,
    print_json,
    write_out,
)
from signpost.safetext import terminal


def _sources_of(ctx: typer.Context, trees: Path | None, seeds: Path | None):
    """The source documents a command reads: --seeds, else those of the trees folder."""
    from signpost.content.sources import Sources

    library = open_library(ctx, trees)
    return library, (Sources(seeds) if seeds is not None else library.sources)


def _known_doc(sources: "Sources", doc: str | None) -> None:
    """`--doc NAME` names a document of the sources, or it is a usage error."""
    if doc is not None and sources.get(doc) is None:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"`{doc}` is not a document in {sources.folder}",
            hint=did_you_mean(doc, sorted(sources.docs), sentence=True)
            or "Run `signpost sources` to see the documents.",
        )


@handled
def schema(
    ctx: typer.Context,
    name: str = typer.Argument(
        "tree",
        metavar="[NAME]",
        help="tree (the default), or a report whose --format json output has a schema: "
        "contacts, diff, export, lint, lint-rules, list, paths, plan, quote, search, "
        "sources, test.",
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
    print_json(tree_schema())


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
    _known_doc(sources, doc)
    hits = QuoteIndex(sources).find(text, doc=doc, limit=limit)
    from signpost.reports.sourcemap import format_hits, hits_dict

    if fmt is TextJson.json:
        print_json(hits_dict(hits, text))
    else:
        write_out(format_hits(hits, text))
    if not hits:
        raise typer.Exit(int(ExitStatus.FINDINGS))


class MapFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


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
    _known_doc(sources, doc)
    maps = [m for m in source_map(sources, citations(library)) if doc is None or m.doc == doc]
    if fmt is MapFormat.json:
        print_json(map_dict(maps, uncited))
    elif fmt is MapFormat.markdown:
        write_out(format_markdown(maps, uncited))
    else:
        write_out(format_map(maps, uncited))


@handled
def lsp(ctx: typer.Context) -> None:
    """Run the language server for tree authors' editors, over standard input and output:
    lint findings as you type (every rule, with ranges), go to definition (`next:`,
    `tree:`, contact ids, `doc:`), completion, hover and quick fixes. Needs the `lsp`
    extra: pip install 'signpost-send[lsp]'. Set-up for VS Code, Neovim and Helix:
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
            hint="Install it with: pip install 'signpost-send[lsp]'",
        ) from None
    code = serve()
    if code:
        raise typer.Exit(code)
