"""A tree as a diagram: Mermaid (renders on GitHub) or Graphviz DOT.

Questions are rounded boxes, outcomes square boxes (urgent ones outlined in
red), and a cross-tree link is a separate "subroutine" box reached by a dashed
arrow, so it reads as "carries on in another tree", not as part of this one.
Every id and label is escaped for its format (`signpost.safetext`): a quote, `#`,
`<`, `>` or backtick in Mermaid, a quote or backslash in DOT, cannot end a string or
add a statement, and an id that is not kebab-case is spelt out in safe characters.
"""

from __future__ import annotations

import textwrap

from signpost.content.model import Outcome, Question, Tree
from signpost.safetext import dot_string, mermaid_id, mermaid_label, terminal

WRAP = 28  # characters per line of a DOT label; Mermaid wraps by itself


def to_mermaid(tree: Tree) -> str:
    lines = ["flowchart TD"]
    links: dict[str, str] = {}
    edges: list[str] = []
    for node in tree.nodes.values():
        nid = mermaid_id("n", node.id)
        if isinstance(node, Question):
            lines.append(f'    {nid}("{mermaid_label(node.question)}")')
            for option in node.options:
                label = mermaid_label(option.label)
                if option.tree:
                    target = links.setdefault(option.tree, mermaid_id("tree", option.tree))
                    edges.append(f'    {nid} -.->|"{label}"| {target}')
                else:
                    edges.append(f'    {nid} -->|"{label}"| {mermaid_id("n", option.node)}')
        else:
            assert isinstance(node, Outcome)
            lines.append(f'    {nid}["{mermaid_label(node.title)}"]')
    for tree_id, target in links.items():
        lines.append(f'    {target}[["another tree: {mermaid_label(tree_id)}"]]')
    lines += edges
    questions = [mermaid_id("n", n.id) for n in tree.nodes.values() if isinstance(n, Question)]
    outcomes = [n for n in tree.nodes.values() if isinstance(n, Outcome)]
    lines.append("    classDef question fill:#eef4fb,stroke:#3b6ea5")
    lines.append("    classDef outcome fill:#eefbf0,stroke:#2e7d32")
    lines.append("    classDef urgent fill:#fdecea,stroke:#c62828,stroke-width:2px")
    lines.append("    classDef link fill:#f5f5f5,stroke:#757575,stroke-dasharray:4 3")
    for name, ids in (
        ("question", questions),
        ("outcome", [mermaid_id("n", n.id) for n in outcomes if not n.urgent]),
        ("urgent", [mermaid_id("n", n.id) for n in outcomes if n.urgent]),
        ("link", list(links.values())),
    ):
        if ids:
            lines.append(f"    class {','.join(ids)} {name}")
    return "\n".join(lines) + "\n"


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string, wrapped with `\\n` line breaks."""
    wrapped = textwrap.wrap(terminal(text), WRAP) or [""]
    return "\\n".join(dot_string(part) for part in wrapped)


def to_dot(tree: Tree) -> str:
    lines = [
        f'digraph "{dot_text(tree.id)}" {{',
        "    rankdir=TB;",
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    links: dict[str, str] = {}
    edges: list[str] = []
    for node in tree.nodes.values():
        nid = dot_string(node.id)
        if isinstance(node, Question):
            lines.append(
                f'    "{dot_string(node.id)}" [shape=box, style="rounded,filled", '
                f'fillcolor="#eef4fb", label="{dot_text(node.question)}"];'
            )
            for option in node.options:
                label = dot_text(option.label)
                if option.tree:
                    target = links.setdefault(option.tree, dot_string(f"tree:{option.tree}"))
                    edges.append(f'    "{nid}" -> "{target}" [style=dashed, label="{label}"];')
                else:
                    edges.append(
                        f'    "{nid}" -> "{dot_string(option.next or "")}" [label="{label}"];'
                    )
        else:
            assert isinstance(node, Outcome)
            colour = ', color="#c62828", penwidth=2' if node.urgent else ""
            lines.append(
                f'    "{dot_string(node.id)}" [shape=box, style=filled, fillcolor="#eefbf0"'
                f'{colour}, label="{dot_text(node.title)}"];'
            )
    for tree_id, target in links.items():
        lines.append(
            f'    "{target}" [shape=component, style=dashed, '
            f'label="another tree:\\n{dot_text(tree_id)}"];'
        )
    lines += edges
    lines.append("}")
    return "\n".join(lines) + "\n"
