"""The quote finder: from a remembered phrase to the exact passage of a source document.

An author remembers a few words ("meet and greet", "fifteen days") and needs the whole
sentence, copied exactly, with its document and line. Each document is cut into
sentences (as published, by line); a phrase is compared with each sentence, and with
runs of two or three sentences in a row (a quote may span them, or a line break), on
the words that carry meaning: any order, any case, curly or straight quotes, plurals
and endings aside (`assistants` finds `assistant`), rare words counting for more than
common ones. A phrase that is in a passage word for word always comes first.

`signpost quote` shows the hits; lint's `quote-not-found` uses the best one to say
where a quote that is not in its document really is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from signpost.content.document import SourceDocument
from signpost.content.sources import Sources
from signpost.content.wording import normalise

if TYPE_CHECKING:
    from signpost.content.voices import Voice, Voices

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u00b7*\u2013-]\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOPWORDS = frozenset(
    str.split(
        "a an and are as at be been but by can could do does for from had has have he her "
        "his i if in into is it its me my no not of on or our she so that the their them "
        "then there these they this to was we were what when where which who will with "
        "would you your"
    )
)
# Runs of up to this many sentences in a row are compared too (a quote may span them).
_LONGEST_RUN = 3


def stem(word: str) -> str:
    """A word without its common English endings, so `meets`, `meeting` and `meet` agree."""
    word = word.removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def terms(text: str) -> list[str]:
    """The words of `text` that carry meaning, stemmed; every word if none does."""
    words = _TOKEN.findall(normalise(text))
    meaning = [stem(w) for w in words if w not in _STOPWORDS]
    return meaning or [stem(w) for w in words]


class Sentence(NamedTuple):
    """One sentence of a document: its line and its text as published (spaces collapsed)."""

    doc: str
    line: int
    text: str


def _plain_scalar(text: str) -> bool:
    """Whether `text` after `doc: ` reads back as itself (`005_a #b: c.txt` would read
    as `005_a`, `true` as a truth value): else it is pasted double-quoted."""
    import yaml

    try:
        return yaml.safe_load(f"doc: {text}") == {"doc": text}
    except yaml.YAMLError:
        return False


class Hit(NamedTuple):
    """A passage that matches the words: where it is, its exact text, and how well."""

    doc: str  # the document's file name, as `doc:` names it
    title: str
    line: int  # where the passage starts
    end_line: int  # where it ends (the same line, unless it runs over a line break)
    text: str  # the exact words, as published: a whole sentence, or a few in a row
    score: float  # 0..1: the share of the words' meaning found, with order counting a little
    exact: bool  # the words are in the passage as written (case and quote marks aside)
    who: str | None  # who speaks there
    answer: bool | None = None  # the document's own word (citable), or someone it reports

    def source_block(self, indent: int = 0) -> str:
        """The `source:` block a step needs, ready to paste (a double-quoted YAML text)."""
        import json

        from signpost.safetext import json_text

        pad = " " * indent
        doc = (
            self.doc
            if _plain_scalar(self.doc)
            else json_text(json.dumps(self.doc, ensure_ascii=False))
        )
        return (
            f"{pad}source:\n{pad}  doc: {doc}\n"
            f"{pad}  quote: {json_text(json.dumps(self.text, ensure_ascii=False))}\n"
        )

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "title": self.title,
            "line": self.line,
            "end_line": self.end_line,
            "quote": self.text,
            "score": round(self.score, 3),
            "exact": self.exact,
            "who": self.who,
            "answer": self.answer,
        }


def sentences(document: SourceDocument) -> list[Sentence]:
    """The document's sentences in order, each with its line; bullets left off."""
    found = []
    for number, line in enumerate(document.text.splitlines(), 1):
        for part in _SENTENCE_END.split(line):
            text = " ".join(_BULLET.sub("", part.strip()).split())
            if text:
                found.append(Sentence(document.name, number, text))
    return found


class _Run(NamedTuple):
    sentences: tuple[Sentence, ...]
    terms: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    flat: str  # normalised text
    voice: Voice | None  # who says all of it (runs across two voices are left out)


def _pairs(words: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(words))


class QuoteIndex:
    """Every sentence of every document, ready to be compared with a phrase; built once."""

    def __init__(self, sources: Sources):
        self.sources = sources
        self.runs: dict[str, list[_Run]] = {}
        counts: Counter[str] = Counter()
        record = _record(sources)
        for name, document in sources.docs.items():
            said = sentences(document)
            voice = [record.at(name, s.line) if record else None for s in said]
            runs = []
            for first in range(len(said)):
                for size in range(1, _LONGEST_RUN + 1):
                    group = tuple(said[first : first + size])
                    if len(group) < size or len(set(voice[first : first + size])) > 1:
                        break
                    words = terms(" ".join(s.text for s in group))
                    flat = normalise(group[-1].text)
                    runs.append(_Run(group, frozenset(words), _pairs(words), flat, voice[first]))
                    if size == 1:
                        counts.update(set(words))
            self.runs[name] = runs
        total = sum(len(r) for r in self.runs.values()) or 1
        self.weights = {word: math.log((total + 1) / (n + 0.5)) for word, n in counts.items()}
        self.unseen = math.log((total + 1) / 0.5)

    def find(self, words: str, doc: str | None = None, limit: int = 5) -> list[Hit]:
        """The passages most like `words`, best first, none overlapping another."""
        wanted = terms(words)
        needle = normalise(words)
        if not wanted or not needle:
            return []
        weight = {w: self.weights.get(w, self.unseen) for w in wanted}
        whole = sum(weight.values())
        pairs = _pairs(wanted)
        scored = []
        for name, runs in self.runs.items():
            if doc is not None and name != doc:
                continue
            for run in runs:
                share = sum(weight[w] for w in weight if w in run.terms) / whole
                if share <= 0:
                    continue
                order = len(pairs & run.pairs) / len(pairs) if pairs else 0.0
                score = (share * 0.85 + order * 0.15) - 0.04 * (len(run.sentences) - 1)
                exact = needle in normalise(" ".join(s.text for s in run.sentences))
                reported = run.voice is not None and not run.voice.answer
                scored.append((exact and not reported, score * (0.7 if reported else 1), run))
        # A passage with the words as written first, then the best; a question put to the
        # council, or someone a document quotes, after the document's own words.
        scored.sort(key=lambda item: (not item[0], -item[1], len(item[2].sentences)))
        return self._distinct(scored, limit, needle)

    def _distinct(self, scored: list, limit: int, needle: str) -> list[Hit]:
        hits: list[Hit] = []
        taken: set[tuple[str, int, str]] = set()
        for _, score, run in scored:
            keys = {(s.doc, s.line, s.text) for s in run.sentences}
            if keys & taken:
                continue
            taken |= keys
            first, last = run.sentences[0], run.sentences[-1]
            document = self.sources.docs[first.doc]
            text = " ".join(s.text for s in run.sentences)
            hits.append(
                Hit(
                    first.doc,
                    document.title,
                    first.line,
                    last.line,
                    text,
                    max(0.0, min(1.0, score)),
                    needle in normalise(text),
                    run.voice.who if run.voice is not None else document.who,
                    run.voice.answer if run.voice is not None else None,
                )
            )
            if len(hits) == limit:
                break
        return hits


_INDEXES: dict[int, tuple[Sources, QuoteIndex]] = {}


def quote_index(sources: Sources) -> QuoteIndex:
    """The index of `sources`, built once for each `Sources` (lint asks for each miss)."""
    kept = _INDEXES.get(id(sources))
    if kept is None or kept[0] is not sources:
        kept = (sources, QuoteIndex(sources))
        _INDEXES.clear()  # one folder of sources at a time: no growth in a long-lived server
        _INDEXES[id(sources)] = kept
    return kept[1]


def _record(sources: Sources) -> Voices | None:
    """The record of who speaks on which lines (`seeds/voices.yaml`), or None: a folder
    of sources without one, or with one that does not load (lint says why)."""
    from signpost.errors import TreeError

    try:
        return sources.voices
    except TreeError:
        return None


def speaker(
    sources: Sources, document: SourceDocument, line: int
) -> tuple[str | None, bool | None]:
    """Who speaks on `line` of `document`, and whether it is the document's own word
    (an answer a step may rest on): from the record of voices where there is one, else
    the document's publisher, as citations name it (`SourceDocument.who`)."""
    record = _record(sources)
    voice = record.at(document.name, line) if record is not None else None
    if voice is None:
        return document.who, None
    return voice.who, voice.answer
