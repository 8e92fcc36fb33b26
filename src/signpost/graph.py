"""A tree as a diagram: Mermaid (renders on GitHub) or Graphviz DOT.

Questions are rounded boxes, outcomes square boxes (urgent ones outlined in
red), and a cross-tree link is a separate "subroutine" box reached by a dashed
arrow, so it reads as "carries on in another tree", not as part of this one.
Every label is escaped for its format: a quote, `#`, `<` or `>` in a label in
Mermaid, or a quote or backslash in DOT, cannot break the diagram.
"""

from __future__ import annotations

import textwrap

from signpost.model import Outcome, Question, Tree

WRAP = 28  # characters per line of a DOT label; Mermaid wraps by itself


def _mermaid_id(kind: str, ident: str) -> str:
    # Ids are kebab-case; Mermaid reads a bare `end` or `-` badly, so prefix and use `_`.
    return f"{kind}_{ident.replace('-', '_')}"


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label, using Mermaid's entity codes."""
    out = text.replace("#", "#35;").replace('"', "#quot;")
    return out.replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ")


def to_mermaid(tree: Tree) -> str:
    lines = ["flowchart TD"]
    links: dict[str, str] = {}
    edges: list[str] = []
    for node in tree.nodes.values():
        nid = _mermaid_id("n", node.id)
        if isinstance(node, Question):
            lines.append(f'    {nid}("{mermaid_text(node.question)}")')
            for option in node.options:
                label = mermaid_text(option.label)
                if option.tree:
                    target = links.setdefault(option.tree, _mermaid_id("tree", option.tree))
                    edges.append(f'    {nid} -.->|"{label}"| {target}')
                else:
                    edges.append(f'    {nid} -->|"{label}"| {_mermaid_id("n", option.node)}')
        else:
            assert isinstance(node, Outcome)
            lines.append(f'    {nid}["{mermaid_text(node.title)}"]')
    for tree_id, target in links.items():
        lines.append(f'    {target}[["another tree: {mermaid_text(tree_id)}"]]')
    lines += edges
    questions = [_mermaid_id("n", n.id) for n in tree.nodes.values() if isinstance(n, Question)]
    outcomes = [n for n in tree.nodes.values() if isinstance(n, Outcome)]
    lines.append("    classDef question fill:#eef4fb,stroke:#3b6ea5")
    lines.append("    classDef outcome fill:#eefbf0,stroke:#2e7d32")
    lines.append("    classDef urgent fill:#fdecea,stroke:#c62828,stroke-width:2px")
    lines.append("    classDef link fill:#f5f5f5,stroke:#757575,stroke-dasharray:4 3")
    for name, ids in (
        ("question", questions),
        ("outcome", [_mermaid_id("n", n.id) for n in outcomes if not n.urgent]),
        ("urgent", [_mermaid_id("n", n.id) for n in outcomes if n.urgent]),
        ("link", list(links.values())),
    ):
        if ids:
            lines.append(f"    class {','.join(ids)} {name}")
    return "\n".join(lines) + "\n"


def dot_text(text: str) -> str:
    """Text safe inside a double-quoted DOT string, wrapped with `\\n` line breaks."""
    wrapped = textwrap.wrap(text, WRAP) or [""]
    return "\\n".join(part.replace("\\", "\\\\").replace('"', '\\"') for part in wrapped)


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
        if isinstance(node, Question):
            lines.append(
                f'    "{node.id}" [shape=box, style="rounded,filled", '
                f'fillcolor="#eef4fb", label="{dot_text(node.question)}"];'
            )
            for option in node.options:
                label = dot_text(option.label)
                if option.tree:
                    target = links.setdefault(option.tree, f"tree:{option.tree}")
                    edges.append(f'    "{node.id}" -> "{target}" [style=dashed, label="{label}"];')
                else:
                    edges.append(f'    "{node.id}" -> "{option.next}" [label="{label}"];')
        else:
            assert isinstance(node, Outcome)
            colour = ', color="#c62828", penwidth=2' if node.urgent else ""
            lines.append(
                f'    "{node.id}" [shape=box, style=filled, fillcolor="#eefbf0"'
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
