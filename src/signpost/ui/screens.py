"""The outcome screen: a calm, readable rich layout of a `Plan`.

The first screen (`plan_screen`) is what a person needs at once: the title, the
urgent routes where there are any, the steps, then the contacts. Where the steps
come from (`sources_screen`) and the answers given are a keypress away. Contacts
are a list at every width, so a phone number, email or address is never cut or
squeezed into a narrow column. Tree text is always printed as rich `Text`.
"""

from __future__ import annotations

import textwrap

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from signpost.content.model import Contact
from signpost.safetext import terminal as t
from signpost.walk.plan import Plan, contact_details, dates_note


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def _urgent_box(plan: Plan, width: int) -> RenderableType:
    urgent = Text()
    title = plan.urgent_title
    narrow = width < len(title) + 8  # the title would be cut in the frame's top line
    if narrow:
        urgent.append(title + "\n", style="bold red")
    for contact in plan.urgent_contacts:
        urgent.append(f"{t(contact.name)}: call {t(contact.phone or '')}\n", style="bold")
        urgent.append(f"{t(contact.for_)}\n")
    urgent.rstrip()
    if narrow:  # no frame: on a small screen its lines are worth more than its border
        return urgent
    return Panel(
        urgent,
        title=None if narrow else Text(title),
        title_align="left",
        border_style="red",
        padding=(0, 1),
    )


def plan_top(plan: Plan, width: int) -> RenderableType:
    """What the plan's first page must hold whatever the terminal's size: the title and
    the whole urgent box, where there is one."""
    title = Text(t(plan.outcome.title), style="bold underline")
    return Group(title, _urgent_box(plan, width)) if plan.urgent_contacts else title


def plan_screen(plan: Plan, width: int) -> RenderableType:
    """The plan's first screen: title, urgent routes, intro, steps, contacts."""
    parts: list[RenderableType] = [Text(t(plan.outcome.title), style="bold underline")]
    if plan.urgent_contacts:
        parts.append(_urgent_box(plan, width))
    if plan.outcome.intro:
        parts.append(Padding(Text(t(plan.outcome.intro)), (0, 0, 1, 0)))
    parts.append(_heading("What to do next"))
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column()
    for step in plan.steps:
        steps.add_row(
            Text(f"{step.number}."),
            Text(t(step.text) + " ").append(t(step.marker), style="dim"),
        )
    parts.append(Padding(steps, (0, 0, 1, 0)))
    if plan.terms:
        parts.append(_heading("Words used here"))
        words = Text("\n".join(t(term.sentence) for term in plan.terms))
        parts.append(Padding(words, (0, 0, 1, 0)))
    if plan.other_contacts:
        parts.append(_heading("Who to contact"))
        parts.append(Padding(contact_list(plan.other_contacts, width), (0, 0, 1, 0)))
    parts.append(Text(t(dates_note(plan.outcome_tree.reviewed, plan.steps)), style="dim"))
    return Group(*parts)


def sources_screen(plan: Plan) -> RenderableType:
    """Where each step comes from: the passage as published and the document's title."""
    sources = Table.grid(padding=(0, 1))
    sources.add_column(no_wrap=True, style="dim")
    sources.add_column()
    for step in plan.steps:
        cell = Text(f"{t(step.says)}: " if step.says else "")
        cell.append(f"\u201c{t(step.passage)}\u201d\n", style="italic")
        cell.append(t(step.source_name), style="dim")
        sources.add_row(Text(f"[{step.number}]"), cell)
    return Group(_heading("Where this comes from"), Padding(sources, (0, 0, 1, 0)))


def answers_screen(plan: Plan) -> RenderableType:
    answers = Table.grid(padding=(0, 1))
    answers.add_column()
    for answer in plan.answers:
        answers.add_row(
            Text(t(answer.question), style="dim")
            .append(" ")
            .append(Text(t(answer.said), style="bold"))
        )
    return Group(_heading("Your answers"), Padding(answers, (0, 0, 1, 0)))


def outcome_screen(plan: Plan, width: int) -> RenderableType:
    """The whole plan at once (a scripted run on a terminal): every part in order."""
    parts = [plan_screen(plan, width), Text(""), sources_screen(plan)]
    if plan.answers:
        parts.append(answers_screen(plan))
    return Group(*parts)


def contact_list(
    contacts: tuple[Contact, ...], width: int | None, ids: bool = False
) -> RenderableType:
    """Each contact's name, then its details and what it is for, indented under it.

    Lines are wrapped at spaces to fit `width` (left whole when it is None, in a
    pipe). A detail that does not fit beside its label goes on the next line, so an
    email or address is never cut. A contact with no details shows what it is for.
    """
    lines: list[Text] = []
    for contact in contacts:
        name = t(contact.name) + (f" [{t(contact.id)}]" if ids else "")
        lines += [Text(line, style="bold") for line in _wrap(name, width, "", "  ")]
        for label, value in contact_details(contact):
            value = t(value)
            whole = f"  {label}: {value}"
            if width is None or len(whole) <= width:
                lines.append(Text(whole))
            else:
                lines.append(Text(f"  {label}:"))
                lines += [Text(line) for line in _wrap(value, width, "  ", "  ")]
        lines += [Text(line) for line in _wrap(t(contact.for_), width, "  ", "  ")]
    return Group(*lines)


def _wrap(text: str, width: int | None, first: str, rest: str) -> list[str]:
    if width is None:
        return [first + text]
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first]
