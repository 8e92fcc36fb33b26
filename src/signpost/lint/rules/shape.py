"""Shape: unknown and missing keys, wrong types, bare booleans, ids and dates.

This is the only check that reads raw YAML data. It reports each problem once,
where it is, and hands the later checks typed facts (`TreeInfo`,
`CatalogueInfo`) that hold only values of the right kind.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from signpost.content import spec
from signpost.content.yamlfile import DataPath, format_path
from signpost.ids import ID
from signpost.lint.config import Config
from signpost.lint.context import (
    CatalogueInfo,
    ContactInfo,
    FileContext,
    Findings,
    Folder,
    GlossaryInfo,
    NodeInfo,
    OptionInfo,
    SourceRef,
    TreeInfo,
)
from signpost.similar import close_matches, did_you_mean

_BAD = object()
_DATE = spec.DATE


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for file in folder.files:
        if file.doc is None:
            continue
        if file.catalogue:
            folder.catalogue = _catalogue(file, findings)
        elif file.glossary:
            folder.glossary = _glossary(file, findings)
        elif file.everyday:
            continue  # checked by rules/everyday.py
        else:
            tree = _tree(file, findings, config)
            if tree is not None:
                folder.trees.append(tree)


# One set of kind names, shared with the tree model (`signpost.content.model`).
kind_of = spec.kind_of
_EXPECTED = spec.EXPECTED


def _name(path: DataPath) -> str:
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
    """`data` if it is of the field's kind, else `_BAD` after reporting why."""
    kind = field.kind
    check = _CHECKS.get(kind)
    if check is not None:
        return check(findings, file, data, path)
    want = {"list": list, "mapping": dict}[kind]
    if isinstance(data, want):
        return data
    findings.add(
        "wrong-type", file, path, f"{_name(path)} should be {_EXPECTED[kind]}, not {kind_of(data)}"
    )
    return _BAD


def _text(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, str):
        if not data.strip():
            findings.add(
                "empty-value",
                file,
                path,
                f"{_name(path)} is empty; write the text or remove the key",
            )
            return _BAD
        return data
    if isinstance(data, bool):
        token = _token(file, path)
        findings.add(
            "unquoted-boolean",
            file,
            path,
            f"{_name(path)} reads as {str(data).lower()}, not text: YAML turns a bare "
            f'`{token}` into true/false; put it in quotes: `"{token}"`',
        )
        return _BAD
    hint = "; put it in quotes" if isinstance(data, (int, float, dt.date)) else ""
    findings.add(
        "wrong-type", file, path, f"{_name(path)} should be text, not {kind_of(data)}{hint}"
    )
    return _BAD


def _date(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, dt.datetime):
        findings.add(
            "bad-date",
            file,
            path,
            f"{_name(path)} should be a date alone, without a time; "
            f"write `{data.date().isoformat()}`",
        )
        return _BAD
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
                f"{_name(path)} is not a real date ({exc}); write it as YYYY-MM-DD",
            )
            return _BAD
    findings.add(
        "bad-date",
        file,
        path,
        f"{_name(path)} should be a date written YYYY-MM-DD "
        "(for example `2026-11-22`), not "
        + (f"`{data}`" if isinstance(data, (str, int)) else kind_of(data)),
    )
    return _BAD


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
        f"{_name(path)} should be `true` or `false`, not {kind_of(data)}{hint}",
    )
    return _BAD


def _number(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return data
    findings.add("wrong-type", file, path, f"{_name(path)} should be a number, not {kind_of(data)}")
    return _BAD


def _phone(findings: Findings, file: FileContext, data: Any, path: DataPath) -> Any:
    if isinstance(data, str) and data.strip():
        return data
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        findings.add(
            "wrong-type",
            file,
            path,
            f"{_name(path)} reads as a number (which loses any "
            "leading 0); put the phone number in quotes, as the source writes it",
        )
        return _BAD
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
            if got is not _BAD:
                out[key] = got
    return out, missing


_TEXT_KINDS = spec.TEXT_KINDS


def _top(findings: Findings, file: FileContext, want: str) -> dict | None:
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


def _tree(file: FileContext, findings: Findings, config: Config) -> TreeInfo | None:
    data = _top(findings, file, f"a tree is a mapping of keys, starting with `id: {file.stem}`")
    if data is None:
        return None
    tree = TreeInfo(file)
    top = tree.values = fields(findings, file, data, (), spec.TREE)
    if _tree_id(findings, file, top.get("id")) is None:
        top.pop("id", None)
    _audience(findings, file, top.get("audience"))
    reviewed = top.get("reviewed")
    if reviewed is not None and reviewed > config.today():
        findings.add(
            "bad-date",
            file,
            ("reviewed",),
            f"`reviewed` is {reviewed.isoformat()}, "
            f"after today ({config.today().isoformat()}); write the day you checked "
            "the tree against its sources",
        )
        del top["reviewed"]
    nodes = top.get("nodes")
    tree.declared = {key for key in (nodes or {}) if isinstance(key, str)}
    if nodes is not None and not nodes:
        findings.add(
            "empty-value",
            file,
            ("nodes",),
            "`nodes` is empty; add a question and the outcomes it leads to",
        )
    for node_id, node_data in (nodes or {}).items():
        node = _node(findings, file, node_id, node_data)
        if node is not None:
            tree.nodes[node_id] = node
    return tree


def _not_kebab(what: str, ident: Any, example: str = "") -> str:
    """What `bad-id` says of an id that is not kebab-case (`signpost.ids.ID`)."""
    like = f", like `{example}`" if example else ""
    return f"the {what} `{ident}` is not kebab-case (a-z, 0-9 and single hyphens{like})"


def _bad_key_id(
    findings: Findings, file: FileContext, path: DataPath, what: str, example: str, advice: str = ""
) -> bool:
    """Whether the id that ends `path` (a key: a node's or a contact's) is not kebab-case;
    `bad-id` at the key if so, with `advice` after the reason."""
    ident = path[-1]
    if isinstance(ident, str) and ID.match(ident):
        return False
    message = _not_kebab(what, ident, example) + (f"; {advice}" if advice else "")
    findings.add("bad-id", file, path, message, key=True)
    return True


def _tree_id(findings: Findings, file: FileContext, tree_id: str | None) -> str | None:
    """The tree's id, if it is kebab-case and matches the file name; else None."""
    if tree_id is None:
        return None
    if not ID.match(tree_id):
        findings.add(
            "bad-id",
            file,
            ("id",),
            _not_kebab("id", tree_id) + "; rename it, and the file to match",
        )
    elif tree_id != file.stem:
        findings.add(
            "id-file-mismatch",
            file,
            ("id",),
            f"the id is `{tree_id}` but the file "
            f"is `{file.path.name}`; make them the same (rename the file or change "
            "the id)",
        )
    else:
        return tree_id
    return None


def _audience(findings: Findings, file: FileContext, audience: list | None) -> None:
    """Report an empty audience and any but parents and professionals."""
    if audience is None:
        return
    if not audience:
        findings.add(
            "bad-audience",
            file,
            ("audience",),
            "`audience` is empty; list `parents`, `professionals` or both",
        )
    for index, who in enumerate(audience):
        if who not in spec.AUDIENCES:
            hint = did_you_mean(str(who), spec.AUDIENCES) or "use `parents` or `professionals`"
            findings.add(
                "bad-audience", file, ("audience", index), f"`{who}` is not an audience; {hint}"
            )


_NODE_KEYS = list(spec.QUESTION) + list(spec.OUTCOME_NODE)


def _node(findings: Findings, file: FileContext, node_id: Any, data: Any) -> NodeInfo | None:
    path = ("nodes", node_id)
    advice = "rename it and the `next:` that lead to it"
    if _bad_key_id(findings, file, path, "node id", "talk-to-school", advice):
        return None
    if not isinstance(data, dict):
        findings.add(
            "wrong-type",
            file,
            path,
            f"the node `{node_id}` should be a mapping with a "
            f"`question` or an `outcome`, not {kind_of(data)}",
        )
        return None
    is_question = any(key in data for key in spec.QUESTION)
    is_outcome = "outcome" in data
    if is_question and is_outcome:
        findings.add(
            "question-or-outcome",
            file,
            path,
            f"the node `{node_id}` has both question "
            "keys and an `outcome`; split it into a question node and an outcome node",
            key=True,
        )
        return None
    if not is_question and not is_outcome:
        _neither(findings, file, node_id, data, path)
        return None
    if is_question:
        return _question(findings, file, node_id, data, path)
    return _outcome(findings, file, node_id, data, path)


def _neither(
    findings: Findings, file: FileContext, node_id: str, data: dict, path: DataPath
) -> None:
    """Report a node that is neither a question nor an outcome (unless a misspelt key
    explains it)."""
    meant = unknown_keys(findings, file, data, path, _NODE_KEYS)
    if not meant:
        hint = "add one"
        if node_id in _NODE_KEYS:
            hint = (
                f"`{node_id}` is a key of a node, not a node id: check its indentation "
                "(it goes under the node's id, indented two more spaces)"
            )
        findings.add(
            "question-or-outcome",
            file,
            path,
            f"the node `{node_id}` is neither a "
            f"question (`question` and `options`) nor an `outcome`; {hint}",
            key=True,
        )


def _question(
    findings: Findings, file: FileContext, node_id: str, data: dict, path: DataPath
) -> NodeInfo:
    got = fields(findings, file, data, path, spec.QUESTION)
    node = NodeInfo(node_id, "question", got)
    options = got.get("options")
    if options is None:
        return node
    node.options_ok = True
    strays = _stray_dashes(options)
    node.option_count = len(options) - len(strays)
    for index, item in enumerate(options):
        if index in strays:
            key = next(iter(options[index]))
            at = file.doc.mark(path + ("options", index)) if file.doc else None
            findings.add(
                "option-target",
                file,
                path + ("options", index),
                f"this `- {key}:` starts a new option, so the option above leads nowhere and "
                "this one has no label; if it belongs to the option above, the `-` is the "
                "slip: remove it and line the key up with `label:`",
                at=at._replace(column=max(1, at.column - 2)) if at else None,
            )
            continue
        if index + 1 in strays:
            item = {**item, **options[index + 1]}  # as the author meant it
        option = _option(findings, file, index, item, path + ("options", index))
        if option is not None:
            node.options.append(option)
    return node


def _stray_dashes(options: list) -> set[int]:
    """The options that are only a `next:` or `tree:` after an option with a label and
    no target: a `- ` typed before a key that belongs to the option above."""
    targets = {"next", "tree"}
    return {
        index
        for index in range(1, len(options))
        if isinstance(options[index], dict)
        and options[index]
        and set(options[index]) <= targets
        and isinstance(options[index - 1], dict)
        and "label" in options[index - 1]
        and not targets & set(options[index - 1])
    }


def _option(
    findings: Findings, file: FileContext, index: int, item: Any, opath: DataPath
) -> OptionInfo | None:
    if not isinstance(item, dict):
        findings.add(
            "wrong-type",
            file,
            opath,
            f"{_name(opath)} should be an option "
            f"(`label:` and `next:` or `tree:`), not {kind_of(item)}",
        )
        return None
    option = fields(findings, file, item, opath, spec.OPTION)
    has_next, has_tree = "next" in item, "tree" in item
    _option_target(findings, file, item, opath, has_next, has_tree)
    if has_next and has_tree:  # reported: which one was meant is unknown
        option.pop("next", None)
        option.pop("tree", None)
    return OptionInfo(index, option)


def _option_target(
    findings: Findings,
    file: FileContext,
    item: dict,
    opath: DataPath,
    has_next: bool,
    has_tree: bool,
) -> None:
    """`option-target`: an option needs exactly one of `next` and `tree`."""
    if has_next and has_tree:
        findings.add(
            "option-target",
            file,
            opath + ("tree",),
            "this option has both `next` "
            "and `tree`; keep one: `next` for a node here, `tree` for another tree",
            key=True,
        )
    elif (
        not has_next
        and not has_tree
        and not any(
            close_matches(str(key), ["next", "tree"], n=1, cutoff=0.6)
            for key in item
            if key not in spec.OPTION
        )
    ):
        findings.add(
            "option-target",
            file,
            opath,
            "this option leads nowhere; add `next: "
            "NODE-ID` (a node here) or `tree: TREE-ID` (another tree)",
        )


def _source(findings: Findings, file: FileContext, data: dict, path: DataPath) -> SourceRef:
    got = fields(findings, file, data, path, spec.SOURCE)
    return SourceRef(path, got)


def _outcome(
    findings: Findings, file: FileContext, node_id: str, data: dict, path: DataPath
) -> NodeInfo:
    node = NodeInfo(node_id, "outcome")
    got = fields(findings, file, data, path, spec.OUTCOME_NODE, known=_NODE_KEYS)
    if "outcome" not in got:
        return node
    opath = path + ("outcome",)
    out = node.values = fields(findings, file, got["outcome"], opath, spec.OUTCOME)
    if "steps" in out:
        node.steps_ok = True
        node.step_count = len(out["steps"])
        for index, item in enumerate(out["steps"]):
            spath = opath + ("steps", index)
            if not isinstance(item, dict):
                findings.add(
                    "wrong-type",
                    file,
                    spath,
                    f"{_name(spath)} should be a step (`text:` and `source:`), not {kind_of(item)}",
                )
                continue
            step = fields(
                findings, file, item, spath, spec.STEP, missing_rules={"source": "missing-source"}
            )
            source = (
                _source(findings, file, step["source"], spath + ("source",))
                if "source" in step
                else None
            )
            node.steps.append((index, step.get("text"), source))
    for index, contact in enumerate(out.get("contacts") or []):
        if isinstance(contact, str):
            node.contacts.append((index, contact))
        else:
            findings.add(
                "wrong-type",
                file,
                opath + ("contacts", index),
                f"contact "
                f"{index + 1} should be a contact id from contacts.yaml, not "
                f"{kind_of(contact)}",
            )
    return node


def _entry(
    findings: Findings, file: FileContext, entry: Any, path: DataPath, what: str, table: dict
) -> dict | None:
    """The checked fields of one entry of a glossary or the catalogue (`what` names it),
    or None, with a finding that names the keys it needs, when it is not a mapping."""
    keys = "`means:` and perhaps `source:`" if table is spec.TERM else "`name:`, `for:`, ..."
    if not isinstance(entry, dict):
        findings.add(
            "wrong-type",
            file,
            path,
            f"{what} should be a mapping ({keys}), not {kind_of(entry)}",
        )
        return None
    return fields(findings, file, entry, path, table)


def _glossary(file: FileContext, findings: Findings) -> GlossaryInfo | None:
    data = _top(findings, file, "the glossary is a mapping with one key, `terms:`")
    if data is None:
        return None
    glossary = GlossaryInfo(file)
    top = fields(findings, file, data, (), spec.GLOSSARY)
    terms = []
    for term, entry in (top.get("terms") or {}).items():
        path = ("terms", term)
        if not isinstance(term, str) or not term.strip():
            findings.add("wrong-type", file, path, "a term should be text", key=True)
            continue
        got = _entry(findings, file, entry, path, f"the term `{term}`", spec.TERM)
        if got is None:
            continue
        if "means" in got:
            terms.append(term)
        if "source" in got:
            glossary.sources.append(_source(findings, file, got["source"], path + ("source",)))
    glossary.terms = frozenset(terms)
    return glossary


def _names(findings: Findings, file: FileContext, items: list, path: DataPath) -> tuple[str, ...]:
    """The text items of a contact's `names`, after reporting any that is not text."""
    field = spec.Field("text")
    got = (value(findings, file, item, path + (index,), field) for index, item in enumerate(items))
    return tuple(item for item in got if item is not _BAD)


def _catalogue(file: FileContext, findings: Findings) -> CatalogueInfo | None:
    data = _top(findings, file, "the catalogue is a mapping with one key, `contacts:`")
    if data is None:
        return None
    catalogue = CatalogueInfo(file)
    top = fields(findings, file, data, (), spec.CATALOGUE)
    catalogue.declared = {key for key in (top.get("contacts") or {}) if isinstance(key, str)}
    for contact_id, entry in (top.get("contacts") or {}).items():
        path = ("contacts", contact_id)
        if _bad_key_id(findings, file, path, "contact id", "dorset-send-team"):
            continue
        got = _entry(findings, file, entry, path, f"the contact `{contact_id}`", spec.CONTACT)
        if got is None:
            continue
        contact = ContactInfo(
            contact_id,
            got,
            names=_names(findings, file, got.get("names") or [], path + ("names",)),
        )
        if "source" in got:
            contact.source = _source(findings, file, got["source"], path + ("source",))
        elif "source" not in entry and not got.get("national"):
            findings.add(
                "missing-source",
                file,
                path,
                f"the contact `{contact_id}` has no "
                "`source`; add the `doc` in seeds/ and the `quote` that gives these "
                "details",
                key=True,
            )
        catalogue.contacts[contact_id] = contact
    return catalogue
