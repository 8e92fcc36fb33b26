"""What the sources say, and what the trees use of it: `signpost quote` and `signpost sources`.

`signpost quote` shows the quote finder's hits (`content.quotes`) with a ready `source:`
block each. `signpost sources` lays each document out sentence by sentence (by line),
with the outcomes, contacts and glossary terms that cite each one, and the share cited:
where the next gaps are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from signpost.content.quotes import Hit, sentences
from signpost.content.sources import Sources
from signpost.content.wording import normalise
from signpost.safetext import markdown, terminal

if TYPE_CHECKING:
    from signpost.content.library import Library


def hits_dict(hits: list[Hit], words: str) -> dict:
    """The JSON of `signpost quote --format json`: the passages found, best first."""
    return {"version": 1, "words": words, "results": [h.to_dict() for h in hits]}


def format_hits(hits: list[Hit], words: str) -> str:
    """The hits as text: each with its document, line and a `source:` block to paste."""
    if not hits:
        return (
            f'No passage of the sources matches "{terminal(words)}". Try fewer or other '
            "words, or `signpost sources` to read what the sources say.\n"
        )
    out = []
    for number, hit in enumerate(hits, 1):
        lines = (
            f"line {hit.line}" if hit.end_line == hit.line else f"lines {hit.line}-{hit.end_line}"
        )
        how = "the words as written" if hit.exact else f"{round(hit.score * 100)}% of the words"
        out.append(f"{number}. {terminal(hit.title)}, {lines} ({how})")
        if hit.who:
            out.append(f"   Who says it: {terminal(hit.who)}")
        if hit.answer is False:
            out.append("   Not the document's own words: a step may not rest on them.")
        out.append(f"   {terminal(hit.text)}")
        if hit.answer is not False:
            out.append("   Paste under a step:")
            out.extend(terminal(line) for line in hit.source_block(indent=5).splitlines())
        out.append("")
    return "\n".join(out)


class Use(NamedTuple):
    """One sentence of a document and what cites it (`tree:outcome`, `contacts:id`, ...)."""

    line: int
    text: str
    cited_by: tuple[str, ...]


class DocumentMap(NamedTuple):
    doc: str
    title: str
    who: str | None
    passages: tuple[Use, ...]

    @property
    def cited(self) -> int:
        return sum(1 for p in self.passages if p.cited_by)

    @property
    def share(self) -> float:
        return self.cited / len(self.passages) if self.passages else 0.0

    def to_dict(self, uncited: bool = False) -> dict:
        return {
            "doc": self.doc,
            "title": self.title,
            "who": self.who,
            "passages": len(self.passages),
            "cited": self.cited,
            "share": round(self.share, 4),
            "sentences": [
                {"line": p.line, "text": p.text, "cited_by": list(p.cited_by)}
                for p in self.passages
                if not (uncited and p.cited_by)
            ],
        }


def citations(library: Library) -> Iterable[tuple[str, str, str]]:
    """(doc, quote, who cites it) for every step of every tree that loads, every contact
    and every glossary term: `tree-id:outcome-id`, `contacts:id`, `glossary:term`."""
    trees, _ = library.usable_trees()
    for tree in trees:
        for outcome in tree.outcomes():
            for step in outcome.steps:
                yield step.source.doc, step.source.quote, f"{tree.id}:{outcome.id}"
    for contact_id, contact in library.contacts.items():
        if contact.source is not None:
            yield contact.source.doc, contact.source.quote, f"contacts:{contact_id}"
    for term in library.glossary.terms.values():
        if term.doc and term.quote:
            yield term.doc, term.quote, f"glossary:{term.term}"


def source_map(sources: Sources, cited: Iterable[tuple[str, str, str]]) -> list[DocumentMap]:
    """Each document, sentence by sentence, with what cites each sentence."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for doc, quote, by in cited:
        document = sources.get(doc)
        needle = normalise(quote)
        at = document.normalised.find(needle) if document is not None and needle else -1
        if at >= 0:
            spans.setdefault(doc, []).append((at, at + len(needle), by))
    maps = []
    for name, document in sources.docs.items():
        uses, cursor = [], 0
        for sentence in sentences(document):
            flat = normalise(sentence.text)
            start = document.normalised.find(flat, cursor)
            end = start + len(flat)
            cursor = max(cursor, end)
            cites = sorted({b for a, z, b in spans.get(name, []) if a < end and z > start})
            uses.append(Use(sentence.line, sentence.text, tuple(cites)))
        maps.append(DocumentMap(name, document.title, document.who, tuple(uses)))
    return maps


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def format_map(maps: list[DocumentMap], uncited: bool = False) -> str:
    """Per document: the share cited, then each sentence by line with who cites it."""
    out: list[str] = []
    for doc in maps:
        out.append(
            f"{terminal(doc.title)} ({doc.doc}): {doc.cited} of {len(doc.passages)} "
            f"sentences cited ({_percent(doc.share)})"
        )
        for use in doc.passages:
            if uncited and use.cited_by:
                continue
            mark = "*" if use.cited_by else " "
            out.append(f"  {mark} {use.line:>4}  {terminal(_short(use.text))}")
            if use.cited_by:
                out.append(f"          cited by {terminal(', '.join(use.cited_by))}")
        out.append("")
    total = sum(len(d.passages) for d in maps)
    cited = sum(d.cited for d in maps)
    share = cited / total if total else 0.0
    out.append(f"In all: {cited} of {total} sentences cited ({_percent(share)}).")
    return "\n".join(out) + "\n"


def format_markdown(maps: list[DocumentMap], uncited: bool = False) -> str:
    out: list[str] = ["# What the sources say, and what the trees cite", ""]
    for doc in maps:
        out += [
            f"## {markdown(doc.title)}",
            "",
            f"{markdown(doc.doc)}: {doc.cited} of {len(doc.passages)} sentences cited "
            f"({_percent(doc.share)}).",
            "",
            "| Line | Sentence | Cited by |",
            "|---:|---|---|",
        ]
        for use in doc.passages:
            if uncited and use.cited_by:
                continue
            by = ", ".join(markdown(b) for b in use.cited_by) or "not cited"
            out.append(f"| {use.line} | {markdown(use.text)} | {by} |")
        out.append("")
    return "\n".join(out)


def map_dict(maps: list[DocumentMap], uncited: bool = False) -> dict:
    total = sum(len(d.passages) for d in maps)
    cited = sum(d.cited for d in maps)
    return {
        "version": 1,
        "uncited_only": uncited,
        "passages": total,
        "cited": cited,
        "share": round(cited / total, 4) if total else 0.0,
        "documents": [d.to_dict(uncited) for d in maps],
    }


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
