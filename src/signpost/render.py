"""The outcome screen: a calm, readable rich layout of a `Plan`.

Wide terminals get a contacts table; narrow ones (under 70 columns) get the
same details as a list, so nothing is squeezed into one-letter columns.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from signpost.plan import Plan, contact_details, dates_note

NARROW = 70


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def outcome_screen(plan: Plan, width: int) -> RenderableType:
    parts: list[RenderableType] = []
    if plan.urgent_contacts:
        urgent = Text()
        for contact in plan.urgent_contacts:
            urgent.append(f"{contact.name}: call {contact.phone}\n", style="bold")
            urgent.append(f"{contact.for_}\n")
        parts.append(
            Panel(
                urgent.rstrip() or urgent,
                title="First, if your child is at risk right now",
                title_align="left",
                border_style="red",
            )
        )
    if plan.outcome.intro:
        parts.append(Padding(Text(plan.outcome.intro), (0, 0, 1, 0)))
    if plan.terms:
        parts.append(_heading("Words used here"))
        words = Text("\n".join(t.sentence for t in plan.terms))
        parts.append(Padding(words, (0, 0, 1, 0)))

    parts.append(_heading("What to do next"))
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column()
    for step in plan.steps:
        steps.add_row(f"{step.number}.", Text(step.text + " ").append(step.marker, style="dim"))
    parts.append(Padding(steps, (0, 0, 1, 0)))

    if plan.other_contacts:
        parts.append(_heading("Who to contact"))
        parts.append(Padding(_contacts(plan, width), (0, 0, 1, 0)))

    parts.append(_heading("Where this comes from"))
    sources = Table.grid(padding=(0, 1))
    sources.add_column(no_wrap=True, style="dim")
    sources.add_column()
    for step in plan.steps:
        cell = Text(f"{step.says}: " if step.says else "")
        cell.append(f"\u201c{step.passage}\u201d\n", style="italic")
        cell.append(f"{step.doc_title} ({step.doc}, line {step.line})", style="dim")
        sources.add_row(f"[{step.number}]", cell)
    parts.append(Padding(sources, (0, 0, 1, 0)))

    if plan.answers:
        parts.append(_heading("Your answers"))
        answers = Table.grid(padding=(0, 1))
        answers.add_column()
        for answer in plan.answers:
            answers.add_row(
                Text(answer.question, style="dim")
                .append(" ")
                .append(Text(answer.label, style="bold"))
            )
        parts.append(Padding(answers, (0, 0, 1, 0)))

    parts.append(Text(dates_note(plan.outcome_tree.reviewed, plan.steps), style="dim"))
    if width < NARROW:  # no frame: every column is needed for the text itself
        return Group(Text(plan.outcome.title, style="bold"), Text(""), *parts)
    return Panel(
        Group(*parts),
        title=Text(plan.outcome.title, style="bold"),
        title_align="left",
        border_style="cyan",
        padding=(1, 2),
    )


def _contacts(plan: Plan, width: int) -> RenderableType:
    """A table when every phone, email and address fits whole on its line, else a list.

    A contact detail is never cut short or broken: a truncated email is a wrong email.
    """
    details = [
        f"{label}: {value}"
        for contact in plan.other_contacts
        for label, value in contact_details(contact)
    ]
    longest = max((len(line) for line in details), default=0)
    if width - 6 < longest + 44:  # 6 for the panel frame, 44 for two readable columns
        items: list[RenderableType] = []
        for contact in plan.other_contacts:
            body = Text()
            for label, value in contact_details(contact):
                gap = "\n" if len(label) + len(value) + 4 > width else " "
                body.append(f"{label}:{gap}{value}\n")
            body.append(contact.for_)
            items += [Text(contact.name, style="bold"), Padding(body, (0, 0, 0, 2))]
        return Group(*items)
    table = Table(show_edge=False, header_style="bold", expand=True, pad_edge=False)
    table.add_column("Who", ratio=3, overflow="fold")
    table.add_column("How to reach them", min_width=longest, no_wrap=True)
    table.add_column("What for", ratio=5, overflow="fold")
    for contact in plan.other_contacts:
        how = "\n".join(f"{label}: {value}" for label, value in contact_details(contact))
        table.add_row(contact.name, how, contact.for_)  # nothing, not "-", if it has no details
    return table
