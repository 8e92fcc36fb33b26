"""Whole trees with contacts and source passages resolved: JSON for integrations,
Markdown as a booklet a support worker can print and hand over.

The booklet numbers the questions (1, 2, ...) and the outcomes (A, B, ...) in
the order a person meets them, so each option can say "go to question 2" or
"see outcome B" on paper. Passages are quoted as published, as in a plan.
"""

from __future__ import annotations

import string
from typing import Any

from signpost import __version__
from signpost.content.glossary import Explainer, Term
from signpost.content.library import Library
from signpost.content.model import Outcome, Question, Tree, tree_order
from signpost.safetext import markdown
from signpost.walk.plan import CitedStep, cite_steps, contact_dict, dates_note, outcome_texts
from signpost.walk.plantext import Style, outcome_lines
from signpost.walk.routes import linked_tree

# An outcome in the booklet is written as in a saved plan (`outcome_lines`), but inside
# the outcome's own `###` section: its parts are headed by a plain line ("Who to
# contact:"), the steps need no heading of their own, each source is one list item
# with its document after it.
BOOKLET = Style(
    markdown,
    ("{}:", ""),
    "- ",
    "**",
    steps_heading=False,
    source_on_one_line=True,
    source_file=False,  # a booklet for families: documents by title, never a file name
)


def node_order(tree: Tree) -> list[str]:
    """Node ids in the order a person meets them (breadth first), then any unreachable."""
    return tree_order(tree)


def _node_terms(library: Library, tree: Tree, explainer: Explainer, node) -> list[Term]:
    """The glossary terms first seen at `node`, reading the tree in booklet order."""
    if isinstance(node, Question):
        return explainer.explain([node.question, *(o.label for o in node.options), node.help])
    steps = cite_steps(library, tree, node)
    contacts = library.contacts_of(tree, node)
    return explainer.explain(outcome_texts(node, steps, contacts))


def tree_dict(library: Library, tree: Tree) -> dict:
    nodes: list[dict[str, Any]] = []
    explainer = Explainer(library.glossary)
    first_terms = explainer.explain([tree.title, tree.summary])
    for node_id in node_order(tree):
        node = tree.nodes[node_id]
        terms = [t.to_dict() for t in _node_terms(library, tree, explainer, node)]
        if isinstance(node, Question):
            nodes.append(
                {
                    "id": node.id,
                    "kind": "question",
                    "question": node.question,
                    "help": node.help,
                    "options": [
                        {"label": o.label, "next": o.next, "tree": o.tree} for o in node.options
                    ],
                    "terms": terms,
                }
            )
            continue
        assert isinstance(node, Outcome)
        steps = [s.to_dict() for s in cite_steps(library, tree, node)]
        nodes.append(
            {
                "id": node.id,
                "kind": "outcome",
                "title": node.title,
                "intro": node.intro,
                "urgent": node.urgent,
                "terms": terms,
                "steps": steps,
                "contacts": [contact_dict(c) for c in library.contacts_of(tree, node)],
            }
        )
    return {
        "id": tree.id,
        "title": tree.title,
        "summary": tree.summary,
        "terms": [t.to_dict() for t in first_terms],
        "audience": list(tree.audience),
        "reviewed": tree.reviewed.isoformat(),
        "menu": tree.menu,
        "order": tree.order,
        "start": tree.start,
        "nodes": nodes,
    }


def export_dict(library: Library, trees: list[Tree]) -> dict:
    return {
        "version": 1,
        "signpost": __version__,
        "glossary": [t.to_dict() for t in library.glossary.terms.values()],
        "trees": [tree_dict(library, tree) for tree in trees],
    }


def _labels(tree: Tree) -> dict[str, str]:
    labels: dict[str, str] = {}
    questions = outcomes = 0
    for node_id in node_order(tree):
        if isinstance(tree.nodes[node_id], Question):
            questions += 1
            labels[node_id] = f"question {questions}"
        else:
            labels[node_id] = f"outcome {_letters(outcomes)}"
            outcomes += 1
    return labels


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _letters(n: int) -> str:
    letters = string.ascii_uppercase
    return letters[n] if n < 26 else _letters(n // 26 - 1) + letters[n % 26]


def tree_markdown(library: Library, tree: Tree) -> str:
    md = markdown  # every piece of tree or source text: literal Markdown, nothing more
    lines = [
        f"# {md(tree.title)}",
        "",
        md(tree.summary),
        "",
        f"For: {md(', '.join(tree.audience))}. Checked against the sources on "
        f"{tree.reviewed.isoformat()}. To walk it: `signpost run {tree.id}`.",
        "",
    ]
    explainer = Explainer(library.glossary)  # each term explained where it is first met
    lines += _words(explainer.explain([tree.title, tree.summary]))
    labels = _labels(tree)
    nodes = [tree.nodes[node_id] for node_id in node_order(tree)]
    lines += ["## Questions", ""]
    for node in nodes:
        if isinstance(node, Question):
            lines += _question_lines(library, tree, explainer, labels, node)
    lines += ["## Outcomes", ""]
    cited: list[CitedStep] = []
    for node in nodes:
        if isinstance(node, Outcome):
            lines += _outcome_lines(library, tree, explainer, labels, node, cited)
    lines += [dates_note(tree.reviewed, tuple(cited)), ""]
    return "\n".join(lines)


def _question_lines(
    library: Library, tree: Tree, explainer: Explainer, labels: dict[str, str], node: Question
) -> list[str]:
    """A question of the booklet, each option saying where it leads."""
    md = markdown
    lines = [f"### {_upper_first(labels[node.id])}. {md(node.question)}", ""]
    lines += _words(_node_terms(library, tree, explainer, node))
    if node.help:
        lines += [f"Why we ask: {md(node.help)}", ""]
    for option in node.options:
        if option.tree:
            other = linked_tree(library, tree, node, option)
            where = f"carry on with \u201c{md(other.title)}\u201d (`signpost run {other.id}`)"
        else:
            target = tree.nodes[option.node]
            name = target.question if isinstance(target, Question) else target.title
            where = f"go to {labels[option.node]} ({md(name)})"
        lines.append(f"- **{md(option.label)}**: {where}")
    return [*lines, ""]


def _outcome_lines(
    library: Library,
    tree: Tree,
    explainer: Explainer,
    labels: dict[str, str],
    node: Outcome,
    cited: list[CitedStep],
) -> list[str]:
    """An outcome of the booklet, written as a plan writes it; its steps join `cited`."""
    urgent = " (urgent)" if node.urgent else ""
    lines = [f"### {_upper_first(labels[node.id])}. {markdown(node.title)}{urgent}", ""]
    lines += _words(_node_terms(library, tree, explainer, node))
    steps = cite_steps(library, tree, node)
    contacts = library.contacts_of(tree, node)
    cited += steps
    return lines + outcome_lines(node, steps, contacts, BOOKLET)


def _words(terms: list[Term]) -> list[str]:
    """`Words used here: EHCP means ...`, for the terms a part of the booklet meets first."""
    return [f"Words used here: {' '.join(t.sentence for t in terms)}", ""] if terms else []


def export_markdown(library: Library, trees: list[Tree]) -> str:
    parts = [tree_markdown(library, tree) for tree in trees]
    return "\n---\n\n".join(parts).rstrip("\n") + "\n"
