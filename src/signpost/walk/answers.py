"""The answers of a scripted walk (`signpost run TREE --answers FILE`).

A YAML or JSON mapping of question id to answer, read from a file, a pipe the person
chose (`--answers <(make-answers)`) or standard input (`-`), never more than the
loader's `MAX_BYTES`. Every problem is a `UsageError` told of an answers file, not of
a tree file, and named by where the answers came from.
"""

from __future__ import annotations

import os
import stat
from typing import TextIO

from signpost.content.yamlfile import MAX_BYTES, YamlError, decode, load_text, read_limited
from signpost.errors import TreeError, UsageError

STDIN = "-"  # the source that names standard input
EXAMPLE = "for example `talked-to-school: Not yet`"


def answers_name(source: str) -> str:
    """Where answers from `source` are said to come from, in messages."""
    return "<stdin>" if source == STDIN else source


def read_answers(source: str, stdin: TextIO) -> dict:
    """The mapping of question id to answer in `source`: a path, or `-` for `stdin`."""
    name = answers_name(source)
    return parse_answers(_read(source, stdin, name), name)


def _read(source: str, stdin: TextIO, name: str) -> bytes:
    """The bytes of the answers, or a `UsageError` saying why they cannot be read."""
    try:
        if source == STDIN:  # at most the limit, as for a file: `--answers - < /dev/zero` ends
            raw = stdin.buffer.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise UsageError(
                    f"the answers are more than {MAX_BYTES // 1024 // 1024} MB; "
                    "give a mapping of question id to answer",
                    where=name,
                )
        elif _is_pipe(source):
            with open(source, "rb") as pipe:
                raw = pipe.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise UsageError(
                    f"the answers are more than {MAX_BYTES // 1024 // 1024} MB", where=name
                )
        else:
            raw = read_limited(source)
    except YamlError as exc:
        reason = _answers_words(exc.problem.message)
        if not reason.startswith("the file"):
            reason = f"the answers file {reason}"
        raise UsageError(reason, where=name) from None
    except TreeError as exc:  # no such file
        raise UsageError(f"cannot read the answers file ({exc.message})", where=name) from None
    except OSError as exc:
        raise UsageError(f"cannot read the answers file ({exc.strerror})", where=name) from None
    return raw


def parse_answers(raw: bytes, name: str) -> dict:
    """The mapping `raw` holds, or a `UsageError` saying what is wrong with it, and where."""
    try:
        doc = load_text(decode(raw, name), name)
    except YamlError as exc:
        if exc.problem.code == "empty-file":
            raise UsageError(
                f"the answers file is empty; give a mapping of question id to answer, {EXAMPLE}",
                where=name,
            ) from None
        raise UsageError(_answers_words(exc.message), where=exc.where) from None
    if doc.problems:  # a duplicate key, an alias, a tag: said as it is, of answers
        first = doc.problems[0]
        raise UsageError(_answers_words(first.message), where=f"{name}:{first.line}:{first.column}")
    if not isinstance(doc.data, dict):
        raise UsageError(
            f"the answers must be a mapping of question id to answer, {EXAMPLE}", where=name
        )
    return doc.data


def _answers_words(message: str) -> str:
    """A YAML problem told of an answers file, not of tree files."""
    return message.replace("tree files", "answers files").replace("a tree file", "an answers file")


def _is_pipe(source: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(source).st_mode)
    except (OSError, ValueError):
        return False
