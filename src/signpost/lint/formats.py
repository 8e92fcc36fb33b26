"""Turning a lint `Report` into text: `human` (grouped, with code frames),
`concise` (one greppable line each), `json` and `github` (workflow annotations).

Formatting returns strings and never prints; none of it needs rich, so the fast
formats stay fast.
"""

from __future__ import annotations

from signpost.lint.diagnostic import Report, Severity

JSON_VERSION = 1
FORMATS = ("human", "concise", "json", "github")


def docs_ref(rule: str) -> str:
    return f"docs/rules/{rule}.md"


def concise(report: Report) -> str:
    return "".join(
        f"{d.file}:{d.line}:{d.column}: {d.severity} [{d.rule}] {d.message}\n"
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
            out.append(paint(_BOLD, d.file))
            current = d.file
        level = paint(_RED if d.severity is Severity.ERROR else _YELLOW, str(d.severity))
        out.append(f"  {d.line}:{d.column}  {level} [{d.rule}] {d.message}")
        lines = report.lines.get(d.file) or []
        if 0 < d.line <= len(lines):
            gutter = " " * len(str(d.line))
            source = lines[d.line - 1].replace("\t", " ")
            out.append(f"    {paint(_CYAN, str(d.line))} | {source}".rstrip())
            out.append(
                f"    {gutter} | {' ' * (d.column - 1)}{paint(_RED if d.severity is Severity.ERROR else _YELLOW, '^')}"
            )
        if d.path:
            out.append(f"    {paint(_DIM, f'at {d.path}')}")
    return "\n".join(out) + "\n" if out else ""


def as_json(report: Report) -> str:
    import json  # only this format needs it: not imported on every lint

    data = {
        "version": JSON_VERSION,
        "files": report.files,
        "errors": report.errors,
        "warnings": report.warnings,
        "diagnostics": [
            dict(d.to_dict(), docs=docs_ref(d.rule), explain=f"signpost lint --explain {d.rule}")
            for d in report.diagnostics
        ],
        "readability": list(report.readability),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
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


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(report: Report) -> str:
    """`2 errors, 1 warning in 13 files`, or `No problems in 13 files`."""
    files = _count(report.files, "file")
    if not report.diagnostics:
        return f"No problems in {files}."
    return f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')} in {files}."
