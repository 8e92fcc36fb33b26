"""The glossary: a term is explained on screen the first time a person sees it (in a
question, its options or an outcome), in the walk, the plan and the export, and not
again; a text that spells a term out itself needs no second explanation."""

import json

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from signpost.cli import app
from signpost.content.glossary import Explainer, Glossary, Term, load_glossary
from signpost.errors import TreeError

ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
SEEDS = ROOT / "seeds"

GLOSSARY = """\
terms:
  EHCP:
    means: Education, Health, and Care Plan
    source:
      doc: 001_65b7c983f0e9fb53.txt
      quote: "Education, Health, and Care Plan (EHCP)"
  SENCO:
    means: Special Educational Needs Co-ordinator
  CAMHS:
    means: Child and Adolescent Mental Health Services
  high needs funding:
    means: money the council gives for a child's extra support
"""

TREE = """\
id: words
title: Words explained once
summary: A tree that uses terms from the glossary.
audience: [parents]
reviewed: 2026-11-01
start: first
nodes:
  first:
    question: Does your child have an EHCP?
    help: CAMHS can also help.
    options:
      - label: "Yes"
        next: second
      - label: "No"
        next: second
  second:
    question: Has the SENCO (Special Educational Needs Co-ordinator) talked about the EHCP?
    options:
      - label: "Yes"
        next: done
      - label: "No"
        next: done
  done:
    outcome:
      title: Ask about High Needs Funding
      steps:
        - text: Ask the SENCO about the EHCP.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "we always recommend you have an honest conversation"
"""


@pytest.fixture
def trees(tmp_path):
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (folder / "words.yaml").write_text(TREE, encoding="utf-8")
    return folder


def invoke(trees, *args, input=None):
    return CliRunner().invoke(
        app, ["--trees", str(trees), *args], input=input, env={**ENV, "SIGNPOST_SEEDS": str(SEEDS)}
    )


def test_the_walk_explains_a_term_under_the_first_question_that_uses_it(trees):
    # ? = help (uses CAMHS); 1 = Yes; 1 = Yes -> outcome; 4 = quit
    result = invoke(trees, "run", "words", input="?\n1\n1\n4\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "Does your child have an EHCP?\nEHCP means Education, Health, and Care Plan.\n  1. Yes\n"
    ) in out
    assert out.count("EHCP means") == 2  # the question, and the plan (read on its own)
    assert "Why are we asking? CAMHS can also help.\n" in out
    assert "CAMHS can also help.\nCAMHS means Child and Adolescent Mental Health Services.\n" in out
    # the second question spells SENCO out and EHCP was explained: nothing under it
    assert "talked about the EHCP?\n  1. Yes\n" in out


def test_the_plan_says_what_its_words_mean_after_the_steps(trees):
    # the steps first (on a small screen they must show), the words they use just after
    result = invoke(trees, "run", "words", "--answers", "-", input="{first: 1, second: 1}")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "\n\nWords used here:\n"
        "high needs funding means money the council gives for a child's extra support.\n"
        "SENCO means Special Educational Needs Co-ordinator.\n"
        "EHCP means Education, Health, and Care Plan.\n"
        "\n"
    ) in out
    assert out.index("What to do next:\n") < out.index("Words used here:\n")
    plan = json.loads(
        invoke(
            trees,
            "run",
            "words",
            "--answers",
            "-",
            "--format",
            "json",
            input="{first: 1, second: 1}",
        ).stdout
    )
    assert [t["term"] for t in plan["terms"]] == ["high needs funding", "SENCO", "EHCP"]
    assert plan["terms"][2]["source"] == {
        "doc": "001_65b7c983f0e9fb53.txt",
        "quote": "Education, Health, and Care Plan (EHCP)",
    }


def test_the_booklet_explains_each_term_where_it_is_first_met(trees):
    result = invoke(trees, "export", "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.count("Words used here:") == 2
    assert (
        "### Question 1. Does your child have an EHCP?\n\n"
        "Words used here: EHCP means Education, Health, and Care Plan. "
        "CAMHS means Child and Adolescent Mental Health Services.\n"
    ) in text
    assert "### Question 2." in text and "Words used here: SENCO" not in text
    assert (
        "### Outcome A. Ask about High Needs Funding\n\n"
        "Words used here: high needs funding means money the council gives for a child's "
        "extra support.\n"  # SENCO: spelt out in question 2, so not again
    ) in text
    data = json.loads(invoke(trees, "export").stdout)
    assert [t["term"] for t in data["glossary"]] == ["EHCP", "SENCO", "CAMHS", "high needs funding"]
    assert [[t["term"] for t in n["terms"]] for n in data["trees"][0]["nodes"]] == [
        ["EHCP", "CAMHS"],
        [],
        ["high needs funding"],
    ]


def test_the_glossary_is_not_a_tree(trees):
    assert invoke(trees, "list", "--format", "json").stdout.count('"id"') == 1


def test_terms_match_as_whole_words():
    glossary = Glossary(
        [Term("LA", "local authority"), Term("EHCP", "plan"), Term("high needs funding", "money")]
    )
    explainer = Explainer(glossary)
    assert explainer.explain(["LAB results, Los Angeles, La"]) == []
    assert [t.term for t in explainer.explain(["Two EHCPs and High Needs Funding"])] == [
        "EHCP",
        "high needs funding",
    ]
    assert explainer.explain(["the EHCP again"]) == []  # explained once only
    assert [t.term for t in explainer.explain(["the LA's duty"])] == ["LA"]
    assert Explainer(glossary).explain(["the LA (local authority)"]) == []  # spelt out here


def test_shipped_glossary_loads_and_each_term_says_what_it_means():
    glossary = load_glossary(ROOT / "trees" / "glossary.yaml")
    assert glossary.terms["EHCP"].sentence == "EHCP means Education, Health, and Care Plan."
    assert {"EHCP", "SENCO", "CAMHS", "EBSA", "MHST"} <= set(glossary.terms)


def test_a_malformed_glossary_is_one_clear_error(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  EHCP: {meaning: x}\n", encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        load_glossary(path)
    assert (caught.value.where, caught.value.message) == (
        str(path),
        "`terms.EHCP` needs `means:`, the words in full",
    )
