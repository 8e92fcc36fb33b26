"""A JSON Schema (draft 2020-12) for tree files and the contacts catalogue, made
from the same tables as the shape check (`signpost.content.spec`), so an editor
running yaml-language-server flags the same keys the linter does as you type.
"""

from __future__ import annotations

from signpost.content import spec
from signpost.names import ID_PATTERN

SCHEMA_ID = "https://signpost.invalid/tree.schema.json"
_ID_PATTERN = ID_PATTERN


def _prop(field: spec.Field) -> dict:
    kind = field.kind
    out: dict
    if kind in ("text", "ref"):
        out = {"type": "string", "minLength": 1, "pattern": r"\S"}
    elif kind == "id":
        out = {"type": "string", "pattern": _ID_PATTERN}
    elif kind == "date":
        out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "number":
        out = {"type": "number"}
    elif kind == "phone":
        out = {"type": "string", "pattern": r"^\+?[\d ()-]+$"}
    elif kind == "list":
        out = {"type": "array"}
    else:
        out = {"type": "object"}
    if field.description:
        out["description"] = field.description
    return out


def _object(table: dict[str, spec.Field], **overrides: dict) -> dict:
    properties = {key: _prop(field) for key, field in table.items()}
    for key, value in overrides.items():
        properties[key] = {**properties[key], **value}
    for key, field in table.items():
        if field.at_least:
            fewest = "minItems" if field.kind == "list" else "minProperties"
            properties[key] = {**properties[key], fewest: field.at_least}
    return {
        "type": "object",
        "properties": properties,
        "required": [key for key, field in table.items() if field.required],
        "additionalProperties": False,
    }


def schema_path(name: str = "tree"):
    """Where a schema file is: the tree schema in the wheel's `signpost/_data/docs/`
    (where the shipped trees' modeline `../docs/tree.schema.json` finds it), a report's
    in `docs/schemas/` beside it; in a source checkout, the repo's docs/."""
    from signpost.content.library import shipped

    if name == "tree":
        return shipped("docs") / "tree.schema.json"
    return shipped("docs") / "schemas" / f"{name}.schema.json"


def schema_names() -> list[str]:
    """`tree`, then the reports whose JSON output has a schema (docs/schemas/)."""
    reports = sorted(path.name.split(".")[0] for path in schema_path("x").parent.glob("*.json"))
    return ["tree", *reports]


def tree_schema() -> dict:
    """The schema as a plain dict (printed by `signpost schema`)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "signpost tree, contacts catalogue, glossary or everyday-words table",
        "description": "A decision tree in trees/ (see docs/tree-format.md), or the contacts "
        "catalogue trees/contacts.yaml, or the glossary trees/glossary.yaml, or the "
        "everyday-words table trees/everyday-words.yaml. `signpost lint` "
        "checks far more than this schema.",
        "if": {"type": "object", "required": ["contacts"]},
        "then": _ref("catalogue"),
        "else": {
            "if": {"type": "object", "required": ["terms"]},
            "then": _ref("glossary"),
            "else": {
                "if": {"type": "object", "required": ["words"]},
                "then": _ref("everyday"),
                "else": _ref("tree"),
            },
        },
        "$defs": {**_tree_defs(), **_catalogue_defs(), **_everyday_defs()},
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _tree_defs() -> dict:
    """The definitions of a tree file: the tree, its nodes, options, steps and sources."""
    ref = _ref
    # Conditionals on the keys present, not `oneOf`: with `oneOf` an editor can only say
    # "not valid under any of the given schemas"; with `if`/`then` it names the key.
    option = _object(spec.OPTION)
    option["if"] = {"required": ["tree"]}
    option["then"] = {"properties": {"next": False}}
    option["else"] = {"required": ["next"]}
    tree = _object(
        spec.TREE,
        audience={"items": {"enum": list(spec.AUDIENCES)}, "uniqueItems": True},
        nodes={
            "propertyNames": {"pattern": _ID_PATTERN},
            "additionalProperties": ref("node"),
        },
    )
    return {
        "tree": tree,
        "node": {
            "type": "object",
            "if": {"required": ["outcome"]},
            "then": ref("outcomeNode"),
            "else": ref("question"),
        },
        "question": _object(spec.QUESTION, options={"items": ref("option")}),
        "outcomeNode": _object(spec.OUTCOME_NODE, outcome=ref("outcome")),
        "outcome": _object(
            spec.OUTCOME,
            steps={"items": ref("step")},
            contacts={"items": {"type": "string", "pattern": _ID_PATTERN}},
        ),
        "option": option,
        "step": _object(spec.STEP, source=ref("source")),
        "source": _object(spec.SOURCE),
    }


def _everyday_defs() -> dict:
    """The everyday-words table (`content/everyday.py`; lint's rule everyday-words)."""
    phrases = {"type": "array", "minItems": 1, "items": {"type": ["string", "integer"]}}
    entry = {
        "type": "object",
        "required": ["say", "means"],
        "additionalProperties": False,
        "properties": {"say": phrases, "means": phrases, "risk": {"type": "boolean"}},
    }
    return {
        "everyday": {
            "type": "object",
            "required": ["words"],
            "additionalProperties": False,
            "properties": {"words": {"type": "object", "additionalProperties": _ref("entry")}},
        },
        "entry": entry,
    }


def _catalogue_defs() -> dict:
    """The definitions of the contacts catalogue and the glossary."""
    ref = _ref
    contact = _object(
        spec.CONTACT,
        source=ref("source"),
        names={"items": {"type": "string", "minLength": 1, "pattern": r"\S"}},
    )
    contact["if"] = {"properties": {"national": {"const": True}}, "required": ["national"]}
    contact["else"] = {"required": ["source"]}
    catalogue = _object(
        spec.CATALOGUE,
        contacts={
            "propertyNames": {"pattern": _ID_PATTERN},
            "additionalProperties": ref("contact"),
        },
    )
    return {
        "catalogue": catalogue,
        "contact": contact,
        "glossary": _object(spec.GLOSSARY, terms={"additionalProperties": ref("term")}),
        "term": _object(spec.TERM, source=ref("source")),
    }
