"""`signpost search`: ranking plans by a sentence, risk words first, the commands shown
(which really work), and no results."""

import json
import re

import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.reports.search import search

LIB = Library(FIXTURE_TREES, ROOT / "seeds")


def test_school_finds_the_plans_that_say_school_best_first():
    result = signpost("search", "school")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == """\
3 plans for \u201cschool\u201d, best first.

1. Talk to the school  (outcome talk-to-school in alpha)
   situation: Alpha situation
   matched: school; in outcome title, question, step
   open: signpost run alpha
   straight there: echo '{first: 2}' | signpost run alpha --answers -

2. Keep working with the school  (outcome keep-going in alpha)
   situation: Alpha situation
   matched: school; in outcome title, question
   open: signpost run alpha
   straight there: echo '{first: 1, second: 1}' | signpost run alpha --answers -

3. Call the council team  (outcome call-team in alpha)
   situation: Alpha situation
   matched: school; in question
   open: signpost run alpha
   straight there: echo '{first: 1, second: 2}' | signpost run alpha --answers -
"""
    )


def test_a_plan_is_found_by_the_questions_and_answers_on_its_way():
    # "school" is in no word of call-team's own text: the question before it asks it
    assert [(h.outcome.id, h.places) for h in search(LIB, "school")][2] == (
        "call-team",
        ("question",),
    )


def test_rarer_words_and_more_of_them_rank_higher():
    assert [(h.outcome.id, h.words) for h in search(LIB, "urgent SCHOOL")] == [
        ("urgent", ("urgent",)),  # one plan says urgent: a rare word
        ("talk-to-school", ("school",)),
        ("keep-going", ("school",)),
        ("call-team", ("school",)),
    ]
    assert [(h.outcome.id, h.words) for h in search(LIB, "council team")] == [
        ("call-team", ("council", "team")),
        ("urgent", ("council", "team")),
        ("talk-to-school", ("council", "team")),
    ]


def test_punctuation_case_and_common_words_do_not_count():
    assert search(LIB, "Council, team!") == search(LIB, "council team")
    assert search(LIB, "the council and the team") == search(LIB, "council team")
    assert search(LIB, "the") == search(LIB, "zebra") == []
    assert [h.outcome.id for h in search(LIB, "kooth")] == ["kooth"]  # a contact's name
    assert [h.outcome.id for h in search(LIB, "letters")] == ["call-team"]  # "letter"


def test_json_gives_the_answers_the_scripted_run_and_risk():
    result = signpost("search", "Council", "team", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["version"], data["query"], data["risk"]) == (1, "Council team", False)
    assert data["results"][0] == {
        "kind": "outcome",
        "tree": "alpha",
        "outcome": "call-team",
        "title": "Call the council team",
        "words": ["council", "team"],
        "places": ["outcome title", "step", "contact"],
        "score": 3.68,
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
        "Nothing matches \u201czebra\u201d.\nTry other words for the same thing "
        "(\u201cmental health\u201d for \u201cCAMHS\u201d), or see every situation with: "
        "signpost list\n"
    )
    assert json.loads(signpost("search", "zebra", "--format", "json").stdout) == {
        "version": 1,
        "query": "zebra",
        "risk": False,
        "results": [],
    }


@pytest.mark.parametrize("words", [" ", "the", "and so"])
def test_no_word_that_counts_is_a_usage_error(words):
    result = signpost("search", words)
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


# The shipped trees: what parents say, and risk.
def _first(library, query):
    return [f"{h.tree.id}/{h.outcome.id}" for h in search(library, query)]


@pytest.mark.parametrize(
    ("query", "plan"),
    [
        ("fined", "attendance-and-illness/fines-or-prosecution"),  # "fines"
        ("kicked out", "alternative-provision/ap-exclusions"),  # everyday words
        ("he got kicked out of school", "alternative-provision/ap-exclusions"),
        ("the school says it can't help", "school-not-helping/locality-inclusion-lead"),
    ],
)
def test_everyday_words_find_the_plan(library, query, plan):
    assert plan in _first(library, query)[:2]


def test_an_acronym_and_its_meaning_find_the_same_plans(library):
    # the same plans, best first; two that score all but alike may swap places
    assert set(_first(library, "EHCP")[:4]) == set(
        _first(library, "Education, Health and Care Plan")[:4]
    )
    assert _first(library, "EHCP")[:2] == _first(library, "Education, Health and Care Plan")[:2]


RISK = [
    "self-harm",
    "self harm",
    "Self\u2013Harm",
    "she's hurting herself",
    "he keeps cutting himself",
    "my daughter talks about suicide",
    "he says he wants to die",
    "she's not eating",
    "he was assaulted on the way to school",
    "I think she is being abused",
    "he is in danger",
    "fined for attendance and now she is talking about killing herself",
]


@pytest.mark.parametrize("query", RISK)
def test_risk_words_put_the_urgent_plan_with_999_and_111_first(library, query):
    first = search(library, query)[0]
    assert first.outcome.urgent, query
    phones = {library.contact(c).phone for c in first.outcome.contacts}
    assert {"999", "111"} <= phones


def test_risk_is_said_first_in_text_and_json(library):
    result = signpost("search", "self-harm", fixtures=False)
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "Some of these words suggest a child may be at risk, so urgent help comes first. "
        "If anyone is in danger now, call 999."
    )
    assert lines[3].startswith("1. ") and lines[3].endswith(", urgent)")
    data = json.loads(signpost("search", "self-harm", "--format", "json", fixtures=False).stdout)
    assert data["risk"] is True


@pytest.mark.parametrize("query", ["fined", "kicked out", "EHCP", "masking"])
def test_words_without_risk_do_not_bring_urgent_help_first(library, query):
    assert not search(library, query)[0].outcome.urgent


def test_an_urgent_plan_comes_first_even_when_no_word_matches_one(tmp_path):
    # a risk phrase whose words no urgent plan has: the first urgent plan is put first
    (tmp_path / "everyday-words.yaml").write_text(
        "words:\n  zebra:\n    say: [zebra]\n    means: [school]\n    risk: true\n"
    )
    for name in ("alpha.yaml", "beta.yaml", "contacts.yaml"):
        (tmp_path / name).write_text((FIXTURE_TREES / name).read_text())
    lib = Library(tmp_path, ROOT / "seeds")
    found = search(lib, "zebra")
    assert (found[0].outcome.id, found[0].words) == ("urgent", ())
    assert [h.outcome.id for h in found[1:]] == ["talk-to-school", "keep-going", "call-team"]
