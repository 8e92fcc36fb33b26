""" "Tell us what is happening" in a real terminal (tmux): arrow menus, a typed sentence,
the plans, and a plan seen straight away."""

import pytest
from test_terminal import SIGNPOST, SIZES, flat, screen, widest  # noqa: F401 (a fixture)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_sentence_to_a_plan_in_a_real_terminal(screen, width, height):  # noqa: F811
    s = screen(f"{SIGNPOST}", width=width, height=height)
    s.wait_for("\u00bb 1. I'm not sure where to start")  # the pointer: a live menu
    s.keys("1", "6")  # 16: the entry after the fifteen situations
    s.wait_for("Tell us what is happening, in your own words (or press Enter")
    s.keys("we got a letter saying we'll be fined for her absences", "Enter")
    s.wait_for("These plans may fit what you told us, best first:")
    shown = s.wait_for("\u2014 situation: Attendance letters and absence through illness")
    assert "\u00bb 1. " in shown  # a live menu, each plan with its situation
    assert widest(shown) <= width
    s.keys("1")
    s.wait_for("How would you like to go on?")
    s.keys("2")  # see this plan now
    shown = s.wait_for("What next?")
    assert widest(shown) <= width
    s.keys("a")  # the answers that led to it, each changeable
    s.wait_for("Your answers. Choose one to change it.")
    s.keys("b")
    s.wait_for("What next?")
    s.keys("q")
    final = s.wait_for("EXIT=")
    assert "EXIT=0" in final
    assert "Traceback" not in s.history()


def test_risk_words_in_a_real_terminal_put_urgent_help_first(screen):  # noqa: F811
    s = screen(f"{SIGNPOST}", width=80, height=24)
    s.wait_for("\u00bb 1. I'm not sure where to start")  # the pointer: a live menu
    s.keys("1", "6")
    s.wait_for("Tell us what is happening, in your own words (or press Enter")
    s.keys("I think he is hurting himself", "Enter")
    s.wait_for("\u00bb 1. ")
    assert "so urgent help comes first" in flat(s.history())
    s.keys("Enter")  # the first plan
    s.wait_for("How would you like to go on?")
    s.keys("2")
    top = s.wait_for("What next?").split("What next?")[0]
    assert "call 999" in flat(top)  # the urgent plan, its calls on the screen
    s.keys("q")
    assert "EXIT=0" in s.wait_for("EXIT=")
