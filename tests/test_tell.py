""" "Tell us what is happening, in your own words" in the walk (ui/tell.py), plain mode:
the menu entry beside the list, the best plans each with its situation, starting the
situation's questions or seeing the plan with the answers that lead to it, risk first."""

import pytest
from tools_cli import signpost

TELL = "2"  # in the fixture trees' menu: 1. Alpha situation, 2. Tell us ...
PLANS = (
    "These plans may fit what you told us, best first:\n"
    "  1. Keep working with the school \u2014 situation: Alpha situation\n"
    "  2. Call the council team \u2014 situation: Alpha situation\n"
    "  3. Talk to the school \u2014 situation: Alpha situation\n"
    "  4. Get urgent help now \u2014 situation: Beta situation\n"
    "  5. Try other words\n"
    "  b = back to the situations, q = quit\n"
)
WHAT_NOW = (
    "Keep working with the school (Alpha situation)\n"
    "How would you like to go on?\n"
    "  1. Start this situation's questions\n"
    "  2. See this plan now, with the answers that lead to it\n"
    "  3. Back to the plans\n"
    "  b = back to the situations, q = quit\n"
)


def walk(*lines, fixtures=True):
    result = signpost("--plain", input="\n".join(lines) + "\n", fixtures=fixtures)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_menu_offers_it_beside_the_list():
    out = walk("q")
    assert out.startswith(
        "\nWhat would you like help with?\n"
        "  1. Alpha situation \u2014 A small tree for tests.\n"
        "  2. Tell us what is happening, in your own words \u2014 Type a sentence, and we "
        "suggest the plans that may fit.\n"
        "  q = quit\n"
    )


def test_a_sentence_lists_the_best_plans_each_with_its_situation():
    out = walk(TELL, "the school is not helping!", "q")
    assert (
        "Tell us what is happening, in your own words (or press Enter to go back): \n" + PLANS
        in out
    )
    assert out.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")


def test_see_the_plan_with_the_answers_that_lead_to_it_and_change_them():
    out = walk(TELL, "the school is not helping", "1", "2", "a", "2", "2", "q")
    assert WHAT_NOW in out
    plan = out.split(WHAT_NOW)[1]
    assert "\nKeep working with the school\n" in plan  # straight to the plan
    assert (
        "Your answers. Choose one to change it.\n"
        "  1. Has your child been in school this week? \u2014 Yes\n"
        "  2. Is the school helping? \u2014 Yes\n"
    ) in plan
    # changing "Is the school helping?" to No leads to the other plan
    assert "\nCall the council team\n" in plan.split("Your answers.")[1]


def test_start_the_situations_questions():
    out = walk(TELL, "the school is not helping", "1", "1", "2", "q")
    after = out.split(WHAT_NOW)[1]
    assert after.startswith(
        "Type a number (1-3) and press Enter: \nAlpha situation\nA small tree for tests.\n"
    )
    assert "Has your child been in school this week?\n  1. Yes\n  2. No\n" in after
    assert "\nTalk to the school\n" in after  # answered No: the walk goes on as ever


def test_back_to_the_plans_and_other_words():
    out = walk(TELL, "the school is not helping", "1", "3", "5", "school", "q")
    assert out.count(PLANS) == 2  # back to the plans: the same list
    assert out.count("Tell us what is happening, in your own words (or press") == 2


def test_nothing_matched_offers_other_words_and_enter_goes_back_to_the_list():
    out = walk(TELL, "zebra", "1", "", "q")
    assert (
        "We could not match that to a plan. Try other words, or choose from the list.\n"
        "  1. Try other words\n"
        "  b = back to the situations, q = quit\n"
    ) in out
    assert out.count("What would you like help with?") == 2


@pytest.mark.parametrize("key", ["b", "q"])
def test_back_to_the_situations_or_quit_from_the_plans(key):
    out = walk(TELL, "school", key, "q")
    assert out.count("What would you like help with?") == (2 if key == "b" else 1)
    assert out.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")


@pytest.mark.parametrize(
    "sentence", ["she keeps hurting herself", "he talks about suicide", "my son is not eating"]
)
def test_risk_words_list_urgent_help_first_and_say_why(sentence):
    out = walk("16", sentence, "1", "2", "q", fixtures=False)
    listed = out.split("These plans may fit what you told us, best first:\n")[1]
    assert listed.startswith(
        "Some of these words suggest a child may be at risk, so urgent help comes first. "
        "If anyone is in danger now, call 999.\n  1. "
    )
    plan = listed.split("How would you like to go on?")[1]
    assert "999" in plan and "111" in plan  # the urgent plan, seen straight away


def test_a_sentence_is_only_text_on_screen():
    out = walk(TELL, "\x1b[2J\x1b]8;;http://x\x07school\x1b]8;;\x07", "q")
    assert "\x1b" not in out and "\x07" not in out
    listed = out.split("These plans may fit what you told us, best first:\n")[1]
    assert "  1. Talk to the school \u2014 situation: Alpha situation\n" in listed
