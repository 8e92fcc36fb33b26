"""Trees and contacts as plain, typed data, built from a loaded YAML document.

Building checks what the walk relies on (required keys, types, that `start`
and every `next` name a node) and stops at the first problem with its line and
column. `signpost lint` checks far more and reports every finding; this is the
floor below which a tree cannot be walked at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from signpost.content import spec
from signpost.content.yamlfile import MAX_TEXT, DataPath, Document, format_path
from signpost.errors import TreeError

# Named tuples rather than frozen dataclasses: as immutable, and `signpost list` and
# the walk start without importing `dataclasses` (~10 ms) or building its classes.


N = TypeVar("N")


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
    ask_for: str | None = None  # a role: how to reach it ("Ask your child's school for ...")


def reading_order(
    start: str | None, nodes: Mapping[str, N], leads_to: Callable[[N], Iterable[str | None]]
) -> list[str]:
    """Node ids in the order a person meets them: breadth first from `start` along
    `leads_to` (a node's next node ids), then any node no route reaches, in file order.
    The one reading order, for the model's `Tree` and lint's records alike."""
    order: list[str] = [start] if start is not None and start in nodes else []
    met = set(order)  # `order` as a set: a list lookup per option made this quadratic
    for node_id in order:
        for after in leads_to(nodes[node_id]):
            if after is not None and after in nodes and after not in met:
                met.add(after)
                order.append(after)
    return order + [n for n in nodes if n not in met]


def _next_nodes(node: Node) -> Iterable[str | None]:
    return [option.next for option in node.options] if isinstance(node, Question) else ()


def tree_order(tree: Tree) -> list[str]:
    """The tree's node ids in reading order (`reading_order`)."""
    return reading_order(tree.start, tree.nodes, _next_nodes)


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
            raise self.fail(
                path, f"should be a mapping of keys to values, not {spec.kind_of(value)}"
            )
        return value

    def get(self, mapping: dict, key: str, path: DataPath, table: dict[str, spec.Field]) -> Any:
        """The value of `key`, checked against its field in the spec's `table`."""
        field = table[key]
        if key not in mapping:
            if field.required:
                raise self.fail(path, f"the key `{key}` is missing")
            return None
        return self.value(mapping[key], path + (key,), field)

    def value(self, value: Any, path: DataPath, field: spec.Field) -> Any:
        kind = field.kind
        if isinstance(value, bool) and kind != "bool":
            if kind in spec.TEXT_KINDS or kind == "phone":
                raise self.fail(
                    path,
                    "reads as true/false, not text; put it in quotes, "
                    f'for example `"{"Yes" if value else "No"}"`',
                )
        elif kind == "date":
            date = spec.parse_date(value) if isinstance(value, str) else value
            if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
                return date
            raise self.fail(path, "should be a date written YYYY-MM-DD")
        elif isinstance(value, _TYPES[kind]):
            if isinstance(value, str) and not value.strip():
                raise self.fail(path, "is empty")
            if isinstance(value, str) and len(value) > MAX_TEXT:
                raise self.fail(
                    path, f"is {len(value):,} characters long; a text is at most {MAX_TEXT:,}"
                )
            return value
        raise self.fail(path, f"should be {spec.EXPECTED[kind]}, not {spec.kind_of(value)}")

    def enough(self, items: list | dict, path: DataPath, field: spec.Field) -> None:
        """Fail unless `items` has the field's fewest (checked after the items themselves,
        so the first problem reported is the first in the file)."""
        if len(items) < field.at_least:
            raise self.fail(path, f"has {len(items)}; it needs at least {field.at_least}")

    def source(self, value: Any, path: DataPath) -> Source:
        mapping = self.mapping(value, path)
        return Source(
            self.get(mapping, "doc", path, spec.SOURCE),
            self.get(mapping, "quote", path, spec.SOURCE),
        )


# The Python types of each kind of value in the spec (a date is checked on its own).
_TYPES: dict[str, type | tuple[type, ...]] = {
    "text": str,
    "id": str,
    "ref": str,
    "phone": str,
    "bool": bool,
    "number": (int, float),
    "list": list,
    "mapping": dict,
}


def build_tree(doc: Document) -> Tree:
    """A `Tree` from a loaded document, or a `TreeError` at the first problem."""
    if doc.problems:
        problem = doc.problems[0]
        raise TreeError(problem.message, where=f"{doc.path}:{problem.line}:{problem.column}")
    r = _Reader(doc)
    top = r.mapping(doc.data, ())
    get = lambda key: r.get(top, key, (), spec.TREE)  # noqa: E731
    tree_id = get("id")
    reviewed = get("reviewed")
    audience = get("audience")
    for index, who in enumerate(audience):
        if who not in spec.AUDIENCES:
            raise r.fail(("audience", index), "should be `parents` or `professionals`")
    nodes_data = get("nodes")
    nodes: dict[str, Node] = {}
    for node_id, node_data in nodes_data.items():
        path = ("nodes", node_id)
        if not isinstance(node_id, str):
            raise r.fail(path, "node ids must be text", key=True)
        nodes[node_id] = _node(r, node_id, r.mapping(node_data, path), path)
    r.enough(nodes_data, ("nodes",), spec.TREE["nodes"])
    r.enough(audience, ("audience",), spec.TREE["audience"])
    start = get("start")
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
    order = get("order")
    menu = get("menu")
    return Tree(
        id=tree_id,
        title=get("title"),
        summary=get("summary"),
        audience=tuple(audience),
        reviewed=reviewed,
        start=start,
        nodes=nodes,
        file=str(doc.path),
        order=order,
        menu=menu is not False,
    )


def _node(r: _Reader, node_id: str, data: dict, path: DataPath) -> Node:
    is_question = any(key in data for key in spec.QUESTION)
    if is_question and "outcome" in data:
        raise r.fail(path, "a node is either a question or an outcome, not both")
    if is_question:
        return _question(r, node_id, data, path)
    if "outcome" in data:
        return _outcome(r, node_id, data, path)
    raise r.fail(path, "a node needs a `question` (with `options`) or an `outcome`")


def _question(r: _Reader, node_id: str, data: dict, path: DataPath) -> Question:
    options_data = r.get(data, "options", path, spec.QUESTION)
    options = []
    for index, item in enumerate(options_data):
        opath = path + ("options", index)
        item = r.mapping(item, opath)
        label = r.get(item, "label", opath, spec.OPTION)
        nxt = r.get(item, "next", opath, spec.OPTION)
        tree = r.get(item, "tree", opath, spec.OPTION)
        if (nxt is None) == (tree is None):
            raise r.fail(
                opath, "an option needs exactly one of `next` (a node) or `tree` (another tree)"
            )
        options.append(Option(label=label, next=nxt, tree=tree))
    r.enough(options_data, path + ("options",), spec.QUESTION["options"])
    return Question(
        id=node_id,
        question=r.get(data, "question", path, spec.QUESTION),
        options=tuple(options),
        help=r.get(data, "help", path, spec.QUESTION),
    )


def _outcome(r: _Reader, node_id: str, data: dict, path: DataPath) -> Outcome:
    opath = path + ("outcome",)
    out = r.mapping(r.get(data, "outcome", path, spec.OUTCOME_NODE), opath)
    steps_data = r.get(out, "steps", opath, spec.OUTCOME)
    steps = []
    for index, item in enumerate(steps_data):
        spath = opath + ("steps", index)
        item = r.mapping(item, spath)
        steps.append(
            Step(
                r.get(item, "text", spath, spec.STEP),
                r.source(r.get(item, "source", spath, spec.STEP), spath + ("source",)),
            )
        )
    r.enough(steps_data, opath + ("steps",), spec.OUTCOME["steps"])
    contacts = r.get(out, "contacts", opath, spec.OUTCOME) or []
    for index, contact in enumerate(contacts):
        if not isinstance(contact, str):
            raise r.fail(opath + ("contacts", index), "should be a contact id from contacts.yaml")
    return Outcome(
        id=node_id,
        title=r.get(out, "title", opath, spec.OUTCOME),
        steps=tuple(steps),
        contacts=tuple(contacts),
        intro=r.get(out, "intro", opath, spec.OUTCOME),
        urgent=bool(r.get(out, "urgent", opath, spec.OUTCOME)),
    )


def build_contacts(doc: Document) -> dict[str, Contact]:
    """The catalogue's contacts by id, or a `TreeError` at the first problem."""
    if doc.problems:
        problem = doc.problems[0]
        raise TreeError(problem.message, where=f"{doc.path}:{problem.line}:{problem.column}")
    r = _Reader(doc)
    top = r.mapping(doc.data, ())
    entries = r.get(top, "contacts", (), spec.CATALOGUE)
    contacts: dict[str, Contact] = {}
    for contact_id, data in entries.items():
        path = ("contacts", contact_id)
        data = r.mapping(data, path)
        national = bool(r.get(data, "national", path, spec.CONTACT))
        source = r.get(data, "source", path, spec.CONTACT)
        if source is None and not national:
            raise r.fail(path, "the key `source` is missing")
        text = {
            key: r.get(data, key, path, spec.CONTACT) for key in ("phone", "email", "web", "page")
        }
        contacts[str(contact_id)] = Contact(
            id=str(contact_id),
            name=r.get(data, "name", path, spec.CONTACT),
            for_=r.get(data, "for", path, spec.CONTACT),
            phone=text["phone"],
            email=text["email"],
            web=text["web"],
            page=text["page"],
            national=national,
            source=r.source(source, path + ("source",)) if source is not None else None,
            ask_for=r.get(data, "ask-for", path, spec.CONTACT),
        )
    return contacts
