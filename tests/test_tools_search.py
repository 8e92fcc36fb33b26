"""`signpost search`: ranking, the commands shown (which really work), and no results."""

import json
import re

import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.reports.search import search

LIB = Library(FIXTURE_TREES, ROOT / "seeds")


def test_school_finds_outcomes_by_title_before_the_tree_by_question():
    result = signpost("search", "school")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == """\
3 results for \u201cschool\u201d.

1. Talk to the school  (outcome talk-to-school in alpha)
   found in: outcome title, step
   open: signpost run alpha
   straight there: echo '{first: 2}' | signpost run alpha --answers -

2. Keep working with the school  (outcome keep-going in alpha)
   found in: outcome title
   open: signpost run alpha
   straight there: echo '{first: 1, second: 1}' | signpost run alpha --answers -

3. Alpha situation  (situation alpha)
   found in: question
   open: signpost run alpha
"""
    )


def test_results_with_every_word_come_first():
    hits = search(LIB, "urgent SCHOOL")
    assert [(h.tree.id, h.outcome and h.outcome.id, h.words) for h in hits] == [
        ("alpha", "talk-to-school", ("school",)),
        ("alpha", "keep-going", ("school",)),
        ("beta", "urgent", ("urgent",)),
        ("alpha", None, ("school",)),
    ]
    hits = search(LIB, "council team")
    assert [(h.outcome.id, h.words) for h in hits][:2] == [
        ("call-team", ("council", "team")),
        ("urgent", ("council", "team")),
    ]
    assert all(len(h.words) == 2 for h in hits[:2])


def test_only_some_words_found_says_so():
    result = signpost("search", "urgent", "school")
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "4 results for \u201curgent school\u201d.",
        "Nothing mentions every word; these mention some of them.",
    ]
    assert "   found in: outcome title; not: school" in lines


def test_matches_word_starts_ignoring_case_and_curly_apostrophes():
    assert [(h.tree.id, h.places) for h in search(LIB, "ALPH")] == [
        ("alpha", ("id", "title")),
        ("beta", ("summary",)),
    ]  # "Linked from alpha."
    assert search(LIB, "chool") == []  # not the middle of a word
    assert [h.outcome.id for h in search(LIB, "kooth")] == ["kooth"]  # a contact's name
    assert [h.outcome.id for h in search(LIB, "let\u2019s")] == [
        "talk-to-school",
        "call-team",
        "urgent",
    ]  # "Let's Talk SEND", a contact name


def test_json_gives_the_answers_and_the_scripted_run():
    result = signpost("search", "Council", "team", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["version"], data["query"]) == (1, "Council team")
    assert data["results"][0] == {
        "kind": "outcome",
        "tree": "alpha",
        "outcome": "call-team",
        "title": "Call the council team",
        "words": ["council", "team"],
        "places": ["outcome title", "contact", "step"],
        "score": 21,
        "command": "signpost run alpha",
        "answers": {"first": "Yes", "second": "No"},
        "scripted": "echo '{first: 1, second: 2}' | signpost run alpha --answers -",
    }


@pytest.mark.parametrize("query", ["school", "council team", "urgent", "online"])
def test_each_straight_there_command_reaches_its_outcome(query):
    for hit in search(LIB, query):
        if hit.outcome is None or not hit.route or not hit.route.answers:
            continue
        match = re.fullmatch(r"echo '(.*)' \| signpost run (\S+) --answers -", hit.scripted)
        result = signpost("run", match[2], "--answers", "-", "--format", "json", input=match[1])
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["outcome"]["id"] == hit.outcome.id


def test_no_results_says_what_to_try():
    result = signpost("search", "zebra")
    assert result.exit_code == 0
    assert result.stdout == (
        "Nothing mentions \u201czebra\u201d.\nTry fewer words, another word for the same thing "
        "(\u201cmental health\u201d for \u201cCAMHS\u201d), or see every situation with: "
        "signpost list\n"
    )
    assert json.loads(signpost("search", "zebra", "--format", "json").stdout) == {
        "version": 1,
        "query": "zebra",
        "results": [],
    }


def test_blank_words_are_a_usage_error():
    result = signpost("search", " ")
    assert (result.exit_code, result.stderr) == (
        2,
        "signpost: error: give at least one word to search for. "
        "For example: signpost search camhs\n",
    )


def test_text_shows_the_best_ten_and_says_how_many_more():
    from signpost.reports.search import format_text

    hits = search(LIB, "school")
    assert format_text(hits, "school", limit=1).splitlines()[-1] == (
        "Showing the best 1 of 3. Add more words to narrow the search, or --all to see "
        "every result."
    )
    assert "Showing the best" not in signpost("search", "school", "--all").stdout


def test_words_as_a_person_types_them(tmp_path):
    # hyphens, apostrophes and plurals: "self-harm" is "self harm", "childs" is "child's"
    tree = (ROOT / "tests" / "fixtures" / "trees" / "alpha.yaml").read_text()
    tree = tree.replace("Is the school helping?", "Is there self-harm, or a child's letter?")
    (tmp_path / "alpha.yaml").write_text(tree)
    (tmp_path / "contacts.yaml").write_text(
        (ROOT / "tests" / "fixtures" / "trees" / "contacts.yaml").read_text()
    )
    lib = Library(tmp_path, ROOT / "seeds")
    for query in ("self-harm", "self harm", "Self\u2013Harm"):
        assert [(h.tree.id, h.outcome, h.places) for h in search(lib, query)] == [
            ("alpha", None, ("question",))
        ], query
    for query in ("childs letters", "child's letter"):
        best = search(lib, query)[0]
        assert (best.tree.id, best.outcome, best.places, len(best.words)) == (
            "alpha",
            None,
            ("question",),
            2,
        )
    assert search(lib, "selfharm") == []
    assert [h.outcome.id for h in search(LIB, "letters")] == ["call-team"]  # "letter"
    assert sorted(h.outcome.id for h in search(LIB, "lets talk")) == [
        "call-team",
        "talk-to-school",
        "urgent",
    ]  # "Let's Talk SEND", a contact of each
