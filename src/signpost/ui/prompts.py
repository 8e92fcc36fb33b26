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
from typing import Any, NamedTuple, Protocol, TextIO, cast

from signpost.errors import Interrupted, Stopped
from signpost.safetext import small_number, terminal
from signpost.ui.environment import reading_width

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
        _add_select_keys(question.application, menu, choices)
        return self._ask(question)

    def _bar(self, menu: Menu) -> int | str:
        """One wrapped bar of choices under a screen of text: letters, numbers, arrows."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.layout import FormattedTextControl, Layout, Window

        items = _bar_items(menu)
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
            key_bindings=_bar_keys(menu, values, pointed),
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
            key_bindings=_confirm_keys(answer, default),
            full_screen=False,
            **{k: v for k, v in self.prompt_kwargs.items() if k in ("input", "output")},
        )
        try:
            return bool(app.run())
        except KeyboardInterrupt:
            raise Interrupted() from None
        except EOFError:
            raise Stopped() from None


def _confirm_keys(answer: list[bool], default: bool) -> Any:
    import asyncio

    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    def say(value: bool) -> Any:
        def handler(event: Any) -> None:
            answer[:] = [value]
            app = event.app
            asyncio.get_running_loop().call_later(
                PICK_PAUSE, lambda: app.is_running and not app.is_done and app.exit(result=value)
            )

        return handler

    for key in "yY":
        bindings.add(key)(say(True))
    for key in "nN":
        bindings.add(key)(say(False))
    bindings.add("enter")(lambda event: event.app.exit(result=answer[0] if answer else default))

    _add_stop_keys(bindings)

    @bindings.add("<any>")
    def _other(event: Any) -> None:
        """Other keys answer nothing."""

    return bindings


ASCII = {"\u2191\u2193": "Up/Down", "\u2190\u2192": "Left/Right", "\u00b7": "|", "\u00bb": ">"}


def ascii_glyphs(text: str) -> str:
    """`text` with the prompts' arrows, dots and pointer said in ASCII."""
    for glyph, words in ASCII.items():
        text = text.replace(glyph, words)
    return text


def _add_stop_keys(bindings: Any) -> None:
    """Ctrl-C stops as KeyboardInterrupt, Ctrl-D as end of input, in every prompt alike."""

    @bindings.add("c-c")
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt)

    @bindings.add("c-d")
    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError)


def _exit_with(value: int | str) -> Any:
    def handler(event: Any) -> None:
        event.app.exit(result=value)

    return handler


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


def _add_select_keys(app: Any, menu: Menu, choices: list[Any]) -> None:
    """Plain mode's letters and numbers on a questionary list, and Escape for Back."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    extra = KeyBindings()
    values = [getattr(c, "value", None) for c in choices]

    def pick(value: int | str) -> Any:
        def handler(event: Any) -> None:  # shown answered, as if chosen with Enter
            if value in values:
                control.pointed_at = values.index(value)
                control.is_answered = True
            event.app.exit(result=value)

        return handler

    for key, value in menu.key_map().items():
        extra.add(key, eager=True)(pick(value))
    for back in (BACK, MENU, KEEP):
        if back in menu.controls:
            extra.add("escape", eager=True)(pick(back))
    digit = _digit_handler(control, len(menu.options))  # one number, whichever digit
    for d in "0123456789":
        extra.add(d, eager=True)(digit)
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


NEW_NUMBER = 1.5  # seconds: a digit typed after a longer pause starts a new number
PICK_PAUSE = 0.6  # seconds: a whole number (of ten or more options) is picked after this


def _digit_handler(control: Any, count: int) -> Any:
    """One handler for every digit key, so a number is typed digit by digit.

    The digits typed so far move the cursor to that option. When no longer number
    could follow, it is picked: at once with nine or fewer options, and after a
    short pause with ten or more, so an Enter typed after "10" picks 10 here
    instead of answering the next question. Enter picks the number at any time.
    """
    import asyncio
    import time

    typed: list[str] = []
    last = [0.0]
    waiting: list[Any] = []

    def pick(app: Any, number: int) -> None:
        if app.is_running and not app.is_done and control.pointed_at == number - 1:
            control.is_answered = True
            app.exit(result=number - 1)

    def digit(event: Any) -> None:
        now = time.monotonic()
        if now - last[0] > NEW_NUMBER:
            typed.clear()
        last[0] = now
        while waiting:
            waiting.pop().cancel()
        typed.append(event.key_sequence[0].key)
        number = int("".join(typed))
        if not 1 <= number <= count:
            typed[:] = typed[-1:]
            number = int(typed[0])
            if not 1 <= number <= count:
                typed.clear()
                return
        control.pointed_at = number - 1
        if number * 10 <= count:
            return  # a longer number could follow: wait for it, or for Enter
        typed.clear()
        if count <= 9:
            pick(event.app, number)
        else:
            handle = asyncio.get_running_loop().call_later(PICK_PAUSE, pick, event.app, number)
            waiting.append(handle)

    return digit


def _bar_keys(menu: Menu, values: list[int | str], pointed: list[int]) -> Any:
    """The keys of a compact menu: arrows and Tab move, Enter, a letter or a number picks."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    def move(step: int) -> Any:
        def handler(event: Any) -> None:
            pointed[0] = (pointed[0] + step) % len(values)

        return handler

    for key in ("right", "down", "tab"):
        bindings.add(key)(move(1))
    for key in ("left", "up", "s-tab"):
        bindings.add(key)(move(-1))
    bindings.add("enter")(lambda event: event.app.exit(result=values[pointed[0]]))
    for key, value in menu.key_map().items():
        bindings.add(key)(_exit_with(value))
    for number in range(1, min(len(menu.options), 9) + 1):
        bindings.add(str(number))(_exit_with(number - 1))
    for back in (BACK, MENU, KEEP):
        if back in menu.controls:
            bindings.add("escape")(_exit_with(back))

    _add_stop_keys(bindings)

    return bindings


def _default_choice(choices: list[Any], value: int | str | None) -> Any:
    """The choice the cursor starts on (questionary matches a Choice itself)."""
    if value is None:
        return None
    return next((c for c in choices if getattr(c, "value", None) == value), None)


BAR_SHORT = {ANSWERS: "Answers", RESTART: "Again"}  # a compact menu's controls, when short


def _bar_items(menu: Menu, short: bool = False) -> list[tuple[str, str, int | str]]:
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
    for n, (key, label, _) in enumerate(_bar_items(menu, short)):
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
