"""`signpost export`: every tree resolved, as JSON and as a printable Markdown booklet."""

import json

from conftest import ROOT
from tools_cli import signpost

from signpost.content.library import Library

BETA_MARKDOWN = """\
# Beta situation

Linked from alpha.

For: parents, professionals. Checked against the sources on 2026-10-01. To walk it: `signpost run beta`.

## Questions

### Question 1. Is your child in danger right now?

- **Yes**: go to outcome A (Get urgent help now)
- **No**: go to outcome B (Try online support)

## Outcomes

### Outcome A. Get urgent help now (urgent)

First, if your child is at risk right now:

- **Emergency services (999)**: call 999. If your child is in danger now, or has hurt themselves badly.
- **NHS 111**: call 111. If you are worried about your child's health and it is urgent, but not an emergency.

1. Then talk to the council team. \\[1: Dorset Council\\]

Who to contact:

- **Dorset Council SEND team (Let's Talk SEND)**: Talk through your child's situation and agree the next steps with the council's team.
  - Phone: 01305 228866
  - Email: letstalksend@dorsetcouncil.gov.uk

Where this comes from:

- [1] Dorset Council, in its answers to parents' questions, says: “we’d like to encourage you to contact the team at 01305 228866” — Dorset Council answers to parents' questions (attendance, EBSA and mental health Q&A)

### Outcome B. Try online support

1. Look at Kooth. \\[1: Dorset Council\\]

Who to contact:

- **Kooth**: Free online therapy for young people.
  - Web: kooth.com

Where this comes from:

- [1] Dorset Council, in its answers to parents' questions, says: “kooth.com who provide free online therapy for young people” — Dorset Council answers to parents' questions (attendance, EBSA and mental health Q&A)

About the dates: this guide was last checked against its sources on 1 October 2026. That is not when the sources were written. The sources give no date of their own, so things may have changed since. Check with a service before you rely on it.
"""


def test_markdown_booklet_of_one_tree():
    result = signpost("export", "--tree", "beta", "--format", "markdown")
    assert (result.exit_code, result.stdout, result.stderr) == (0, BETA_MARKDOWN, "")


def test_markdown_numbers_questions_and_outcomes_in_the_order_met():
    lines = signpost("export", "--tree", "alpha", "--format", "markdown").stdout.splitlines()
    assert [line for line in lines if line.startswith(("### ", "- **"))][:8] == [
        "### Question 1. Has your child been in school this week?",
        "- **Yes**: go to question 2 (Is the school helping?)",
        "- **No**: go to outcome A (Talk to the school)",
        "- **It is about mental health**: carry on with \u201cBeta situation\u201d "
        "(`signpost run beta`)",
        "### Question 2. Is the school helping?",
        "- **Yes**: go to outcome B (Keep working with the school)",
        "- **No**: go to outcome C (Call the council team)",
        "### Outcome A. Talk to the school",
    ]
    assert "Why we ask: This tells us where to begin." in lines


def test_all_trees_in_menu_order_separated_by_rules():
    text = signpost("export", "--format", "markdown").stdout
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        "# Alpha situation",
        "# Beta situation",
        "# Loop",
    ]
    assert text.count("\n---\n") == 2


def test_json_resolves_contacts_and_passages():
    result = signpost("export")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["version"], [t["id"] for t in data["trees"]]) == (1, ["alpha", "beta", "loop"])
    beta = data["trees"][1]
    assert {k: v for k, v in beta.items() if k != "nodes"} == {
        "id": "beta",
        "title": "Beta situation",
        "summary": "Linked from alpha.",
        "terms": [],
        "audience": ["parents", "professionals"],
        "reviewed": "2026-10-01",
        "menu": False,
        "order": None,
        "start": "risk",
    }
    assert [n["id"] for n in beta["nodes"]] == ["risk", "urgent", "kooth"]
    assert beta["nodes"][0]["options"] == [
        {"label": "Yes", "next": "urgent", "tree": None},
        {"label": "No", "next": "kooth", "tree": None},
    ]
    kooth = beta["nodes"][2]
    assert kooth["steps"] == [
        {
            "number": 1,
            "text": "Look at Kooth.",
            "source": {
                "doc": "000_cd7fdd44bcd59a55.txt",
                "title": "Dorset Council answers to parents' questions (attendance, EBSA and mental "
                "health Q&A)",
                "quote": "kooth.com who provide free online therapy for young people",
                "line": 147,
                "publisher": "Dorset Council",
                "kind": "council-answers",
                "date": None,
                "who": "Dorset Council",
            },
        }
    ]
    assert kooth["contacts"] == [
        {
            "id": "kooth",
            "name": "Kooth",
            "for": "Free online therapy for young people.",
            "phone": None,
            "email": None,
            "web": "kooth.com",
            "page": None,
            "ask_for": None,
            "national": False,
        }
    ]
    alpha_link = data["trees"][0]["nodes"][0]["options"][2]
    assert alpha_link == {"label": "It is about mental health", "next": None, "tree": "beta"}


def test_one_tree_as_json_and_an_unknown_tree():
    data = json.loads(signpost("export", "--tree", "loop").stdout)
    assert [t["id"] for t in data["trees"]] == ["loop"]
    result = signpost("export", "--tree", "gamma")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "signpost: error: there is no tree called `gamma`. Run `signpost list` to see the trees.\n"
    )


def test_every_shipped_tree_exports():
    library = Library(ROOT / "trees", ROOT / "seeds")
    result = signpost("export", fixtures=False)
    assert result.exit_code == 0, result.stderr
    exported = {t["id"]: t for t in json.loads(result.stdout)["trees"]}
    assert sorted(exported) == library.tree_ids()
    for tree_id, tree in exported.items():
        assert {n["id"] for n in tree["nodes"]} == set(library.tree(tree_id).nodes)


def test_the_booklet_escapes_who_publishes_a_source(tmp_path):
    """documents.yaml sits beside a trees folder that may come from anyone: the name of a
    source's publisher, shown in each step's marker, cannot make a link in the booklet."""
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", tmp_path / "trees")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    documents = tmp_path / "seeds" / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    documents.write_text(
        text.replace(
            "publisher: Dorset Council\n", "publisher: '[Dorset Council](https://x.test)'\n", 1
        ),
        encoding="utf-8",
    )
    result = signpost(
        "--trees",
        str(tmp_path / "trees"),
        "export",
        "--tree",
        "beta",
        "--format",
        "markdown",
        fixtures=False,
    )
    assert result.exit_code == 0, result.stderr
    assert "1. Look at Kooth. \\[1: \\[Dorset Council\\](https://x.test)\\]" in result.stdout
