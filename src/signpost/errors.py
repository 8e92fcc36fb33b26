"""One error base and the exit codes every command uses.

Only the CLI turns a `SignpostError` into a line on stderr and an exit code;
the core raises these and never prints.
"""

from __future__ import annotations

from enum import IntEnum

from signpost.safetext import terminal


class ExitStatus(IntEnum):
    """Exit codes, documented in the README ("Exit codes")."""

    OK = 0
    FINDINGS = 1  # lint found errors, a tree test failed
    USAGE = 2  # bad command line, unknown tree, answers that do not fit
    BAD_TREE = 3  # a tree, catalogue or source that cannot be loaded or walked
    CANNOT_SAVE = 4  # the plan, or any output (a full disk), could not be written
    INTERRUPTED = 130  # Ctrl-C or end of input at a prompt
    INTERNAL = 70  # a bug in signpost (sysexits' EX_SOFTWARE), never a user's mistake
    PIPE_CLOSED = 141  # the output was closed early, e.g. `signpost list | head` (128 + SIGPIPE)


class SignpostError(Exception):
    """A problem the user can fix: one line saying what, where and what to do."""

    exit_status = ExitStatus.USAGE

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        """The one line shown: a label or path quoted in it shows its control characters
        as escapes, and a newline in it cannot start a second line."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text = f"{text}{'' if text.endswith(('.', '?', '!')) else '.'} {self.hint}"
        return terminal(text).replace("\n", "\\n").replace("\t", " ")


class UsageError(SignpostError):
    """A command line, answer or name that does not fit."""

    exit_status = ExitStatus.USAGE


class TreeError(SignpostError):
    """A tree, catalogue or source document that cannot be used."""

    exit_status = ExitStatus.BAD_TREE


class SaveError(SignpostError):
    """A plan that could not be written."""

    exit_status = ExitStatus.CANNOT_SAVE


class Stopped(Exception):
    """The person stopped the walk (Ctrl-C, end of input, or Quit).

    `saved` is where their plan was saved before they stopped, if it was, so the
    goodbye line never claims that nothing was saved when something was.
    """

    def __init__(self, saved: object = None):
        super().__init__()
        self.saved = saved

    @property
    def message(self) -> str:
        if self.saved:
            return f"Stopped. Your plan was saved to {self.saved}."
        return "Stopped \u2014 nothing was saved."


class Interrupted(Stopped):
    """Ctrl-C at a prompt: a walk stops, but a save prompt only cancels the save."""
