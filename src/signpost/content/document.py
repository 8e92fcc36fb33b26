"""One source document: what it is (`About`, from `documents.yaml`), how a citation
names it, and finding quoted passages in it.

Trees must quote their sources exactly, but the documents hold curly quotes,
non-breaking spaces and bullets as published. Matching is done on a normalised
form (whitespace collapsed, curly quotes straightened, case folded) so that an
author who types straight quotes is not punished; the words must still match.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from signpost.content import details
from signpost.content.wording import normalise
from signpost.errors import TreeError

# What separates words: Python's whitespace (`str.split()`, `\s`; no-break and the
# other Unicode spaces among it), and the zero-width space (wording.normalise).
_WORDS = re.compile(r"[^\s\u200b]+")

# The longest quote (normalised) that `SourceDocument.closest` compares with each sentence;
# far longer than any passage, and short enough that the comparison stays quick.
CLOSEST_LIMIT = 2000


class Passage(NamedTuple):
    """Where a quote was found: 1-based line in the document, and the text as published."""

    doc: str
    line: int
    text: str


# The kinds of source, and how a citation names each: "Define Fine, a parent-led
# group, says" beside a step, so a group's view is never read as the council's rule.
KINDS = {
    "council-answers": "in its answers to parents' questions",
    "council-strategy": "in its strategy",
    "parent-group": "a parent-led group",
    "live-qa": "at a live Q&A",
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(date: dt.date) -> str:
    """`26 May 2023`: a date as a family reads it."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


class About(NamedTuple):
    """What a document is, from `documents.yaml`."""

    title: str
    publisher: str
    kind: str
    date: dt.date | None = None


class SourceDocument:
    """One source document, read once and normalised once."""

    def __init__(self, path: Path, title: str, about: About | None = None):
        self.path = path
        self.name = path.name
        self.title = title
        self.about = about

    @property
    def date(self) -> dt.date | None:
        return self.about.date if self.about else None

    @property
    def who(self) -> str | None:
        """Who says it, in a few words, for beside a step: `Define Fine, a parent-led group`."""
        about = self.about
        if about is None:
            return None
        if about.kind == "parent-group":
            return f"{about.publisher}, {KINDS[about.kind]}"
        if about.kind == "council-strategy":
            return f"{about.publisher}'s strategy"
        if about.date is not None:
            return f"{about.publisher}, {long_date(about.date)}"
        return about.publisher

    @property
    def says(self) -> str | None:
        """How a citation starts: `Define Fine, a parent-led group, says`."""
        about = self.about
        if about is None:
            return None
        phrase = KINDS[about.kind]
        if about.kind == "live-qa" and about.date is not None:
            phrase += f" on {long_date(about.date)}"
        verb = "said" if about.kind == "live-qa" else "says"
        return f"{about.publisher}, {phrase}, {verb}"

    @cached_property
    def text(self) -> str:
        """The document as published: a regular file of UTF-8 text, or a `TreeError`
        naming the file and the line of the first byte that is not UTF-8."""
        from signpost.content.yamlfile import YamlError, read_limited

        try:
            raw = read_limited(self.path, self.path.parent, kind="source")
        except YamlError as exc:
            message = exc.problem.message
            if not message.startswith("the source document"):
                message = f"the source document {message}"
            raise TreeError(message, where=str(self.path)) from None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise TreeError(
                f"the source document is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                where=f"{self.path}:{line}",
                hint="Source documents are kept as published: restore this one from the original.",
            ) from None

    @cached_property
    def normalised(self) -> str:
        """The whole document in the form quotes are matched in: `normalise(self.text)`,
        made from its lines (`_lines`), which are normalised anyway, in one pass. The two
        are the same: every line break is whitespace to `str.split`, and the rest of
        `normalise` is character by character."""
        return " ".join(self._lines[2])

    @cached_property
    def _offsets(self) -> list[int]:
        """For each character of `normalised`, its offset in `text`.

        Only `find` needs them (to show a passage as published); `contains`, which is
        all `signpost lint` asks, never builds them. Straightening quotes changes no
        offset (one character for one), so the words are found in `text` itself.
        """
        text = self.text
        spans = [match.span() for match in _WORDS.finditer(text)]
        if len(text.casefold()) == len(text):
            # No character folds to several (ß, ﬁ, İ): each word, and the space before
            # it, maps one to one, so whole runs are laid out at C speed.
            starts = [start - 1 for start, _ in spans]
            if starts:
                starts[0] += 1  # no space before the first word
            return list(chain.from_iterable(map(range, starts, [end for _, end in spans])))
        offsets: list[int] = []
        for start, end in spans:
            if offsets:
                offsets.append(start - 1)  # the one space before this word
            for offset in range(start, end):
                offsets.extend([offset] * len(text[offset].casefold()))
        return offsets

    def contains(self, quote: str) -> bool:
        """Whether `quote` is a passage of the document (`find` without the passage)."""
        needle = normalise(quote)
        return bool(needle) and needle in self.normalised

    @cached_property
    def _lines(self) -> tuple[list[int], list[int], list[str]]:
        """Each non-blank line of the document (a paragraph, as published): where it starts
        in `normalised`, its number (1-based) and its normalised text. The lines, each
        normalised, joined by one space, are `normalised`."""
        starts: list[int] = []
        numbers: list[int] = []
        lines: list[str] = []
        at = 0
        for number, line in enumerate(self.text.splitlines(), 1):
            flat = normalise(line)
            if flat:
                starts.append(at)
                numbers.append(number)
                lines.append(flat)
                at += len(flat) + 1
        return starts, numbers, lines

    @property
    def line_numbers(self) -> list[int]:
        """The numbers (1-based) of the document's non-blank lines, in order."""
        return self._lines[1]

    def paragraph(self, quote: str) -> str | None:
        """The paragraph(s) `quote` stands in, normalised, or None if it is not there."""
        from bisect import bisect_right

        needle = normalise(quote)
        at = self.normalised.find(needle) if needle else -1
        if at < 0:
            return None
        starts, _, lines = self._lines
        first = bisect_right(starts, at) - 1
        last = bisect_right(starts, at + len(needle) - 1) - 1
        return " ".join(lines[first : last + 1])

    def find(self, quote: str) -> Passage | None:
        """The passage `quote` matches, as published, or None."""
        needle = normalise(quote)
        if not needle:
            return None
        at = self.normalised.find(needle)
        if at < 0:
            return None
        offsets = self._offsets
        start = offsets[at]
        end = offsets[at + len(needle) - 1] + 1
        return Passage(self.name, self.text.count("\n", 0, start) + 1, self.text[start:end])

    def closest(self, quote: str) -> Passage | None:
        """The sentence-sized passage most like `quote`, to show an author beside a miss."""
        from difflib import SequenceMatcher  # only for a quote that is not found

        needle = normalise(quote)
        if not needle or len(needle) > CLOSEST_LIMIT:
            return None  # comparing is quadratic in the quote's length: no hint for a huge one
        best, best_ratio = None, 0.0
        for number, line in enumerate(self.text.splitlines(), 1):
            for sentence in re.split(r"(?<=[.?!])\s+", line):
                candidate = normalise(sentence)
                if not candidate:
                    continue
                matcher = SequenceMatcher(None, needle, candidate, autojunk=False)
                if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = Passage(self.name, number, sentence.strip()), ratio
        return best if best_ratio >= 0.4 else None

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """The lines (first, last; 1-based) of each place `quote` stands in the document."""
        from bisect import bisect_right

        needle = normalise(quote)
        if not needle:
            return []
        starts, numbers, _ = self._lines
        found = []
        at = self.normalised.find(needle)
        while at >= 0:
            first = numbers[bisect_right(starts, at) - 1]
            last = numbers[bisect_right(starts, at + len(needle) - 1) - 1]
            found.append((first, last))
            at = self.normalised.find(needle, at + 1)
        return found

    @cached_property
    def phones(self) -> frozenset[str]:
        """Every phone number the document gives, as `details.phone_key`s, where it is
        written as one number (`details.phone_keys`)."""
        return details.phone_keys(self.text)

    @cached_property
    def emails(self) -> frozenset[str]:
        """Every whole email address in the document, in any case."""
        return details.emails(self.text)

    @cached_property
    def hosts(self) -> frozenset[str]:
        """Every whole host name the document gives, and each with its path written after
        it (`details.hosts`)."""
        return details.hosts(self.text)
