"""`# signpost: disable=rule-name[,other-rule] [-- reason]` comments.

At the end of a line, the comment silences those rules on that line; on a line
of its own, on the next line that is not a comment. `disable=all` silences every
rule there but the rules that protect a family (`config.PROTECTED`): those are
silenced only by name, on one line, with a reason after `--`. A name that is not a
rule is itself reported (`unknown-rule`), so a typo never silently disables nothing.

Only a real YAML comment counts: `# signpost: disable=all` inside a quoted or block
text is text a family reads, not a comment (the file's scalars are found with the
YAML scanner).
"""

from __future__ import annotations

import re

from signpost.content.yamlfile import Mark
from signpost.lint.config import PROTECTED
from signpost.lint.context import FileContext, Findings
from signpost.lint.registry import RULES
from signpost.similar import did_you_mean

COMMENT = r"#\s*signpost:\s*disable=([A-Za-z0-9_,\s-]*)"  # compiled only for a file that has one


def disabled(file: FileContext, findings: Findings) -> dict[int, set[str]]:
    """Line number -> rule names silenced there, for one file."""
    out: dict[int, set[str]] = {}
    if "signpost:" not in "\n".join(file.lines):  # most files: one search at C speed
        return out
    texts = _text_spans(file)
    pending: list[set[str]] = []
    for number, line in enumerate(file.lines, 1):
        stripped = line.strip()
        if pending and stripped and not stripped.startswith("#"):
            for names in pending:
                out.setdefault(number, set()).update(names)
            pending = []
        if "signpost:" not in line:
            continue
        match = re.search(COMMENT, line)
        if not match or _inside(texts, (number - 1, match.start())):
            continue
        names = _names(file, findings, number, match, line)
        if stripped.startswith("#"):
            pending.append(names)
        else:
            out.setdefault(number, set()).update(names)
    return out


def _names(
    file: FileContext, findings: Findings, number: int, match: re.Match[str], line: str
) -> set[str]:
    """The rules one comment silences: `all` (never the protected ones), and each rule
    it names; a protected rule only with a reason after `--`."""
    listed, dashes, _ = match.group(1).partition("--")
    reason = line[match.start(1) + len(listed) + len(dashes) :].strip() if dashes else ""
    names: set[str] = set()
    for name in (n.strip() for n in listed.split(",")):
        if not name:
            continue
        if name != "all" and name not in RULES:
            hint = did_you_mean(name, RULES) or "run `signpost lint --list-rules` to see them"
            message = f"`{name}` is not a lint rule; {hint}"
        elif name in PROTECTED and not reason:
            message = (
                f"`{name}` protects families, so it is silenced only with a reason: "
                f"`# signpost: disable={name} -- why this line is right`"
            )
        else:
            names.add(name)
            continue
        findings.add("unknown-rule", file, (), message, at=Mark(number, match.start() + 1))
    return names


def _text_spans(file: FileContext) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each text (scalar) of the file starts and ends, as (line, column) from 0,
    in order; up to the first error, if the file is not valid YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans = []
    try:
        for token in yaml.scan("\n".join(file.lines), Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        spans.append(((len(file.lines), 0), (len(file.lines), 0)))
    return spans


def _inside(spans: list[tuple[tuple[int, int], tuple[int, int]]], at: tuple[int, int]) -> bool:
    """Whether `at` is inside one of `spans` (a `#` there is text, not a comment)."""
    from bisect import bisect_right

    index = bisect_right(spans, (at, (1 << 62, 0))) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]
