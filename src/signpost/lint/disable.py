"""`# signpost: disable=rule-name[,other-rule]` comments.

At the end of a line, the comment silences those rules on that line; on a line
of its own, on the next line that is not a comment. `disable=all` silences every
rule there. A name that is not a rule is itself reported (`unknown-rule`), so a
typo never silently disables nothing.
"""

from __future__ import annotations

import re

from signpost.content.yamlfile import Mark
from signpost.lint.context import FileContext, Findings
from signpost.lint.registry import RULES
from signpost.similar import did_you_mean

COMMENT = re.compile(r"#\s*signpost:\s*disable=([A-Za-z0-9_,\s-]*)")


def disabled(file: FileContext, findings: Findings) -> dict[int, set[str]]:
    """Line number -> rule names silenced there, for one file."""
    out: dict[int, set[str]] = {}
    if "signpost:" not in "\n".join(file.lines):  # most files: one search at C speed
        return out
    pending: list[set[str]] = []
    for number, line in enumerate(file.lines, 1):
        stripped = line.strip()
        if pending and stripped and not stripped.startswith("#"):
            for names in pending:
                out.setdefault(number, set()).update(names)
            pending = []
        if "signpost:" not in line:
            continue
        match = COMMENT.search(line)
        if not match:
            continue
        names = set()
        for name in (n.strip() for n in match.group(1).split(",")):
            if not name:
                continue
            if name != "all" and name not in RULES:
                hint = did_you_mean(name, RULES) or "run `signpost lint --list-rules` to see them"
                findings.add(
                    "unknown-rule",
                    file,
                    (),
                    f"`{name}` is not a lint rule; {hint}",
                    at=Mark(number, match.start() + 1),
                )
                continue
            names.add(name)
        if stripped.startswith("#"):
            pending.append(names)
        else:
            out.setdefault(number, set()).update(names)
    return out
