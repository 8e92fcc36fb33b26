"""The one tokenizer (signpost/tokens.py) and the everyday-words table's risk entries."""

import pytest

from signpost.reports.search import search
from signpost.tokens import stem, terms, words


@pytest.mark.parametrize(
    "forms",
    [
        ("fined", "fines", "fine"),
        ("worried", "worries", "worrying", "worry"),
        ("illness", "ill"),
        ("assessment", "assessed", "assess", "assessments"),
        ("excluded", "exclude", "excludes"),
        ("cutting", "cut", "cuts"),
        ("stopped", "stop", "stopping"),
        ("families", "family"),
        ("children", "child", "childs"),
        ("going", "goes", "go", "went"),
        ("needs", "need", "needed"),
        ("masking", "masks", "mask", "masked"),
    ],
)
def test_the_forms_a_parent_types_meet_the_forms_the_trees_use(forms):
    assert len({stem(w) for w in forms}) == 1, {w: stem(w) for w in forms}


@pytest.mark.parametrize(
    ("a", "b"), [("need", "ned"), ("bring", "br"), ("thing", "th"), ("call", "cal")]
)
def test_short_words_keep_their_letters(a, b):
    assert stem(a) != b


def test_words_fold_case_punctuation_apostrophes_and_self():
    assert words("She's NOT: crisis, school. We'll won't can't Child\u2019s self-harm herself") == [
        "she",
        "not",
        "crisis",
        "school",
        "we",
        "wo",
        "not",
        "ca",
        "not",
        "child",
        "self",
        "harm",
        "self",
    ]


def test_terms_leave_out_the_common_words():
    assert terms("she's been off for weeks and we'll be fined") == ["off", "week", "fin"]
    assert terms("the and she we it") == []
    assert terms("\x1b[31m<script>") == ["31m", "script"]


def test_every_risk_phrase_of_the_table_puts_urgent_help_first(library):
    for entry in library.everyday:
        if not entry.risk:
            continue
        for phrase in entry.say:
            said = " ".join(phrase)
            first = search(library, said)[0].outcome
            assert first.urgent, (entry.name, said)
            # said in a longer sentence too
            first = search(library, f"we had a letter about school and {said}")[0].outcome
            assert first.urgent, (entry.name, said)


def test_the_table_has_risk_entries_for_the_issues_words(library):
    risky = {" ".join(p) for e in library.everyday if e.risk for p in e.say}
    for said in ("suicide", "self harm", "hurting self", "danger", "abuse", "assaulted"):
        assert said in risky
    assert "not eating" in risky
