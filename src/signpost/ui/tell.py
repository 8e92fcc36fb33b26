""" "Tell us what is happening, in your own words": from a sentence to a plan, in the walk.

The menu of situations offers it beside the list. The person types a sentence; the
best plans for it (search's ranking, `signpost.reports.search`: urgent help first when
the words suggest risk) are listed, each with its situation. Picking one offers to
start that situation's questions, or to see the plan now with the answers that lead
to it (each of which the person can then change, as after any walk). Plain mode is
the same, numbered. Everything goes through the injected `Terminal`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from signpost.ui.menu import MENU, QUIT, Menu

if TYPE_CHECKING:
    from signpost.content.library import Library
    from signpost.reports.search import Hit
    from signpost.ui.session import Terminal

TELL = "tell:"  # what the menu of situations returns for this entry (never a tree id)
TELL_LABEL = "Tell us what is happening, in your own words"
TELL_SUMMARY = "Type a sentence, and we suggest the plans that may fit."
ASK = "Tell us what is happening, in your own words (or press Enter to go back)"
SHOWN = 5  # the best plans listed
OTHER_WORDS = "Try other words"
START, SEE, PLANS = (
    "Start this situation's questions",
    "See this plan now, with the answers that lead to it",
    "Back to the plans",
)
NOTHING = "We could not match that to a plan. Try other words, or choose from the list."


class Chosen(NamedTuple):
    """Where to begin: a tree, and the answers (option indexes) to give on the way."""

    tree: str
    answers: tuple[int, ...] = ()


def tell_us(library: Library, term: Terminal) -> Chosen | str:
    """The sentence, the plans and the choice: a `Chosen`, or MENU (back to the list of
    situations) or QUIT."""
    while True:
        sentence = term.prompter.text(ASK).strip()
        if not sentence:
            return MENU
        picked = _plans(library, term, sentence)
        if picked != OTHER_WORDS:
            return picked


def _plans(library: Library, term: Terminal, sentence: str) -> Chosen | str:
    """The best plans for the sentence until one is chosen; OTHER_WORDS to type again."""
    from signpost.reports.search import search, suggests_risk

    hits = search(library, sentence)[:SHOWN]
    risk = suggests_risk(library, sentence)
    while True:
        choice = term.prompter.choose(_menu(library, term, hits, risk))
        if choice in (MENU, QUIT):
            return str(choice)
        if not isinstance(choice, int) or choice >= len(hits):
            return OTHER_WORDS
        action = _what_now(term, hits[choice])
        if action in (MENU, QUIT):
            return str(action)
        if isinstance(action, Chosen):
            return action


def _menu(library: Library, term: Terminal, hits: list[Hit], risk: bool) -> Menu:
    from signpost.reports.search import RISK_LINE

    titles = tuple(h.outcome.title for h in hits if h.outcome is not None)
    if not hits:
        return Menu(NOTHING, (OTHER_WORDS,), (MENU, QUIT))
    # the situation in the option itself: an arrow menu shows no description for the rest
    labels = tuple(
        f"{t} \u2014 situation: {h.tree.title}" for t, h in zip(titles, hits, strict=True)
    )
    return Menu(
        "These plans may fit what you told us, best first:",
        (*labels, OTHER_WORDS),
        (MENU, QUIT),
        hint=RISK_LINE if risk else None,
        notes=term.explain(library, [*titles, *(h.tree.title for h in hits)]),
    )


def _what_now(term: Terminal, hit: Hit) -> Chosen | str | None:
    """Start the situation, or see the plan with its answers; None: back to the plans."""
    assert hit.outcome is not None
    route = hit.route
    options = (START, SEE, PLANS) if route is not None else (START, PLANS)
    choice = term.prompter.choose(
        Menu(
            f"{hit.outcome.title} ({hit.tree.title})",
            options,
            (MENU, QUIT),
            hint="How would you like to go on?",
        )
    )
    if choice in (MENU, QUIT):
        return str(choice)
    label = options[int(choice)]
    if label == START:
        return Chosen(hit.tree.id)
    if label == SEE and route is not None:
        return Chosen(route.tree, tuple(a.choice for a in route.answers))
    return None
