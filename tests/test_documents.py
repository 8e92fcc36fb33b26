"""What each source document is (seeds/documents.yaml), and who says what beside each step:
the council's own answers, a parent-led group's view, a live Q&A with its date."""

import datetime as dt

import pytest
from conftest import ROOT
from rich.console import Console

from signpost.content.library import Library
from signpost.content.sources import KINDS, Sources
from signpost.errors import TreeError
from signpost.ui.screens import outcome_screen
from signpost.walk import plantext
from signpost.walk.plan import make_plan
from signpost.walk.state import walk_scripted

SEEDS = ROOT / "seeds"
FIXTURES = Library(ROOT / "tests" / "fixtures" / "trees", SEEDS)

TREE = """\
id: mixed
title: Mixed sources
summary: One step from each kind of source.
audience: [parents]
reviewed: 2026-11-01
start: ask
nodes:
  ask:
    question: Which?
    options:
      - label: Both
        next: both
      - label: Council only
        next: council
  both:
    outcome:
      title: Both
      steps:
        - text: Define Fine says health comes first.
          source:
            doc: 003_641df8f9bc14a97e.txt
            quote: "attendance is not prioritised over health needs"
        - text: In May 2023 the council said it was working on home education.
          source:
            doc: 004_82ad26e42907f2e8.txt
            quote: "We acknowledge the sharp increase in the number of parents opting for home"
  council:
    outcome:
      title: Council
      steps:
        - text: Talk to the school.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "we always recommend you have an honest conversation"
"""


@pytest.fixture
def library(tmp_path):
    (tmp_path / "mixed.yaml").write_text(TREE, encoding="utf-8")
    return Library(tmp_path, SEEDS)


def plan_for(library, answer):
    return make_plan(walk_scripted(library, "mixed", {"ask": answer}), dt.date(2026, 11, 2))


def test_every_shipped_document_is_described_and_its_evidence_is_in_it():
    sources = Sources(SEEDS)
    assert sorted(sources.docs) == sorted(p.name for p in SEEDS.glob("*.txt"))
    import yaml

    entries = yaml.safe_load((SEEDS / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    for name, doc in sources.docs.items():
        assert doc.about is not None, name
        assert doc.about.kind in KINDS
        assert entries[name]["evidence"], name
        for quote in entries[name]["evidence"]:
            assert doc.contains(quote), (name, quote)
    assert {name: doc.who for name, doc in sources.docs.items()} == {
        "000_cd7fdd44bcd59a55.txt": "Dorset Council",
        "001_65b7c983f0e9fb53.txt": "Dorset Council",
        "002_3e536e74bb67952d.txt": "Dorset Council's strategy",
        "003_641df8f9bc14a97e.txt": "Define Fine, a parent-led group",
        "004_82ad26e42907f2e8.txt": "Dorset Council, 26 May 2023",
    }


def test_a_parent_group_and_a_dated_qa_are_named_beside_each_step(library):
    text = plantext.text(plan_for(library, 1))
    assert "1. Define Fine says health comes first. [1: Define Fine, a parent-led group]\n" in text
    assert (
        "2. In May 2023 the council said it was working on home education. "
        "[2: Dorset Council, 26 May 2023]\n"
    ) in text
    assert "[1] Define Fine, a parent-led group, says: \u201c" in text
    assert "[2] Dorset Council, at a live Q&A on 26 May 2023, said: \u201cWe acknowledge" in text
    assert text.endswith(
        "About the dates: this guide was last checked against its sources on 1 November 2026. "
        "That is not when the sources were written. \u201cLocal Offer Live, 26 May 2023: closing "
        "Q&A with senior leaders\u201d is from 26 May 2023. The other sources give no date, so "
        "things may have changed since. Check with a service before you rely on it.\n"
        "\n"
        "Made with signpost 0.1.0, which stores and sends nothing unless you save the plan.\n"
    )


def test_json_and_the_screen_carry_who_says_it(library):
    plan = plan_for(library, 1)
    source = plan.to_dict()["steps"][1]["source"]
    assert {k: source[k] for k in ("publisher", "kind", "date", "who")} == {
        "publisher": "Dorset Council",
        "kind": "live-qa",
        "date": "2023-05-26",
        "who": "Dorset Council, 26 May 2023",
    }
    console = Console(width=200, record=True, color_system=None)
    console.print(outcome_screen(plan, 200))
    screen = console.export_text()
    assert "[1: Define Fine, a parent-led group]" in screen
    assert "Define Fine, a parent-led group, says: \u201c" in screen


def test_undated_sources_are_said_to_be_undated(library):
    assert "The sources give no date of their own, so things may have changed since." in (
        plantext.markdown(plan_for(library, 2))
    )


def test_a_contact_with_no_details_shows_nothing_rather_than_a_dash():
    plan = make_plan(walk_scripted(FIXTURES, "alpha", {"first": 1, "second": 2}))
    console = Console(width=140, record=True, color_system=None)
    console.print(outcome_screen(plan, 140))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    at = lines.index("Your GP practice")  # its name, then straight away what it is for
    assert lines[at + 1] == (
        "  Health advice, supportive letters to school, and other routes for support, "
        "including social prescribers."
    )
    assert "-" not in [line.strip() for line in lines]


def test_a_folder_without_documents_yaml_takes_titles_from_its_readme(tmp_path):
    (tmp_path / "a.txt").write_text("Some words.", encoding="utf-8")
    (tmp_path / "README.md").write_text("| a.txt | A title | topics |\n", encoding="utf-8")
    doc = Sources(tmp_path).get("a.txt")
    assert (doc.title, doc.about, doc.who, doc.says) == ("A title", None, None, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("documents: []\n", "the file needs `documents:`, a mapping of file name to what it is"),
        (
            "documents:\n  a.txt: {title: A, publisher: B}\n",
            "`documents.a.txt` needs `kind` (text)",
        ),
        (
            "documents:\n  a.txt: {title: A, publisher: B, kind: blog}\n",
            "`documents.a.txt.kind` is `blog`; use one of `council-answers`, "
            "`council-strategy`, `parent-group`, `live-qa`",
        ),
        (
            "documents:\n  a.txt: {title: A, publisher: B, kind: live-qa, date: May}\n",
            "`documents.a.txt.date` should be a date written YYYY-MM-DD",
        ),
    ],
)
def test_a_malformed_catalogue_is_one_clear_error(tmp_path, text, message):
    (tmp_path / "a.txt").write_text("Some words.", encoding="utf-8")
    (tmp_path / "documents.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        Sources(tmp_path).docs  # noqa: B018
    assert caught.value.message == message
    assert caught.value.where == str(tmp_path / "documents.yaml")


def test_a_quote_s_paragraph_is_the_line_it_stands_in_and_holds_it():
    sources = Sources(SEEDS)
    for doc in sources.docs.values():
        _starts, _numbers, lines = doc._lines
        assert " ".join(lines) == doc.normalised, doc.name
    doc = sources.get("000_cd7fdd44bcd59a55.txt")
    assert doc.paragraph("worth being in touch with your GP") == (
        "in some cases it may also be worth being in touch with your gp, as they may be able "
        "to provide supportive letters to schools."
    )
    assert doc.paragraph("words that are not there") is None
