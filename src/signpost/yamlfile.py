"""Read a YAML file safely into plain data, remembering where every value came from.

PyYAML keeps the last of duplicate keys without a word and has no positions on
constructed data, so we compose the node graph once (the C loader where there is
one), then build plain dicts, lists and scalars from it ourselves. On the way we
record the 1-based line and column of every key and value by its data path,
report duplicate keys, and refuse what a tree never needs and an attacker would
use: aliases (the "billion laughs"), and tags that build Python objects.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from signpost.errors import TreeError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Far beyond any real tree (the 2,000-node benchmark tree is under 1 MB), and small
# enough that a stray data file is refused at once instead of eating memory.
MAX_BYTES = 10 * 1024 * 1024
# A tree needs about 7 levels (nodes.x.outcome.steps[0].source.quote); deep input is
# refused early because libyaml slows quadratically with nesting.
MAX_NESTING = 50

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

DataPath = tuple  # of str keys and int indices


def format_path(path: DataPath) -> str:
    """`("nodes", "start", "options", 2, "next")` -> `nodes.start.options[2].next`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True)
class LoadProblem:
    """Something wrong with the YAML itself. `code` is the lint rule that reports it."""

    code: str
    message: str
    line: int
    column: int
    path: DataPath = ()


class YamlError(TreeError):
    """A file that cannot be read as YAML at all; carries the first problem."""

    def __init__(self, file: Path | str, problem: LoadProblem):
        super().__init__(
            problem.message, where=f"{file}:{problem.line}:{problem.column}"
        )
        self.file = str(file)
        self.problem = problem


@dataclass
class Document:
    """A loaded YAML file: its data, its text and where each value stands."""

    path: Path
    data: Any
    lines: list[str]
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def mark(self, path: DataPath, *, key: bool = False) -> Mark:
        """Where `path` is (its key if `key`), else its nearest ancestor that exists."""
        table = self.keys if key else self.values
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Mark(1, 1))


def decode(raw: bytes, file: Path | str) -> str:
    """UTF-8 (with or without a BOM) or a `YamlError` pointing at the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            file,
            LoadProblem(
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                "save it as UTF-8 and try again",
                line,
                column,
            ),
        ) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise YamlError(
            file,
            LoadProblem("not-utf8", "the file holds binary data, not YAML text", line, 1),
        )
    return text


def load_file(path: Path | str) -> Document:
    """Read and load one YAML file; an unreadable file raises `TreeError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(path, LoadProblem(
                "file-too-large",
                f"the file is {size / 1024 / 1024:.1f} MB; tree files are limited to "
                f"{MAX_BYTES // 1024 // 1024} MB — is this the right file?", 1, 1))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TreeError("no such file", where=str(path), hint="Check the name and folder.") from None
    except IsADirectoryError:
        raise TreeError("is a folder, not a YAML file", where=str(path)) from None
    except OSError as exc:
        raise TreeError(f"cannot read the file ({exc.strerror})", where=str(path)) from None
    return load_text(decode(raw, path), path)


def load_text(text: str, path: Path | str = "<text>") -> Document:
    """Parse `text` and build plain data with positions.

    Raises `YamlError` for text that is not usable YAML (syntax, empty, aliases,
    unsafe tags, several documents). Duplicate keys are collected in `problems`;
    the first value is kept so that what the reader sees first is what counts.
    """
    path = Path(path)
    doc = Document(path=path, data=None, lines=text.splitlines())
    gc_was_enabled = gc.isenabled()
    gc.disable()  # parsing makes many small objects; the cyclic GC triples the time
    try:
        doc.data = _build(yaml.parse(text, Loader=_Loader), doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or "this is not valid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        raise YamlError(path, LoadProblem("yaml-syntax", _sentence(message), line, column)) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, LoadProblem("yaml-syntax", _sentence(str(exc)), 1, 1)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return doc


def _sentence(message: str) -> str:
    return message.strip().rstrip(".")


def _mark(event: yaml.Event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


_SKIP = None  # the data path of a value that is being read but not kept (a duplicate key's)


class _Frame:
    __slots__ = ("container", "path", "key", "key_pending")

    def __init__(self, container: Any, path: DataPath | None):
        self.container = container
        self.path = path
        self.key: Any = None
        self.key_pending = isinstance(container, dict)


def _build(events, doc: Document) -> Any:
    """Plain data from a stream of parser events, without recursion.

    Working from events rather than a composed node graph means no depth limit
    (libyaml's composer recurses in C and crashes on ~50,000 nested brackets),
    no graph kept in memory, and aliases refused at the first one, so an alias
    bomb costs nothing.
    """
    resolver = yaml.resolver.Resolver()
    constructor = SafeConstructor()
    file = doc.path
    stack: list[_Frame] = []
    root: Any = _NOTHING
    documents = 0

    def fail(event: yaml.Event, code: str, message: str, data_path: DataPath | None) -> None:
        mark = _mark(event)
        raise YamlError(file, LoadProblem(code, message, mark.line, mark.column, data_path or ()))

    def scalar(event: yaml.ScalarEvent, data_path: DataPath | None) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == "tag:yaml.org,2002:str":
            return event.value
        if tag not in _SCALAR_TAGS:
            fail(event, "yaml-tag", f"the tag `{tag}` is not allowed in tree files; "
                 "remove it and write plain text", data_path)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return constructor.construct_object(node)
        except (ConstructorError, ValueError) as exc:
            fail(event, "yaml-syntax", f"cannot read this value ({_sentence(str(exc))})",
                 data_path)

    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent \
                or kind is yaml.SequenceStartEvent or kind is yaml.AliasEvent:
            # Where does this value go, and under which data path?
            if stack:
                frame = stack[-1]
                if frame.key_pending:  # this event is a key
                    if kind is not yaml.ScalarEvent:
                        fail(event, "yaml-syntax", "a key must be plain text, not a list, "
                             "mapping or alias", frame.path)
                    key = scalar(event, frame.path)
                    if frame.path is not _SKIP:
                        child = frame.path + (key,)
                        if key in frame.container or child in doc.keys:
                            first = doc.keys[child]
                            mark = _mark(event)
                            doc.problems.append(LoadProblem(
                                "duplicate-key",
                                f"the key `{key}` appears twice (first on line {first.line}); "
                                "YAML would silently keep only one — remove or rename one of them",
                                mark.line, mark.column, child,
                            ))
                            frame.key = _DUPLICATE
                        else:
                            doc.keys[child] = _mark(event)
                            frame.key = key
                    frame.key_pending = False
                    continue
                if frame.path is _SKIP or (isinstance(frame.container, dict)
                                           and frame.key is _DUPLICATE):
                    data_path = _SKIP
                elif isinstance(frame.container, dict):
                    data_path = frame.path + (frame.key,)
                else:
                    data_path = frame.path + (len(frame.container),)
            else:
                if root is not _NOTHING:
                    fail(event, "yaml-syntax", "a file holds one YAML document only", ())
                data_path = ()
            if kind is yaml.AliasEvent:
                fail(event, "yaml-alias", "anchors and aliases (`&name`, `*name`) are not "
                     "allowed in tree files; write the value out in full", data_path)
            if kind is yaml.ScalarEvent:
                value = scalar(event, data_path)
            else:
                expected = _MAP_TAG if kind is yaml.MappingStartEvent else _SEQ_TAG
                if event.tag not in (None, "!", expected):
                    fail(event, "yaml-tag", f"the tag `{event.tag}` is not allowed in tree "
                         "files", data_path)
                value = {} if kind is yaml.MappingStartEvent else []
            if data_path is not _SKIP:
                doc.values[data_path] = _mark(event)
            if stack:
                frame = stack[-1]
                if isinstance(frame.container, dict):
                    if data_path is not _SKIP:
                        frame.container[frame.key] = value
                    frame.key_pending = True
                elif data_path is not _SKIP:
                    frame.container.append(value)
                else:
                    frame.container.append(None)  # keeps indices of a skipped list counting
            else:
                root = value
            if kind is not yaml.ScalarEvent:
                if len(stack) >= MAX_NESTING:
                    fail(event, "yaml-syntax", f"the YAML is nested more than {MAX_NESTING} "
                         "levels deep; a tree needs far fewer", data_path)
                stack.append(_Frame(value, data_path))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                fail(event, "yaml-syntax", "a file holds one YAML document only; remove the "
                     "second `---`", ())
    if root is _NOTHING:
        raise YamlError(file, LoadProblem(
            "empty-file", "the file is empty; a tree needs at least `id` and `nodes`", 1, 1))
    return root


_NOTHING = object()
_DUPLICATE = object()
