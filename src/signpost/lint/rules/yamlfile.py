"""Reading each file: bytes, UTF-8, tabs, YAML syntax, duplicate keys, aliases and tags.

The loading itself is `signpost.content.yamlfile` (the same loader the walk uses); here
its problems become findings, and a file that cannot be read never stops the
other files being checked. After a syntax error, the later ones the parser finds once
past it are reported too (`signpost.content.yamlrecovery`).
"""

from __future__ import annotations

from signpost.content.yamlfile import (
    LoadProblem,
    Mark,
    YamlError,
    decode,
    load_text,
    read_limited,
)
from signpost.content.yamlrecovery import later_syntax_problems
from signpost.errors import TreeError
from signpost.lint.context import FileContext, Findings

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "put text that contains `: ` in double quotes"),
    (
        "could not find expected ':'",
        "a key needs `: ` after it; look for a missing colon or "
        "an unclosed quote on this line or the one above",
    ),
    ("did not find expected key", "check the indentation: the keys of one mapping must line up"),
    ("did not find expected '-'", "check the indentation: the items of one list must line up"),
    ("found unexpected end of stream", "a quote or bracket is opened but never closed"),
    ("found unknown escape character", "use single quotes, or write a backslash as `\\\\`"),
    ("expected <document start>", "check the indentation of this line"),
)


def load(file: FileContext, findings: Findings) -> None:
    """Load `file` into `file.doc`, reporting every problem on the way."""
    try:
        raw = (
            file.text.encode("utf-8", "surrogateescape")
            if file.text is not None
            else read_limited(file.path, file.path.parent)
        )
    except TreeError as exc:
        # The same reading rules and limits as every other command: a regular file
        # inside the folder, of at most 10 MB.
        reason = exc.problem.message if isinstance(exc, YamlError) else exc.message
        if file.path.is_dir():
            reason = "this path is a folder, not a YAML file"
        elif not reason.startswith("the file"):
            reason = f"this path {reason}"
        findings.add(
            "unreadable-file",
            file,
            (),
            f"{reason}; lint a tree file or the folder of trees",
            at=Mark(1, 1),
        )
        return
    try:
        text = decode(raw, file.path)
    except YamlError as exc:
        file.lines = raw.decode("utf-8", "replace").splitlines()
        _problem(file, findings, exc.problem)
        return
    file.lines = text.splitlines()
    tab_lines = set()
    for number, line in enumerate(file.lines, 1) if "\t" in text else ():
        column = line.find("\t")
        if column >= 0:
            tab_lines.add(number)
            findings.add(
                "no-tabs",
                file,
                (),
                "a tab character; YAML needs spaces — replace the tab with spaces",
                at=Mark(number, column + 1),
            )
    try:
        doc = load_text(text, file.path, lines=file.lines)
    except YamlError as exc:
        syntax = exc.problem.code in ("yaml-syntax", "bad-indentation")
        problems = [exc.problem]
        if syntax:
            problems += later_syntax_problems(text, file.lines, exc.problem)
        for problem in problems:
            if not (syntax and problem.line in tab_lines):
                _problem(file, findings, problem)
        return
    file.doc = doc
    for problem in doc.problems:
        findings.add(
            problem.code, file, problem.path, problem.message, at=Mark(problem.line, problem.column)
        )


def _problem(file: FileContext, findings: Findings, problem: LoadProblem) -> None:
    at = Mark(problem.line, problem.column)
    code, message = problem.code, problem.message
    if code == "yaml-syntax" and problem.path and problem.path[-1] == "reviewed":
        code = "bad-date"
        why = message.removeprefix("cannot read this value (").rstrip(")")
        message = f"`reviewed` is not a real date ({why}); write it as YYYY-MM-DD"
    elif code == "yaml-syntax" and message.startswith("the file holds a control character"):
        pass  # says what to do already
    elif code == "yaml-syntax":
        hint = next(
            (h for key, h in _SYNTAX_HINTS if key in message),
            "check the indentation and quoting here",
        )
        message = f"this is not valid YAML ({message}); {hint}"
    findings.add(code, file, problem.path, message, at=at)
