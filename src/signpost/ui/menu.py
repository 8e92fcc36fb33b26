"""What a person is asked to choose from, said once for both prompters.

A `Menu` is a question on screen: its options, the controls that apply there (Back,
Your answers, Start again, Quit...) with their one key each, and, for a compact menu
(a bar of choices under a screen of text), how that bar is laid out in a width.
A `Prompter` is what the walk asks through (`ui.prompts` has the two there are). This
module is plain data and text: it imports neither prompt_toolkit nor questionary.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

# What a person can do at a question besides answering it.
BACK = "back"
MENU = "menu"  # back to the list of situations, from a tree's first question
KEEP = "keep"  # back from "Your answers" without changing one
ANSWERS = "answers"
RESTART = "restart"
QUIT = "quit"
HELP = "help"

CONTROL_LABELS = {
    HELP: "Why are we asking?",
    BACK: "Back (change my last answer)",
    MENU: "Back to the list of situations",
    KEEP: "Back (keep these answers)",
    ANSWERS: "Your answers (change any of them)",
    RESTART: "Start again",
    QUIT: "Quit",
}
# One key per control, the same in both modes; only one kind of Back is offered at a time.
PLAIN_KEYS = {HELP: "?", BACK: "b", MENU: "b", KEEP: "b", ANSWERS: "a", RESTART: "r", QUIT: "q"}
HINT_WORDS = {
    HELP: "why we ask",
    BACK: "back",
    MENU: "back to the situations",
    KEEP: "back",
    ANSWERS: "your answers",
    RESTART: "start again",
    QUIT: "quit",
}

SHORT = 20  # lines: a terminal this short lists the controls only in the key hint
SHORT_WORDS = {HELP: "why", MENU: "situations", ANSWERS: "answers"}  # the arrow-mode hint


class Menu(NamedTuple):
    """A question on screen: the options and the controls that apply here."""

    title: str
    options: tuple[str, ...]
    controls: tuple[str, ...] = ()
    hint: str | None = None  # a line under the title
    descriptions: tuple[str, ...] = ()  # one per option, shown for the highlighted option
    # Where the cursor starts: an option or a control. At a question, an option is the
    # answer given before, which plain mode says in words.
    default: int | str | None = None
    keys: tuple[str, ...] = ()  # a letter per option ("" for none), if the options have them
    compact: bool = False  # one bar of choices under a screen of text, not a list
    notes: tuple[str, ...] = ()  # lines under the title: what the words on this screen mean
    short: tuple[str, ...] = ()  # a compact menu's labels on a short terminal, if shorter

    def key_map(self) -> dict[str, int | str]:
        """Every letter that picks something here: the options', then the controls'."""
        found: dict[str, int | str] = {k: n for n, k in enumerate(self.keys) if k}
        found.update({PLAIN_KEYS[c]: c for c in self.controls})
        return found

    def key_hint(self) -> str:
        """The one-line reminder of the keys (arrow mode; plain mode lists them)."""
        count = len(self.options)
        if count > 9:  # a number may need more than one digit: Enter (or a pause) picks it
            parts = [f"\u2191\u2193 Enter, or type 1-{count} and Enter"]
        else:
            parts = [f"\u2191\u2193 Enter or {'1' if count == 1 else f'1-{count}'}"]
        parts += [f"{PLAIN_KEYS[c]} {SHORT_WORDS.get(c, HINT_WORDS[c])}" for c in self.controls]
        return " \u00b7 ".join(parts)


class Prompter(Protocol):
    def choose(self, menu: Menu) -> int | str:
        """The 0-based option chosen, or one of the control names."""

    def text(self, message: str, default: str = "") -> str: ...

    def confirm(self, message: str, default: bool = False) -> bool: ...


BAR_SHORT = {ANSWERS: "Answers", RESTART: "Again"}  # a compact menu's controls, when short


def bar_items(menu: Menu, short: bool = False) -> list[tuple[str, str, int | str]]:
    """(key, label, value) for each choice of a compact menu (`short`: its short labels)."""
    labels = menu.short if short and menu.short else menu.options
    items: list[tuple[str, str, int | str]] = [
        (menu.keys[n] if menu.keys and menu.keys[n] else str(n + 1), label, n)
        for n, label in enumerate(labels)
    ]
    items += [
        (
            PLAIN_KEYS[c],
            (BAR_SHORT.get(c) if short else None) or CONTROL_LABELS[c].split(" (")[0],
            c,
        )
        for c in menu.controls
    ]
    return items


def bar_tokens(
    menu: Menu, columns: int, pointed: int = 0, *, short: bool = False
) -> list[tuple[str, str]]:
    """A compact menu laid out in `columns`: the title, then the choices, wrapped between
    choices (or at spaces inside one too wide), the highlighted one reversed."""
    import textwrap

    title = f"? {menu.title} "
    hint = "" if short else "(\u2190\u2192 and Enter, or a key)"  # short: every line counts
    out = [("bold", title)]
    if hint:
        out.append(("fg:ansibrightblack", ("\n" if len(title + hint) > columns else "") + hint))
    used = columns  # start the choices on a new line
    for n, (key, label, _) in enumerate(bar_items(menu, short)):
        text = f"{key} {label}"
        if used + 2 + len(text) > columns:
            out.append(("", "\n"))
            used = 0
        elif n:
            out.append(("", "  "))
            used += 2
        if len(text) > columns:
            text = "\n".join(textwrap.wrap(text, columns, break_long_words=False))
        out.append(("reverse" if n == pointed else "", text))
        used += len(text.rsplit("\n", 1)[-1])
    return out


def bar_height(menu: Menu, columns: int, short: bool = False) -> int:
    """How many lines a compact menu takes in `columns` (to fit a page of text above it)."""
    return "".join(text for _, text in bar_tokens(menu, columns, short=short)).count("\n") + 1
