"""Finding the YAML syntax errors after the first, for `signpost lint`.

The parser stops at the first syntax error, so a file with two slips would need two
runs of lint to show both. After an error, `later_syntax_problems` blanks the entries
it may come from (an entry runs from a line indented at most two spaces, a node or a
top-level key, to the line before the next one indented no more than that; the slip
may be on the line above the one the parser gave up on, or where the quote or bracket
it was reading opened) and parses the file again, lines unchanged in number, up to
`MAX_MORE` times. A new error is reported only if it is clearly independent: the text
it is in starts after what was blanked, it is at a later line, and it is still the
first error when every line above its entry is blanked but the bare keys (`nodes:`, a
node's id), so nothing above it (a quote opened too early, whose text closed lines
later) is its cause. It is said as it would be were it the file's only slip. The
recovery stops at the first error that is not clearly independent, or when the rest
parses.
"""

from __future__ import annotations

import re

import yaml

from signpost.content.yamlbuild import Loader
from signpost.content.yamlmarks import LoadProblem, syntax_problem

MAX_MORE = 5  # more syntax errors reported for one file, after the first
_ENTRY_INDENT = 2  # a tree's node ids and its top-level keys are indented at most this
_BARE_KEY = re.compile(r"^ {0,2}[A-Za-z0-9_][\w-]*:\s*$")  # `nodes:`, `  a-node-id:`


def later_syntax_problems(text: str, lines: list[str], first: LoadProblem) -> list[LoadProblem]:
    """The syntax errors after `first` (the loader's problem) that the parser finds
    once each error's entry is blanked (see the module docstring)."""
    plain = text.replace("\r\n", "\n").split("\n")
    if plain[-1:] == [""]:
        plain.pop()
    if plain != lines:
        return []  # a line break `splitlines` sees and YAML does not: lines would move
    error = _parse_error(text)
    if error is None or syntax_problem(error, lines) != first:
        return []  # the loader stopped at something the parser alone does not see
    original, lines = lines, list(lines)
    end_of_file = "\n" if text.endswith("\n") else ""  # where the end of the text is met
    found: list[LoadProblem] = []
    end, last = _blank(lines, error), first.line
    for _ in range(MAX_MORE):
        error = _parse_error("\n".join(lines) + end_of_file)
        if error is None or _start(error, lines) <= end:
            break
        problem = syntax_problem(error, original)  # said as if it were the only slip
        if problem.line <= last or not _alone(lines, error, problem, original, end_of_file):
            break
        found.append(problem)
        end, last = _blank(lines, error), problem.line
    return found


def _parse_error(text: str) -> yaml.MarkedYAMLError | None:
    """The parser's first syntax error in `text`, if any (its events are not kept)."""
    loader = Loader(text)
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


def _start(error: yaml.MarkedYAMLError, lines: list[str]) -> int:
    """The first line (1-based) of the text that may hold the slip behind `error`: the
    line before the one the parser gave up on (a line indented wrongly may be either),
    or where the token it was reading began (a quote, a key, a `[`), if earlier. The
    block a block-parsing error names is not counted: it may start far above."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    start = _previous(lines, line)
    context = error.context_mark
    if context is not None and not (error.context or "").startswith("while parsing a block"):
        start = min(start, context.line + 1)
    return start


def _previous(lines: list[str], line: int) -> int:
    """The nearest line above `line` that is not blank or a comment (or `line`)."""
    for number in range(min(line, len(lines) + 1) - 1, 0, -1):
        if _indent(lines[number - 1]) is not None:
            return number
    return line


def _indent(line: str) -> int | None:
    """How far `line` is indented; None for a blank line or a comment."""
    body = line.lstrip(" ")
    return None if not body or body.startswith("#") else len(line) - len(body)


def _top(lines: list[str], line: int) -> int:
    """The first line of the entry that holds `line`: the nearest line at or above it
    indented at most `_ENTRY_INDENT` spaces."""
    top = max(1, min(line, len(lines)))
    while top > 1:
        indent = _indent(lines[top - 1])
        if indent is not None and indent <= _ENTRY_INDENT:
            break
        top -= 1
    return top


def _blank(lines: list[str], error: yaml.MarkedYAMLError) -> int:
    """Blank, in place, the entries from the one where the slip behind `error` may be
    (`_start`) to the one the parser gave up in; the last line blanked."""
    top = _top(lines, _start(error, lines))
    mark = error.problem_mark or error.context_mark
    end = min(max(mark.line + 1 if mark is not None else 1, top), len(lines))
    level = _indent(lines[top - 1]) or 0
    for number in range(end + 1, len(lines) + 1):
        indent = _indent(lines[number - 1])
        if indent is not None and indent <= level:
            break
        end = number
    for number in range(top, end + 1):
        lines[number - 1] = ""
    return end


def _alone(
    lines: list[str],
    error: yaml.MarkedYAMLError,
    problem: LoadProblem,
    original: list[str],
    eof: str,
) -> bool:
    """Whether `problem` is still the first error with every line above its entry
    blanked, except bare keys (`nodes:`, a node's id) that hold no text: so nothing above
    it, such as a quote opened and closed lines too late, is its cause."""
    top = _top(lines, _start(error, lines))
    alone = [t if n >= top or _BARE_KEY.match(t) else "" for n, t in enumerate(lines, 1)]
    again = _parse_error("\n".join(alone) + eof)
    return again is not None and syntax_problem(again, original) == problem
