"""The shape of tree files and the contacts catalogue, as data.

Both the shape check (`rules/shape.py`) and the JSON Schema (`schema.py`) are
made from these tables, so the editor and the linter never disagree about
which keys exist or are required.
"""

from __future__ import annotations

from typing import NamedTuple


class Field(NamedTuple):
    kind: str  # text, id, ref, date, bool, number, phone, list, mapping
    required: bool = False
    description: str = ""


AUDIENCES = ("parents", "professionals")

TREE = {
    "id": Field("id", True, "The tree's id: kebab-case, the same as the file name without .yaml."),
    "title": Field("text", True, "The situation in the person's own words, shown in the menu."),
    "summary": Field("text", True, "One line under the title in the menu."),
    "audience": Field("list", True, "Who it is for: parents and/or professionals."),
    "reviewed": Field("date", True, "The date (YYYY-MM-DD) the content was last checked."),
    "start": Field("ref", True, "The id of the first node."),
    "nodes": Field("mapping", True, "A mapping of node id to node."),
    "order": Field("number", False, "A number used to sort the menu (lower first)."),
    "menu": Field("bool", False, "false hides the tree from the menu."),
}

QUESTION = {
    "question": Field("text", True, "One plain question, second person."),
    "help": Field("text", False, "Shown under 'Why are we asking?'."),
    "options": Field("list", True, "Two or more options, each with a label and where it leads."),
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
    "steps": Field("list", True, "One or more steps, in the order to do them."),
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
    "names": Field(
        "list", False, 'What the sources call it ("SENCO", "Let\'s Talk SEND"), as they write it.'
    ),
    "national": Field("bool", False, "true only for 999 and NHS 111."),
    "source": Field(
        "mapping", False, "The passage that gives this contact (required unless national)."
    ),
}
