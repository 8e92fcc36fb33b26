"""Building a YAML document's data from the parser's events, with positions.

PyYAML keeps the last of duplicate keys without a word and has no positions on
constructed data, so `Builder` takes the parser's events (libyaml's, where there is
one: `Loader`) and builds plain dicts, lists and scalars from them itself. On the way
it records the 1-based line and column of every key and value by its data path,
reports duplicate keys, and refuses what a tree never needs and an attacker would
use: aliases (the "billion laughs"), and tags that build Python objects.
`signpost.content.yamlfile.load_text` runs it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any, NoReturn

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from signpost.content.yamlmarks import (
    MAX_NESTING,
    TOO_DEEP,
    DataPath,
    Document,
    LoadProblem,
    Mark,
    YamlError,
    sentence,
)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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


class Builder:
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
            self.fail(event, "yaml-syntax", TOO_DEEP, data_path)

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
            reason = sentence(str(exc))
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
# How each event that is not a scalar starts a value (`Builder.alias` refuses it).
_OPENS = {
    yaml.MappingStartEvent: Builder.mapping,
    yaml.SequenceStartEvent: Builder.items,
    yaml.AliasEvent: Builder.alias,
}
_NOTHING = object()
