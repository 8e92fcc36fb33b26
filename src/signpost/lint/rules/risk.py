"""Risk: a child who may be at risk meets the urgent route first, in every tree.

`risk-question` (issue 24): each tree's first question offers, first, an urgent option
in plain words (the child may be in danger, has hurt themselves, talks about suicide
or self-harm) that leads to an outcome with `urgent: true` listing the national
emergency routes (the catalogue's `national: true` contacts: 999 and NHS 111); and
every question that asks about harm names suicide and self-harm too, so a parent whose
child says "I want to die" does not answer "No".

The words are read from the question and its first option together, so both a menu
("My child may be in danger, has hurt themselves, or talks about suicide or self-harm")
and a yes-or-no question ("First, is your child in danger now, or do they talk about
suicide or harming themselves?" / "Yes, or I think they might be") pass.
"""

from __future__ import annotations

import re

from signpost.lint.config import Config
from signpost.lint.context import Findings, Folder, NodeInfo, TreeInfo

# Each thing the urgent option must say, and the words that say it (any case; compiled
# by `re` when first searched: only first questions, and questions about harm, are).
SAYS = {
    "danger": r"(?i)\b(?:danger|unsafe|at risk)",
    "suicide": r"(?i)\bsuicid",
    "self-harm": (
        r"(?i)\bself[- ]?harm|\b(?:harm|harming|hurt|hurting)\s+(?:them|him|her)sel(?:f|ves)\b"
    ),
}
# A question asks about harm when its text or one of its options uses one of these.
# (The lookahead names the letters the words start with, so that `re` skips to a place
# where one can start instead of trying every word at every place: ~3 times faster.)
_HARM = re.compile(
    r"(?=[acdhsu])"
    r"\b(?:danger\w*|unsafe|hurt\w*|harm|harmed|harming|self-harm\w*|attack\w*|assault\w*|"
    r"suicid\w*|crisis|at risk(?! of (?:being )?(?:exclu|miss|los)))",
    re.IGNORECASE,
)


def check(folder: Folder, findings: Findings, config: Config) -> None:
    national = (
        {c.id for c in folder.catalogue.contacts.values() if c.get("national")}
        if folder.catalogue is not None
        else None
    )
    for tree in folder.trees:
        said = _first_question(tree, national, findings)
        for node in tree.nodes.values():
            if node.kind == "question" and not (said and node.id == tree.get("start")):
                _names_suicide(tree, node, findings)


def _text(node: NodeInfo, *labels: str | None) -> str:
    return " ".join(t for t in (node.get("question"), *labels) if t)


def _missing(text: str) -> list[str]:
    return [thing for thing, words in SAYS.items() if not re.search(words, text)]


def _first_question(tree: TreeInfo, national: set[str] | None, findings: Findings) -> bool:
    """The first question's urgent option; whether its words were found wanting (then
    the question is not reported again for them)."""
    start = tree.nodes.get(tree.get("start") or "")
    if start is None:
        return False  # unknown-node says so
    if start.kind != "question" or not start.options:
        findings.add(
            "risk-question",
            tree.file,
            ("start",),
            "this tree starts with an outcome, not a question; start with a question whose "
            "first option is the urgent one (the child may be in danger, has hurt themselves, "
            "or talks about suicide or self-harm)",
        )
        return False
    first = start.options[0]
    path = start.path + ("options", first.index, "label")
    missing = _missing(_text(start, first.get("label")))
    if missing:
        findings.add(
            "risk-question",
            tree.file,
            path,
            "the first option of this tree's first question is not the urgent one: it "
            f'does not mention {_and(missing)}; offer first, in plain words, "My child may be in '
            'danger, has hurt themselves, or talks about suicide or self-harm"',
        )
        return True
    target = tree.nodes.get(first.get("next") or "")
    if target is None or target.kind != "outcome" or not target.get("urgent"):
        findings.add(
            "risk-question",
            tree.file,
            start.path + ("options", first.index),
            "the urgent option of this tree's first question does not lead to an outcome "
            "with `urgent: true`; point its `next` at one, which lists 999 and NHS 111 first",
        )
        return False
    listed = {contact_id for _, contact_id in target.contacts}
    lacking = [f"`{c}`" for c in sorted((national or set()) - listed)]
    if lacking:
        findings.add(
            "risk-question",
            tree.file,
            target.path + ("outcome", "contacts") if target.contacts else target.path,
            f"the urgent outcome `{target.id}` does not list {_and(lacking)}; an urgent "
            "outcome lists the national emergency routes (the `national: true` contacts) first",
        )
    return False


def _names_suicide(tree: TreeInfo, node: NodeInfo, findings: Findings) -> None:
    labels = [option.get("label") for option in node.options]
    text = _text(node, *labels)
    if not _HARM.search(text):
        return
    missing = [thing for thing in ("suicide", "self-harm") if not re.search(SAYS[thing], text)]
    if missing:
        findings.add(
            "risk-question",
            tree.file,
            node.path + ("question",),
            f"this question asks about harm but does not name {_and(missing)}; a child who "
            'talks about suicide or self-harm is at risk too, so name both ("… or talks '
            'about suicide or self-harm")',
        )


def _and(things: list[str]) -> str:
    return things[0] if len(things) == 1 else ", ".join(things[:-1]) + " or " + things[-1]
