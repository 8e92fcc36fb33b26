"""Asking a person to choose: arrow keys in a terminal, numbered lines everywhere else.

Both prompters answer the same three calls, so the walk never knows which one
it has, and tests pass their own. questionary (prompt_toolkit) costs ~120 ms
to import, so it is imported only when an arrow-key prompt is actually shown.
End of input becomes `Stopped` and Ctrl-C `Interrupted` (a kind of `Stopped`, which
a save prompt takes as "cancel the save"), whichever prompter is in use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

from signpost.errors import Interrupted, Stopped
from signpost.safetext import small_number, terminal
from signpost.ui.environment import reading_width
from signpost.ui.keys import add_select_keys, bar_keys, confirm_keys
from signpost.ui.menu import (
    CONTROL_LABELS,
    HINT_WORDS,
    PLAIN_KEYS,
    SHORT,
    Menu,
    bar_items,
    bar_tokens,
)


class PlainPrompter:
    """Numbered options read as lines: works with screen readers, pipes and TERM=dumb.

    `width`, when given (a terminal that cannot wrap words itself, TERM=dumb), wraps
    each line at a space; over a pipe lines are left whole.
    """

    def __init__(
        self, stdin: TextIO | None = None, stdout: TextIO | None = None, width: int | None = None
    ):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = width

    def _say(self, text: str = "", indent: str = "") -> None:
        if self.width and len(text) > self.width:
            import textwrap

            text = "\n".join(
                textwrap.wrap(
                    text,
                    self.width,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        self.stdout.write(terminal(text) + "\n")
        self.stdout.flush()

    def _read(self, prompt: str) -> str:
        self.stdout.write(terminal(prompt))
        self.stdout.flush()
        try:
            line = self.stdin.readline()
        except KeyboardInterrupt:
            self._say()
            raise Interrupted() from None
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
        if isinstance(menu.default, int) and not menu.compact:  # asked again: what was chosen
            self._say(f"  (Before, you chose {menu.default + 1}. {menu.options[menu.default]})")
        for number, label in enumerate(menu.options, 1):
            description = menu.descriptions[number - 1] if menu.descriptions else ""
            key = menu.keys[number - 1] if menu.keys else ""
            self._say(
                f"  {number}. {label}"
                + (f" ({key})" if key else "")
                + (f" \u2014 {description}" if description else ""),
                indent="     ",
            )
        if menu.controls:
            self._say(
                "  " + ", ".join(f"{PLAIN_KEYS[c]} = {HINT_WORDS[c]}" for c in menu.controls),
                indent="  ",
            )
        keys = menu.key_map()
        count = len(menu.options)
        while True:
            answer = self._read(f"Type a number (1-{count}) and press Enter: ")
            if answer.lower() in keys:
                return keys[answer.lower()]
            picked = small_number(answer)
            if picked is not None and 1 <= picked <= count:
                return picked - 1
            letters = list(keys)
            self._say(
                f"Please type a number from 1 to {count}"
                + (", or one of " + ", ".join(letters) if letters else "")
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
    """Arrow keys and Enter, through questionary; the same letters and numbers as plain mode.

    Built only on a real terminal. Digits move to that option, and pick it as soon
    as no longer number could follow (at once when there are nine or fewer).
    `size` gives the terminal's columns and lines when a menu is drawn (the command
    line passes its `Environment.terminal_size`); without it, 80 by 24.
    """

    def __init__(
        self,
        *,
        size: Callable[[], tuple[int, int]] | None = None,
        ascii_only: bool = False,
        **prompt_kwargs: Any,
    ):
        # prompt_kwargs (input=, output=) let tests drive prompt_toolkit through a pipe.
        self.size = size or _standard_size
        # A terminal without UTF-8 would show the arrows and pointer as "?", the very key
        # that asks why: say them in ASCII instead.
        self.glyphs = ascii_glyphs if ascii_only else (lambda text: text)
        self.prompt_kwargs = prompt_kwargs

    @staticmethod
    def _ask(question: Any) -> Any:
        try:
            answer = question.unsafe_ask()
        except KeyboardInterrupt:
            raise Interrupted() from None
        except EOFError:
            raise Stopped() from None
        if answer is None:
            raise Stopped()
        return answer

    def _width(self) -> int:
        """The terminal's width, but no more than a comfortable reading measure."""
        return reading_width(self.size()[0])

    def choose(self, menu: Menu) -> int | str:
        if menu.compact:
            return self._bar(menu)
        import questionary

        columns = self._width()
        # On a short terminal the controls are only in the key hint, so the question fits.
        choices = _select_choices(menu, columns, controls=self.size()[1] >= SHORT)
        message, instruction = _select_texts(menu, choices, columns)
        question = questionary.select(
            message,
            choices=choices,
            default=_default_choice(choices, menu.default),
            instruction=self.glyphs(instruction),
            pointer=self.glyphs("\u00bb"),
            qmark="?",
            use_jk_keys=False,
            **self.prompt_kwargs,
        )
        add_select_keys(question.application, menu, choices)
        return self._ask(question)

    def _bar(self, menu: Menu) -> int | str:
        """One wrapped bar of choices under a screen of text: letters, numbers, arrows."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.layout import FormattedTextControl, Layout, Window

        items = bar_items(menu)
        values = [value for _, _, value in items]
        pointed = [values.index(menu.default) if menu.default in values else 0]

        def tokens() -> list[tuple[str, str]]:
            return [
                (style, self.glyphs(text))
                for style, text in bar_tokens(
                    menu, self._width(), pointed[0], short=self.size()[1] < SHORT
                )
            ]

        app: Application = Application(
            layout=Layout(Window(FormattedTextControl(cast(Any, tokens)), wrap_lines=True)),
            key_bindings=bar_keys(menu, values, pointed),
            full_screen=False,
            erase_when_done=True,
            **{k: v for k, v in self.prompt_kwargs.items() if k in ("input", "output")},
        )
        try:
            return app.run()
        except KeyboardInterrupt:
            raise Interrupted() from None
        except EOFError:
            raise Stopped() from None

    def text(self, message: str, default: str = "") -> str:
        import questionary

        return self._ask(questionary.text(terminal(message), default=default, **self.prompt_kwargs))

    def confirm(self, message: str, default: bool = False) -> bool:
        """y or n answers (shown, then taken after a short pause, in which an Enter typed
        out of habit is taken too, so it is not left over for the next menu); Enter alone
        takes the default."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.layout import FormattedTextControl, Layout, Window

        answer: list[bool] = []
        question = f"? {terminal(message)} ({'Y/n' if default else 'y/N'}) "

        def tokens() -> list[tuple[str, str]]:
            said = ("Yes" if answer[0] else "No") if answer else ""
            return [("bold", question), ("fg:ansicyan", said)]

        app: Application = Application(
            layout=Layout(Window(FormattedTextControl(cast(Any, tokens)), wrap_lines=True)),
            key_bindings=confirm_keys(answer, default),
            full_screen=False,
            **{k: v for k, v in self.prompt_kwargs.items() if k in ("input", "output")},
        )
        try:
            return bool(app.run())
        except KeyboardInterrupt:
            raise Interrupted() from None
        except EOFError:
            raise Stopped() from None


ASCII = {"\u2191\u2193": "Up/Down", "\u2190\u2192": "Left/Right", "\u00b7": "|", "\u00bb": ">"}


def ascii_glyphs(text: str) -> str:
    """`text` with the prompts' arrows, dots and pointer said in ASCII."""
    for glyph, words in ASCII.items():
        text = text.replace(glyph, words)
    return text


def _standard_size() -> tuple[int, int]:
    return 80, 24


def _select_choices(menu: Menu, columns: int, controls: bool) -> list[Any]:
    """The options of a list menu, numbered and wrapped to `columns`, then its controls."""
    import textwrap

    import questionary

    def wrap(text: str, indent: int) -> str:
        """Wrapped at a space to fit after the pointer; the next lines under the text."""
        lines = textwrap.wrap(
            text,
            max(12, columns - 4),
            subsequent_indent=" " * max(0, indent - 3),
            break_long_words=False,
        )
        return "\n   ".join(lines or [""])

    width = max(20, columns - 16)  # room for "Description: "
    descriptions = tuple(
        ("\n" + " " * 15).join(textwrap.wrap(terminal(d), width)) if d else None
        for d in menu.descriptions
    ) or (None,) * len(menu.options)
    numbered = len(str(len(menu.options))) + 2  # "12. "
    choices: list = [
        questionary.Choice(
            wrap(f"{n}. ".ljust(numbered) + terminal(label), numbered + 3),
            value=n - 1,
            description=description or None,
        )
        for n, (label, description) in enumerate(zip(menu.options, descriptions, strict=True), 1)
    ]
    if menu.controls and controls:
        choices.append(questionary.Separator(" "))
        choices.extend(
            questionary.Choice(wrap(CONTROL_LABELS[c], 3), value=c) for c in menu.controls
        )
    return choices


def _select_texts(menu: Menu, choices: list[Any], columns: int) -> tuple[str, str]:
    """A list menu's title and the lines under it (the hint, the key hint, the notes)."""
    import textwrap

    hint = ((terminal(menu.hint) + "  ") if menu.hint else "") + menu.key_hint()
    lines = textwrap.wrap(terminal(menu.title), max(12, columns - 3))  # after "? "
    hints = "\n  ".join(textwrap.wrap(hint, max(12, columns - 4)))
    # Once answered, the answer is shown after the title: on a line of its own if the
    # longest could not follow the title's last line within the width.
    longest = max(len(line) for c in choices for line in str(c.title).split("\n"))
    own_line = len(lines[-1]) + 3 + longest > columns if lines else False
    message = "\n  ".join(lines) + ("\n " if own_line else "")
    instruction = (
        ("" if own_line else "\n  ")
        + hints
        + "".join(
            "\n  " + "\n  ".join(textwrap.wrap(terminal(note), max(12, columns - 4)))
            for note in menu.notes
        )
    )
    return message, instruction


def _default_choice(choices: list[Any], value: int | str | None) -> Any:
    """The choice the cursor starts on (questionary matches a Choice itself)."""
    if value is None:
        return None
    return next((c for c in choices if getattr(c, "value", None) == value), None)
