"""Generate a large, valid tree for benchmarks and scaling tests.

`tree_yaml(2000)` is a tree of 2000 nodes that lints clean: a binary tree of
questions (node i leads to nodes 2i+1 and 2i+2) ending in outcomes whose steps
quote real passages of the shipped seeds, so every check does its real work.
The deepest route is about log2(nodes) answers, within the default `max-depth`, and
"I'm not sure" leads to the last outcome, so there are about `nodes` routes (within
the 10,000 `paths`, `site` and lint's `too-many-routes` allow).
"""

from __future__ import annotations

QUOTES = (
    (
        "000_cd7fdd44bcd59a55.txt",
        "we always recommend you have an honest conversation with your child's education setting",
    ),
    ("000_cd7fdd44bcd59a55.txt", "please do call 01305 228866"),
    ("000_cd7fdd44bcd59a55.txt", "kooth.com who provide free online therapy for young people"),
    (
        "001_65b7c983f0e9fb53.txt",
        "If specialist provision is needed, your SEND Provision Lead will look for "
        "suitable schools",
    ),
)


def node_id(index: int) -> str:
    return f"node-{index}"


def tree_yaml(nodes: int = 2000, tree_id: str = "big", reviewed: str = "2026-11-01") -> str:
    """The YAML text of a valid tree of `nodes` nodes (at least 3), ids `node-0`... ."""
    if nodes < 3:
        raise ValueError("a generated tree needs at least 3 nodes")
    out = [
        "# A generated tree (bench/bigtree.py).",
        f"id: {tree_id}",
        f"title: A generated tree of {nodes} nodes",
        "summary: For measuring the linter.",
        "audience: [parents, professionals]",
        f"reviewed: {reviewed}",
        f"start: {node_id(0)}",
        "nodes:",
    ]
    for index in range(nodes):
        out.append(f"  {node_id(index)}:")
        first = 2 * index + 1
        if first < nodes:
            second = 2 * index + 2 if 2 * index + 2 < nodes else nodes - 1
            out += [
                f"    question: Is this the situation you are in, step {index}?",
                "    help: We ask so that we can show you the right next step.",
                "    options:",
                f"      - label: Yes, it is step {first}",
                f"        next: {node_id(first)}",
                f"      - label: No, it is step {second}",
                f"        next: {node_id(second)}",
                "      - label: I'm not sure",
                f"        next: {node_id(nodes - 1)}",  # an outcome: routes add, not multiply
            ]
        else:
            doc, quote = QUOTES[index % len(QUOTES)]
            out += [
                "    outcome:",
                f"      title: Plan number {index}",
                "      intro: Here is what to do next.",
                "      steps:",
                "        - text: Talk to the school about a plan together.",
                "          source:",
                f"            doc: {doc}",
                f'            quote: "{quote}"',
            ]
    return "\n".join(out) + "\n"
