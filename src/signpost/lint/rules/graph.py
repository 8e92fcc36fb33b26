"""Graph: where the options lead. Unknown nodes and trees, unreachable nodes,
cycles within a tree and across `tree:` links, too few options, duplicate
labels, outcomes without steps, and routes that ask too many questions.

Every walk here is iterative and visits each node and option once, so a tree
of thousands of nodes costs no more than its size.
"""

from __future__ import annotations

from signpost.content import spec
from signpost.lint.config import Config
from signpost.lint.context import Findings, Folder, TreeInfo
from signpost.names import MAX_DEPTH, MAX_ROUTES
from signpost.similar import did_you_mean


def _maybe(word: str, choices) -> str:
    return did_you_mean(word, sorted(choices))


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for tree in folder.trees:
        _links(tree, folder, findings)
        _options_and_steps(tree, findings)
        _walk(tree, findings, config)
    _tree_cycles(folder, findings)


def _links(tree: TreeInfo, folder: Folder, findings: Findings) -> None:
    file = tree.file
    start = tree.get("start")
    if start is not None and start not in tree.declared:
        hint = _maybe(start, tree.declared) or "name the first question's id"
        findings.add(
            "unknown-node",
            file,
            ("start",),
            f"`start` names `{start}`, which is not a node of this tree; {hint}",
        )
    for node in tree.nodes.values():
        for option in node.options:
            path = node.path + ("options", option.index)
            after, other = option.get("next"), option.get("tree")
            if after is not None and after not in tree.declared:
                hint = _maybe(after, tree.declared) or "fix the id or add the node"
                findings.add(
                    "unknown-node",
                    file,
                    path + ("next",),
                    f"this option leads to `{after}`, which is not a node of this tree; {hint}",
                )
            if other is not None and other not in folder.tree_ids:
                hint = _maybe(other, folder.tree_ids) or f"add `trees/{other}.yaml` or fix the id"
                findings.add(
                    "unknown-tree",
                    file,
                    path + ("tree",),
                    f"this option leads to the tree `{other}`, which is not in this folder; {hint}",
                )


def _norm(label: str) -> str:
    # `re.sub(r"\s+", " ", label).strip()`: split() and strip() know the same spaces
    return " ".join(label.split()).casefold()


def _options_and_steps(tree: TreeInfo, findings: Findings) -> None:
    file = tree.file
    for node in tree.nodes.values():
        if node.kind == "question" and node.options_ok:
            if node.option_count < spec.QUESTION["options"].at_least:
                what = "no options" if node.option_count == 0 else "only one option"
                findings.add(
                    "too-few-options",
                    file,
                    node.path + ("options",),
                    f"the question `{node.id}` has {what}; give at least two answers "
                    '(an "I\'m not sure" answer is often the second)',
                )
            seen: dict[str, int] = {}
            for option in node.options:
                label = option.get("label")
                if label is None:
                    continue
                key = _norm(label)
                if key in seen:
                    findings.add(
                        "duplicate-label",
                        file,
                        node.path + ("options", option.index, "label"),
                        f"the label `{label}` is already option {seen[key] + 1} "
                        "of this question; make every answer different, or merge them",
                    )
                else:
                    seen[key] = option.index
        fewest_steps = spec.OUTCOME["steps"].at_least
        if node.kind == "outcome" and node.steps_ok and node.step_count < fewest_steps:
            findings.add(
                "no-steps",
                file,
                node.path + ("outcome", "steps"),
                f"the outcome `{node.id}` has no steps; add at least one step, with the "
                "source it rests on",
            )


def _walk(tree: TreeInfo, findings: Findings, config: Config) -> None:
    """Reachability, cycles and the longest route, in one depth-first pass per root."""
    reached, depth, best = _search(tree, findings)
    # Where a node or a list of options could not be read, its links are unknown:
    # reporting what they may have reached would only echo that first error.
    links_known = len(tree.nodes) == len(tree.declared) and all(
        node.options_ok and len(node.options) == node.option_count
        for node in tree.nodes.values()
        if node.kind == "question"
    )
    if tree.get("start") in tree.nodes and links_known:
        for node_id in tree.nodes:
            if node_id not in reached:
                findings.add(
                    "unreachable-node",
                    tree.file,
                    tree.nodes[node_id].path,
                    f"no answer leads to the node `{node_id}`; link an option to it with "
                    f"`next: {node_id}`, or remove it",
                    key=True,
                )
        _longest(tree, findings, config, depth, best)
        _routes(tree, findings, depth)


def _routes(tree: TreeInfo, findings: Findings, depth: dict[str, int]) -> None:
    """`too-many-routes`: more routes from `start` than `signpost paths` and `site` follow.
    Counted on the nodes in the order the search finished them (each after those it
    leads to), an answer that leads back or into another tree being one route."""
    start = tree.get("start")
    count: dict[str, int] = {}
    for node_id in depth:
        node = tree.nodes[node_id]
        total = 0 if node.kind == "question" else 1
        for option in node.options if node.kind == "question" else ():
            total = min(total + count.get(option.get("next"), 1), MAX_ROUTES + 1)
        count[node_id] = total
    if count.get(start or "", 0) > MAX_ROUTES:
        findings.add(
            "too-many-routes",
            tree.file,
            ("start",),
            f"more than {MAX_ROUTES:,} routes lead from `start` to an outcome; `signpost "
            "paths`, `site` and `diff` refuse a tree with so many — split it into smaller "
            "trees, or let answers meet again sooner",
        )


def _search(
    tree: TreeInfo, findings: Findings
) -> tuple[set[str], dict[str, int], dict[str, str | None]]:
    """Depth first from `start`, then from every node not yet seen, without recursion:
    reports each loop, and gives the nodes `start` reaches and, per node, the answers
    its longest route needs and the node that route goes to next."""
    nodes = tree.nodes
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    depth: dict[str, int] = {}
    best: dict[str, str | None] = {}
    start = tree.get("start")
    roots = ([start] if start in nodes else []) + list(nodes)
    reached: set[str] = set()
    for number, root in enumerate(roots):
        if root in state:
            continue
        from_start = number == 0 and root == start
        stack = [(root, iter(nodes[root].options))]
        state[root] = 1
        while stack:
            node_id, options = stack[-1]
            if from_start:
                reached.add(node_id)
            for option in options:
                child = option.get("next")
                if child is None or child not in nodes:
                    continue
                if state.get(child) == 1:
                    _cycle(tree, findings, [n for n, _ in stack], node_id, option.index, child)
                    continue
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(nodes[child].options)))
                    break
            else:
                stack.pop()
                state[node_id] = 2
                depth[node_id], best[node_id] = _deepest(tree, node_id, state, depth)
    return reached, depth, best


def _deepest(
    tree: TreeInfo, node_id: str, state: dict[str, int], depth: dict[str, int]
) -> tuple[int, str | None]:
    """The answers the longest route from a finished node needs, and where it goes next."""
    node = tree.nodes[node_id]
    if node.kind != "question":
        return 0, None
    depth[node_id], after = 1, None  # as read by an option back to this node itself
    for option in node.options:
        child = option.get("next")
        if child in tree.nodes and state.get(child) == 2 and depth[child] + 1 > depth[node_id]:
            depth[node_id], after = depth[child] + 1, child
    return depth[node_id], after


def _cycle(
    tree: TreeInfo, findings: Findings, route: list[str], node_id: str, index: int, child: str
) -> None:
    loop = route[route.index(child) :] + [child]
    findings.add(
        "cycle",
        tree.file,
        tree.nodes[node_id].path + ("options", index, "next"),
        f"this answer leads back to `{child}`, making a loop "
        f"({' → '.join(loop)}); a family who picks it is sent back to a question "
        "they already answered and loses the answers since — lead it to "
        "an outcome or a new question",
    )


def _longest(
    tree: TreeInfo,
    findings: Findings,
    config: Config,
    depth: dict[str, int],
    best: dict[str, str | None],
) -> None:
    start = tree.get("start")
    longest = depth.get(start or "", 0)
    if longest <= config.max_depth:
        return
    chain: list[str] = []
    at: str | None = start
    while at is not None and at not in chain[-1:] and len(chain) <= longest:
        chain.append(at)  # at most the longest route: a loop never makes it endless
        at = best.get(at)
    shown = " → ".join(chain if len(chain) <= 8 else chain[:3] + ["…"] + chain[-3:])
    refused = longest > MAX_DEPTH  # the walk, `paths` and `site` refuse it: an error
    findings.add(
        "path-too-long",
        tree.file,
        ("start",),
        f"the longest route from `start` needs {longest} answers (the limit, "
        f"`max-depth`, is {config.max_depth}): {shown}; ask fewer questions or "
        "split the tree"
        + (f"; over {MAX_DEPTH}, the walk, `paths` and `site` refuse it" if refused else ""),
        severity="error" if refused else None,
    )


def _tree_cycles(folder: Folder, findings: Findings) -> None:
    """`tree:` links that lead back to a tree already on the route."""
    trees = {tree.file.stem: tree for tree in folder.trees}
    links: dict[str, list[tuple[str, tuple]]] = {}
    for stem, tree in sorted(trees.items()):
        seen = set()
        for node in tree.nodes.values():
            for option in node.options:
                other = option.get("tree")
                if other in trees and other not in seen:
                    seen.add(other)
                    links.setdefault(stem, []).append(
                        (other, node.path + ("options", option.index, "tree"))
                    )
    state: dict[str, int] = {}
    for root in sorted(trees):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(links.get(root, [])))]
        while stack:
            stem, edges = stack[-1]
            for target, path in edges:
                if state.get(target) == 1:
                    route = [s for s, _ in stack]
                    loop = route[route.index(target) :] + [target]
                    findings.add(
                        "tree-cycle",
                        trees[stem].file,
                        path,
                        f"this link to the tree `{target}` closes a loop between trees "
                        f"({' → '.join(loop)}); a family who picks it is sent back to a question "
                        "they already answered and loses the answers since — link to a "
                        "tree that does not lead back here",
                    )
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(links.get(target, []))))
                    break
            else:
                stack.pop()
                state[stem] = 2
