"""Finding the plans that answer what a person says, in their own words.

Each outcome (a plan) is a result, found by what it says and by the way to it: its
title, its intro and steps, its contacts' names, its situation's title and summary,
and the questions and answers on the routes that lead to it. A sentence is read as
`signpost.tokens` reads every text (punctuation, case, common words and word
endings aside), then widened: the everyday-words table (`trees/everyday-words.yaml`)
adds the trees' words for what people say ("fined": fines, prosecution), and the
glossary an acronym's meaning or a meaning's acronym ("EHCP": Education, Health and
Care Plan). Plans are ranked by BM25: a word counts for more the rarer it is across
the plans, and for less the longer the plan's text.

Safety first: when the words suggest a child may be at risk (an everyday-words
entry with `risk: true`: suicide, self-harm, hurting themselves, danger, abuse,
not eating...), the urgent plan (999 and NHS 111) is always the first result.
"""

from __future__ import annotations

import math
import shlex
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from signpost.content.model import Outcome, Tree
from signpost.errors import SignpostError
from signpost.ids import ID
from signpost.tokens import stem, terms, words
from signpost.walk.routes import Route, Routes, find_routes, shortest_route
from signpost.words import count

if TYPE_CHECKING:
    from signpost.content.everyday import Everyday
    from signpost.content.glossary import Glossary
    from signpost.content.library import Library

# What a word counts for in each place (BM25F: a field's words count this many times).
WEIGHTS = {
    "outcome title": 3.0,
    "answer": 3.0,  # an option on the way: written in a parent's words
    "intro": 1.5,
    "question": 1.0,
    "step": 1.0,
    "situation": 0.75,  # every plan of the situation has these, so they tell plans apart less
    "summary": 0.5,
    "contact": 0.5,
}
K1, B = 1.2, 0.5  # saturation as usual; half the usual length normalisation, as a long
# plan is long for its route and its steps, not for being about more things
WIDENED = 0.8  # what a word added by the everyday-words table counts for
MEANING = 0.5  # ... and each word of an acronym's meaning added by the glossary
PAIR = 1.0  # what two words side by side count for, beyond each word ("not help")


def _with_pairs(stems: list[str]) -> list[str]:
    """The stems and each pair of neighbours ("not help" as "not+help"): a pair is rarer
    than its words, so a sentence that says what a plan says ranks it higher."""
    return stems + [f"{a}+{b}" for a, b in pairwise(stems)]


class Hit(NamedTuple):
    kind: str  # "tree" or "outcome"
    tree: Tree
    outcome: Outcome | None
    words: tuple[str, ...]  # the query words found
    places: tuple[str, ...]  # where, most valuable first
    score: float
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
    import json  # only for an id that is not kebab-case: search text starts without json

    return json.dumps(key)


class Query(NamedTuple):
    """A sentence as search reads it."""

    text: str
    weights: dict[str, float]  # stem -> what it counts for
    said: dict[str, str]  # stem -> the words it came from, as the person typed them
    risk: tuple[str, ...]  # the everyday-words entries with risk the sentence uses


def words_that_count(query: str) -> list[str]:
    """The words of a query that count (not the common ones), once each."""
    return list(dict.fromkeys(w for w in words(query) if terms(w)))


def _contains(sentence: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the words of `phrase` come in `sentence`, together and in order."""
    if phrase[0] not in sentence:  # most phrases: one pass in C, however long the sentence
        return False
    n = len(phrase)
    starts = (i for i, word in enumerate(sentence) if word == phrase[0])
    return any(tuple(sentence[i : i + n]) == phrase for i in starts)


def read_query(
    text: str, everyday: tuple[Everyday, ...] = (), glossary: Glossary | None = None
) -> Query:
    """The stems to rank by and their weights: the sentence's own, then those the
    everyday-words table and the glossary add for them."""
    weights: dict[str, float] = {}
    said: dict[str, str] = {}

    def add(stems: list[str], weight: float, source: str) -> None:
        for st in _with_pairs(stems):
            counts = weight * PAIR if "+" in st else weight
            if weights.get(st, 0.0) < counts:
                weights[st] = counts
                said.setdefault(st, source)

    sentence, risk = words(text), []
    for word in sentence:
        add(terms(word), 1.0, word)
    for first, second in pairwise(terms(text)):
        add([first, second], 1.0, f"{first} {second}")
    for entry in everyday:
        if any(_contains(sentence, phrase) for phrase in entry.say):
            risk += [entry.name] if entry.risk else []
            # a phrase said once counts for about one word, however many it adds
            share = WIDENED / len({st for m in entry.means for st in terms(m)}) ** 0.5
            for meaning in entry.means:
                add(terms(meaning), share, meaning)
    for term in glossary.terms.values() if glossary else ():
        if not term.term.isupper():
            continue
        spelt, acronym = terms(term.means), [stem(term.term.casefold())]
        if acronym[0] in weights:
            add(spelt, MEANING, term.means)
        elif spelt and _contains(list(weights), tuple(spelt)):
            add(acronym, 1.0, term.term)
    return Query(text, weights, said, tuple(risk))


class Plan(NamedTuple):
    """One outcome as search sees it: its words by place, and the shortest way to it."""

    tree: Tree
    outcome: Outcome
    places: dict[str, Counter[str]]
    length: float
    route: Route | None


def _plan_fields(
    library: Library, tree: Tree, outcome: Outcome, ways: list[Route]
) -> list[tuple[str, str]]:
    fields = [
        ("outcome title", outcome.title),
        ("situation", tree.title),
        ("summary", tree.summary),
    ]
    fields += [("intro", outcome.intro)] if outcome.intro else []
    fields += [("step", step.text) for step in outcome.steps]
    fields += [("contact", contact.name) for contact in library.contacts_of(tree, outcome)]
    seen: set[tuple[str, str]] = set()
    for route in ways:
        for answer in route.answers:
            if (answer.question, answer.label) not in seen:
                seen.add((answer.question, answer.label))
                fields += [("question", answer.question), ("answer", answer.label)]
    return fields


def plans(library: Library) -> list[Plan]:
    """Every outcome of every tree, with its words, in the library's order."""
    found, read = [], {}
    for tree in library.trees():
        try:
            paths = find_routes(library, tree.id)
        except SignpostError:  # a broken link: still found, just no route
            paths = Routes(tree.id, (), ())
        for outcome in tree.outcomes():
            ways = [
                r for r in paths.routes if r.outcome_tree == tree.id and r.outcome.id == outcome.id
            ]
            places: dict[str, Counter[str]] = {}
            for place, text in _plan_fields(library, tree, outcome, ways):
                if text not in read:  # a tree's title, a question: read once
                    read[text] = _with_pairs(terms(text))
                places.setdefault(place, Counter()).update(read[text])
            length = sum(WEIGHTS[p] * sum(c.values()) for p, c in places.items()) / 2
            found.append(
                Plan(tree, outcome, places, length, shortest_route(paths, tree.id, outcome.id))
            )
    return found


def _rank(all_plans: list[Plan], query: Query) -> list[Hit]:
    average = sum(p.length for p in all_plans) / len(all_plans) if all_plans else 1.0
    df = {  # how many plans have each word of the query
        st: sum(1 for p in all_plans if any(st in c for c in p.places.values()))
        for st in query.weights
    }
    hits = []
    for plan in all_plans:
        score, found, where = 0.0, [], []
        for st, weight in query.weights.items():
            tf = sum(WEIGHTS[p] * c[st] for p, c in plan.places.items() if st in c)
            if not tf:
                continue
            idf = math.log(1 + (len(all_plans) - df[st] + 0.5) / (df[st] + 0.5))
            norm = K1 * (1 - B + B * plan.length / (average or 1.0))
            score += weight * idf * tf * (K1 + 1) / (tf + norm)
            found += [] if "+" in st else [query.said[st]]
            where += [p for p, c in plan.places.items() if st in c]
        if score:
            places = tuple(sorted(set(where), key=lambda p: (-WEIGHTS[p], p)))
            hits.append(
                Hit(
                    "outcome",
                    plan.tree,
                    plan.outcome,
                    tuple(dict.fromkeys(found)),
                    places,
                    round(score, 2),
                    plan.route,
                )
            )
    return hits


def _urgent_first(hits: list[Hit], all_plans: list[Plan]) -> list[Hit]:
    """The best urgent plan first; the first urgent plan there is if no urgent plan
    matched any word."""
    urgent = [h for h in hits if h.outcome is not None and h.outcome.urgent]
    if urgent:
        first = max(urgent, key=lambda h: h.score)
        return [first] + [h for h in hits if h is not first]
    for plan in all_plans:
        if plan.outcome.urgent:
            return [Hit("outcome", plan.tree, plan.outcome, (), (), 0.0, plan.route), *hits]
    return hits


def search(library: Library, query: str, all_plans: list[Plan] | None = None) -> list[Hit]:
    """The plans that answer the words, best first (the urgent plan first if the
    words suggest risk)."""
    read = read_query(query, library.everyday, library.glossary)
    if not read.weights and not read.risk:
        return []
    all_plans = plans(library) if all_plans is None else all_plans
    order = {id(p.outcome): n for n, p in enumerate(all_plans)}
    hits = sorted(_rank(all_plans, read), key=lambda h: (-h.score, order[id(h.outcome)]))
    return _urgent_first(hits, all_plans) if read.risk else hits


SHOWN = 10  # results shown as text unless all are asked for


RISK_LINE = (
    "Some of these words suggest a child may be at risk, so urgent help comes first. "
    "If anyone is in danger now, call 999."
)


def suggests_risk(library: Library, query: str) -> bool:
    """Whether the words suggest a child may be at risk (the everyday-words table)."""
    return bool(read_query(query, library.everyday).risk)


def search_dict(hits: list[Hit], query: str, risk: bool) -> dict:
    """The JSON of `signpost search --format json`: every result, best first."""
    return {"version": 1, "query": query, "risk": risk, "results": [h.to_dict() for h in hits]}


def format_text(
    hits: list[Hit], query: str, limit: int | None = SHOWN, *, risk: bool = False
) -> str:
    if not hits:
        return (
            f"Nothing matches \u201c{query.strip()}\u201d.\n"
            "Try other words for the same thing (\u201cmental health\u201d "
            "for \u201cCAMHS\u201d), or see every situation with: signpost list\n"
        )
    lines = [f"{count(len(hits), 'plan')} for \u201c{query.strip()}\u201d, best first."]
    lines += [RISK_LINE] if risk else []
    for number, hit in enumerate(hits[:limit], 1):
        assert hit.outcome is not None
        urgent = ", urgent" if hit.outcome.urgent else ""
        lines += [
            "",
            f"{number}. {hit.outcome.title}  (outcome {hit.outcome.id} in {hit.tree.id}{urgent})",
            f"   situation: {hit.tree.title}",
        ]
        if hit.words:
            lines.append(f"   matched: {', '.join(hit.words)}; in {', '.join(hit.places)}")
        lines.append(f"   open: {hit.command}")
        if hit.scripted and hit.route and hit.route.answers:
            lines.append(f"   straight there: {hit.scripted}")
    if limit is not None and len(hits) > limit:
        lines += [
            "",
            f"Showing the best {limit} of {len(hits)}. Add more words to narrow "
            "the search, or --all to see every result.",
        ]
    return "\n".join(lines) + "\n"
