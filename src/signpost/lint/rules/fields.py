"""Checking one mapping of a file against a table of fields in `signpost.content.spec`:
unknown and missing keys, and each value of the kind its field gives (text, id, date,
true/false, number, phone, list, mapping), with bare booleans and empty text reported.

The shape check (`shape.py`, and `tables.py` for the catalogue and the glossary) calls
`fields` on each mapping it meets; a value of the wrong kind is reported here once and
left out (`BAD`), so no later check sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from signpost.content import spec
from signpost.content.yamlfile import DataPath, format_path
from signpost.ids import ID
from signpost.lint.context import FileContext, Findings, SourceRef
from signpost.similar import close_matches, did_you_mean

BAD = object()
_DATE = spec.DATE


# One set of kind names, shared with the tree model (`signpost.content.model`).
kind_of = spec.kind_of
_EXPECTED = spec.EXPECTED


def named(path: DataPath) -> str:
    last = path[-1] if path else ""
    if isinstance(last, int):
        return f"item {last + 1} of `{format_path(path[:-1])}`"
    return f"`{last}`"


def _where(path: DataPath) -> str:
    return f"`{format_path(path)}`" if path else "the file"


def _token(file: FileContext, path: DataPath) -> str:
    assert file.doc is not None  # rules run on files that parsed
    mark = file.doc.mark(path)
    line = file.lines[mark.line - 1] if 0 < mark.line <= len(file.lines) else ""
    match = re.match(r"[^\s,\]}#]+", line[mark.column - 1 :])
    return match.group(0) if match else "Yes"


def _and(names: list[str]) -> str:
    names = [f"`{n}`" for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def value(
    findings: Findings, file: FileContext, data: Any, path: DataPath, field: spec.Field
) -> Any:
    """`data` if it is of the field's kind, else `BAD` after reporting why."""
    kind = field.kind
    check = _CHECKS.get(kind)
    if check is not None:
        return check(findings, file, data, path)
    want = {"list": list, "mapping": dict}[kind]
    if isinstance(data, want):
        return data
    findings.add(
        "wrong-type", file, path, f"{named(path)} should be {_EXPECTED[kind]}, not {kind_of(data)}"
    )
    return BAD


def _text(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, str):
        if not data.strip():
            findings.add(
                "empty-value",
                file,
                path,
                f"{named(path)} is empty; write the text or remove the key",
            )
            return BAD
        return data
    if isinstance(data, bool):
        token = _token(file, path)
        findings.add(
            "unquoted-boolean",
            file,
            path,
            f"{named(path)} reads as {str(data).lower()}, not text: YAML turns a bare "
            f'`{token}` into true/false; put it in quotes: `"{token}"`',
        )
        return BAD
    hint = "; put it in quotes" if isinstance(data, (int, float, dt.date)) else ""
    findings.add(
        "wrong-type", file, path, f"{named(path)} should be text, not {kind_of(data)}{hint}"
    )
    return BAD


def _date(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, dt.datetime):
        findings.add(
            "bad-date",
            file,
            path,
            f"{named(path)} should be a date alone, without a time; "
            f"write `{data.date().isoformat()}`",
        )
        return BAD
    if isinstance(data, dt.date):
        return data
    if isinstance(data, str) and _DATE.match(data.strip()):
        try:
            return dt.date.fromisoformat(data.strip())
        except ValueError as exc:
            findings.add(
                "bad-date",
                file,
                path,
                f"{named(path)} is not a real date ({exc}); write it as YYYY-MM-DD",
            )
            return BAD
    findings.add(
        "bad-date",
        file,
        path,
        f"{named(path)} should be a date written YYYY-MM-DD "
        "(for example `2026-11-22`), not "
        + (f"`{data}`" if isinstance(data, (str, int)) else kind_of(data)),
    )
    return BAD


def _bool(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, bool):
        return data
    hint = (
        "; remove the quotes" if isinstance(data, str) and data.lower() in ("true", "false") else ""
    )
    findings.add(
        "wrong-type",
        file,
        path,
        f"{named(path)} should be `true` or `false`, not {kind_of(data)}{hint}",
    )
    return BAD


def _number(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return data
    findings.add("wrong-type", file, path, f"{named(path)} should be a number, not {kind_of(data)}")
    return BAD


def _phone(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, str) and data.strip():
        return data
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        findings.add(
            "wrong-type",
            file,
            path,
            f"{named(path)} reads as a number (which loses any "
            "leading 0); put the phone number in quotes, as the source writes it",
        )
        return BAD
    return _text(findings, file, data, path)


# The check of each kind of value but lists and mappings (a type test alone).
_CHECKS = {
    "text": _text,
    "id": _text,
    "ref": _text,
    "date": _date,
    "bool": _bool,
    "number": _number,
    "phone": _phone,
}


# Where each key of the format belongs, for a key found at the wrong level: the
# usual cause is a line indented too much or too little.
_BELONGS: dict[str, str] = {}
for _place, _table in (
    ("a `source` (under a step)", spec.SOURCE),
    ("a step (`- text:` under `steps`)", spec.STEP),
    ("an option (`- label:` under `options`)", spec.OPTION),
    ("an `outcome`", spec.OUTCOME),
    ("a question", spec.QUESTION),
    ("the top of the file, not indented", spec.TREE),
):
    for _key in _table:
        _BELONGS.setdefault(_key, _place)


def unknown_keys(
    findings: Findings, file: FileContext, data: dict, path: DataPath, known: list[str]
) -> list[str]:
    """Report keys not in `known`; returns the known keys they were probably meant to be."""
    meant = []
    for key in data:
        if key in known:
            continue
        close = close_matches(str(key), known, n=1, cutoff=0.6)
        if close:
            meant.append(close[0])
            hint = did_you_mean(str(key), known)
        elif key in _BELONGS:
            start = file.doc.mark(path).line if file.doc is not None else 1
            hint = (
                f"`{key}` belongs in {_BELONGS[key]}: check its indentation against the "
                f"block it is in, which starts on line {start}"
            )
        else:
            hint = f"the keys here are {_and(known)}"
        findings.add("unknown-key", file, path + (key,), f"unknown key `{key}`; {hint}", key=True)
    return meant


def fields(
    findings: Findings,
    file: FileContext,
    data: dict,
    path: DataPath,
    table: dict[str, spec.Field],
    *,
    known: list[str] | None = None,
    missing_rules: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Check one mapping against a table of fields; the values of the right kind."""
    names = known or table
    meant = unknown_keys(findings, file, data, path, list(names)) if data.keys() - names else []
    values, missing = _values(findings, file, data, path, table, meant)
    if missing:
        _missing(findings, file, path, missing, missing_rules)
    return values


def _missing(
    findings: Findings,
    file: FileContext,
    path: DataPath,
    missing: list[str],
    missing_rules: dict[str, str] | None,
) -> None:
    """One finding per rule for the required keys `missing` at `path`."""
    by_rule: dict[str, list[str]] = {}
    for key in missing:
        by_rule.setdefault((missing_rules or {}).get(key, "missing-key"), []).append(key)
    for rule, keys in by_rule.items():
        if rule == "missing-source":
            message = (
                f"{_where(path)} has no `source`; add the `doc` in seeds/ and the "
                "`quote` this rests on"
            )
        else:
            message = (
                f"{_where(path)} is missing {_and(keys)}; add "
                f"{'it' if len(keys) == 1 else 'them'} (see docs/tree-format.md)"
            )
        findings.add(rule, file, path, message, key=True)


def _values(
    findings: Findings,
    file: FileContext,
    data: dict,
    path: DataPath,
    table: dict[str, spec.Field],
    meant: list[str],
) -> tuple[dict[str, Any], list[str]]:
    """The values of `data` of the kind `table` gives, each other value reported; and the
    required keys missing from it (but those a misspelt key was `meant` to be)."""
    out: dict[str, Any] = {}
    missing: list[str] = []
    for key, field in table.items():
        if key not in data:
            if field.required and key not in meant:
                missing.append(key)
        else:
            got = data[key]
            kind = field.kind
            # The common right answers, as `value` gives them, without a call or a path:
            # non-empty text, a list, a mapping.
            if kind in _TEXT_KINDS:
                if type(got) is str and got.strip():
                    out[key] = got
                    continue
            elif kind == "list":
                if isinstance(got, list):
                    out[key] = got
                    continue
            elif kind == "mapping" and isinstance(got, dict):
                out[key] = got
                continue
            got = value(findings, file, got, path + (key,), field)
            if got is not BAD:
                out[key] = got
    return out, missing


_TEXT_KINDS = spec.TEXT_KINDS


def top_mapping(findings: Findings, file: FileContext, want: str) -> dict | None:
    assert file.doc is not None  # rules run on files that parsed
    data = file.doc.data
    if isinstance(data, dict):
        return data
    findings.add(
        "top-level-not-mapping",
        file,
        (),
        f"the file holds {kind_of(data)} at the top level; {want}",
    )
    return None


def not_kebab(what: str, ident: Any, example: str = "") -> str:
    """What `bad-id` says of an id that is not kebab-case (`signpost.ids.ID`)."""
    like = f", like `{example}`" if example else ""
    return f"the {what} `{ident}` is not kebab-case (a-z, 0-9 and single hyphens{like})"


def bad_key_id(
    findings: Findings, file: FileContext, path: DataPath, what: str, example: str, advice: str = ""
) -> bool:
    """Whether the id that ends `path` (a key: a node's or a contact's) is not kebab-case;
    `bad-id` at the key if so, with `advice` after the reason."""
    ident = path[-1]
    if isinstance(ident, str) and ID.match(ident):
        return False
    message = not_kebab(what, ident, example) + (f"; {advice}" if advice else "")
    findings.add("bad-id", file, path, message, key=True)
    return True


def source_ref(findings: Findings, file: FileContext, data: dict, path: DataPath) -> SourceRef:
    got = fields(findings, file, data, path, spec.SOURCE)
    return SourceRef(path, got)
