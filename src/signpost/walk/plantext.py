"""A plan written out as text: the Markdown that is saved and printed, and the plain
text for `--plain`, pipes and screen readers. The one renderer of an outcome's body
(`outcome_lines`), which the export booklet uses too.

Every part the plan model has (`plan.PARTS`) is written here, in the same order as the
terminal screen and the web page show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from signpost import __version__, safetext
from signpost.content.document import long_date
from signpost.content.glossary import Term
from signpost.content.model import Contact, Outcome
from signpost.walk.plan import (
    FIRST_SCREEN,
    PARTS,
    CitedStep,
    Plan,
    contact_details,
    dates_note,
    split_contacts,
    urgent_title,
)


class Style(NamedTuple):
    """How an outcome is written out: a plan's Markdown, a plan's plain text, a booklet."""

    escape: Callable[[str], str]  # safetext.markdown or safetext.terminal: every tree text
    heading: tuple[str, ...]  # the lines of a heading, `{}` standing for its words
    bullet: str  # before each item of a list: "- ", or nothing
    bold: str  # around a name: "**", or nothing
    steps_heading: bool  # "What to do next" above the numbered steps
    source_on_one_line: bool  # passage and document on one line, or the document below
    source_file: bool  # name the document's file and line beside its title

    def head(self, words: str) -> list[str]:
        return [line.format(words) for line in self.heading]

    def strong(self, text: str) -> str:
        return f"{self.bold}{text}{self.bold}"


PLAN_MARKDOWN = Style(
    safetext.markdown,
    ("## {}", ""),
    "- ",
    "**",
    steps_heading=True,
    source_on_one_line=False,
    source_file=False,
)
PLAN_TEXT = Style(
    safetext.terminal,
    ("{}:",),
    "",
    "",
    steps_heading=True,
    source_on_one_line=False,
    source_file=False,
)
OUTCOME_PARTS = ("urgent", "intro", "steps", "terms", "contacts", "sources")


def outcome_lines(
    outcome: Outcome,
    steps: tuple[CitedStep, ...],
    contacts: tuple[Contact, ...],
    style: Style,
    *,
    terms: tuple[Term, ...] = (),
    parts: tuple[str, ...] = OUTCOME_PARTS,
    safety: tuple[Contact, ...] = (),
) -> list[str]:
    """The body of an outcome, as a plan and a booklet both write it: the contacts to
    call at once, the intro, the numbered steps, the `terms` explained, who to contact,
    and where each step comes from. Only the `parts` named are written, each followed
    by a blank line; every piece of tree and source text goes through `style.escape`."""
    t = style.escape
    urgent, others = split_contacts(outcome, contacts)
    urgent = urgent or safety
    lines: list[str] = []
    if urgent and "urgent" in parts:
        lines += style.head(urgent_title(outcome, safety))
        lines += [
            f"{style.bullet}{style.strong(t(c.name))}: call {t(c.phone or '')}. {t(c.for_)}"
            for c in urgent
        ]
        lines.append("")
    if outcome.intro and "intro" in parts:
        lines += [t(outcome.intro), ""]
    if "steps" in parts:
        lines += style.head("What to do next") if style.steps_heading else []
        lines += [f"{s.number}. {t(s.text)} {t(s.marker)}" for s in steps]
        lines.append("")
    if terms and "terms" in parts:
        lines += style.head("Words used here")
        lines += [f"{style.bullet}{t(term.sentence)}" for term in terms]
        lines.append("")
    if others and "contacts" in parts:
        lines += _contact_lines(others, style)
    if "sources" in parts:
        lines += _source_lines(steps, style)
    return lines


def _contact_lines(contacts: tuple[Contact, ...], style: Style) -> list[str]:
    t, bullet = style.escape, style.bullet
    lines = style.head("Who to contact")
    for contact in contacts:
        lines.append(f"{bullet}{style.strong(t(contact.name))}: {t(contact.for_)}")
        lines += [f"  {bullet}{label}: {t(value)}" for label, value in contact_details(contact)]
    return [*lines, ""]


def _source_lines(steps: tuple[CitedStep, ...], style: Style) -> list[str]:
    t = style.escape
    lines = style.head("Where this comes from")
    for s in steps:
        where = f" ({t(s.doc)}, line {s.line})" if style.source_file else ""
        if style.source_on_one_line:
            lines.append(
                f"{style.bullet}[{s.number}] {t(s.quoted)} \u2014 {t(s.source_name)}{where}"
            )
        else:
            lines += [f"[{s.number}] {t(s.quoted)}", f"    {t(s.source_name)}{where}"]
    return [*lines, ""]


def markdown(plan: Plan) -> str:
    """The plan as Markdown: what is saved, and what `--format markdown` prints."""
    return plan_lines(plan, markdown=True)


def text(plan: Plan) -> str:
    """The plan as plain text with no markup, for `--plain` and screen readers.

    The same content as the Markdown, without `#`, `**` and `-` marks that a
    screen reader would read aloud. On screen a source is named by its title;
    the saved Markdown and the JSON also give its file and line.
    """
    return plan_lines(plan, markdown=False)


def first_screen_text(plan: Plan) -> str:
    """Plain text of what a person needs at once: up to and including the contacts."""
    return plan_lines(plan, markdown=False, parts=FIRST_SCREEN)


def sources_text(plan: Plan) -> str:
    return plan_lines(plan, markdown=False, parts=("sources",))


def answers_text(plan: Plan) -> str:
    return plan_lines(plan, markdown=False, parts=("answers",))


def plan_lines(plan: Plan, markdown: bool, parts: tuple[str, ...] = PARTS) -> str:
    # Every piece of tree (and source) text goes through `t`: literal Markdown in the
    # Markdown, and no control character or bidi override in either.
    style = PLAN_MARKDOWN if markdown else PLAN_TEXT
    t = style.escape
    lines: list[str] = []
    if "title" in parts:
        title = t(plan.outcome.title)
        lines += [f"# {title}" if markdown else title, ""]
        situation = t(plan.tree.title)
        if plan.outcome_tree.id != plan.tree.id:  # the walk moved into another situation
            situation += f" (continued in: {t(plan.outcome_tree.title)})"
        lines += [f"Situation: {situation}", f"Date: {long_date(plan.made)}", ""]
    lines += outcome_lines(
        plan.outcome,
        plan.steps,
        plan.contacts,
        style,
        terms=plan.terms,
        parts=parts,
        safety=plan.safety,
    )
    if plan.answers and "answers" in parts:
        lines += style.head("Your answers")
        lines += [f"{style.bullet}{t(a.question)} {style.strong(t(a.said))}" for a in plan.answers]
        lines.append("")
    if "footer" in parts:
        lines.append(t(dates_note(plan.outcome_tree.reviewed, plan.steps)))
        lines.append("")
        lines.append(
            f"Made with signpost {__version__}, which stores and sends nothing unless you "
            "save the plan."
        )
    return "\n".join(lines).rstrip("\n") + "\n"
