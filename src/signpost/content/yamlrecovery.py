"""Finding the YAML syntax errors after the first, for `signpost lint`.

The parser stops at the first syntax error, so a file with two slips would need two
runs of lint to show both. After an error, `later_syntax_problems` blanks the whole
entry it is in (from the nearest line above it indented at most two spaces, a node
or a top-level key, to the line before the next one indented no more than that) and
parses the file again, lines unchanged in number, up to `MAX_MORE` times. A new error
is reported only if the text it is in starts after the entry blanked for the one
before (so it is not the first one seen again, or made by the blanking), and it is
said exactly as it would be were it the file's only slip. It stops when the rest
parses, or at an error of another kind.
"""

from __future__ import annotations

import yaml

from signpost.content.yamlfile import LoadProblem, _Loader, _syntax_problem

MAX_MORE = 5  # more syntax errors reported for one file, after the first
_ENTRY_INDENT = 2  # a tree's node ids and its top-level keys are indented at most this


def later_syntax_problems(text: str, lines: list[str], first: LoadProblem) -> list[LoadProblem]:
    """The syntax errors after `first` (the loader's problem) that the parser finds
    once each error's entry is blanked (see the module docstring)."""
    plain = text.replace("\r\n", "\n").split("\n")
    if plain[-1:] == [""]:
        plain.pop()
    if plain != lines:
        return []  # a line break `splitlines` sees and YAML does not: lines would move
    error = _parse_error(text)
    if error is None or _syntax_problem(error, lines) != first:
        return []  # the loader stopped at something the parser alone does not see
    lines = list(lines)
    end_of_file = "\n" if text.endswith("\n") else ""  # where the end of the text is met
    found: list[LoadProblem] = []
    end = _blank_entry(lines, _start(error))
    for _ in range(MAX_MORE):
        error = _parse_error("\n".join(lines) + end_of_file)
        if error is None or _start(error) <= end:
            break
        found.append(_syntax_problem(error, lines))
        end = _blank_entry(lines, _start(error))
    return found


def _parse_error(text: str) -> yaml.MarkedYAMLError | None:
    """The parser's first syntax error in `text`, if any (its events are not kept)."""
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                return None
    except yaml.MarkedYAMLError as exc:
        return exc
    except yaml.YAMLError:  # a character YAML refuses: no more to find
        return None
    finally:
        loader.dispose()


def _start(error: yaml.MarkedYAMLError) -> int:
    """The first line (1-based) of the text the parser was reading when it gave up."""
    marks = [m.line + 1 for m in (error.context_mark, error.problem_mark) if m is not None]
    return min(marks, default=1)


def _indent(line: str) -> int | None:
    """How far `line` is indented; None for a blank line or a comment."""
    body = line.lstrip(" ")
    return None if not body or body.startswith("#") else len(line) - len(body)


def _blank_entry(lines: list[str], start: int) -> int:
    """Blank the entry that holds line `start`, in place; the last line blanked."""
    top = max(1, min(start, len(lines)))
    while top > 1:
        indent = _indent(lines[top - 1])
        if indent is not None and indent <= _ENTRY_INDENT:
            break
        top -= 1
    level = _indent(lines[top - 1]) or 0
    end = top
    for number in range(top + 1, len(lines) + 1):
        indent = _indent(lines[number - 1])
        if indent is not None and indent <= level:
            break
        end = number
    for number in range(top, end + 1):
        lines[number - 1] = ""
    return end
