"""What the checks share: the files of one folder, the facts the shape check
extracts from them, and the `Findings` they report into.

The shape check is the only code that looks at raw YAML data; it hands later
checks (graph, contacts, provenance, ...) typed facts holding only values of the
right kind, so a wrong type is reported once and never cascades.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from signpost.content.yamlfile import DataPath, Document, Mark, format_path

# Plain classes and named tuples, not dataclasses: `signpost lint` runs on every
# save, and importing `dataclasses` (~10 ms) and making these records with it (~0.5 ms
# each) cost more than linting a tree. The mutable ones are filled in by the shape check.


class FileContext:
    """One YAML file: where it is, how to name it, its lines, and its data if it loaded."""

    __slots__ = ("catalogue", "display", "doc", "glossary", "lines", "path")

    def __init__(
        self,
        path: Path,
        display: str,
        lines: list[str],
        doc: Document | None = None,
        catalogue: bool = False,
        glossary: bool = False,
    ):
        self.path = path
        self.display = display
        self.lines = lines
        self.doc = doc
        self.catalogue = catalogue
        self.glossary = glossary

    @property
    def is_tree(self) -> bool:
        return not (self.catalogue or self.glossary)

    @property
    def stem(self) -> str:
        return self.path.stem

    def __repr__(self) -> str:
        return f"FileContext({self.display!r})"


class SourceRef(NamedTuple):
    path: DataPath  # of the `source` mapping
    doc: str | None
    quote: str | None


class OptionInfo:
    __slots__ = ("index", "label", "next", "tree")

    def __init__(self, index: int, label: str | None, next: str | None, tree: str | None):
        self.index = index
        self.label = label
        self.next = next
        self.tree = tree


class NodeInfo:
    __slots__ = (
        "contacts",
        "help",
        "id",
        "intro",
        "kind",
        "option_count",
        "options",
        "options_ok",
        "question",
        "step_count",
        "steps",
        "steps_ok",
        "title",
        "urgent",
    )

    def __init__(self, id: str, kind: str, question: str | None = None, help: str | None = None):
        self.id = id
        self.kind = kind  # "question" or "outcome"
        self.question = question
        self.help = help
        self.options: list[OptionInfo] = []
        self.options_ok = False  # `options` was a list
        self.option_count = 0
        self.title: str | None = None
        self.intro: str | None = None
        self.urgent = False
        self.steps: list[tuple[int, str | None, SourceRef | None]] = []
        self.steps_ok = False  # `steps` was a list
        self.step_count = 0
        self.contacts: list[tuple[int, str]] = []

    @property
    def path(self) -> DataPath:
        return ("nodes", self.id)


class TreeInfo:
    __slots__ = ("declared", "file", "id", "nodes", "reviewed", "start", "summary", "title")

    def __init__(self, file: FileContext):
        self.file = file
        self.id: str | None = None
        self.title: str | None = None  # shown in the menu and above the first question
        self.summary: str | None = None
        self.start: str | None = None
        self.reviewed: dt.date | None = None
        self.nodes: dict[str, NodeInfo] = {}
        self.declared: set[str] = set()  # every node id in the file, well-formed or not


class ContactInfo:
    __slots__ = (
        "email",
        "for_",
        "id",
        "name",
        "names",
        "national",
        "page",
        "phone",
        "source",
        "web",
    )

    def __init__(
        self,
        id: str,
        name: str | None = None,
        for_: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        web: str | None = None,
        national: bool = False,
        source: SourceRef | None = None,
        page: str | None = None,
        names: tuple[str, ...] = (),
    ):
        self.id = id
        self.name = name
        self.for_ = for_
        self.phone = phone
        self.email = email
        self.web = web
        self.national = national
        self.source = source
        self.page = page
        self.names = names  # what the sources call it, for `uncited-contact`

    @property
    def path(self) -> DataPath:
        return ("contacts", self.id)


class CatalogueInfo:
    __slots__ = ("contacts", "declared", "file")

    def __init__(self, file: FileContext):
        self.file = file
        self.contacts: dict[str, ContactInfo] = {}
        self.declared: set[str] = set()


class GlossaryInfo:
    """The folder's `glossary.yaml`: its terms, and the sources that give their expansions."""

    __slots__ = ("file", "sources", "terms")

    def __init__(self, file: FileContext):
        self.file = file
        self.terms: frozenset[str] = frozenset()
        self.sources: list[SourceRef] = []


class Finding(NamedTuple):
    """A diagnostic before severities and disables are applied."""

    rule: str
    file: FileContext
    line: int
    column: int
    path: DataPath
    message: str


class Readability(NamedTuple):
    """How hard one outcome reads (LIX: words per sentence plus the percentage of words of
    more than six letters), for `signpost lint --format json`."""

    file: FileContext
    line: int
    path: DataPath
    tree: str | None
    outcome: str
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return round(self.words / max(self.sentences, 1) + 100 * self.long_words / self.words, 1)

    def to_dict(self) -> dict:
        return {
            "file": self.file.display,
            "line": self.line,
            "path": format_path(self.path),
            "tree": self.tree,
            "outcome": self.outcome,
            "lix": self.lix,
            "words": self.words,
            "sentences": self.sentences,
            "words_per_sentence": round(self.words / max(self.sentences, 1), 1),
            "long_words_percent": round(100 * self.long_words / self.words) if self.words else 0,
        }


class Findings:
    """Where checks report. `add` places a finding at a data path of a file."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self.readability: list[Readability] = []  # one per outcome, filled by the readability check

    def add(
        self,
        rule: str,
        file: FileContext,
        path: DataPath,
        message: str,
        *,
        key: bool = False,
        at: Mark | None = None,
    ) -> None:
        if at is None:
            at = file.doc.mark(path, key=key) if file.doc is not None else Mark(1, 1)
        self.items.append(Finding(rule, file, at.line, at.column, tuple(path), message))


class Folder:
    """The files of one folder of trees, and what the shape check made of them."""

    __slots__ = (
        "catalogue",
        "files",
        "glossary",
        "has_catalogue_file",
        "root",
        "seeds",
        "tree_ids",
        "trees",
    )

    def __init__(self, root: Path, seeds: Path, files: list[FileContext]):
        self.root = root
        self.seeds = seeds
        self.files = files
        self.trees: list[TreeInfo] = []
        self.catalogue: CatalogueInfo | None = None
        self.glossary: GlossaryInfo | None = None
        self.has_catalogue_file = any(f.catalogue for f in files)
        self.tree_ids = {f.stem for f in files if f.is_tree}  # every tree file's stem


def locate(file: FileContext, path: DataPath, needle: str) -> Mark:
    """Where `needle` stands inside the text value at `path`: its own line and column if
    it can be found in the value's lines (a folded `>-` value spans several), else the
    value's start."""
    assert file.doc is not None  # rules run on files that parsed
    mark = file.doc.mark(path)
    key = file.doc.keys.get(tuple(path))
    indent = key.column - 1 if key is not None else mark.column - 2
    lines = file.lines
    number, start = mark.line, mark.column - 1
    while 0 < number <= len(lines):
        line = lines[number - 1]
        if number != mark.line:
            stripped = line.lstrip(" ")
            if stripped and len(line) - len(stripped) <= indent:
                break
        at = line.find(needle, start)
        if at >= 0:
            return Mark(number, at + 1)
        number, start = number + 1, 0
    return mark
