"""The authors' workbench commands: `quote`, `sources` and `lsp`.

They are registered on the one typer app (`cli.app`), which imports this module once
its own commands are defined; like every command body they run under `cli.handled`,
the one error handler. Only this module and `cli.py` print or exit.
"""

from enum import StrEnum
from pathlib import Path

import typer

from signpost.cli import (
    SeedsOption,
    TextJson,
    TreesOption,
    _json,
    _library,
    _write,
    app,
    handled,
)
from signpost.errors import ExitStatus, UsageError


def _sources_of(ctx: typer.Context, trees: Path | None, seeds: Path | None):
    """The source documents a command reads: --seeds, else those of the trees folder."""
    from signpost.content.sources import Sources

    library = _library(ctx, trees)
    return library, (Sources(seeds) if seeds is not None else library.sources)


@app.command()
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
    if doc is not None and sources.get(doc) is None:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"`{doc}` is not a document in {sources.folder}",
            hint=did_you_mean(doc, sorted(sources.docs), sentence=True)
            or "Run `signpost sources` to see the documents.",
        )
    hits = QuoteIndex(sources).find(text, doc=doc, limit=limit)
    if fmt is TextJson.json:
        _json({"version": 1, "words": text, "results": [h.to_dict() for h in hits]})
    else:
        from signpost.reports.sourcemap import format_hits

        _write(format_hits(hits, text))
    if not hits:
        raise typer.Exit(int(ExitStatus.FINDINGS))


class MapFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("sources")
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
    if doc is not None and sources.get(doc) is None:
        from signpost.similar import did_you_mean

        raise UsageError(
            f"`{doc}` is not a document in {sources.folder}",
            hint=did_you_mean(doc, sorted(sources.docs), sentence=True)
            or "Run `signpost sources` to see the documents.",
        )
    maps = [m for m in source_map(sources, citations(library)) if doc is None or m.doc == doc]
    if fmt is MapFormat.json:
        _json(map_dict(maps, uncited))
    elif fmt is MapFormat.markdown:
        _write(format_markdown(maps, uncited))
    else:
        _write(format_map(maps, uncited))
