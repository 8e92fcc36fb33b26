"""Trees and contacts as plain, typed data, built from a loaded YAML document.

Building checks what the walk relies on (required keys, types, that `start`
and every `next` name a node) and stops at the first problem with its line and
column. `signpost lint` checks far more and reports every finding; this is the
floor below which a tree cannot be walked at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from signpost.errors import TreeError
from signpost.yamlfile import MAX_TEXT, DataPath, Document, format_path

# Named tuples rather than frozen dataclasses: as immutable, and `signpost list` and
# the walk start without importing `dataclasses` (~10 ms) or building its classes.


class Source(NamedTuple):
    doc: str
    quote: str


class Step(NamedTuple):
    text: str
    source: Source


class Option(NamedTuple):
    label: str
    next: str | None = None  # a node in the same tree
    tree: str | None = None  # the start of another tree; exactly one of the two is set

    @property
    def node(self) -> str:
        """The node this option leads to in its own tree (an option without `tree`)."""
        assert self.next is not None, "an option leads to a node or to a tree"
        return self.next


class Question(NamedTuple):
    id: str
    question: str
    options: tuple[Option, ...]
    help: str | None = None


class Outcome(NamedTuple):
    id: str
    title: str
    steps: tuple[Step, ...]
    contacts: tuple[str, ...] = ()
    intro: str | None = None
    urgent: bool = False


Node = Question | Outcome


class Tree(NamedTuple):
    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    reviewed: dt.date
    start: str
    nodes: dict[str, Node]
    file: str = ""
    order: float | None = None
    menu: bool = True

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise TreeError(
                f"the tree `{self.id}` has no node `{node_id}`",
                where=self.file or self.id,
                hint="Run `signpost lint` on the tree to find the broken link.",
            ) from None

    def outcomes(self) -> list[Outcome]:
        return [node for node in self.nodes.values() if isinstance(node, Outcome)]


class Contact(NamedTuple):
    id: str
    name: str
    for_: str
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    page: str | None = None
    national: bool = False
    source: Source | None = None


class _Reader:
    """Typed access to a document's data that fails with the value's position."""

    def __init__(self, doc: Document):
        self.doc = doc

    def fail(self, path: DataPath, message: str, *, key: bool = False) -> TreeError:
        mark = self.doc.mark(path, key=key)
        where = f"{self.doc.path}:{mark.line}:{mark.column}"
        label = format_path(path)
        return TreeError(
            f"{label}: {message}" if label else message,
            where=where,
            hint="Run `signpost lint` for the full list of problems.",
        )

    def mapping(self, value: Any, path: DataPath) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"should be a mapping of keys to values, not {_kind(value)}")
        return value

    def get(
        self, mapping: dict, key: str, path: DataPath, kind: type | tuple, *, required: bool = True
    ) -> Any:
        if key not in mapping:
            if required:
                raise self.fail(path, f"the key `{key}` is missing")
            return None
        value = mapping[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            if isinstance(value, bool) and str in (kind if isinstance(kind, tuple) else (kind,)):
                raise self.fail(
                    path + (key,),
                    "reads as true/false, not text; put it in quotes, "
                    f'for example `"{"Yes" if value else "No"}"`',
                )
            raise self.fail(path + (key,), f"should be {_article(names)}, not {_kind(value)}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(path + (key,), "is empty")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise self.fail(
                path + (key,),
                f"is {len(value):,} characters long; a text is at most {MAX_TEXT:,}",
            )
        return value

    def source(self, value: Any, path: DataPath) -> Source:
        mapping = self.mapping(value, path)
        return Source(self.get(mapping, "doc", path, str), self.get(mapping, "quote", path, str))


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _article(names: str) -> str:
    words = {
        "str": "text",
        "list": "a list",
        "dict": "a mapping",
        "bool": "true or false",
        "int": "a number",
        "float": "a number",
        "date": "a date (YYYY-MM-DD)",
    }
    return " or ".join(words.get(n, n) for n in names.split(" or "))


def build_tree(doc: Document) -> Tree:
    """A `Tree` from a loaded document, or a `TreeError` at the first problem."""
    if doc.problems:
        problem = doc.problems[0]
        raise TreeError(problem.message, where=f"{doc.path}:{problem.line}:{problem.column}")
    r = _Reader(doc)
    top = r.mapping(doc.data, ())
    tree_id = r.get(top, "id", (), str)
    reviewed = r.get(top, "reviewed", (), (dt.date, str))
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            raise r.fail(("reviewed",), "should be a date written YYYY-MM-DD") from None
    audience = r.get(top, "audience", (), list)
    nodes_data = r.mapping(r.get(top, "nodes", (), dict), ("nodes",))
    nodes: dict[str, Node] = {}
    for node_id, node_data in nodes_data.items():
        path = ("nodes", node_id)
        if not isinstance(node_id, str):
            raise r.fail(path, "node ids must be text", key=True)
        data = r.mapping(node_data, path)
        if "question" in data and "outcome" in data:
            raise r.fail(path, "a node is either a question or an outcome, not both")
        if "question" in data:
            nodes[node_id] = _question(r, node_id, data, path)
        elif "outcome" in data:
            nodes[node_id] = _outcome(r, node_id, data, path)
        else:
            raise r.fail(path, "a node needs a `question` (with `options`) or an `outcome`")
    start = r.get(top, "start", (), str)
    if start not in nodes:
        raise r.fail(("start",), f"names the node `{start}`, which is not in `nodes`")
    for node in nodes.values():
        if isinstance(node, Question):
            for index, option in enumerate(node.options):
                if option.next is not None and option.next not in nodes:
                    raise r.fail(
                        ("nodes", node.id, "options", index, "next"),
                        f"leads to `{option.next}`, which is not a node of this tree",
                    )
    order = top.get("order")
    return Tree(
        id=tree_id,
        title=r.get(top, "title", (), str),
        summary=r.get(top, "summary", (), str),
        audience=tuple(str(a) for a in audience),
        reviewed=reviewed,
        start=start,
        nodes=nodes,
        file=str(doc.path),
        order=order if isinstance(order, (int, float)) and not isinstance(order, bool) else None,
        menu=top.get("menu", True) is not False,
    )


def _question(r: _Reader, node_id: str, data: dict, path: DataPath) -> Question:
    options_data = r.get(data, "options", path, list)
    if not options_data:
        raise r.fail(path + ("options",), "a question needs at least two options")
    options = []
    for index, item in enumerate(options_data):
        opath = path + ("options", index)
        item = r.mapping(item, opath)
        label = r.get(item, "label", opath, str)
        nxt = r.get(item, "next", opath, str, required=False)
        tree = r.get(item, "tree", opath, str, required=False)
        if (nxt is None) == (tree is None):
            raise r.fail(
                opath, "an option needs exactly one of `next` (a node) or `tree` (another tree)"
            )
        options.append(Option(label=label, next=nxt, tree=tree))
    return Question(
        id=node_id,
        question=r.get(data, "question", path, str),
        options=tuple(options),
        help=r.get(data, "help", path, str, required=False),
    )


def _outcome(r: _Reader, node_id: str, data: dict, path: DataPath) -> Outcome:
    opath = path + ("outcome",)
    out = r.mapping(data["outcome"], opath)
    steps_data = r.get(out, "steps", opath, list)
    if not steps_data:
        raise r.fail(opath + ("steps",), "an outcome needs at least one step")
    steps = []
    for index, item in enumerate(steps_data):
        spath = opath + ("steps", index)
        item = r.mapping(item, spath)
        steps.append(
            Step(
                r.get(item, "text", spath, str),
                r.source(r.get(item, "source", spath, dict), spath + ("source",)),
            )
        )
    contacts = r.get(out, "contacts", opath, list, required=False) or []
    for index, contact in enumerate(contacts):
        if not isinstance(contact, str):
            raise r.fail(opath + ("contacts", index), "should be a contact id from contacts.yaml")
    return Outcome(
        id=node_id,
        title=r.get(out, "title", opath, str),
        steps=tuple(steps),
        contacts=tuple(contacts),
        intro=r.get(out, "intro", opath, str, required=False),
        urgent=bool(r.get(out, "urgent", opath, bool, required=False)),
    )


def _detail(r: _Reader, data: dict, key: str, path: DataPath) -> str | None:
    value = r.get(data, key, path, (str, int), required=False)
    return None if value is None else str(value)


def build_contacts(doc: Document) -> dict[str, Contact]:
    """The catalogue's contacts by id, or a `TreeError` at the first problem."""
    if doc.problems:
        problem = doc.problems[0]
        raise TreeError(problem.message, where=f"{doc.path}:{problem.line}:{problem.column}")
    r = _Reader(doc)
    top = r.mapping(doc.data, ())
    entries = r.mapping(r.get(top, "contacts", (), dict), ("contacts",))
    contacts: dict[str, Contact] = {}
    for contact_id, data in entries.items():
        path = ("contacts", contact_id)
        data = r.mapping(data, path)
        national = bool(r.get(data, "national", path, bool, required=False))
        source = r.get(data, "source", path, dict, required=not national)
        text = {key: _detail(r, data, key, path) for key in ("phone", "email", "web", "page")}
        contacts[str(contact_id)] = Contact(
            id=str(contact_id),
            name=r.get(data, "name", path, str),
            for_=r.get(data, "for", path, str),
            phone=text["phone"],
            email=text["email"],
            web=text["web"],
            page=text["page"],
            national=national,
            source=r.source(source, path + ("source",)) if source is not None else None,
        )
    return contacts
