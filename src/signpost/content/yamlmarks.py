"""What the YAML loader records and reports: where each value came from, and what is
wrong with a file that does not read.

A `Document` is a loaded file: its data, its lines, and the `Mark` (line and column)
of every key and value by its data path. A `LoadProblem` is something wrong with the
YAML itself, under the lint rule that reports it; a `YamlError` carries the one that
stopped the loader. `syntax_problem` and `control_character` say what the parser's
own errors mean, at the lines lint shows. `signpost.content.yamlfile` reads files with
them, `signpost.content.yamlbuild` builds the data, and `signpost.content.yamlrecovery`
finds the syntax errors after the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from signpost.errors import TreeError

# A tree needs about 7 levels (nodes.x.outcome.steps[0].source.quote); deep input is
# refused early because libyaml slows quadratically with nesting.
MAX_NESTING = 50
TOO_DEEP = f"the YAML is nested more than {MAX_NESTING} levels deep; a tree needs far fewer"

DataPath = tuple  # of str keys and int indices


def format_path(path: DataPath) -> str:
    """`("nodes", "start", "options", 2, "next")` -> `nodes.start.options[2].next`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Mark(NamedTuple):
    """A 1-based line and column in a file.

    A named tuple rather than a frozen dataclass: the loader makes one for every key
    and value, and a tuple is made three times faster.
    """

    line: int
    column: int


class LoadProblem(NamedTuple):
    """Something wrong with the YAML itself. `code` is the lint rule that reports it."""

    code: str
    message: str
    line: int
    column: int
    path: DataPath = ()


class YamlError(TreeError):
    """A file that cannot be read as YAML at all; carries the first problem."""

    def __init__(self, file: Path | str, problem: LoadProblem):
        super().__init__(problem.message, where=f"{file}:{problem.line}:{problem.column}")
        self.file = str(file)
        self.problem = problem


class Document:
    """A loaded YAML file: its data, its text and where each value stands.

    A plain class, not a dataclass, as are the other records that `signpost lint`,
    `list` and the walk need: importing `dataclasses` costs ~10 ms on every run.
    """

    __slots__ = ("data", "keys", "lines", "path", "problems", "values")

    def __init__(self, path: Path, data: Any, lines: list[str]):
        self.path = path
        self.data = data
        self.lines = lines
        self.values: dict[DataPath, Mark] = {}
        self.keys: dict[DataPath, Mark] = {}
        self.problems: list[LoadProblem] = []

    def mark(self, path: DataPath, *, key: bool = False) -> Mark:
        """Where `path` is (its key if `key`), else its nearest ancestor that exists."""
        table = self.keys if key else self.values
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Mark(1, 1))


def syntax_problem(exc: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem:
    """What PyYAML's syntax error means, where it is (an indentation slip said as one)."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = exc.problem or "this is not valid YAML"
    from signpost.content.indentation import explain  # only for a file that does not read

    indentation = explain(lines, message, line, column)
    if indentation is not None:
        return LoadProblem("bad-indentation", *indentation)
    if "maximum nesting depth" in message:
        # libyaml >= 0.2.6 has its own limit and reads ahead, so it can stop
        # before our own depth check sees an event: say it the same way.
        message = TOO_DEEP
    elif exc.context:
        message = f"{message} ({exc.context})"
    return LoadProblem("yaml-syntax", sentence(message), line, column)


def control_character(exc: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """A character YAML refuses, at its line and column as `splitlines` counts lines
    (the lines lint shows), not by "\\n" alone."""
    at = min(max(exc.position, 0), len(text))
    before = text[:at].splitlines(keepends=True)
    if not before:
        line, column = 1, 1
    elif before[-1].splitlines() != [before[-1]]:  # it ends with a line break
        line, column = len(before) + 1, 1
    else:
        line, column = len(before), len(before[-1]) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return LoadProblem(
        "yaml-syntax",
        f"the file holds a control character ({shown}), which YAML does not allow; remove it",
        line,
        column,
    )


def sentence(message: str) -> str:
    return message.strip().rstrip(".")
