"""The attribution rules on quotes of each kind of voice: exact diagnostics."""

import pytest
from helpers import lint_folder, small_tree, write

STRATEGY = "002_3e536e74bb67952d.txt"
LIVE = "004_82ad26e42907f2e8.txt"


def run(tmp_path, text: str, doc: str, quote: str) -> str:
    write(tmp_path, {"trees/example.yaml": ("yaml", small_tree(text=text, doc=doc, quote=quote))})
    return lint_folder(tmp_path)


def test_words_the_strategy_quotes_from_someone_else_are_not_its_own(tmp_path):
    quote = "Relationships are not built in a day; they are built daily"
    assert run(tmp_path, "Trust takes time to build.", STRATEGY, quote) == (
        "trees/example.yaml:22:20: error [not-an-answer] this quote is not the source's own "
        f"word: line 2 of `{STRATEGY}` is someone the strategy quotes (not the council's own "
        "words); a step is shown as what the source says, so quote the answer (it starts on "
        "line 3), and tell the situation in the step's own words\n"
    )


def test_a_question_at_the_live_q_and_a_is_not_the_senior_leaders_answer(tmp_path):
    quote = "What is the key working project and how does it support children"
    assert run(tmp_path, "Ask about the key working project.", LIVE, quote) == (
        "trees/example.yaml:22:20: error [not-an-answer] this quote is not the source's own "
        f"word: line 15 of `{LIVE}` is a parent, carer or member of school staff, asking the "
        "council; a step is shown as what the source says, so quote the answer (it starts on "
        "line 17), and tell the situation in the step's own words\n"
    )


@pytest.mark.parametrize(
    ("doc", "quote"),
    [
        (LIVE, "The key working project in Dorset focuses on children and young people"),
        ("003_641df8f9bc14a97e.txt", "Parents have a right to educate their children at home"),
        (STRATEGY, "Therapeutic thinking is at the heart of our inclusive practice"),
    ],
)
def test_an_answer_a_strategy_line_and_a_named_group_pass(tmp_path, doc, quote):
    assert run(tmp_path, "Define Fine, a parent-led group, says so.", doc, quote) == ""


def test_a_quote_found_twice_passes_if_one_place_is_an_answer(tmp_path):
    quote = "Many of our schools (60%) have signed up for"  # 000 lines 25 and 133
    assert run(tmp_path, "Ask the school.", "000_cd7fdd44bcd59a55.txt", quote) == ""


def test_four_words_are_not_a_citation_and_five_are(tmp_path):
    doc = "000_cd7fdd44bcd59a55.txt"
    assert run(tmp_path, "Talk to the school.", doc, "an honest conversation with") == (
        'trees/example.yaml:22:20: error [short-quote] this quote has 4 words ("an honest '
        'conversation with"); a citation needs at least 5 words of the source, enough to show '
        "what it says; quote the words the step rests on\n"
    )
    assert run(tmp_path, "Talk to the school.", doc, "an honest conversation with your") == ""
