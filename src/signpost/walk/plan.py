"""The plan a walk ends at, as data: the one plan model every screen shows.

A `Plan` holds every part a person is shown (`PARTS`): the title, the urgent box, the
steps with who says each, the contacts, the words explained, the sources by title and
publisher, the answers and the dates said in words. The terminal screen
(`ui/screens`), the Markdown and plain text (`walk/plantext`), `--format json` and the
web pages (`reports/site`) are all made from it, so no part exists on one screen only.
Saving a plan to a file is `savefile`'s job.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from signpost.content.document import About, long_date
from signpost.content.glossary import Explainer, Term
from signpost.content.library import Library
from signpost.content.model import Contact, Outcome, Tree
from signpost.errors import TreeError
from signpost.walk.state import Answer, Walk


class CitedStep(NamedTuple):
    number: int
    text: str
    doc: str
    doc_title: str
    passage: str  # as published in the document
    line: int  # 1-based line of the passage in the document
    about: About | None = None  # who published the document, what kind, its date
    who: str | None = None  # "Define Fine, a parent-led group": shown beside the step
    says: str | None = None  # "Define Fine, a parent-led group, says": before the passage

    @property
    def marker(self) -> str:
        """`[1: Define Fine, a parent-led group]`, or `[1]` for a document not described."""
        return f"[{self.number}: {self.who}]" if self.who else f"[{self.number}]"

    @property
    def source_name(self) -> str:
        """The document as a family sees it: its title and publisher, never its file name."""
        publisher = self.about.publisher if self.about else ""
        if publisher and publisher.casefold() not in self.doc_title.casefold():
            return f"{self.doc_title}, published by {publisher}"
        return self.doc_title

    @property
    def quoted(self) -> str:
        """The passage in quotation marks, after who says it when that is known."""
        passage = f"\u201c{self.passage}\u201d"
        return f"{self.says}: {passage}" if self.says else passage

    def to_dict(self) -> dict:
        about = self.about
        return {
            "number": self.number,
            "text": self.text,
            "source": {
                "doc": self.doc,
                "title": self.doc_title,
                "quote": self.passage,
                "line": self.line,
                "publisher": about.publisher if about else None,
                "kind": about.kind if about else None,
                "date": about.date.isoformat() if about and about.date else None,
                "who": self.who,
            },
        }


# The parts of a plan, in order; the first screen is what a person needs at once.
# The steps come before the words they use are explained: on a small screen the steps
# are what must show first, and the explanations are still on the same screen.
PARTS = ("title", "urgent", "intro", "steps", "terms", "contacts", "sources", "answers", "footer")
FIRST_SCREEN = ("title", "urgent", "intro", "steps", "terms", "contacts")


def dates_note(reviewed: dt.date, steps: tuple[CitedStep, ...]) -> str:
    """What the dates mean, for the foot of a plan: when the guide was checked, and the
    dates the cited documents give for themselves (most give none)."""
    note = (
        f"About the dates: this guide was last checked against its sources on "
        f"{long_date(reviewed)}. That is not when the sources were written."
    )
    dated: dict[str, dt.date] = {}
    undated = False
    for step in steps:
        if step.about is not None and step.about.date is not None:
            dated.setdefault(step.doc_title, step.about.date)
        else:
            undated = True
    for title, date in dated.items():
        note += f" \u201c{title}\u201d is from {long_date(date)}."
    if undated:
        note += (
            " The other sources give no date, so things may have changed since."
            if dated
            else " The sources give no date of their own, so things may have changed since."
        )
    return note + " Check with a service before you rely on it."


class Plan(NamedTuple):
    tree: Tree  # the tree the person chose
    outcome_tree: Tree  # the tree the outcome is in (differs after a cross-tree link)
    outcome: Outcome
    steps: tuple[CitedStep, ...]
    contacts: tuple[Contact, ...]
    answers: tuple[Answer, ...]
    made: dt.date
    terms: tuple[Term, ...] = ()  # glossary terms the plan uses and does not spell out
    # The national emergency routes, kept at the top of a plan reached by carrying on
    # after an urgent answer: the person told us their child may be at risk.
    safety: tuple[Contact, ...] = ()

    @property
    def urgent_contacts(self) -> tuple[Contact, ...]:
        return split_contacts(self.outcome, self.contacts)[0] or self.safety

    @property
    def urgent_title(self) -> str:
        return urgent_title(self.outcome, self.safety)

    @property
    def other_contacts(self) -> tuple[Contact, ...]:
        return split_contacts(self.outcome, self.contacts)[1]

    @property
    def dates(self) -> str:
        """What the dates mean, said in words (`dates_note`)."""
        return dates_note(self.outcome_tree.reviewed, self.steps)

    def parts(self) -> dict[str, list[str]]:
        """The words of each part of the plan, as every screen must show them: what the
        one-plan test looks for in the terminal, the Markdown and the web page."""
        urgent = self.urgent_contacts
        return {
            "title": [self.outcome.title],
            "urgent": ([self.urgent_title] if urgent else [])
            + [text for c in urgent for text in (c.name, c.phone or "", c.for_)],
            "intro": [self.outcome.intro] if self.outcome.intro else [],
            "steps": [text for s in self.steps for text in (s.text, s.who or "")],
            "terms": [term.sentence for term in self.terms],
            "contacts": [
                text
                for c in self.other_contacts
                for text in (c.name, c.for_, *(value for _, value in contact_details(c)))
            ],
            "sources": [text for s in self.steps for text in (s.passage, s.source_name)],
            "answers": [text for a in self.answers for text in (a.question, a.said)],
            "footer": [self.dates],
        }

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "tree": self.tree.id,
            "situation": self.tree.title,
            "outcome": {
                "id": self.outcome.id,
                "tree": self.outcome_tree.id,
                "title": self.outcome.title,
                "intro": self.outcome.intro,
                "urgent": self.outcome.urgent,
            },
            "terms": [t.to_dict() for t in self.terms],
            "steps": [s.to_dict() for s in self.steps],
            "contacts": [contact_dict(c) for c in self.contacts],
            "path": [answer_dict(a) for a in self.answers],
            "at_risk": bool(self.safety) or self.outcome.urgent,
            "reviewed": self.outcome_tree.reviewed.isoformat(),
            "about_dates": dates_note(self.outcome_tree.reviewed, self.steps),
            "date": self.made.isoformat(),
        }


URGENT_TITLE = "First, if your child is at risk right now"
CARRIED_TITLE = "You told us your child may be at risk"


def urgent_title(outcome: Outcome, safety: tuple[Contact, ...]) -> str:
    """The heading of the urgent box: an urgent outcome's, or a carried-on plan's."""
    return CARRIED_TITLE if safety and not outcome.urgent else URGENT_TITLE


def answer_dict(a: Answer) -> dict:
    """One answer as `--format json` gives it: what was said, and any carry-on after it."""
    found: dict = {"tree": a.tree, "node": a.node, "question": a.question, "answer": a.label}
    if a.then is not None:
        found["carried_on"] = True
        found["then"] = a.then_label
    return found


def split_contacts(
    outcome: Outcome, contacts: tuple[Contact, ...]
) -> tuple[tuple[Contact, ...], tuple[Contact, ...]]:
    """The contacts to call at once (the national ones, on an urgent outcome) and the rest."""
    urgent = tuple(c for c in contacts if c.national) if outcome.urgent else ()
    return urgent, tuple(c for c in contacts if c not in urgent)


def contact_details(contact: Contact) -> list[tuple[str, str]]:
    """What a plan shows of how to reach a contact, in every rendering alike: for a role
    (`ask-for`: a SENCO, your GP) who to ask, then each detail the sources give."""
    details = [("How to reach them", contact.ask_for)] if contact.ask_for else []
    if contact.phone:
        details.append(("Phone", contact.phone))
    if contact.email:
        details.append(("Email", contact.email))
    if contact.web:
        details.append(("Web", contact.web))
    if contact.page:
        details.append(("Web page", f"search for \u201c{contact.page}\u201d"))
    return details


def contact_dict(contact: Contact) -> dict:
    return {
        "id": contact.id,
        "name": contact.name,
        "for": contact.for_,
        "phone": contact.phone,
        "email": contact.email,
        "web": contact.web,
        "page": contact.page,
        "ask_for": contact.ask_for,
        "national": contact.national,
    }


def make_plan(walk: Walk, today: dt.date | None = None) -> Plan:
    """Resolve the walk's outcome: contacts from the catalogue, passages from the sources."""
    return build_plan(walk.library, walk.first, walk.tree, walk.outcome, tuple(walk.answers), today)


def build_plan(
    library: Library,
    tree: Tree,
    outcome_tree: Tree,
    outcome: Outcome,
    answers: tuple[Answer, ...],
    today: dt.date | None = None,
    steps: tuple[CitedStep, ...] | None = None,
) -> Plan:
    """The one plan every screen shows (terminal, Markdown, JSON, web page, site page) for
    `answers` ending at `outcome`; `steps`, when given, are the outcome's, cited before."""
    contacts = library.contacts_of(outcome_tree, outcome)
    steps = cite_steps(library, outcome_tree, outcome) if steps is None else steps
    return Plan(
        tree,
        outcome_tree,
        outcome,
        steps,
        contacts,
        answers,
        today or dt.date.today(),
        tuple(Explainer(library.glossary).explain(outcome_texts(outcome, steps, contacts))),
        safety_contacts(library, outcome, answers),
    )


def safety_contacts(library: Library, outcome: Outcome, answers: tuple[Answer, ...]) -> tuple:
    """The national emergency routes, when a person said their child may be at risk and then
    carried on to a plan that is not itself urgent; else none."""
    if outcome.urgent or not any(a.carried_on for a in answers):
        return ()
    return library.national_contacts()


def outcome_texts(
    outcome: Outcome, steps: tuple[CitedStep, ...], contacts: tuple[Contact, ...]
) -> list[str | None]:
    """What an outcome shows, in reading order: for finding the terms it uses. (A plan is
    read on its own, so it explains its terms whatever the walk explained before it.)"""
    first, rest = split_contacts(outcome, contacts)
    return [
        outcome.title,
        *(text for c in first for text in (c.name, c.for_)),
        outcome.intro,
        *(s.text for s in steps),
        *(text for c in rest for text in (c.name, c.for_)),
        *(s.passage for s in steps),
    ]


def cite_steps(library: Library, tree: Tree, outcome: Outcome) -> tuple[CitedStep, ...]:
    """Each step of `outcome` with its passage as published (document title and line)."""
    steps = []
    for number, step in enumerate(outcome.steps, 1):
        doc = library.sources.get(step.source.doc)
        passage = doc.find(step.source.quote) if doc else None
        if doc is None or passage is None:
            raise TreeError(
                f"step {number} of `{outcome.id}` quotes words that are not in {step.source.doc}",
                where=tree.file,
                hint="Run `signpost lint` to see the closest passage.",
            )
        who, says = _voice(library, step.source.doc, step.source.quote, doc.who, doc.says)
        steps.append(
            CitedStep(
                number,
                step.text,
                step.source.doc,
                doc.title,
                passage.text,
                passage.line,
                doc.about,
                who,
                says,
            )
        )
    return tuple(steps)


def _voice(
    library: Library, name: str, quote: str, who: str | None, says: str | None
) -> tuple[str | None, str | None]:
    """Who says the words a step quotes, from seeds/voices.yaml: the document's own voice
    (`who`, `says`, from documents.yaml) where the record says the document speaks there;
    where it reports someone else (a parent's question, a person the strategy quotes),
    that voice, so a plan never shows their words as the publisher's. Lint refuses such
    a quote in the shipped trees (`not-an-answer`); a tree from elsewhere may have one."""
    voice = library.sources.voice_of(name, quote)
    if voice is None or voice.answer:
        return who, says
    return voice.who, f"{voice.who[:1].upper()}{voice.who[1:]}, says"


def default_plan_name(plan: Plan, number: int = 1) -> str:
    """`signpost-plan-TREE-DATE.md`, or `...-DATE-2.md` and on for the `number`-th."""
    extra = f"-{number}" if number > 1 else ""
    return f"signpost-plan-{plan.tree.id}-{plan.made.isoformat()}{extra}.md"


def default_plan_path(plan: Plan, home: Path | None = None) -> Path:
    """Where a plan is saved unless the person says otherwise, somewhere they can find it:
    their Documents folder if they have one, else their home folder, as a full path; a
    name not taken yet (a second plan the same day is `-2`), so the default never leads
    straight to "Replace it?"."""
    home = (home or Path.home()).resolve()
    folder = home / "Documents"
    folder = folder if folder.is_dir() else home
    number = 1
    while (folder / default_plan_name(plan, number)).exists() and number < 1000:
        number += 1
    return folder / default_plan_name(plan, number)
