"""The glossary: each term a family may not know, written once in `trees/glossary.yaml`,
and finding the terms in what a person sees, so each is explained the first time.

An acronym ("EHCP", and "EHCPs") is matched as a whole word, with its capitals; any
other term ("high needs funding") as whole words in any case. A text that explains a
term itself ("EHCP (Education, Health and Care Plan)") needs no second explanation.
The walk, the plan and the export share one `Explainer` rule: a term is explained
where it is first seen, and not again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from signpost.errors import TreeError

ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])(?:s|'s|’s)?\b")
# The patterns below are searched only in text that holds an acronym (`explained_at`):
# kept as text, and compiled by `re` (which keeps them) where first searched, not by
# every command that imports this module.
# EHCP (Education ...), SEN Support (special educational needs support): the words in
# the brackets are checked by `_words_inside`, not by a lookahead, which backtracked
# (a 10,000-character "AB (" text with no ")" took a minute).
_BEFORE_BRACKET = r"\b([A-Z][A-Z0-9]*[A-Z])s?(?:\s+[A-Z][a-z]+)?\s*\("
_EXPLAINED = (
    r"\(\s*([A-Z][A-Z0-9]*[A-Z])s?\s*\)",  # Education ... (EHCP)
    r"\b([A-Z][A-Z0-9]*[A-Z])s?\s+(?:means|stands for|is short for)\b",
)
# "An EHCP is an Education, Health and Care Plan": counts only if the words after
# "is" start with the acronym's letters, so "CAMHS is busy" explains nothing.
_IS = r"\b([A-Z][A-Z0-9]*[A-Z])s?\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?([^.;:()]+)"
_SMALL = {"and", "of", "for", "the", "in", "to", "with", "a", "an", "on"}


def _spells(acronym: str, words: str) -> bool:
    initials = "".join(
        w if len(w) > 1 and w.isupper() else w[0]
        for w in re.findall(r"[A-Za-z][\w-]*", words)
        if w.lower() not in _SMALL
    ).upper()
    if not initials or initials[0] != acronym[0]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym)


def explained_at(flat: str) -> dict[str, int]:
    """Acronym -> where in `flat` (one-spaced text) it is first explained."""
    explanations: dict[str, int] = {}
    closes = [at for at, char in enumerate(flat) if char == ")"] if "(" in flat else []
    for match in re.finditer(_BEFORE_BRACKET, flat):
        if _words_inside(flat, match.end(), closes):
            explanations.setdefault(match.group(1), match.start())
    for pattern in _EXPLAINED:
        for match in re.finditer(pattern, flat):
            explanations.setdefault(match.group(1), match.start())
    for match in re.finditer(_IS, flat):
        if _spells(match.group(1), match.group(2)):
            explanations.setdefault(match.group(1), match.start())
    return explanations


def _words_inside(flat: str, start: int, closes: list[int]) -> bool:
    """Whether the brackets opened just before `start` close, holding a small letter
    followed later by a space (words, not another acronym). `closes` are where each `)`
    is, so each check costs the brackets' length, not the rest of the text."""
    from bisect import bisect_left

    index = bisect_left(closes, start)
    if index == len(closes):
        return False
    inside = flat[start : closes[index]]
    lower = re.search("[a-z]", inside)
    return lower is not None and re.search(r"\s", inside[lower.end() :]) is not None


class Term(NamedTuple):
    term: str  # as written: "EHCP", "high needs funding"
    means: str  # "Education, Health and Care Plan"
    doc: str | None = None  # the source document that gives the expansion, if one does
    quote: str | None = None  # ... and its words

    @property
    def sentence(self) -> str:
        """`EHCP means Education, Health and Care Plan.`"""
        means = self.means.rstrip()
        return f"{self.term} means {means}{'' if means.endswith(('.', '!', '?')) else '.'}"

    def to_dict(self) -> dict:
        source = {"doc": self.doc, "quote": self.quote} if self.doc else None
        return {"term": self.term, "means": self.means, "source": source}


def _pattern(term: str) -> re.Pattern[str]:
    if term.isupper():  # an acronym: its capitals, a whole word, perhaps plural
        return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|'s|’s)?(?![\w-])")
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|'s|’s)?(?![\w-])", re.IGNORECASE)


_WORD = re.compile(r"\w+")


def _key(term: str) -> str:
    """The first word of a term, folded: what a text must hold for it to use the term."""
    first = _WORD.search(term)
    return first.group().casefold() if first else ""


class Glossary:
    """The terms, in the order the file gives them, indexed by their first word: a text
    is matched against only the terms whose first word it holds, so the work grows with
    the text and the terms it uses, not with the size of the glossary."""

    def __init__(self, terms: Iterable[Term] = ()):
        self.terms = {t.term: t for t in terms}
        self._order = {term: number for number, term in enumerate(self.terms)}
        self._by_key: dict[str, list[str]] = {}
        for term in self.terms:
            self._by_key.setdefault(_key(term), []).append(term)
        self._patterns: dict[str, re.Pattern[str]] = {}

    def __bool__(self) -> bool:
        return bool(self.terms)

    def _candidates(self, text: str) -> list[str]:
        words = {w.casefold() for w in _WORD.findall(text)}
        words |= {w[:-1] for w in words if w.endswith("s")}  # EHCPs: EHCP
        found = {t for w in words | {""} for t in self._by_key.get(w, ())}
        return sorted(found, key=self._order.__getitem__)

    def _compiled(self, term: str) -> re.Pattern[str]:
        pattern = self._patterns.get(term)
        if pattern is None:
            pattern = self._patterns[term] = _pattern(term)
        return pattern

    def used_in(self, text: str) -> list[tuple[int, Term]]:
        """(where, term) for each term `text` uses, first use first."""
        found = []
        for term in self._candidates(text):
            match = self._compiled(term).search(text)
            if match:
                found.append((match.start(), self.terms[term]))
        return sorted(found, key=lambda pair: pair[0])

    def spans(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of every place a term is used in `text`."""
        return [
            (match.start(), match.end(), self.terms[term])
            for term in self._candidates(text)
            for match in self._compiled(term).finditer(text)
        ]


class Explainer:
    """Which terms a person has been shown: `explain` gives the terms a screen uses that
    they have not met, in order, and remembers them."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.seen: set[str] = set()

    def explain(self, texts: Iterable[str | None]) -> list[Term]:
        if not self.glossary:
            return []
        new: list[Term] = []
        for text in texts:
            if not text:
                continue
            flat = " ".join(text.split())
            inline = explained_at(flat) if ACRONYM.search(flat) else {}
            for at, term in self.glossary.used_in(flat):
                if term.term in self.seen:
                    continue
                self.seen.add(term.term)
                if term.term in inline and inline[term.term] <= at + len(term.term) + 3:
                    continue  # the text explains it where it first uses it
                new.append(term)
        return new


def load_glossary(path: Path) -> Glossary:
    """`glossary.yaml` as a `Glossary`; an empty one if there is no file. A malformed
    file is a `TreeError` naming where (`signpost lint` says more)."""
    if not path.is_file():
        return Glossary()
    from signpost.content.yamlfile import load_entries

    def fail(message: str) -> TreeError:
        return TreeError(message, where=str(path), hint="Run `signpost lint` on the folder.")

    entries = load_entries(path, "terms", MISSING, fail)
    return glossary_from(entries, fail)


MISSING = "the glossary needs `terms:`, a mapping of each term to what it means"


def glossary_from(entries: dict, fail: Callable[[str], TreeError]) -> Glossary:
    """The glossary of the mapping under `terms:` (from a file, or a git revision)."""
    terms = []
    for name, data in entries.items():
        if not isinstance(data, dict) or not isinstance(data.get("means"), str):
            raise fail(f"`terms.{name}` needs `means:`, the words in full")
        source = data.get("source")
        doc_name = source.get("doc") if isinstance(source, dict) else None
        quote = source.get("quote") if isinstance(source, dict) else None
        terms.append(Term(str(name), " ".join(data["means"].split()), doc_name, quote))
    return Glossary(terms)
