"""What the checks share: the files of one folder, the facts the shape check
extracts from them, and the `Findings` they report into.

The shape check is the only code that looks at raw YAML data; it hands later
checks (graph, contacts, provenance, ...) records (`Checked`) that hold only values
of the right kind, keyed as `signpost.content.spec` names them, so a wrong type is
reported once and never cascades, and a new key in spec needs nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from signpost.content.spec import CONTACT, OPTION, OUTCOME, QUESTION, SOURCE, TREE, Field
from signpost.content.yamlfile import DataPath, Document, Mark, format_path

if TYPE_CHECKING:
    from signpost.content.sources import Sources


class FileContext:
    """One YAML file: where it is, how to name it, its lines, and its data if it loaded."""

    __slots__ = (
        "_texts",
        "catalogue",
        "display",
        "doc",
        "everyday",
        "glossary",
        "lines",
        "path",
        "text",
    )

    def __init__(
        self,
        path: Path,
        display: str,
        lines: list[str],
        doc: Document | None = None,
        catalogue: bool = False,
        glossary: bool = False,
        everyday: bool = False,
        text: str | None = None,
    ):
        self.path = path
        self.text = text  # what to read instead of the file (standard input, an editor's buffer)
        self.display = display
        self.lines = lines
        self.doc = doc
        self.catalogue = catalogue
        self.glossary = glossary
        self.everyday = everyday  # the everyday-words table (rules/everyday.py)
        self._texts: list[Text] | None = None

    @property
    def is_tree(self) -> bool:
        return not (self.catalogue or self.glossary or self.everyday)

    @property
    def stem(self) -> str:
        return self.path.stem

    def texts(self) -> list[Text]:
        """Every text in the file's data: each text value, and each text key of a mapping.
        The data is walked once, without recursion, for all the checks that read every
        text (safety, provenance, the everyday words); a check makes a text's own path
        (`text_path`) only for a text it reports."""
        if self._texts is None:
            self._texts = _texts(self.doc.data) if self.doc is not None else []
        return self._texts

    def __repr__(self) -> str:
        return f"FileContext({self.display!r})"


# A text in a file's data (`FileContext.texts`): the path of the mapping or list that
# holds it (None for a file that is one text), its key or index there, the text, and
# whether the text is that key itself. A plain tuple: a file has tens of thousands.
Text = tuple[DataPath | None, Any, str, bool]


def text_path(holder: DataPath | None, key: Any) -> DataPath:
    """The data path of a text (`Text`) from where it is held."""
    return () if holder is None else holder + (key,)


def _texts(data: Any) -> list[Text]:
    if isinstance(data, str):
        return [(None, None, data, False)]
    out: list[Text] = []
    stack: list[tuple[DataPath, Any]] = [((), data)] if isinstance(data, (dict, list)) else []
    while stack:
        path, value = stack.pop()
        keys = isinstance(value, dict)
        for key, item in value.items() if keys else enumerate(value):
            if keys and isinstance(key, str):
                out.append((path, key, key, True))
            if isinstance(item, str):
                out.append((path, key, item, False))
            elif isinstance(item, (dict, list)):
                stack.append((path + (key,), item))
    return out


class Checked:
    """What the shape check kept of one mapping in a file: the values of the keys its
    table in `signpost.content.spec` names, each present only if the file gave it and
    it is of the right kind. A key new to spec is kept with no change here; `get`
    refuses a name the table does not have, so a misspelt key fails at once rather
    than reading as missing. What the shape check derived (checked items of a list,
    counts, where a mapping is) are attributes of the subclasses."""

    __slots__ = ("table", "values")

    def __init__(self, table: Mapping[str, Field], values: dict[str, Any]):
        self.table = table
        self.values = values

    def get(self, key: str) -> Any:
        """The value at `key` if it was there and of its kind, else None."""
        if key not in self.table:
            raise KeyError(f"`{key}` is not a key of this record's table in spec")
        return self.values.get(key)


class SourceRef(Checked):
    """A `source:` mapping (`spec.SOURCE`), and its data path."""

    __slots__ = ("path",)

    def __init__(self, path: DataPath, values: dict[str, Any]):
        super().__init__(SOURCE, values)
        self.path = path


class OptionInfo(Checked):
    """One option of a question (`spec.OPTION`); `next` and `tree` are kept only alone."""

    __slots__ = ("index",)

    def __init__(self, index: int, values: dict[str, Any]):
        super().__init__(OPTION, values)
        self.index = index


class NodeInfo(Checked):
    """A question (`spec.QUESTION`) or the `outcome` of an outcome node (`spec.OUTCOME`),
    with its checked options or steps and contact ids."""

    __slots__ = (
        "contacts",
        "id",
        "kind",
        "option_count",
        "options",
        "options_ok",
        "step_count",
        "steps",
        "steps_ok",
    )

    def __init__(self, id: str, kind: str, values: dict[str, Any] | None = None):
        super().__init__(QUESTION if kind == "question" else OUTCOME, values or {})
        self.id = id
        self.kind = kind  # "question" or "outcome"
        self.options: list[OptionInfo] = []
        self.options_ok = False  # `options` was a list
        self.option_count = 0
        self.steps: list[tuple[int, str | None, SourceRef | None]] = []  # (index, text, source)
        self.steps_ok = False  # `steps` was a list
        self.step_count = 0
        self.contacts: list[tuple[int, str]] = []  # (index, contact id)

    @property
    def path(self) -> DataPath:
        return ("nodes", self.id)


class TreeInfo(Checked):
    """A tree file's top level (`spec.TREE`), its well-formed nodes, and the ids of all
    of them. `id` is kept only if it is kebab-case and the file's name; `reviewed` only
    if it is not after today."""

    __slots__ = ("declared", "file", "nodes")

    def __init__(self, file: FileContext):
        super().__init__(TREE, {})
        self.file = file
        self.nodes: dict[str, NodeInfo] = {}
        self.declared: set[str] = set()  # every node id in the file, well-formed or not


class ContactInfo(Checked):
    """One contact of the catalogue (`spec.CONTACT`), with its checked `names` and
    `source`."""

    __slots__ = ("id", "names", "source")

    def __init__(
        self,
        id: str,
        values: dict[str, Any],
        names: tuple[str, ...] = (),
        source: SourceRef | None = None,
    ):
        super().__init__(CONTACT, values)
        self.id = id
        self.names = names  # the text items of `names`, for `uncited-contact`
        self.source = source

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
    fix: Any = None  # a `signpost.lint.fixes.Fix` a check worked out itself, if any
    severity: str | None = None  # set only where no setting may change it


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
        fix: Any = None,
        severity: str | None = None,
    ) -> None:
        if at is None:
            at = file.doc.mark(path, key=key) if file.doc is not None else Mark(1, 1)
        self.items.append(
            Finding(rule, file, at.line, at.column, tuple(path), message, fix, severity)
        )


class Folder:
    """The files of one folder of trees, and what the shape check made of them."""

    __slots__ = (
        "_sources",
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
        self._sources: Sources | None = None

    @property
    def sources(self) -> Sources:
        """The documents in `seeds`, read and normalised once for every check."""
        if self._sources is None:
            from signpost.content.sources import Sources

            self._sources = Sources(self.seeds)
        return self._sources

    def source_refs(self) -> list[tuple[FileContext, SourceRef]]:
        """Every `source:` the folder gives, with its file: each step's, each contact's
        and each glossary term's, in that order."""
        refs: list[tuple[FileContext, SourceRef]] = []
        for tree in self.trees:
            for node in tree.nodes.values():
                refs.extend((tree.file, source) for _, _, source in node.steps if source)
        if self.catalogue is not None:
            refs.extend(
                (self.catalogue.file, c.source)
                for c in self.catalogue.contacts.values()
                if c.source is not None
            )
        if self.glossary is not None:
            refs.extend((self.glossary.file, ref) for ref in self.glossary.sources)
        return refs


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
