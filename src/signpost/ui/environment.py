"""The terminal signpost runs in, read once from the process (like httpie's Environment).

The command line builds one per run (`Environment.read`) and hands it to whatever
draws or prompts, so the decisions below are made in one place: whether arrow-key
menus can be drawn (`interactive`), the screen-reader mode (`plain`), colour
(`colour`, `styled`) and the width to lay lines out in. Tests build their own.
Nothing here imports rich or questionary: `signpost list` reads it too.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO

READING_WIDTH = 100  # a comfortable measure: wider terminals get lines no longer than this


def reading_width(columns: int) -> int:
    return min(columns, READING_WIDTH)


class Environment(NamedTuple):
    """The process's streams and what its terminal can do."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_tty: bool = False
    stdout_tty: bool = False
    dumb: bool = False  # TERM=dumb: a terminal that cannot move the cursor or wrap words
    no_color: bool = False  # NO_COLOR set (and not empty)
    force_color: bool = False  # FORCE_COLOR set (and not empty)
    columns: int = 0  # COLUMNS, else the width of the terminal stdout is on; 0 if neither
    plain_asked: bool = False  # --plain

    @classmethod
    def read(cls, plain: bool = False, environ: Mapping[str, str] | None = None) -> Environment:
        """The environment of this process, as it is now."""
        environ = os.environ if environ is None else environ
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=_isatty(sys.stdout),
            dumb=environ.get("TERM") == "dumb",
            no_color=bool(environ.get("NO_COLOR")),
            force_color=bool(environ.get("FORCE_COLOR")),
            columns=shutil.get_terminal_size((0, 0)).columns,
            plain_asked=plain,
        )

    def with_plain(self, plain: bool) -> Environment:
        """The same environment, with a command's own --plain added to the root one."""
        return self._replace(plain_asked=True) if plain else self

    @property
    def interactive(self) -> bool:
        """Whether arrow-key menus can be drawn: both ends are terminals that move a cursor."""
        return self.stdin_tty and self.stdout_tty and not self.dumb

    @property
    def plain(self) -> bool:
        """The screen-reader mode: numbered options typed as lines, no colour, no cursor
        movement. Asked for with --plain, or whenever arrow-key menus cannot be drawn."""
        return self.plain_asked or not self.interactive

    @property
    def colour(self) -> bool:
        """Whether colour codes may be written: never with NO_COLOR or --plain, always
        with FORCE_COLOR, else on a terminal that is not TERM=dumb (the lint report)."""
        if self.no_color or self.plain_asked:
            return False
        return self.force_color or (self.stdout_tty and not self.dumb)

    @property
    def styled(self) -> bool:
        """Whether to draw rich layouts (the coloured outline, the boxed plan, the coloured
        diff) rather than plain text: colour allowed, and not TERM=dumb."""
        return self.colour and not self.dumb

    def width(self, fallback: int) -> int:
        """The width to lay lines out in: the terminal's, at most the reading measure;
        `fallback` when the width is not known (in a pipe, with no COLUMNS)."""
        return reading_width(self.columns or fallback)

    @property
    def unicode(self) -> bool:
        """Whether the terminal's encoding has arrows and the pointer (UTF-8), or the
        prompts must say them in ASCII."""
        encoding = (getattr(self.stdout, "encoding", None) or "").lower()
        return encoding.replace("-", "").startswith("utf")

    def terminal_size(self) -> os.terminal_size:
        """The terminal's columns and lines now (an arrow menu redraws when it is resized)."""
        return shutil.get_terminal_size()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False
