"""One finding of the linter, as plain frozen data.

A diagnostic carries both a position (1-based line and column, for editors and
compilers' habits) and a data path (`nodes.start.options[2].next`, for people
reading the YAML as data): each alone has left users of other linters asking
for the other.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from signpost.lint.fixes import Fix


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"  # a rule's default only: reported once settings turn it on

    def __str__(self) -> str:
        return self.value


class Diagnostic(NamedTuple):
    """A problem in one file: where it is, how bad, which rule, and what to do.

    Diagnostics sort by their fields in this order: file, line, column, ...
    """

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    path: str = ""
    end_line: int = 0  # where the finding ends (end-exclusive column); 0: not worked out
    end_column: int = 0
    fix: Fix | None = None  # the one safe fix (`signpost lint --fix`), if it has one

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "path": self.path,
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }


class Report:
    """What one lint run found: the diagnostics, sorted, and how many files were read."""

    __slots__ = ("diagnostics", "files", "lines", "readability", "settings", "silenced")

    def __init__(
        self,
        diagnostics: tuple[Diagnostic, ...],
        files: int,
        lines: dict[str, list[str]] | None = None,
        readability: tuple[dict, ...] = (),
        settings: str | None = None,
    ):
        self.diagnostics = diagnostics
        self.files = files
        self.lines = {} if lines is None else lines  # file -> its lines, for code frames
        self.readability = readability  # one figure per outcome (`Readability.to_dict`)
        self.settings = settings  # the settings file in force, if any
        self.silenced = 0  # findings a `# signpost: disable=` comment silenced

    def __repr__(self) -> str:
        return f"Report({len(self.diagnostics)} diagnostics in {self.files} files)"

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)
