"""Every JSON report has one envelope, `{"version": 1, ...}`, and the shape documented in
docs/schemas/<report>.schema.json: each report below, run on the fixture trees, is
valid under its schema, and every schema file is a report tested here."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

SCHEMAS = ROOT / "docs" / "schemas"

REPORTS = {
    "list": (["list", "--format", "json"], None),
    "lint": (["lint", str(FIXTURE_TREES), "--format", "json"], None),
    "lint-rules": (["lint", "--list-rules", "--format", "json"], None),
    "paths": (["paths", "alpha", "--format", "json"], None),
    "search": (["search", "school", "--format", "json"], None),
    "contacts": (["contacts", "--format", "json"], None),
    "test": (["test", str(ROOT / "tests" / "fixtures" / "scenarios"), "--format", "json"], None),
    "plan": (["run", "alpha", "--answers", "-", "--format", "json"], "{first: 2}"),
    "export": (["export", "--format", "json"], None),
    "quote": (["quote", "meet", "and", "greet", "--format", "json"], None),
    "sources": (["sources", "--format", "json"], None),
}


def test_every_schema_is_tested():
    assert sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.json")) == sorted(
        [*REPORTS, "diff"]
    )


def validate(name: str, output: str) -> dict:
    data = json.loads(output)
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["version"] == 1
    return data


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_matches_its_schema(name):
    args, given = REPORTS[name]
    result = signpost(*args, input=given)
    assert result.exit_code in (0, 1), result.output
    validate(name, result.stdout)


def test_diff_report_matches_its_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE_TREES, "old")
    shutil.copytree(FIXTURE_TREES, "new")
    alpha = tmp_path / "new" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8").replace("next: call-team", "next: keep-going")
    alpha.write_text(text.replace("title: Talk to the school", "title: Talk to them"), "utf-8")
    (tmp_path / "new" / "loop.yaml").unlink()
    contacts = tmp_path / "new" / "contacts.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("01305 228866", "01305 228867"), "utf-8"
    )
    result = signpost("diff", "old", "new", "--format", "json", fixtures=False)
    data = validate("diff", result.stdout)
    assert data["contacts"] and data["trees"]


def test_a_schema_rejects_a_report_of_another_shape():
    schema = json.loads((SCHEMAS / "list.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "alpha"}], schema)  # the old bare array


def test_list_rules_in_other_formats_is_a_usage_error():
    result = signpost("lint", "--list-rules", "--format", "github")
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: --list-rules prints a table, or JSON with --format json, not github\n"
    )
