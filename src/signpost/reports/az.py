"""The site's A to Z (`a-z.html`): every situation, and the words people use, each once,
in one alphabetical page with no script.

Three kinds of entry, sorted together by their first letter: each situation (its title,
linked to its first question); each everyday-words entry (`trees/everyday-words.yaml`:
what people say, with the best plans for it by search's ranking, urgent help first for
risk words); and each acronym of the glossary, with its meaning and its best plans. A
plan links to the site's page for it with the fewest answers (a linked situation's plans
too); only pages the site has are linked. Plans are not entries of their own: their
titles are what to do ("Ask the school ..."), not words a person looks for, and listing
them made the page twice the 30 kB a page may weigh. Like every page, the text reaches
HTML only through autoescaping.
"""

from __future__ import annotations

from typing import NamedTuple

from signpost.content.library import Library
from signpost.content.model import Outcome, Tree
from signpost.reports.pagenames import INDEX, page_name
from signpost.reports.search import Hit, plans, search
from signpost.walk.routes import Point, explore

SHOWN = 2  # plans listed under a word: the page stays within 30 kB with its stylesheet


class Link(NamedTuple):
    text: str
    href: str


class Entry(NamedTuple):
    words: str  # what is sorted and shown first
    link: Link | None = None  # the entry is itself a link (a situation or a plan)
    also: tuple[str, ...] = ()  # other ways of saying it
    means: str | None = None  # an acronym's meaning
    plans: tuple[Link, ...] = ()  # the best plans for the words


def _plan_pages(library: Library, trees: list[Tree]) -> dict[tuple[str, str], str]:
    """(tree, outcome) -> the site's page for it with the fewest answers, for every plan a
    walk from the built situations reaches (a linked situation's plans among them)."""
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for tree in trees:
        for point in explore(library, tree.id):
            if isinstance(point, Point) and isinstance(point.node, Outcome):
                key = (point.at_tree, point.node.id)
                page = (len(point.answers), f"{tree.id}/{page_name(point.answers)}")
                if key not in found or page < found[key]:
                    found[key] = page
    return {key: href for key, (_, href) in found.items()}


def _plan_links(hits: list[Hit], pages: dict[tuple[str, str], str]) -> list[Link]:
    return [
        Link(h.outcome.title, pages[(h.tree.id, h.outcome.id)])
        for h in hits
        if h.outcome is not None and (h.tree.id, h.outcome.id) in pages
    ]


def entries(library: Library, trees: list[Tree]) -> list[Entry]:
    """Every entry of the page, in A to Z order."""
    pages = _plan_pages(library, trees)
    every = plans(library)
    found = [Entry(t.title, Link(t.title, f"{t.id}/{INDEX}")) for t in trees]
    for word in library.everyday:
        said = [" ".join(phrase) for phrase in word.say]
        best = _plan_links(search(library, said[0], every), pages)[:SHOWN]
        found.append(Entry(said[0].capitalize(), also=tuple(said[1:6]), plans=tuple(best)))
    for term in library.glossary.terms.values():
        if term.term.isupper():
            best = _plan_links(search(library, term.term, every), pages)[:SHOWN]
            found.append(Entry(term.term, means=term.means, plans=tuple(best)))
    return sorted(found, key=lambda e: (e.words.casefold(), e.link is None, e.words))
