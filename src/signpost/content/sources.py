"""The source documents in `seeds/`: what each is, and finding quoted passages in them.

What each document is (title, publisher, kind of source, date) is written once, in
`seeds/documents.yaml`; a folder without one takes titles from its README's table.

Trees must quote their sources exactly, but the documents hold curly quotes,
non-breaking spaces and bullets as published. Matching is done on a normalised
form (whitespace collapsed, curly quotes straightened, case folded) so that an
author who types straight quotes is not punished; the words must still match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from signpost.content.wording import normalise
from signpost.errors import TreeError

if TYPE_CHECKING:
    from signpost.content.voices import Voice, Voices

# What separates words: Python's whitespace (`str.split()`, `\s`; no-break and the
# other Unicode spaces among it), and the zero-width space (wording.normalise).
_WORDS = re.compile(r"[^\s\u200b]+")

# The longest quote (normalised) that `SourceDocument.closest` compares with each sentence;
# far longer than any passage, and short enough that the comparison stays quick.
CLOSEST_LIMIT = 2000

PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
WEB = re.compile(
    r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net)\b[^\s)]*",
    re.IGNORECASE,
)


_DIGIT_RUNS = re.compile(r"\d+")
# Digit groups written together as one number: digits and brackets, each group joined
# to the next by at most one space, hyphen or no-break space (a passage's other numbers
# are apart from it). Each character has one way to match, so the search is linear.
_PHONE_RUN = re.compile(r"\+?[\d(](?:[\d()]|[ \u00a0-](?=[\d(]))*")
# A host name, whole (not after a letter, digit, `.`, `-` or an email's `@`), and the
# path written after it, if any.
_HOST = re.compile(
    r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])(/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)


def digits(text: str) -> str:
    """The digits of `text`, run together. (Finding the runs of digits is several times
    faster than deleting everything else, which is nearly every character.)"""
    return "".join(_DIGIT_RUNS.findall(text))


class Passage(NamedTuple):
    """Where a quote was found: 1-based line in the document, and the text as published."""

    doc: str
    line: int
    text: str


DOCUMENTS_FILE = "documents.yaml"

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
            raw = read_limited(self.path, self.path.parent)
        except YamlError as exc:
            raise TreeError(
                f"the source document {exc.problem.message}", where=str(self.path)
            ) from None
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
        """The whole document in the form quotes are matched in (`normalise`)."""
        return normalise(self.text)

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
        """Every phone number the document gives, as `phone_key`s: each run of digit
        groups written together (`01305 228866`, `+44 (0)1305 228 866`), and each run of
        whole groups within it, so a number is found only where it is written as one."""
        found: set[str] = set()
        for match in _PHONE_RUN.finditer(self.text):
            groups = _DIGIT_RUNS.findall(match.group())
            if len(groups) > 12:
                continue  # a table of figures, not a phone number
            for first in range(len(groups)):
                for last in range(first + 1, len(groups) + 1):
                    key = phone_key("".join(groups[first:last]))
                    if 3 <= len(key) <= 13:
                        found.add(key)
        return frozenset(found)

    @cached_property
    def emails(self) -> frozenset[str]:
        """Every whole email address in the document, in any case."""
        return frozenset(m.group().casefold() for m in EMAIL.finditer(self.text))

    @cached_property
    def hosts(self) -> frozenset[str]:
        """Every whole host name the document gives (`www.nhs.uk`, `kooth.com`), and each
        with the path written after it (`www.example.org.uk/page`), without a final `/`;
        the domain of an email address is not a host."""
        found: set[str] = set()
        for match in _HOST.finditer(self.text):
            host, path = match.group(1).casefold(), match.group(2) or ""
            found.add(host)
            if path:
                found.add(host + path.rstrip(".,;:!?'\"").rstrip("/"))
        return frozenset(found)


def phone_key(number: str) -> str:
    """A phone number as its ASCII digits (whatever script it is written in), `+44 (0)1305
    ...` and `+44 1305 ...` as `01305 ...`."""
    key = digits(number)
    if not key.isascii():
        import unicodedata

        key = "".join(str(unicodedata.digit(c)) for c in key)
    if key.startswith("440") and len(key) in (12, 13):
        return key[2:]
    if key.startswith("44") and len(key) in (11, 12):
        return "0" + key[2:]
    return key


def web_parts(address: str) -> tuple[str, str] | None:
    """A web address's host and path (`("www.nhs.uk", "/page")`, any case, no scheme and
    no final `/`), or None if it names someone before an `@` (`a.uk@evil.example/x`,
    whose host is evil.example), a port, or no host at all."""
    rest = re.sub(r"^https?://", "", address.strip(), flags=re.IGNORECASE)
    split = re.search(r"[/?#]", rest)
    authority = rest[: split.start()] if split else rest
    path = rest[split.start() :] if split else ""
    if not authority or not re.fullmatch(r"[A-Za-z0-9.-]+", authority):
        return None  # userinfo (`@`), a port (`:`), spaces or anything else
    return authority.casefold().rstrip("."), path.rstrip("/")


class Sources:
    """The folder of source documents, described by its `documents.yaml` (or README)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._docs: dict[str, SourceDocument] | None = None

    @property
    def docs(self) -> dict[str, SourceDocument]:
        if self._docs is None:
            if not self.folder.is_dir():
                raise TreeError(
                    f"there is no seeds folder at {self.folder}",
                    hint="Check --seeds or SIGNPOST_SEEDS, or put seeds/ beside the trees folder.",
                )
            try:
                about = _about(self.folder / DOCUMENTS_FILE)
                titles = {} if about else _titles(self.folder / "README.md")
                found = sorted(self.folder.glob("*.txt"))
            except OSError as exc:
                raise TreeError(
                    f"cannot read the seeds folder ({exc.strerror})",
                    where=str(self.folder),
                    hint="Make it readable, or give another with --seeds or SIGNPOST_SEEDS.",
                ) from None
            docs = {}
            for path in found:
                entry = about.get(path.name)
                title = entry.title if entry else titles.get(path.name, path.name)
                docs[path.name] = SourceDocument(path, title, entry)
            self._docs = docs
        return self._docs

    def get(self, name: str) -> SourceDocument | None:
        return self.docs.get(name)

    @cached_property
    def voices(self) -> Voices | None:
        """Who speaks on which lines (`voices.yaml` beside the documents), or None."""
        from signpost.content.voices import load_voices

        return load_voices(
            self.folder, {name: doc.text.splitlines() for name, doc in self.docs.items()}
        )

    def voices_of(self, name: str, quote: str) -> list[list[tuple[int, Voice]]]:
        """For each place `quote` stands in document `name`, the voice of each non-blank
        line it spans, as (line, voice); [] if the quote is not there or no record
        covers the document."""
        document = self.get(name)
        return self.voices_at(name, document.spans(quote)) if document is not None else []

    def voices_at(self, name: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, Voice]]]:
        """`voices_of` for the places `spans` (`SourceDocument.spans`) of document `name`."""
        document, record = self.get(name), self.voices
        if document is None or record is None or not record.covers(name):
            return []
        from bisect import bisect_left, bisect_right

        numbers = document._lines[1]  # the non-blank lines
        places = []
        for first, last in spans:
            spanned = numbers[bisect_left(numbers, first) : bisect_right(numbers, last)]
            voices = [(number, record.at(name, number)) for number in spanned]
            places.append([(number, voice) for number, voice in voices if voice is not None])
        return places

    def voice_of(self, name: str, quote: str) -> Voice | None:
        """The one voice that says `quote` in document `name` (the first place it stands
        in one voice), or None if it stands in none, or no record covers the document.
        This is what a plan shows beside a step: who says the words it quotes."""
        for place in self.voices_of(name, quote):
            if place and len({voice for _, voice in place}) == 1:
                return place[0][1]
        return None

    def title(self, name: str) -> str:
        doc = self.get(name)
        return doc.title if doc else name

    def find_phone(self, phone: str) -> SourceDocument | None:
        """The first document that gives `phone` as a phone number (`SourceDocument.phones`)."""
        key = phone_key(phone)
        return next((d for d in self.docs.values() if key and key in d.phones), None)

    def find_email(self, email: str) -> SourceDocument | None:
        """The first document that gives `email` as a whole address, in any case."""
        wanted = email.strip().casefold()
        return next((d for d in self.docs.values() if wanted in d.emails), None)

    def find_web(self, address: str) -> SourceDocument | None:
        """The first document that gives the host of `address` as a whole host (so
        `ooth.com` is not found in `kooth.com`), with its path if it has one; an
        address that names someone before an `@` is never found."""
        parts = web_parts(address)
        if parts is None:
            return None
        wanted = parts[0] + parts[1]
        return next((d for d in self.docs.values() if wanted in d.hosts), None)


def _about(path: Path) -> dict[str, About]:
    """`documents.yaml` -> {file: About}; {} if there is none. A malformed entry is a
    `TreeError` naming it, never a guess."""

    def fail(message: str) -> TreeError:
        return TreeError(message, where=str(path), hint="See docs/tree-format.md.")

    if not path.is_file():
        if path.exists() or path.is_symlink():  # a FIFO, a device, a folder, a bad link
            raise fail("is not a regular file, so the documents cannot be read from it")
        return {}
    from signpost.content.yamlfile import load_entries

    entries = load_entries(
        path, "documents", "the file needs `documents:`, a mapping of file name to what it is", fail
    )
    about: dict[str, About] = {}
    for name, data in entries.items():
        if not isinstance(data, dict):
            raise fail(f"`documents.{name}` should be a mapping (title, publisher, kind)")
        for key in ("title", "publisher", "kind"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise fail(f"`documents.{name}` needs `{key}` (text)")
            _shown_on_pages(data[key], f"documents.{name}.{key}", fail)
        if data["kind"] not in KINDS:
            raise fail(
                f"`documents.{name}.kind` is `{data['kind']}`; "
                f"use one of {', '.join(f'`{k}`' for k in KINDS)}"
            )
        date = data.get("date")
        if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
            raise fail(f"`documents.{name}.date` should be a date written YYYY-MM-DD")
        about[str(name)] = About(data["title"], data["publisher"], data["kind"], date)
    return about


# A document's title and publisher are shown on every plan that cites it ("From: ..."):
# one line of plain text, as a tree's `title` is.
MAX_ABOUT = 300


def _shown_on_pages(text: str, where: str, fail: Callable[[str], TreeError]) -> None:
    from signpost.safetext import UNSAFE, excerpt

    if len(text) > MAX_ABOUT:
        raise fail(f"`{where}` is {len(text):,} characters long; at most {MAX_ABOUT} are shown")
    detail = PHONE.search(text) or EMAIL.search(text)
    if detail:  # shown to families ("From: ..."), but checked against no source
        raise fail(
            f"`{where}` holds `{excerpt(detail.group())}`; a contact detail belongs in "
            "contacts.yaml, where it is checked against the sources, not in a title"
        )
    bad = UNSAFE.search(text) or ("\n" in text.strip() and "\n")
    if bad:
        shown = excerpt(bad if isinstance(bad, str) else bad.group())
        raise fail(f"`{where}` holds `{shown}`, which a page or terminal would act on; remove it")


def _titles(readme: Path) -> dict[str, str]:
    """`| 000_x.txt | what it is | ...` rows of the seeds README -> {file: what it is}."""
    titles: dict[str, str] = {}
    try:
        from signpost.content.yamlfile import read_limited

        text = read_limited(readme, readme.parent).decode("utf-8")
    except (TreeError, ValueError):  # no README, or not UTF-8: the file names are the titles
        return titles
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].endswith(".txt"):
            titles[cells[0]] = cells[1]
    return titles
