"""Finding the trees and outcomes that mention some words, for support workers.

Each tree and each outcome is a result. A word matches the start of a word in
the text, ignoring case, apostrophes and hyphens ("camhs" finds "CAMHS",
"school" finds "schools", "self-harm" finds "self harm"), and a plural finds
its singular ("letters" finds "letter"). Results that contain every word come
before those that contain only some; then the places words are found are
weighed: a title or id counts most, then the summary, questions, options and
contact names, then the steps.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import NamedTuple

from signpost.content.library import Library
from signpost.content.model import Outcome, Question, Tree
from signpost.errors import SignpostError
from signpost.ids import ID
from signpost.walk.routes import Route, Routes, find_routes, shortest_route

# What a word found in each place is worth.
WEIGHTS = {
    "id": 10,
    "title": 10,
    "summary": 5,
    "question": 3,
    "option": 3,
    "help": 1,
    "outcome title": 8,
    "intro": 2,
    "contact": 2,
    "step": 1,
}


class Hit(NamedTuple):
    kind: str  # "tree" or "outcome"
    tree: Tree
    outcome: Outcome | None
    words: tuple[str, ...]  # the query words found
    places: tuple[str, ...]  # where, most valuable first
    score: int
    route: Route | None = None  # the shortest way to the outcome from its tree's start

    @property
    def command(self) -> str:
        return f"signpost run {self.tree.id}"

    @property
    def scripted(self) -> str | None:
        """A shell line that walks straight to the outcome, or None."""
        if self.route is None:
            return None
        if not self.route.answers:
            return self.command
        pairs = ", ".join(
            f"{_yaml_key(k)}: {v}" for k, v in self.route.answers_mapping(numbers=True).items()
        )
        # Quoted for the shell whatever the node ids are: a tree cannot put a command
        # into the line a person copies.
        return f"echo {shlex.quote('{' + pairs + '}')} | signpost run {self.tree.id} --answers -"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "tree": self.tree.id,
            "outcome": self.outcome.id if self.outcome else None,
            "title": self.outcome.title if self.outcome else self.tree.title,
            "words": list(self.words),
            "places": list(self.places),
            "score": self.score,
            "command": self.command,
            "answers": self.route.answers_mapping() if self.route else None,
            "scripted": self.scripted,
        }


def _yaml_key(key: str) -> str:
    """A question id (`tree:node` across trees) as a key of the YAML answers: bare when it
    is kebab-case, else a JSON string (which YAML reads as the same text)."""
    if all(ID.match(part) for part in key.split(":")):
        return f'"{key}"' if ":" in key else key
    return json.dumps(key)


def _fold(text: str) -> str:
    """Text as a person means it: any case, hyphens and dashes as spaces ("self-harm" is
    "self harm"), apostrophes left out ("child's" is "childs")."""
    text = re.sub("[\u2019\u2018'`]", "", text.casefold())
    return re.sub("[-\u2010\u2011\u2012\u2013\u2014/]", " ", text)


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.split(r"\s+", _fold(query)) if w))


IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man"}


def _stem(word: str) -> str:
    """What a searched word must start with: its singular, so "letters" finds "letter"
    and "families" finds "family" (a word matches the start of a word in the text)."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _score(fields: list[tuple[str, str]], words: list[str]) -> tuple[set[str], dict[str, int]]:
    found: set[str] = set()
    places: dict[str, int] = {}
    patterns = {w: re.compile(r"(?<!\w)" + re.escape(_stem(w))) for w in words}
    for place, text in fields:
        folded = _fold(text)
        for word, pattern in patterns.items():
            if pattern.search(folded):
                found.add(word)
                places[place] = places.get(place, 0) + WEIGHTS[place]
    return found, places


def _tree_fields(tree: Tree) -> list[tuple[str, str]]:
    fields = [("id", tree.id), ("title", tree.title), ("summary", tree.summary)]
    for node in tree.nodes.values():
        if isinstance(node, Question):
            fields.append(("question", node.question))
            fields += [("option", o.label) for o in node.options]
            if node.help:
                fields.append(("help", node.help))
    return fields


def _outcome_fields(library: Library, tree: Tree, outcome: Outcome) -> list[tuple[str, str]]:
    fields = [("outcome title", outcome.title)]
    if outcome.intro:
        fields.append(("intro", outcome.intro))
    fields += [("step", step.text) for step in outcome.steps]
    for contact_id in outcome.contacts:
        contact = library.contact(contact_id, where=tree.file)
        fields.append(("contact", contact.name))
    return fields


def search(library: Library, query: str) -> list[Hit]:
    """Trees and outcomes mentioning any of the words, best first."""
    words = query_words(query)
    if not words:
        return []
    hits: list[Hit] = []
    for tree in library.trees():
        found, places = _score(_tree_fields(tree), words)
        if found:
            hits.append(_hit("tree", tree, None, words, found, places))
        paths: Routes | None = None
        for outcome in tree.outcomes():
            found, places = _score(_outcome_fields(library, tree, outcome), words)
            if found:
                if paths is None:
                    try:
                        paths = find_routes(library, tree.id)
                    except SignpostError:  # a broken link: still found, just no route
                        paths = Routes(tree.id, (), ())
                hits.append(
                    _hit(
                        "outcome",
                        tree,
                        outcome,
                        words,
                        found,
                        places,
                        shortest_route(paths, tree.id, outcome.id),
                    )
                )
    order = {tree.id: n for n, tree in enumerate(library.trees())}
    hits.sort(key=lambda h: (-len(h.words), -h.score, order[h.tree.id], h.kind != "tree"))
    return hits


def _hit(
    kind: str,
    tree: Tree,
    outcome: Outcome | None,
    words: list[str],
    found: set[str],
    places: dict[str, int],
    route: Route | None = None,
) -> Hit:
    ranked = sorted(places, key=lambda p: (-WEIGHTS[p], p))
    return Hit(
        kind,
        tree,
        outcome,
        tuple(w for w in words if w in found),
        tuple(ranked),
        sum(places.values()),
        route,
    )


SHOWN = 10  # results shown as text unless all are asked for


def format_text(hits: list[Hit], query: str, limit: int | None = SHOWN) -> str:
    words = query_words(query)
    if not hits:
        return (
            f"Nothing mentions \u201c{query.strip()}\u201d.\n"
            "Try fewer words, another word for the same thing (\u201cmental health\u201d "
            "for \u201cCAMHS\u201d), or see every situation with: signpost list\n"
        )
    complete = [h for h in hits if len(h.words) == len(words)]
    lines = [f"{len(hits)} result{'' if len(hits) == 1 else 's'} for \u201c{query.strip()}\u201d."]
    if len(words) > 1 and not complete:
        lines.append("Nothing mentions every word; these mention some of them.")
    for number, hit in enumerate(hits[:limit], 1):
        lines.append("")
        if hit.outcome is None:
            lines.append(f"{number}. {hit.tree.title}  (situation {hit.tree.id})")
        else:
            urgent = ", urgent" if hit.outcome.urgent else ""
            lines.append(
                f"{number}. {hit.outcome.title}  (outcome {hit.outcome.id} in "
                f"{hit.tree.id}{urgent})"
            )
        missing = [w for w in words if w not in hit.words]
        found = f"; not: {', '.join(missing)}" if missing else ""
        lines.append(f"   found in: {', '.join(hit.places)}{found}")
        lines.append(f"   open: {hit.command}")
        if hit.outcome is not None and hit.scripted and hit.route and hit.route.answers:
            lines.append(f"   straight there: {hit.scripted}")
    if limit is not None and len(hits) > limit:
        lines += [
            "",
            f"Showing the best {limit} of {len(hits)}. Add more words to narrow "
            "the search, or --all to see every result.",
        ]
    return "\n".join(lines) + "\n"
