"""The keys of the arrow-key prompts: prompt_toolkit key bindings for each kind of menu.

The same letters and numbers as plain mode: on a list (`add_select_keys`, where a
number is typed digit by digit), on a compact bar of choices (`bar_keys`), and the
y or n of a yes/no question (`confirm_keys`). Ctrl-C and Ctrl-D stop every one alike.
prompt_toolkit is imported inside each function: only an arrow-key prompt needs it.
"""

from __future__ import annotations

from typing import Any

from signpost.ui.menu import BACK, KEEP, MENU, Menu

NEW_NUMBER = 1.5  # seconds: a digit typed after a longer pause starts a new number
PICK_PAUSE = 0.6  # seconds: a whole number (of ten or more options) is picked after this


def confirm_keys(answer: list[bool], default: bool) -> Any:
    """The keys of a yes/no question: y or n shows the answer and takes it after a short
    pause (kept in `answer`), Enter takes it at once, or `default` if none was typed."""
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


def add_select_keys(app: Any, menu: Menu, choices: list[Any]) -> None:
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


def bar_keys(menu: Menu, values: list[int | str], pointed: list[int]) -> Any:
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
