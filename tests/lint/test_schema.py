"""The JSON Schema for editors: it is the committed docs/tree.schema.json, it
accepts every shipped tree and fixture, and it agrees with the linter's shape
rules on the failing examples of the rule docs."""

import datetime as dt
import json

import jsonschema
import pytest
from helpers import DOCS, ROOT, example
from typer.testing import CliRunner

from signpost.cli import app
from signpost.content.yamlfile import load_file, load_text
from signpost.lint.registry import RULES
from signpost.lint.schema import tree_schema

SCHEMA = json.loads((ROOT / "docs" / "tree.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
MODELINE = "# yaml-language-server: $schema=../docs/tree.schema.json"

# Rules whose failing example the schema must reject, as the linter does.
SHAPE_RULES = {
    "unknown-key",
    "missing-key",
    "wrong-type",
    "unquoted-boolean",
    "empty-value",
    "question-or-outcome",
    "option-target",
    "bad-id",
    "bad-audience",
    "too-few-options",
    "no-steps",
    "missing-source",
    "top-level-not-mapping",
}
# Rules about meaning the schema cannot see: their examples are well-shaped.
MEANING_RULES = {
    "everyday-words",  # its example is well-shaped: a term the trees never use
    "unknown-node",
    "unknown-tree",
    "unreachable-node",
    "cycle",
    "tree-cycle",
    "duplicate-label",
    "path-too-long",
    "too-many-routes",
    "unknown-contact",
    "unused-contact",
    "conflicting-phone",
    "urgent-contact-first",
    "unknown-doc",
    "quote-not-found",
    "quote-marks",
    "unsourced-detail",
    "uncited-contact",
    "unsafe-text",
    "stale-review",
    "long-sentence",
    "undefined-acronym",
    "hard-to-read",
    "unknown-rule",
    "id-file-mismatch",
    "mixed-voices",
    "not-an-answer",
    "short-quote",
    "unnamed-group",
    "risk-question",
    "unreachable-contact",
    "unexplained-word",
}


def as_json(value):
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schema_is_the_generated_one():
    assert tree_schema() == SCHEMA
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


SHIPPED = sorted((ROOT / "trees").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures" / "trees").glob("*.yaml")
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_trees_and_fixtures_are_valid(path):
    errors = [e.message for e in VALIDATOR.iter_errors(as_json(load_file(path).data))]
    assert errors == []


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((ROOT / "trees").glob("*.yaml")) if p.name != "contacts.yaml"],
    ids=lambda p: p.name,
)
def test_shipped_trees_name_the_schema_for_editors(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


def _examples(rules):
    for rule in sorted(rules):
        files, _ = example((DOCS / f"{rule}.md").read_text(encoding="utf-8"))
        for name, (_info, text) in files.items():
            if name.endswith(".yaml") and text is not None:
                yield pytest.param(rule, name, text, id=f"{rule}:{name}")


def test_every_rule_is_sorted_into_shape_or_meaning_or_is_about_yaml():
    yaml_rules = {r for r in RULES if RULES[r].group == "yaml"}
    others = set(RULES) - yaml_rules - SHAPE_RULES - MEANING_RULES
    assert others == {"bad-date", "bad-phone", "bad-email", "bad-web", "bad-national"}


@pytest.mark.parametrize("rule,name,text", list(_examples(SHAPE_RULES)))
def test_schema_rejects_what_the_shape_rules_reject(rule, name, text):
    if rule != "missing-source" and name.endswith("contacts.yaml"):
        pytest.skip("the catalogue of this example is well-shaped")
    data = as_json(load_text(text, name).data)
    assert list(VALIDATOR.iter_errors(data)) != []


@pytest.mark.parametrize("rule,name,text", list(_examples(MEANING_RULES)))
def test_schema_accepts_examples_that_are_only_wrong_in_meaning(rule, name, text):
    data = as_json(load_text(text, name).data)
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []


def _messages(data) -> list[str]:
    return sorted(e.message for e in VALIDATOR.iter_errors(data))


def _problems(data) -> list[tuple[str, str, object]]:
    """(where, which check, what it checks) for each error: what an editor is told,
    without jsonschema's wording, which changes between its releases."""
    return sorted(
        ("/".join(map(str, e.absolute_path)), str(e.validator), e.validator_value)
        for e in VALIDATOR.iter_errors(data)
    )


NODE_TREE = {
    "id": "x",
    "title": "t",
    "summary": "s",
    "audience": ["parents"],
    "reviewed": "2026-11-01",
    "start": "ask",
}


def test_an_editor_is_told_the_real_problem_in_a_node_not_any_of_the_given_schemas():
    # Each node's real problem, not "not valid under any of the given schemas": the check
    # that failed and where, not jsonschema's words for it (they differ between releases).
    question = {"question": "Is it?", "optons": [{"label": "a", "next": "ask"}]}
    problems = _problems({**NODE_TREE, "nodes": {"ask": question}})
    assert [(where, check) for where, check, _ in problems] == [
        ("nodes/ask", "additionalProperties"),
        ("nodes/ask", "required"),
    ]
    assert "options" in problems[1][2]
    assert "'optons' was unexpected" in " ".join(
        _messages({**NODE_TREE, "nodes": {"ask": question}})
    )
    outcome = {"outcome": {"title": "Do it", "steps": []}, "help": "h"}
    assert [(w, c) for w, c, _ in _problems({**NODE_TREE, "nodes": {"ask": outcome}})] == [
        ("nodes/ask", "additionalProperties"),
        ("nodes/ask/outcome/steps", "minItems"),
    ]
    option = {"question": "Is it?", "options": [{"label": "a"}, {"label": "b", "next": "ask"}]}
    problems = _problems({**NODE_TREE, "nodes": {"ask": option}})
    assert [(w, c) for w, c, _ in problems] == [("nodes/ask/options/0", "required")]
    assert "next" in problems[0][2]


def test_the_schema_ships_with_the_package_where_the_trees_modeline_points():
    import tomllib

    from signpost.lint.schema import schema_path

    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = wheel["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/tree.schema.json"] == "signpost/_data/docs/tree.schema.json"
    assert included["trees"] == "signpost/_data/trees"  # so ../docs/ from a tree is _data/docs
    assert schema_path() == ROOT / "docs" / "tree.schema.json"  # in this checkout


def test_report_schemas_ship_and_are_printed_by_name():
    import json
    import tomllib

    from signpost.lint.schema import schema_names

    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = wheel["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/schemas"] == "signpost/_data/docs/schemas"
    names = schema_names()
    assert names[0] == "tree" and "lint" in names and "diff" in names
    shown = CliRunner().invoke(app, ["schema", "lint"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == json.loads(
        (ROOT / "docs" / "schemas" / "lint.schema.json").read_text(encoding="utf-8")
    )
    where = CliRunner().invoke(app, ["schema", "diff", "--path"])
    assert where.stdout == f"{ROOT / 'docs' / 'schemas' / 'diff.schema.json'}\n"


def test_an_unknown_schema_name_is_one_line_with_a_suggestion():
    result = CliRunner().invoke(app, ["schema", "lnt"])
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: there is no schema called `lnt`. Did you mean `lint`?\n"
    )


def test_the_schema_help_and_docs_name_every_schema_there_is():
    from signpost.lint.schema import schema_names

    shown = CliRunner().invoke(app, ["schema", "--help"], env={"COLUMNS": "200"}).stdout
    listed = " ".join(shown.split())
    for name in schema_names()[1:]:
        assert f" {name}," in listed or f" {name}." in listed, name
        assert f"`{name}`" in (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
