"""Shape: the trees' keys, types, ids and dates, node by node.

This is the only check that reads raw YAML data. It reports each problem once,
where it is, and hands the later checks typed facts (`TreeInfo`, and `CatalogueInfo`
and `GlossaryInfo` from `tables.py`) that hold only values of the right kind; each
mapping is checked against its table in spec by `fields.py`.
"""

from __future__ import annotations

from typing import Any

from signpost.content import spec
from signpost.content.yamlfile import DataPath
from signpost.ids import ID
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder, NodeInfo, OptionInfo, TreeInfo
from signpost.lint.rules.fields import (
    bad_key_id,
    fields,
    kind_of,
    named,
    not_kebab,
    source_ref,
    top_mapping,
    unknown_keys,
)
from signpost.lint.rules.tables import check_catalogue, check_glossary
from signpost.similar import close_matches, did_you_mean


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for file in folder.files:
        if file.doc is None:
            continue
        if file.catalogue:
            folder.catalogue = check_catalogue(file, findings)
        elif file.glossary:
            folder.glossary = check_glossary(file, findings)
        elif file.everyday:
            continue  # checked by rules/everyday.py
        else:
            tree = _tree(file, findings, config)
            if tree is not None:
                folder.trees.append(tree)


def _tree(file: FileContext, findings: Findings, config: Config) -> TreeInfo | None:
    data = top_mapping(
        findings, file, f"a tree is a mapping of keys, starting with `id: {file.stem}`"
    )
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


def _tree_id(findings: Findings, file: FileContext, tree_id: str | None) -> str | None:
    """The tree's id, if it is kebab-case and matches the file name; else None."""
    if tree_id is None:
        return None
    if not ID.match(tree_id):
        findings.add(
            "bad-id",
            file,
            ("id",),
            not_kebab("id", tree_id) + "; rename it, and the file to match",
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
            # never suggest an audience the list already names: `[parents, carers]` is not
            # mended by `[parents, parents]`
            others = [a for a in spec.AUDIENCES if a not in audience]
            hint = did_you_mean(str(who), others) or "use `parents` or `professionals`"
            findings.add(
                "bad-audience", file, ("audience", index), f"`{who}` is not an audience; {hint}"
            )


_NODE_KEYS = list(spec.QUESTION) + list(spec.OUTCOME_NODE)


def _node(findings: Findings, file: FileContext, node_id: Any, data: Any) -> NodeInfo | None:
    path = ("nodes", node_id)
    advice = "rename it and the `next:` that lead to it"
    if bad_key_id(findings, file, path, "node id", "talk-to-school", advice):
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
            f"{named(opath)} should be an option "
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
                    f"{named(spath)} should be a step (`text:` and `source:`), not {kind_of(item)}",
                )
                continue
            step = fields(
                findings, file, item, spath, spec.STEP, missing_rules={"source": "missing-source"}
            )
            source = (
                source_ref(findings, file, step["source"], spath + ("source",))
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
