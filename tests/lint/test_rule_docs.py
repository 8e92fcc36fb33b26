"""Every rule has documentation, and the failing example in it is a test: linting
the example gives exactly the output the doc shows, and only findings of that rule.

Run with SIGNPOST_UPDATE_DOCS=1 to rewrite the output blocks after changing a
message (then read the diff).
"""

import os

import pytest
from helpers import DOCS, example, lint_folder, set_output, write

from signpost.lint.registry import RULES

UPDATE = os.environ.get("SIGNPOST_UPDATE_DOCS") == "1"


def test_every_rule_has_a_doc_and_every_doc_a_rule():
    assert sorted(p.stem for p in DOCS.glob("*.md")) == sorted(RULES)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_doc_has_every_section(rule):
    doc = (DOCS / f"{rule}.md").read_text(encoding="utf-8")
    assert doc.startswith(f"# {rule}\n")
    positions = [
        doc.index(h) for h in ("## What it checks", "## Why", "## Failing example", "## Fix")
    ]
    assert positions == sorted(positions)
    assert f"**{RULES[rule].severity.value}**" in doc


@pytest.mark.parametrize("rule", sorted(RULES))
def test_failing_example_gives_exactly_the_documented_output(rule, tmp_path):
    path = DOCS / f"{rule}.md"
    doc = path.read_text(encoding="utf-8")
    files, documented = example(doc)
    assert files, "the doc has no failing example"
    write(tmp_path, files)
    output = lint_folder(tmp_path)
    if UPDATE and output != documented:
        path.write_text(set_output(doc, output), encoding="utf-8")
        documented = output
    assert output == documented
    rules = {line.split("[", 1)[1].split("]", 1)[0] for line in output.splitlines()}
    assert rules == {rule}, f"the example should fail only {rule}:\n{output}"
