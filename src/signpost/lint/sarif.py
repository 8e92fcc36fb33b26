"""More ways to give a lint `Report`, as ruff users expect: SARIF 2.1.0 (for GitHub code
scanning, which shows each finding on its line), `--statistics`, and `--select` /
`--ignore`. Each returns data or text; none prints.
"""

from __future__ import annotations

from collections import Counter

from signpost.lint.diagnostic import Report
from signpost.lint.fixes import Fix
from signpost.lint.registry import RULES
from signpost.safetext import json_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning"}


def sarif(report: Report, version: str, names: dict[str, str] | None = None) -> str:
    """The report as a SARIF 2.1.0 log: one run, every rule with its summary and page,
    each finding with its region (start and end) and its fix, if it has one. `names`
    gives the real file name of a name shown otherwise (with escapes), for its URI."""
    import json

    rules = list(RULES)
    index = {name: number for number, name in enumerate(rules)}
    results = []
    for d in report.diagnostics:
        uri = _uri((names or {}).get(d.file, d.file))
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line or d.line,
            "endColumn": max(d.end_column, d.column + 1),
        }
        result: dict = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": SARIF_LEVEL[d.severity.value],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region,
                    }
                }
            ],
        }
        if d.fix is not None:
            result["fixes"] = [_fix(uri, d.fix)]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "signpost",
                        "version": version,
                        "informationUri": "https://signpost.invalid/docs/rules/",
                        "rules": [_rule(name) for name in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _uri(file: str) -> str:
    from urllib.parse import quote

    # a name that is not UTF-8 (read as surrogates) is percent-encoded as its bytes
    return quote(file.replace("\\", "/"), errors="surrogateescape")


def _rule(name: str) -> dict:
    rule = RULES[name]
    level = rule.severity.value
    return {
        "id": name,
        "name": name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"https://signpost.invalid/docs/rules/{name}.md",
        "help": {"text": f"docs/rules/{name}.md, or `signpost lint --explain {name}`"},
        "defaultConfiguration": {
            "enabled": level != "off",
            "level": SARIF_LEVEL.get(level, "none"),
        },
    }


def _fix(uri: str, fix: Fix) -> dict:
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": e.line,
                            "startColumn": e.column,
                            "endLine": e.end_line,
                            "endColumn": e.end_column,
                        },
                        "insertedContent": {"text": e.text},
                    }
                    for e in fix.edits
                ],
            }
        ],
    }


def statistics(report: Report) -> str:
    """How many findings of each rule, most first, with `[*]` where `--fix` can fix them
    all (ruff's `--statistics`)."""
    counts = Counter(d.rule for d in report.diagnostics)
    fixable = Counter(d.rule for d in report.diagnostics if d.fix is not None)
    if not counts:
        return ""
    width = max(len(str(n)) for n in counts.values())
    rule_width = max(len(rule) for rule in counts)
    lines = []
    for rule, number in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if fixable[rule] == number else "   "
        lines.append(f"{number:>{width}}  {rule:<{rule_width}}  {mark} {RULES[rule].summary}")
    return "\n".join(lines) + "\n"


def rule_names(given: list[str], option: str) -> set[str]:
    """The rules that `--select` / `--ignore` name: each a rule, a group of rules, or
    `all`; comma-separated or repeated. An unknown name is a `UsageError`."""
    from signpost.errors import UsageError
    from signpost.similar import did_you_mean

    groups: dict[str, set[str]] = {}
    for rule in RULES.values():
        groups.setdefault(rule.group, set()).add(rule.name)
    wanted: set[str] = set()
    names = [n.strip() for item in given for n in item.split(",") if n.strip()]
    if not names:  # `--select "$RULES"` with RULES unset must not hide every finding
        raise UsageError(
            f"{option} names no rule; give rules or groups, comma-separated",
            hint="Run `signpost lint --list-rules` to see them.",
        )
    for name in names:
        if name == "all":
            wanted |= set(RULES)
        elif name in RULES:
            wanted.add(name)
        elif name in groups:
            wanted |= groups[name]
        else:
            raise UsageError(
                f"{option} {name}: there is no lint rule or group of rules called `{name}`",
                hint=did_you_mean(name, [*RULES, *groups], sentence=True)
                or "Run `signpost lint --list-rules` to see them.",
            )
    return wanted


def only(report: Report, select: set[str] | None, ignore: set[str]) -> Report:
    """The report with only the findings of `select` (all if None), less `ignore`."""
    kept = tuple(
        d
        for d in report.diagnostics
        if (select is None or d.rule in select) and d.rule not in ignore
    )
    narrowed = Report(kept, report.files, report.lines, report.readability, report.settings)
    narrowed.silenced = report.silenced
    return narrowed
