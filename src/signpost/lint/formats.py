"""Turning a lint `Report` into text: `human` (grouped, with code frames),
`concise` (one greppable line each), `json` and `github` (workflow annotations).

Formatting returns strings and never prints; none of it needs rich, so the fast
formats stay fast.
"""

from __future__ import annotations

from signpost.lint.diagnostic import Report, Severity
from signpost.names import LINT_FORMATS
from signpost.safetext import json_text, terminal
from signpost.words import count as _count

JSON_VERSION = 1
FORMATS = LINT_FORMATS


def docs_ref(rule: str) -> str:
    return f"docs/rules/{rule}.md"


def concise(report: Report) -> str:
    """One line per finding, always: a line break in a quoted value or a file name is
    shown as `\\n`, so it cannot start a line of its own (a pre-commit hook reads these)."""
    return "".join(
        terminal(f"{d.file}:{d.line}:{d.column}: {d.severity} [{d.rule}] {d.message}")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        + "\n"
        for d in report.diagnostics
    )


_RED, _YELLOW, _BOLD, _DIM, _CYAN, _RESET = (
    "\x1b[31m",
    "\x1b[33m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[36m",
    "\x1b[0m",
)


WINDOW = 72  # the most of a source line shown: with its gutter, it fits 80 columns


def window(line: str, column: int, width: int = WINDOW) -> tuple[str, int]:
    """The part of a long `line` around 1-based `column` (`…` where it is cut), and where
    the caret goes under it (0-based), so the caret never lands on a wrapped line."""
    if len(line) <= width:
        return line, column - 1
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    end = start + width
    shown = line[start:end]
    caret = column - 1 - start
    if start > 0:
        shown = "\u2026" + shown[1:]
    if end < len(line):
        shown = shown[:-1] + "\u2026"
    return shown, caret


def human(report: Report, *, color: bool = False) -> str:
    """Grouped by file; each finding with its source line and a caret under the column."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    current = None
    for d in report.diagnostics:
        if d.file != current:
            if current is not None:
                out.append("")
            out.append(paint(_BOLD, terminal(d.file)))
            current = d.file
        level = paint(_RED if d.severity is Severity.ERROR else _YELLOW, str(d.severity))
        out.append(f"  {d.line}:{d.column}  {level} [{d.rule}] {terminal(d.message)}")
        lines = report.lines.get(d.file) or []
        if 0 < d.line <= len(lines):
            gutter = " " * len(str(d.line))
            source, caret = window(terminal(lines[d.line - 1].replace("\t", " ")), d.column)
            out.append(f"    {paint(_CYAN, str(d.line))} | {source}".rstrip())
            colour = _RED if d.severity is Severity.ERROR else _YELLOW
            out.append(f"    {gutter} | {' ' * caret}{paint(colour, '^')}")
        if d.path:
            out.append(f"    {paint(_DIM, terminal(f'at {d.path}'))}")
    return "\n".join(out) + "\n" if out else ""


def as_json(report: Report) -> str:
    import json  # only this format needs it: not imported on every lint

    data = {
        "version": JSON_VERSION,
        "files": report.files,
        "errors": report.errors,
        "warnings": report.warnings,
        "settings": report.settings,
        "silenced": report.silenced,
        "diagnostics": [
            dict(d.to_dict(), docs=docs_ref(d.rule), explain=f"signpost lint --explain {d.rule}")
            for d in report.diagnostics
        ],
        "readability": list(report.readability),
    }
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    text = terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(report: Report) -> str:
    """GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::msg`."""
    return "".join(
        f"::{d.severity} file={_escape(d.file, prop=True)},line={d.line},col={d.column},"
        f"title={_escape(d.rule, prop=True)}::{_escape(d.message)}\n"
        for d in report.diagnostics
    )


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    if fmt == "human":
        return human(report, color=color)
    return {"concise": concise, "json": as_json, "github": github}[fmt](report)


def summary(report: Report) -> str:
    """`2 errors, 1 warning in 13 files.`, or `No problems in 13 files.`, then the settings
    file in force, if there is one (`Settings: trees/.signpost.toml.`)."""
    files = _count(report.files, "file")
    settings = f" Settings: {terminal(report.settings)}." if report.settings else ""
    if report.silenced:
        settings = f" {_count(report.silenced, 'finding')} silenced by disable comments.{settings}"
    if not report.diagnostics:
        return f"No problems in {files}.{settings}"
    counts = f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')}"
    return f"{counts} in {files}.{settings}"
