"""What the checks share: the files of one folder, the facts the shape check
extracts from them, and the `Findings` they report into.

The shape check is the only code that looks at raw YAML data; it hands later
checks (graph, contacts, provenance, ...) typed facts holding only values of the
right kind, so a wrong type is reported once and never cascades.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from signpost.yamlfile import DataPath, Document, Mark


@dataclass
class FileContext:
    """One YAML file: where it is, how to name it, its lines, and its data if it loaded."""

    path: Path
    display: str
    lines: list[str]
    doc: Document | None = None
    catalogue: bool = False

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass
class Text:
    """A piece of text at a data path (for the text-reading checks)."""

    path: DataPath
    value: str


@dataclass
class SourceRef:
    path: DataPath  # of the `source` mapping
    doc: str | None
    quote: str | None


@dataclass
class OptionInfo:
    index: int
    label: str | None
    next: str | None
    tree: str | None


@dataclass
class NodeInfo:
    id: str
    kind: str  # "question" or "outcome"
    question: str | None = None
    help: str | None = None
    options: list[OptionInfo] = field(default_factory=list)
    options_ok: bool = False  # `options` was a list
    option_count: int = 0
    title: str | None = None
    intro: str | None = None
    urgent: bool = False
    steps: list[tuple[int, str | None, SourceRef | None]] = field(default_factory=list)
    steps_ok: bool = False  # `steps` was a list
    step_count: int = 0
    contacts: list[tuple[int, str]] = field(default_factory=list)

    @property
    def path(self) -> DataPath:
        return ("nodes", self.id)


@dataclass
class TreeInfo:
    file: FileContext
    id: str | None = None
    start: str | None = None
    reviewed: dt.date | None = None
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)  # every node id in the file, well-formed or not


@dataclass
class ContactInfo:
    id: str
    name: str | None = None
    for_: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    national: bool = False
    source: SourceRef | None = None

    @property
    def path(self) -> DataPath:
        return ("contacts", self.id)


@dataclass
class CatalogueInfo:
    file: FileContext
    contacts: dict[str, ContactInfo] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Finding:
    """A diagnostic before severities and disables are applied."""

    rule: str
    file: FileContext
    line: int
    column: int
    path: DataPath
    message: str


class Findings:
    """Where checks report. `add` places a finding at a data path of a file."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, rule: str, file: FileContext, path: DataPath, message: str, *,
            key: bool = False, at: Mark | None = None) -> None:
        if at is None:
            at = file.doc.mark(path, key=key) if file.doc is not None else Mark(1, 1)
        self.items.append(Finding(rule, file, at.line, at.column, tuple(path), message))


@dataclass
class Folder:
    """The files of one folder of trees, and what the shape check made of them."""

    root: Path
    seeds: Path
    files: list[FileContext]
    trees: list[TreeInfo] = field(default_factory=list)
    catalogue: CatalogueInfo | None = None
    has_catalogue_file: bool = False
    tree_ids: set[str] = field(default_factory=set)  # every tree file's stem


def locate(file: FileContext, path: DataPath, needle: str) -> Mark:
    """Where `needle` stands inside the text value at `path`: its own line and column if
    it can be found in the value's lines (a folded `>-` value spans several), else the
    value's start."""
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
