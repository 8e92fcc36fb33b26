"""A tree as an outline: questions, their options, where each leads, and the outcomes.

`outline()` returns plain `Item`s; the CLI draws them as a rich Tree on a
terminal, or as indented plain text (`to_text`) for pipes and screen readers.
A node reached by more than one option is written out once and referred to
after that, and a cross-tree link is named, never expanded, so the outline is
always finite.
"""

from __future__ import annotations

from signpost.content.library import Library
from signpost.content.model import Option, Outcome, Question, Tree
from signpost.words import count


class Item:
    """One line of the outline and the lines under it; filled in as the tree is read."""

    __slots__ = ("children", "kind", "text")

    def __init__(self, kind: str, text: str, children: list[Item] | None = None):
        self.kind = kind  # tree, question, outcome, link, seen, more, detail
        self.text = text
        self.children: list[Item] = [] if children is None else children

    def __repr__(self) -> str:
        return f"Item({self.kind!r}, {self.text!r}, {self.children!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Item):
            return NotImplemented
        return (self.kind, self.text, self.children) == (other.kind, other.text, other.children)

    __hash__ = None  # type: ignore[assignment]  # changed as it is filled in, as before


def outline(library: Library, tree: Tree, depth: int | None = None) -> Item:
    """The outline of `tree`; `depth` limits how many levels of questions are opened."""
    root = Item("tree", f"{tree.title} [{tree.id}]", [Item("detail", tree.summary)])
    shown: set[str] = set()

    def node_item(node_id: str, level: int, prefix: str) -> tuple[Item, list[tuple]]:
        """The item for one node, and the work for its options (in order)."""
        node = tree.node(node_id)
        if isinstance(node, Outcome):
            urgent = " (urgent)" if node.urgent else ""
            item = Item("outcome", f"{prefix}Outcome {node.id}: {node.title}{urgent}")
        else:
            item = Item("question", f"{prefix}Question {node.id}: {node.question}")
        if node_id in shown:
            item.kind, item.text = "seen", f"{item.text} (shown above)"
            return item, []
        if isinstance(node, Outcome):
            shown.add(node_id)
            names = [c.name for c in library.contacts_of(tree, node)]
            item.children.append(Item("detail", count(len(node.steps), "step")))
            item.children.append(Item("detail", "Contacts: " + ("; ".join(names) or "none")))
            return item, []
        assert isinstance(node, Question)
        if depth is not None and level >= depth:
            item.kind, item.text = "more", f"{item.text} \u2026"
            return item, []
        shown.add(node_id)
        return item, [(option, level + 1, item) for option in node.options]

    # Depth first, in option order, with a stack rather than recursion: a tree may be
    # a chain of a thousand questions.
    first, work = node_item(tree.start, 0, "")
    root.children.append(first)
    stack = list(reversed(work))
    while stack:
        option, level, parent = stack.pop()
        if option.tree:
            parent.children.append(_link_item(library, option))
            continue
        item, work = node_item(option.next, level, f"\u201c{option.label}\u201d \u2192 ")
        parent.children.append(item)
        stack.extend(reversed(work))
    unreached = [node_id for node_id in tree.nodes if node_id not in shown]
    if depth is None and unreached:
        root.children.append(
            Item("detail", "Not reachable from the start: " + ", ".join(unreached))
        )
    return root


def _link_item(library: Library, option: Option) -> Item:
    """A cross-tree link: named, never expanded."""
    label = f"\u201c{option.label}\u201d \u2192 "
    if option.tree not in library.tree_ids():
        return Item("link", f"{label}another tree: {option.tree} (there is no such tree)")
    other = library.tree(option.tree)
    return Item(
        "link",
        f"{label}another tree: {other.title} [{other.id}] (see: signpost show {other.id})",
    )


def _walk(item: Item):
    """(indent, item) for `item` and everything under it, in order, without recursion."""
    stack = [(0, item)]
    while stack:
        indent, current = stack.pop()
        yield indent, current
        stack.extend((indent + 1, child) for child in reversed(current.children))


def to_text(item: Item, indent: int = 0) -> str:
    """Indented plain text: two spaces per level, no box drawing, no colour."""
    return "".join(f"{'  ' * (indent + level)}{i.text}\n" for level, i in _walk(item))


STYLES = {
    "tree": "bold",
    "question": "bold cyan",
    "outcome": "green",
    "link": "magenta",
    "seen": "dim",
    "more": "dim",
    "detail": "dim",
}


def to_rich(item: Item):
    """The outline as a rich `Tree`, coloured by kind, for a terminal."""
    from rich.tree import Tree as RichTree

    from signpost.safetext import rich_text

    def style(child: Item) -> str:
        if child.kind == "outcome" and child.text.endswith("(urgent)"):
            return "bold red"
        return STYLES[child.kind]

    root = RichTree(rich_text(item.text, style=STYLES[item.kind]), guide_style="dim")
    stack = [(root, child) for child in reversed(item.children)]
    while stack:
        parent, child = stack.pop()
        branch = parent.add(rich_text(child.text, style=style(child)))
        stack.extend((branch, grandchild) for grandchild in reversed(child.children))
    return root
