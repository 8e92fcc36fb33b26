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
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TreeError("no such file", where=str(path), hint="Check the name and folder.") from None
    except IsADirectoryError:
        raise TreeError("is a folder, not a YAML file", where=str(path)) from None
    except OSError as exc:
        raise TreeError(f"cannot read the file ({exc.strerror})", where=str(path)) from None
    return load_text(decode(raw, path), path)


def load_text(text: str, path: Path | str = "<text>") -> Document:
    """Compose `text` and build plain data with positions.

    Raises `YamlError` for text that is not usable YAML (syntax, empty, aliases,
    unsafe tags, deep nesting). Duplicate keys are collected in `problems`; the
    first value is kept so that what the reader sees first is what counts.
    """
    path = Path(path)
    lines = text.splitlines()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # composing makes many small objects; the cyclic GC triples the time
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or "this is not valid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        raise YamlError(path, LoadProblem("yaml-syntax", _sentence(message), line, column)) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, LoadProblem("yaml-syntax", _sentence(str(exc)), 1, 1)) from None
    except RecursionError:
        raise YamlError(
            path, LoadProblem("yaml-syntax", "the YAML is nested too deeply to read", 1, 1)
        ) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    if root is None:
        raise YamlError(
            path, LoadProblem("empty-file", "the file is empty; a tree needs at least `id` and `nodes`", 1, 1)
        )
    doc = Document(path=path, data=None, lines=lines)
    doc.data = _build(root, doc)
    return doc


def _sentence(message: str) -> str:
    return message.strip().rstrip(".")


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(root: yaml.Node, doc: Document) -> Any:
    """Turn the node graph into plain data without recursion (deep input is data too)."""
    constructor = SafeConstructor()
    seen: set[int] = set()
    path_of = doc.path

    def fail(node: yaml.Node, code: str, message: str, data_path: DataPath) -> None:
        mark = _mark(node)
        raise YamlError(path_of, LoadProblem(code, message, mark.line, mark.column, data_path))

    def scalar(node: yaml.Node, data_path: DataPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            fail(node, "yaml-tag", f"the tag `{node.tag}` is not allowed in tree files; "
                 "remove it and write plain text", data_path)
        try:
            return constructor.construct_object(node)
        except (ConstructorError, ValueError) as exc:
            fail(node, "yaml-syntax", f"cannot read this value ({_sentence(str(exc))})", data_path)

    def container(node: yaml.Node, data_path: DataPath) -> Any:
        if id(node) in seen:
            fail(node, "yaml-alias", "anchors and aliases (`&name`, `*name`) are not allowed "
                 "in tree files; write the value out in full", data_path)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                fail(node, "yaml-tag", f"the tag `{node.tag}` is not allowed in tree files", data_path)
            return {}
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                fail(node, "yaml-tag", f"the tag `{node.tag}` is not allowed in tree files", data_path)
            return []
        return scalar(node, data_path)

    doc.values[()] = _mark(root)
    result = container(root, ())
    stack = [(root, result, ())]
    while stack:
        node, target, data_path = stack.pop()
        if isinstance(target, dict):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    fail(key_node, "yaml-syntax", "a key must be plain text, not a list or mapping",
                         data_path)
                key = scalar(key_node, data_path)
                if isinstance(key, (list, dict)):  # pragma: no cover - scalars only
                    continue
                child_path = data_path + (key,)
                if key in target:
                    first = doc.keys[child_path]
                    mark = _mark(key_node)
                    doc.problems.append(LoadProblem(
                        "duplicate-key",
                        f"the key `{key}` appears twice (first on line {first.line}); "
                        "YAML would silently keep only one — remove or rename one of them",
                        mark.line, mark.column, child_path,
                    ))
                    continue
                doc.keys[child_path] = _mark(key_node)
                doc.values[child_path] = _mark(value_node)
                value = container(value_node, child_path)
                target[key] = value
                if isinstance(value, (dict, list)):
                    stack.append((value_node, value, child_path))
        elif isinstance(target, list):
            for index, item_node in enumerate(node.value):
                child_path = data_path + (index,)
                doc.values[child_path] = _mark(item_node)
                value = container(item_node, child_path)
                target.append(value)
                if isinstance(value, (dict, list)):
                    stack.append((item_node, value, child_path))
    return result
