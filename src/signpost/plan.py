"""The plan a walk ends at: steps, contacts and sources resolved, as data and as Markdown.

A `Plan` is what every output is made from: the rich screen, the plain-text
screen, `--format json` and the saved Markdown file, so they cannot disagree.
Saving is atomic and never replaces an existing file unless asked to.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from signpost import __version__
from signpost.errors import SaveError, TreeError
from signpost.glossary import Explainer, Term
from signpost.library import Library
from signpost.model import Contact, Outcome, Tree
from signpost.sources import About, long_date
from signpost.walk import Answer, Walk


@dataclass(frozen=True)
class CitedStep:
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


@dataclass(frozen=True)
class Plan:
    tree: Tree  # the tree the person chose
    outcome_tree: Tree  # the tree the outcome is in (differs after a cross-tree link)
    outcome: Outcome
    steps: tuple[CitedStep, ...]
    contacts: tuple[Contact, ...]
    answers: tuple[Answer, ...]
    made: dt.date
    terms: tuple[Term, ...] = ()  # glossary terms the plan uses and does not spell out

    @property
    def urgent_contacts(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.national) if self.outcome.urgent else ()

    @property
    def other_contacts(self) -> tuple[Contact, ...]:
        urgent = self.urgent_contacts
        return tuple(c for c in self.contacts if c not in urgent)

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
            "path": [
                {"tree": a.tree, "node": a.node, "question": a.question, "answer": a.label}
                for a in self.answers
            ],
            "reviewed": self.outcome_tree.reviewed.isoformat(),
            "about_dates": dates_note(self.outcome_tree.reviewed, self.steps),
            "date": self.made.isoformat(),
        }

    def to_markdown(self) -> str:
        """The plan as Markdown: what is saved, and what `--format markdown` prints."""
        return self._lines(markdown=True)

    def to_text(self) -> str:
        """The plan as plain text with no markup, for `--plain` and screen readers.

        The same content as the Markdown, without `#`, `**` and `-` marks that a
        screen reader would read aloud.
        """
        return self._lines(markdown=False)

    def _lines(self, markdown: bool) -> str:
        def heading(text: str) -> list[str]:
            return [f"## {text}", ""] if markdown else [f"{text}:"]

        def bold(text: str) -> str:
            return f"**{text}**" if markdown else text

        bullet = "- " if markdown else ""
        lines = [f"# {self.outcome.title}" if markdown else self.outcome.title, ""]
        lines += [f"Situation: {self.tree.title}", f"Date: {self.made.isoformat()}", ""]
        if self.urgent_contacts:
            lines += heading("First, if your child is at risk right now")
            lines += [
                f"{bullet}{bold(c.name)}: call {c.phone}. {c.for_}" for c in self.urgent_contacts
            ]
            lines.append("")
        if self.outcome.intro:
            lines += [self.outcome.intro, ""]
        if self.terms:
            lines += heading("Words used here")
            lines += [f"{bullet}{t.sentence}" for t in self.terms]
            lines.append("")
        lines += heading("What to do next")
        lines += [f"{s.number}. {s.text} {s.marker}" for s in self.steps]
        lines.append("")
        if self.other_contacts:
            lines += heading("Who to contact")
            for contact in self.other_contacts:
                lines.append(f"{bullet}{bold(contact.name)}: {contact.for_}")
                lines += [
                    f"  {bullet}{label}: {value}" for label, value in contact_details(contact)
                ]
            lines.append("")
        lines += heading("Where this comes from")
        for s in self.steps:
            lines.append(f"[{s.number}] {s.quoted}")
            lines.append(f"    {s.doc_title} ({s.doc}, line {s.line})")
        lines.append("")
        if self.answers:
            lines += heading("Your answers")
            lines += [f"{bullet}{a.question} {bold(a.label)}" for a in self.answers]
            lines.append("")
        lines.append(dates_note(self.outcome_tree.reviewed, self.steps))
        lines.append("")
        lines.append(
            f"Made with signpost {__version__}, which stores and sends nothing unless you "
            "save the plan."
        )
        return "\n".join(lines) + "\n"


def contact_details(contact: Contact) -> list[tuple[str, str]]:
    details = []
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
        "national": contact.national,
    }


def make_plan(walk: Walk, today: dt.date | None = None) -> Plan:
    """Resolve the walk's outcome: contacts from the catalogue, passages from the sources."""
    library = walk.library
    outcome = walk.outcome
    outcome_tree = walk.tree
    contacts = tuple(library.contact(c, where=outcome_tree.file) for c in outcome.contacts)
    steps = cite_steps(library, outcome_tree, outcome)
    return Plan(
        walk.first,
        outcome_tree,
        outcome,
        steps,
        contacts,
        tuple(walk.answers),
        today or dt.date.today(),
        tuple(Explainer(library.glossary).explain(outcome_texts(outcome, steps, contacts))),
    )


def outcome_texts(
    outcome: Outcome, steps: tuple[CitedStep, ...], contacts: tuple[Contact, ...]
) -> list[str | None]:
    """What an outcome shows, in reading order: for finding the terms it uses. (A plan is
    read on its own, so it explains its terms whatever the walk explained before it.)"""
    first = [c for c in contacts if c.national] if outcome.urgent else []
    rest = [c for c in contacts if c not in first]
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
        steps.append(
            CitedStep(
                number,
                step.text,
                step.source.doc,
                doc.title,
                passage.text,
                passage.line,
                doc.about,
                doc.who,
                doc.says,
            )
        )
    return tuple(steps)


def default_plan_name(plan: Plan) -> str:
    return f"signpost-plan-{plan.tree.id}-{plan.made.isoformat()}.md"


def save_text(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` to `path` atomically; refuse to replace a file unless `overwrite`.

    The text goes to a temporary file in the same folder first, so an
    interruption never leaves half a plan, and the final step is a single
    rename (or a hard link, which fails rather than replace an existing file).
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SaveError("is a folder; give a file name for the plan", where=str(path))
    if not folder.is_dir():
        raise SaveError(
            f"the folder {folder} does not exist",
            where=str(path),
            hint="Create it first or choose another place.",
        )
    if path.exists() and not overwrite:
        raise SaveError(
            "already exists, so it was not replaced",
            where=str(path),
            hint="Choose another name, or add --force to replace it.",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"cannot write in {folder} ({exc.strerror})", where=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise SaveError(
                    "already exists, so it was not replaced",
                    where=str(path),
                    hint="Choose another name, or add --force to replace it.",
                ) from None
            except OSError:  # a filesystem without hard links: a plain rename instead
                if path.exists():
                    raise SaveError(
                        "already exists, so it was not replaced", where=str(path)
                    ) from None
                os.replace(tmp, path)
    except OSError as exc:
        raise SaveError(f"could not save the plan ({exc.strerror})", where=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
