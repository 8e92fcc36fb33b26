"""The one list of lint rules: name, group, default severity and a one-line summary.

Each rule's full documentation (what it checks, why, a failing example and the
fix) is `docs/rules/<name>.md`, shipped in the wheel; `signpost lint --explain
NAME` prints it. The checks that report the rules live in `rules/<group>.py`,
one module per group, run in the order of `CHECKS`.
"""

from __future__ import annotations

from typing import NamedTuple

from signpost.lint.diagnostic import Severity

E, W, OFF = Severity.ERROR, Severity.WARNING, Severity.OFF


class Rule(NamedTuple):
    name: str
    group: str
    severity: Severity
    summary: str


_RULES = [
    # yaml: the file itself (rules/yamlfile.py)
    Rule("yaml-syntax", "yaml", E, "The file is not valid YAML."),
    Rule("bad-indentation", "yaml", E, "A line indented more or less than its block."),
    Rule("complex-key", "yaml", E, "A key that is a list or mapping (`? [a, b]`), not text."),
    Rule("duplicate-key", "yaml", E, "A key appears twice in one mapping."),
    Rule("not-utf8", "yaml", E, "The file is not UTF-8 text."),
    Rule("empty-file", "yaml", E, "The file holds nothing."),
    Rule("yaml-alias", "yaml", E, "An anchor or alias (`&name`, `*name`) is used."),
    Rule("yaml-tag", "yaml", E, "A YAML tag (`!!python/...`, `!thing`) is used."),
    Rule("no-tabs", "yaml", E, "A tab character; YAML indents with spaces."),
    Rule("top-level-not-mapping", "yaml", E, "The file is not a mapping of keys to values."),
    Rule("unreadable-file", "yaml", E, "A path that cannot be read as a file."),
    # shape: keys, types and values (rules/shape.py, fields.py and tables.py)
    Rule("unknown-key", "shape", E, "A key the format does not have (often a typo)."),
    Rule("missing-key", "shape", E, "A required key is missing."),
    Rule("wrong-type", "shape", E, "A value of the wrong kind (text, list, mapping, number...)."),
    Rule("unquoted-boolean", "shape", E, "A bare Yes/No/On/Off that YAML reads as true/false."),
    Rule("empty-value", "shape", E, "Text that is empty or only spaces."),
    Rule(
        "question-or-outcome",
        "shape",
        E,
        "A node that is neither a question nor an outcome, or both.",
    ),
    Rule("option-target", "shape", E, "An option without exactly one of `next` or `tree`."),
    Rule("bad-id", "shape", E, "An id that is not kebab-case."),
    Rule("id-file-mismatch", "shape", E, "A tree's `id` differs from its file name."),
    Rule("bad-date", "shape", E, "`reviewed` is not a real YYYY-MM-DD date, or is in the future."),
    Rule("bad-audience", "shape", E, "An audience other than `parents` or `professionals`."),
    # graph: where the options lead (rules/graph.py)
    Rule("unknown-node", "graph", E, "`start` or `next` names a node the tree does not have."),
    Rule("unknown-tree", "graph", E, "`tree:` names a tree that is not in the folder."),
    Rule("unreachable-node", "graph", E, "A node no route from `start` reaches."),
    Rule("cycle", "graph", E, "Answers can lead round in a circle within a tree."),
    Rule("tree-cycle", "graph", E, "`tree:` links lead round in a circle between trees."),
    Rule("too-few-options", "graph", E, "A question with fewer than two options."),
    Rule("duplicate-label", "graph", E, "Two options of one question have the same label."),
    Rule("no-steps", "graph", E, "An outcome with no steps."),
    Rule("path-too-long", "graph", W, "A route needs more answers than `max-depth`."),
    Rule("too-many-routes", "graph", E, "More routes than `paths`, `site` and `diff` follow."),
    # contacts: the catalogue and its use (rules/contacts.py)
    Rule(
        "unknown-contact", "contacts", E, "An outcome lists a contact the catalogue does not have."
    ),
    Rule("unused-contact", "contacts", W, "A catalogue entry no tree uses."),
    Rule("bad-phone", "contacts", E, "A phone number that is not a UK number."),
    Rule("bad-email", "contacts", E, "An email address that is not well formed."),
    Rule("bad-web", "contacts", E, "A web address that is not well formed."),
    Rule("conflicting-phone", "contacts", E, "One service given different phone numbers."),
    Rule(
        "urgent-contact-first",
        "contacts",
        E,
        "An urgent outcome whose first contact is not national.",
    ),
    Rule("bad-national", "contacts", E, "`national: true` on anything but 999 and NHS 111."),
    Rule(
        "unreachable-contact",
        "contacts",
        OFF,
        "An outcome lists a contact with no way to reach it, and no one to ask for it.",
    ),
    # provenance: every step and detail traceable to seeds/ (rules/provenance.py)
    Rule("missing-source", "provenance", E, "A step or contact without a `source`."),
    Rule("unknown-doc", "provenance", E, "`source.doc` is not a document in seeds/."),
    Rule("quote-not-found", "provenance", E, "A quote that is not in its source document."),
    Rule(
        "unsourced-detail", "provenance", E, "A phone number, email or web address no source gives."
    ),
    Rule(
        "quote-marks",
        "provenance",
        OFF,
        "A quote's quote marks differ from its source's (straight for curly); --fix copies them.",
    ),
    Rule(
        "uncited-contact",
        "provenance",
        OFF,
        "An outcome lists a contact that no passage its steps cite names.",
    ),
    # attribution: who says it, in what a step quotes (rules/attribution.py)
    Rule(
        "mixed-voices",
        "attribution",
        E,
        "A quote that runs from one voice into another (a question into its answer).",
    ),
    Rule(
        "not-an-answer",
        "attribution",
        E,
        "A step quotes someone the source reports (a parent's question), not the source.",
    ),
    Rule("short-quote", "attribution", E, "A quote too short to be a citation."),
    Rule(
        "unnamed-group",
        "attribution",
        E,
        "A step resting on a parent-led group's guidance does not name the group.",
    ),
    # risk: the urgent route first, in every tree (rules/risk.py)
    Rule(
        "risk-question",
        "risk",
        OFF,
        "A tree whose first question does not offer the urgent option first, or a "
        "question about harm that does not name suicide and self-harm.",
    ),
    # safety: text that is shown as typed, never obeyed (rules/safety.py)
    Rule(
        "unsafe-text",
        "safety",
        E,
        "Text with a control character, a bidi override or markup, or too long to show.",
    ),
    # freshness (rules/freshness.py)
    Rule("stale-review", "freshness", W, "`reviewed` is older than `stale-after-months`."),
    # readability: plain English (rules/readability.py)
    Rule(
        "long-sentence",
        "readability",
        W,
        "A sentence a family reads is longer than `max-sentence-words`.",
    ),
    Rule("undefined-acronym", "readability", W, "An acronym used before the tree explains it."),
    Rule(
        "unexplained-word",
        "readability",
        OFF,
        "A word a parent may not know that the glossary does not explain.",
    ),
    Rule(
        "hard-to-read",
        "readability",
        OFF,
        "An outcome's text scores above `max-lix` on LIX readability.",
    ),
    # everyday words: the table search reads sentences with (rules/everyday.py)
    Rule(
        "everyday-words",
        "everyday",
        E,
        "An everyday-words entry is malformed, or means a term the trees never use.",
    ),
    # the linter's own comments (lint/disable.py)
    Rule("unknown-rule", "meta", E, "A `# signpost: disable=` comment names no rule."),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}
GROUPS = (
    "yaml",
    "shape",
    "graph",
    "contacts",
    "provenance",
    "attribution",
    "risk",
    "safety",
    "freshness",
    "readability",
    "everyday",
    "meta",
)


def docs_dir():
    """Where the rule docs are: in the wheel (`signpost/_data/docs/rules`) or the repo."""
    from signpost.content.library import shipped

    return shipped("docs") / "rules"


def explain(name: str) -> str:
    """The Markdown documentation of one rule."""
    from signpost.errors import TreeError

    path = docs_dir() / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise TreeError("the documentation of this rule is missing", where=str(path)) from None
