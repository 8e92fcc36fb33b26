"""The folder of source documents in `seeds/`: which documents there are, what each is,
and which of them gives a contact detail.

What each document is (title, publisher, kind of source, date) is written once, in
`seeds/documents.yaml`; a folder without one takes titles from its README's table. One
document, and finding quoted passages in it, is `content.document`; contact details
as the sources write them are `content.details`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from signpost.content.details import EMAIL, PHONE, phone_key, web_parts
from signpost.content.document import KINDS, About, SourceDocument
from signpost.errors import TreeError

if TYPE_CHECKING:
    from signpost.content.voices import Voice, Voices

DOCUMENTS_FILE = "documents.yaml"


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

        numbers = document.line_numbers
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
