"""Asking a person to choose: arrow keys in a terminal, numbered lines everywhere else.

Both prompters answer the same three calls, so the walk never knows which one
it has, and tests pass their own. questionary (prompt_toolkit) costs ~120 ms
to import, so it is imported only when an arrow-key prompt is actually shown.
End of input and Ctrl-C become `Stopped`, whichever prompter is in use.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Protocol, TextIO

from signpost.errors import Stopped

# What a person can do at a question besides answering it.
BACK = "back"
RESTART = "restart"
QUIT = "quit"
HELP = "help"

CONTROL_LABELS = {
    HELP: "Why are we asking?",
    BACK: "Back (change my last answer)",
    RESTART: "Start again",
    QUIT: "Quit",
}
PLAIN_KEYS = {HELP: "?", BACK: "b", RESTART: "r", QUIT: "q"}


@dataclass(frozen=True)
class Menu:
    """A question on screen: the options and the controls that apply here."""

    title: str
    options: tuple[str, ...]
    controls: tuple[str, ...] = ()
    hint: str | None = None  # a line under the title
    descriptions: tuple[str, ...] = ()  # one per option, shown for the highlighted option
    notes: tuple[str, ...] = ()  # lines under the title: what the words on this screen mean


class Prompter(Protocol):
    def choose(self, menu: Menu) -> int | str:
        """The 0-based option chosen, or one of the control names."""

    def text(self, message: str, default: str = "") -> str: ...

    def confirm(self, message: str, default: bool = False) -> bool: ...


class PlainPrompter:
    """Numbered options read as lines: works with screen readers, pipes and TERM=dumb."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def _say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        try:
            line = self.stdin.readline()
        except KeyboardInterrupt:
            raise Stopped() from None
        if not line:
            self._say()
            raise Stopped()
        return line.strip()

    def choose(self, menu: Menu) -> int | str:
        self._say()
        self._say(menu.title)
        if menu.hint:
            self._say(menu.hint)
        for note in menu.notes:
            self._say(note)
        for number, label in enumerate(menu.options, 1):
            description = menu.descriptions[number - 1] if menu.descriptions else ""
            self._say(f"  {number}. {label}" + (f" \u2014 {description}" if description else ""))
        keys = {PLAIN_KEYS[c]: c for c in menu.controls}
        if keys:
            self._say(
                "  "
                + ", ".join(
                    f"{k} = {CONTROL_LABELS[c].split(' (')[0].lower()}" for k, c in keys.items()
                )
            )
        count = len(menu.options)
        while True:
            answer = self._read(f"Type a number (1-{count}) and press Enter: ")
            if answer.lower() in keys:
                return keys[answer.lower()]
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer) - 1
            self._say(
                f"Please type a number from 1 to {count}"
                + (", or one of " + ", ".join(keys) if keys else "")
                + "."
            )

    def text(self, message: str, default: str = "") -> str:
        suffix = f" [{default}]" if default else ""
        return self._read(f"{message}{suffix}: ") or default

    def confirm(self, message: str, default: bool = False) -> bool:
        while True:
            answer = self._read(f"{message} ({'Y/n' if default else 'y/N'}): ").lower()
            if not answer:
                return default
            if answer in {"y", "yes"}:
                return True
            if answer in {"n", "no"}:
                return False
            self._say("Please type y or n.")


class ArrowPrompter:
    """Arrow keys and Enter, through questionary. Built only on a real terminal."""

    def __init__(self, **prompt_kwargs):
        # prompt_kwargs (input=, output=) let tests drive prompt_toolkit through a pipe.
        self.prompt_kwargs = prompt_kwargs

    @staticmethod
    def _ask(question):
        try:
            answer = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Stopped() from None
        if answer is None:
            raise Stopped()
        return answer

    def choose(self, menu: Menu) -> int | str:
        import shutil
        import textwrap

        import questionary

        width = max(20, shutil.get_terminal_size().columns - 16)  # room for "Description: "
        descriptions = tuple(
            ("\n" + " " * 15).join(textwrap.wrap(d, width)) if d else None
            for d in menu.descriptions
        ) or (None,) * len(menu.options)
        choices: list = [
            questionary.Choice(label, value=index, description=description or None)
            for index, (label, description) in enumerate(
                zip(menu.options, descriptions, strict=True)
            )
        ]
        if menu.controls:
            choices.append(questionary.Separator(" "))
            choices.extend(questionary.Choice(CONTROL_LABELS[c], value=c) for c in menu.controls)
        question = questionary.select(
            menu.title,
            choices=choices,
            instruction=(menu.hint or "(use the arrow keys, then Enter)")
            + "".join(f"\n  {note}" for note in menu.notes),
            qmark="?",
            **self.prompt_kwargs,
        )
        return self._ask(question)

    def text(self, message: str, default: str = "") -> str:
        import questionary

        return self._ask(questionary.text(message, default=default, **self.prompt_kwargs))

    def confirm(self, message: str, default: bool = False) -> bool:
        import questionary

        return self._ask(questionary.confirm(message, default=default, **self.prompt_kwargs))
