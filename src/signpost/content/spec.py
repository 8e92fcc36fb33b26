"""The shape of tree files and the contacts catalogue, as data: the one description.

The tree model (`signpost.content.model`), lint's shape check (`lint/rules/shape.py`) and the JSON
Schema (`schema.py`) are all made from these tables, so the walk, the editor and the
linter never disagree about which keys exist, which are required, what kind each
value is and how many items a list needs. The names of the kinds of value are here
too (`kind_of`, `EXPECTED`), for every message that says what was found and what
was wanted.

A new tree key goes in one of the tables below, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple


class Field(NamedTuple):
    kind: str  # text, id, ref, date, bool, number, phone, list, mapping
    required: bool = False
    description: str = ""
    at_least: int = 0  # a list's fewest items, or a mapping's fewest keys


TEXT_KINDS = frozenset({"text", "id", "ref"})

# What each kind of value is written as, for "should be X" in a message.
EXPECTED = {
    "text": "text",
    "id": "text",
    "ref": "text",
    "date": "a date (YYYY-MM-DD)",
    "bool": "`true` or `false`",
    "number": "a number",
    "phone": "a phone number in quotes",
    "list": "a list (lines starting with `- `)",
    "mapping": "a mapping (indented `key: value` lines)",
}


def kind_of(value: Any) -> str:
    """What a loaded value is, for "not X" in a message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        dt.date: "a date",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> dt.date | None:
    """The date a YYYY-MM-DD text names, or None if it is not one (or not a real date)."""
    if not DATE.match(text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


# The findings (with the `yaml` group's) below which a tree cannot be walked at all
# (lint's other errors, such as an id that is not kebab-case or a `reviewed` date after
# today, do not stop a walk):
# `model.build_tree` refuses a tree exactly when lint reports one of these as an error,
# and tests/test_model_lint_agree.py holds the two to that.
FLOOR_RULES = frozenset(
    {
        "top-level-not-mapping",
        "missing-key",
        "missing-source",
        "wrong-type",
        "unquoted-boolean",
        "empty-value",
        "bad-date",
        "question-or-outcome",
        "option-target",
        "bad-audience",
        "unknown-node",
        "too-few-options",
        "no-steps",
    }
)


AUDIENCES = ("parents", "professionals")

TREE = {
    "id": Field("id", True, "The tree's id: kebab-case, the same as the file name without .yaml."),
    "title": Field("text", True, "The situation in the person's own words, shown in the menu."),
    "summary": Field("text", True, "One line under the title in the menu."),
    "audience": Field("list", True, "Who it is for: parents and/or professionals.", 1),
    "reviewed": Field("date", True, "The date (YYYY-MM-DD) the content was last checked."),
    "start": Field("ref", True, "The id of the first node."),
    "nodes": Field("mapping", True, "A mapping of node id to node.", 1),
    "order": Field("number", False, "A number used to sort the menu (lower first)."),
    "menu": Field("bool", False, "false hides the tree from the menu."),
}

QUESTION = {
    "question": Field("text", True, "One plain question, second person."),
    "help": Field("text", False, "Shown under 'Why are we asking?'."),
    "options": Field("list", True, "Two or more options, each with a label and where it leads.", 2),
}

OUTCOME_NODE = {
    "outcome": Field("mapping", True, "What to do: title, steps and contacts."),
}

OPTION = {
    "label": Field("text", True, "The answer as the person sees it; unique within the question."),
    "next": Field("ref", False, "Another node of this tree."),
    "tree": Field("ref", False, "The id of another tree, whose start comes next."),
}

OUTCOME = {
    "title": Field("text", True, "What to do, in a few words."),
    "intro": Field("text", False, "One or two calm sentences before the steps."),
    "urgent": Field(
        "bool", False, "true on paths about crisis or risk: the urgent route comes first."
    ),
    "steps": Field("list", True, "One or more steps, in the order to do them.", 1),
    "contacts": Field("list", False, "Contact ids from contacts.yaml, most useful first."),
}

STEP = {
    "text": Field("text", True, "The step in plain English; may paraphrase the source."),
    "source": Field("mapping", True, "The passage of a document in seeds/ the step rests on."),
}

SOURCE = {
    "doc": Field("text", True, "A file name in seeds/."),
    "quote": Field("text", True, "Words copied exactly from that document."),
}

CATALOGUE = {
    "contacts": Field("mapping", True, "A mapping of contact id to contact."),
}

GLOSSARY = {
    "terms": Field("mapping", True, "A mapping of each term, as written, to what it means."),
}

TERM = {
    "means": Field("text", True, "The words in full, as the source gives them where one does."),
    "source": Field("mapping", False, "The passage that gives the expansion, where a source does."),
}

CONTACT = {
    "name": Field("text", True, "The service as the source names it."),
    "for": Field("text", True, "What to use it for, in one or two sentences."),
    "phone": Field("phone", False, "A UK phone number, as the source gives it."),
    "email": Field("text", False, "An email address, as the source gives it."),
    "web": Field("text", False, "A web address, as the source gives it."),
    "page": Field("text", False, "A web page the source names without its address."),
    "ask-for": Field(
        "text",
        False,
        "For a role with no phone, email, web or page: how a family reaches it, shown "
        'in place of details ("Ask your child\'s school for its SENCO.").',
    ),
    "names": Field(
        "list", False, 'What the sources call it ("SENCO", "Let\'s Talk SEND"), as they write it.'
    ),
    "national": Field("bool", False, "true only for 999 and NHS 111."),
    "source": Field(
        "mapping", False, "The passage that gives this contact (required unless national)."
    ),
}
