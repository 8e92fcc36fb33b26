"""The rich console signpost draws with: as wide as the terminal, never wider than a
comfortable reading measure. Apart from `environment`, which stays a plain fact sheet
without rich, so `signpost list` reads it without loading rich.
"""

from __future__ import annotations

import shutil

from rich.console import Console, ConsoleDimensions

from signpost.ui.environment import Environment, reading_width


class ReadingConsole(Console):
    """A console that follows the terminal's size, but is never wider than the reading
    measure: on a 200-column terminal lines still stop at 100. With TERM=dumb too, lines
    are wrapped at a space to the terminal's width, not left for it to split words."""

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self.is_dumb_terminal:  # rich assumes 80 columns; the terminal knows better
            columns, lines = shutil.get_terminal_size((size.width, size.height))
            size = ConsoleDimensions(columns, lines)
        return ConsoleDimensions(reading_width(size.width), size.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]


def reading_console(env: Environment, plain: bool) -> ReadingConsole:
    """A rich console for `env`'s terminal; `plain`: no colour, and in a pipe whole lines
    left for the program reading them."""
    # On a terminal, lines are wrapped at a space and no wider than a comfortable
    # measure; in a pipe, plain text is left in whole lines for the program reading it.
    if plain:
        return ReadingConsole(
            color_system=None, highlight=False, emoji=False, soft_wrap=not env.stdout_tty
        )
    return ReadingConsole(highlight=False, emoji=False)
