"""Read a YAML file safely into plain data, remembering where every value came from.

PyYAML keeps the last of duplicate keys without a word and has no positions on
constructed data, so we take the parser's events (libyaml's, where there is one)
and build plain dicts, lists and scalars from them ourselves. On the way we
record the 1-based line and column of every key and value by its data path,
report duplicate keys, and refuse what a tree never needs and an attacker would
use: aliases (the "billion laughs"), and tags that build Python objects.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from signpost.errors import TreeError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Far beyond any real tree (the 2,000-node benchmark tree is under 1 MB), and small
# enough that a stray data file is refused at once instead of eating memory.
MAX_BYTES = 10 * 1024 * 1024
# The longest text one value may hold (a title, a label, a step, a quote): the longest
# passage in seeds/ is under 1,000 characters. Longer text is refused rather than laid
# out, wrapped and searched, which takes time that grows faster than its length.
MAX_TEXT = 10_000
# A tree needs about 7 levels (nodes.x.outcome.steps[0].source.quote); deep input is
# refused early because libyaml slows quadratically with nesting.
MAX_NESTING = 50
_TOO_DEEP = f"the YAML is nested more than {MAX_NESTING} levels deep; a tree needs far fewer"

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


class Mark(NamedTuple):
    """A 1-based line and column in a file.

    A named tuple rather than a frozen dataclass: the loader makes one for every key
    and value, and a tuple is made three times faster.
    """

    line: int
    column: int


class LoadProblem(NamedTuple):
    """Something wrong with the YAML itself. `code` is the lint rule that reports it."""

    code: str
    message: str
    line: int
    column: int
    path: DataPath = ()


class YamlError(TreeError):
    """A file that cannot be read as YAML at all; carries the first problem."""

    def __init__(self, file: Path | str, problem: LoadProblem):
        super().__init__(problem.message, where=f"{file}:{problem.line}:{problem.column}")
        self.file = str(file)
        self.problem = problem


class Document:
    """A loaded YAML file: its data, its text and where each value stands.

    A plain class, not a dataclass, as are the other records that `signpost lint`,
    `list` and the walk need: importing `dataclasses` costs ~10 ms on every run.
    """

    __slots__ = ("data", "keys", "lines", "path", "problems", "values")

    def __init__(self, path: Path, data: Any, lines: list[str]):
        self.path = path
        self.data = data
        self.lines = lines
        self.values: dict[DataPath, Mark] = {}
        self.keys: dict[DataPath, Mark] = {}
        self.problems: list[LoadProblem] = []

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


def read_limited(path: Path | str, folder: Path | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a `YamlError` for anything else.

    The file is opened without blocking (a FIFO named `x.yaml` cannot hang the read), it
    must be a regular file once open (not `/dev/zero` behind a link), and the limit is
    checked on the opened file and again while reading, so a file that grows or lies
    about its size is still refused. Within `folder`, a symbolic link whose target is
    outside the folder is reported and not followed.
    """
    path = Path(path)

    def problem(message: str) -> YamlError:
        return _unreadable(path, message)

    if folder is not None and _links_outside(path, folder):
        raise problem(
            "is a link to a file outside its folder, so it was not read; "
            "copy the file into the folder instead"
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise TreeError(
            "no such file", where=str(path), hint="Check the name and folder."
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise problem("is a symbolic link that leads round in a loop; remove it") from None
        raise problem(f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise problem("is a folder, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            raise problem(
                "is not a regular file (it is a device, pipe or socket), so it was not read"
            )
        if info.st_size > limit:
            raise YamlError(path, _too_large(info.st_size, limit))
        return _read_all(fd, path, limit)
    except OSError as exc:
        raise problem(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _read_all(fd: int, path: Path, limit: int) -> bytes:
    """All the bytes of open file `fd`, refused as soon as they pass `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise YamlError(path, _too_large(size, limit, at_least=True))


def _unreadable(path: Path, message: str) -> YamlError:
    return YamlError(path, LoadProblem("unreadable-file", message, 1, 1))


def _links_outside(path: Path, folder: Path) -> bool:
    """Whether `path` is a symbolic link to a file outside `folder`."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
        return not target.is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):  # a loop, or a link to nothing
        return False  # opening it says which


def _too_large(size: int, limit: int, *, at_least: bool = False) -> LoadProblem:
    return LoadProblem(
        "file-too-large",
        f"the file is {size / 1024 / 1024:.1f} MB{' or more' if at_least else ''}; tree files "
        f"are limited to {limit // 1024 // 1024} MB — is this the right file?",
        1,
        1,
    )


def load_file(path: Path | str, folder: Path | None = None) -> Document:
    """Read and load one YAML file (`read_limited`); an unreadable file raises `TreeError`."""
    path = Path(path)
    return load_text(decode(read_limited(path, folder), path), path)


def load_entries(path: Path, key: str, missing: str, fail: Callable[[str], TreeError]) -> dict:
    """The mapping under `key` in a small YAML file beside the trees or the seeds (the
    glossary, `documents.yaml`), read as every file is: a regular file inside its folder.
    A duplicate key, or no mapping under `key` (`missing` says what it should be), is
    `fail(message)` raised."""
    doc = load_file(path, path.parent)
    if doc.problems:
        raise fail(doc.problems[0].message)
    entries = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(entries, dict):
        raise fail(missing)
    return entries


def load_text(
    text: str, path: Path | str = "<text>", *, lines: list[str] | None = None
) -> Document:
    """Parse `text` and build plain data with positions.

    Raises `YamlError` for text that is not usable YAML (syntax, empty, aliases,
    unsafe tags, several documents). Duplicate keys are collected in `problems`;
    the first value is kept so that what the reader sees first is what counts.
    `lines` is `text.splitlines()` where the caller has it already.
    """
    path = Path(path)
    doc = Document(path=path, data=None, lines=text.splitlines() if lines is None else lines)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # parsing makes many small objects; the cyclic GC triples the time
    try:
        loader = _Loader(text)
        try:
            doc.data = _Builder(doc, loader.get_event).build()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(path, _syntax_problem(exc, doc.lines)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (a raw control code)
        raise YamlError(path, _control_character(exc, text)) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever PyYAML wrote
        raise YamlError(path, LoadProblem("yaml-syntax", _sentence(message), 1, 1)) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem:
    """What PyYAML's syntax error means, where it is (an indentation slip said as one)."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = exc.problem or "this is not valid YAML"
    from signpost.content.indentation import explain  # only for a file that does not read

    indentation = explain(lines, message, line, column)
    if indentation is not None:
        return LoadProblem("bad-indentation", *indentation)
    if "maximum nesting depth" in message:
        # libyaml >= 0.2.6 has its own limit and reads ahead, so it can stop
        # before our own depth check sees an event: say it the same way.
        message = _TOO_DEEP
    elif exc.context:
        message = f"{message} ({exc.context})"
    return LoadProblem("yaml-syntax", _sentence(message), line, column)


def _control_character(exc: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """A character YAML refuses, at its line and column as `splitlines` counts lines
    (the lines lint shows), not by "\\n" alone."""
    at = min(max(exc.position, 0), len(text))
    before = text[:at].splitlines(keepends=True)
    if not before:
        line, column = 1, 1
    elif before[-1].splitlines() != [before[-1]]:  # it ends with a line break
        line, column = len(before) + 1, 1
    else:
        line, column = len(before), len(before[-1]) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return LoadProblem(
        "yaml-syntax",
        f"the file holds a control character ({shown}), which YAML does not allow; remove it",
        line,
        column,
    )


def _sentence(message: str) -> str:
    return message.strip().rstrip(".")


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start is not None else Mark(1, 1)


_SKIP = None  # the data path of a value that is being read but not kept (a duplicate key's)
_STR_TAG = "tag:yaml.org,2002:str"
# The implicit resolvers of `yaml.resolver.Resolver` (bool, int, float, null, timestamp,
# ...), by first character: what `Resolver.resolve` does for a scalar, without a call
# per scalar (a tree has tens of thousands of them).
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_WILDCARD = tuple(_IMPLICIT.get(None, ()))
# First characters (y, n, t, f, o, ~ ...) whose only resolvers are bool and null: those
# match whole words of at most 5 characters (`false`, and `$` allows a final newline),
# so longer text starting with them ("No, not yet", "node-12") is text, without a match.
_WORDS_ONLY = frozenset(
    first
    for first, resolvers in _IMPLICIT.items()
    if first
    and all(tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null") for tag, _ in resolvers)
)
# So a plain value is text, without a resolver, when it is at least as long as
# `_TEXT_FROM.get(value[:1], _TEXT_ELSE)`: 0 for a first character no resolver looks at,
# 7 for those of `_WORDS_ONLY`, and never (`_NEVER`) for the others, or for any value
# should some resolver ever look at every first character (`_WILDCARD`).
_NEVER = sys.maxsize
_TEXT_FROM = {first: 7 if first in _WORDS_ONLY and not _WILDCARD else _NEVER for first in _IMPLICIT}
_TEXT_ELSE = _NEVER if _WILDCARD else 0
_new_mark = partial(tuple.__new__, Mark)  # Mark((line, column)) without a Python-level call


def _resolve(value: str, implicit: tuple) -> str:
    """The tag PyYAML's `Resolver().resolve(ScalarNode, value, implicit)` gives."""
    if implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
            if regexp.match(value):
                return tag
        for tag, regexp in _WILDCARD:
            if regexp.match(value):
                return tag
    return _STR_TAG


class _Builder:
    """Builds one document's data from the parser's events, keeping each value's position.

    Working from events rather than a composed node graph means no graph kept in
    memory, and aliases refused at the first one, so an alias bomb costs nothing. The
    events are read with `get_event` (called directly: the events `yaml.parse` would
    yield, without a generator around each). Each mapping and list is read by a call
    of its own (`mapping`, `items`), so the Python stack grows with the nesting, which
    `MAX_NESTING` bounds long before Python's own limit (libyaml's composer recurses
    in C and crashes on ~50,000 nested brackets). The loops run for every event of
    every file (about 26 per node of a tree), so they take a text value (no tag, and
    quoted or `_TEXT_FROM` says so) as it is: a node makes a call only for each of its
    collections and for each number, date or tag (`scalar`), and each rarer thing.
    """

    __slots__ = ("constructor", "doc", "documents", "get_event", "root")

    def __init__(self, doc: Document, get_event: Callable[[], Any]):
        self.doc = doc
        self.get_event = get_event
        self.constructor = SafeConstructor()
        self.root: Any = _NOTHING
        self.documents = 0

    def build(self) -> Any:
        """The data of the stream's one document."""
        while True:
            event = self.get_event()
            kind = type(event)
            if kind in _NODE_EVENTS:
                path = self.top(event)
                self.doc.values[path] = _mark(event)
                if kind is _Scalar:
                    self.root = self.scalar(event, path)
                else:
                    self.root = _OPENS[kind](self, event, path, 0)
            elif kind is yaml.DocumentStartEvent:
                self.document(event)
            elif kind is yaml.StreamEndEvent or event is None:
                return self.finish()

    def mapping(self, event: Any, path: DataPath | None, depth: int) -> dict:
        """The mapping `event` starts at `path` (`_SKIP`: read but not kept), read to its
        end. Of a key met twice, the first value counts; the second is read, not kept."""
        if event.tag is not None or depth >= MAX_NESTING:
            self.check(event, path, depth)
        get_event, keys, values = self.get_event, self.doc.keys, self.doc.values
        text_from, text_else = _TEXT_FROM.get, _TEXT_ELSE
        mapping: dict = {}
        while type(event := get_event()) is not yaml.MappingEndEvent:
            if type(event) is not _Scalar:
                self.key(event, path)  # refused
            if event.tag is None and (
                not event.implicit[0] or len(v := event.value) >= text_from(v[:1], text_else)
            ):
                key = event.value
            else:
                key = self.scalar(event, path)
            child = _SKIP if path is _SKIP else path + (key,)
            if child is _SKIP:
                pass
            elif key in mapping or child in keys:
                child = self.duplicate(event, key, child)
            else:
                start: Any = event.start_mark  # (never None from the parser)
                keys[child] = _new_mark((start.line + 1, start.column + 1))
            event = get_event()
            if child is not _SKIP:
                start = event.start_mark
                values[child] = _new_mark((start.line + 1, start.column + 1))
            if type(event) is not _Scalar:
                value = _OPENS[type(event)](self, event, child, depth + 1)
            elif event.tag is None and (
                not event.implicit[0] or len(v := event.value) >= text_from(v[:1], text_else)
            ):
                value = event.value
            else:
                value = self.scalar(event, child)
            if child is not _SKIP:
                mapping[key] = value
        return mapping

    def items(self, event: Any, path: DataPath | None, depth: int) -> list:
        """The list `event` starts at `path` (`_SKIP`: read but not kept), read to its end."""
        if event.tag is not None or depth >= MAX_NESTING:
            self.check(event, path, depth)
        get_event, values = self.get_event, self.doc.values
        text_from, text_else = _TEXT_FROM.get, _TEXT_ELSE
        items: list = []
        while type(event := get_event()) is not yaml.SequenceEndEvent:
            child = _SKIP if path is _SKIP else path + (len(items),)
            if child is not _SKIP:
                start = event.start_mark
                values[child] = _new_mark((start.line + 1, start.column + 1))
            if type(event) is not _Scalar:
                items.append(_OPENS[type(event)](self, event, child, depth + 1))
            elif event.tag is None and (
                not event.implicit[0] or len(v := event.value) >= text_from(v[:1], text_else)
            ):
                items.append(event.value)
            else:
                items.append(self.scalar(event, child))
        return items

    def check(self, event: Any, data_path: DataPath | None, depth: int) -> None:
        """Refuse a collection with a tag other than its own, or nested too deep."""
        expected = _MAP_TAG if type(event) is yaml.MappingStartEvent else _SEQ_TAG
        if event.tag not in (None, "!", expected):
            self.fail(
                event, "yaml-tag", f"the tag `{event.tag}` is not allowed in tree files", data_path
            )
        if depth >= MAX_NESTING:
            self.fail(event, "yaml-syntax", _TOO_DEEP, data_path)

    def alias(self, event: Any, data_path: DataPath | None, depth: int) -> NoReturn:
        """Refuse an alias where a value should be."""
        self.fail(
            event,
            "yaml-alias",
            "anchors and aliases (`&name`, `*name`) are not "
            "allowed in tree files; write the value out in full",
            data_path,
        )

    def finish(self) -> Any:
        if self.root is _NOTHING:
            raise YamlError(
                self.doc.path,
                LoadProblem(
                    "empty-file", "the file is empty; a tree needs at least `id` and `nodes`", 1, 1
                ),
            )
        return self.root

    def top(self, event: Any) -> DataPath:
        if self.root is not _NOTHING:
            self.fail(event, "yaml-syntax", "a file holds one YAML document only", ())
        return ()

    def fail(self, event: Any, code: str, message: str, data_path: DataPath | None) -> NoReturn:
        mark = _mark(event)
        raise YamlError(
            self.doc.path, LoadProblem(code, message, mark.line, mark.column, data_path or ())
        )

    def key(self, event: Any, path: DataPath | None) -> NoReturn:
        """Refuse a key that is not a scalar: an alias, a list or a mapping."""
        if type(event) is yaml.AliasEvent:
            self.fail(
                event,
                "yaml-alias",
                "anchors and aliases (`&name`, `*name`) are not "
                "allowed in tree files; write the key out in full",
                path,
            )
        self.fail(
            event,
            "complex-key",
            "this key is a list or a mapping: valid YAML, but tree files "
            "need plain-text keys; write the key as plain text",
            path,
        )

    def duplicate(self, event: Any, value: Any, child: DataPath) -> DataPath | None:
        """Note a key met twice; its value is to be read but not kept (`_SKIP`)."""
        start = event.start_mark
        self.doc.problems.append(
            LoadProblem(
                "duplicate-key",
                f"the key `{value}` appears twice (first on line {self.doc.keys[child].line}); "
                "YAML would silently keep only one — remove or rename one of them",
                start.line + 1,
                start.column + 1,
                child,
            )
        )
        return _SKIP

    def scalar(self, event: Any, data_path: DataPath | None) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value
        if tag not in _SCALAR_TAGS:
            self.fail(
                event,
                "yaml-tag",
                f"the tag `{tag}` is not allowed in tree files; remove it and write plain text",
                data_path,
            )
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            return self.constructor.construct_object(node)
        except (ConstructorError, ValueError) as exc:
            reason = _sentence(str(exc))
            if "integer string conversion" in reason:  # Python's limit on digits
                reason = "a number of thousands of digits; put it in quotes if it is text"
            self.fail(event, "yaml-syntax", f"cannot read this value ({reason})", data_path)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(
                event,
                "yaml-syntax",
                "a file holds one YAML document only; remove the second `---`",
                (),
            )


_Scalar = yaml.ScalarEvent
_NODE_EVENTS = frozenset(
    {yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent}
)
# How each event that is not a scalar starts a value (`_Builder.alias` refuses it).
_OPENS = {
    yaml.MappingStartEvent: _Builder.mapping,
    yaml.SequenceStartEvent: _Builder.items,
    yaml.AliasEvent: _Builder.alias,
}
_NOTHING = object()
