"""One real terminal: `signpost` under tmux, driven with arrow keys like a person would."""

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "trees"
SIGNPOST = Path(sys.executable).with_name("signpost")


# A server of our own: other test runs on the machine cannot stop it, nor we theirs.
TMUX = ["tmux", "-L", f"signpost-test-{os.getpid()}"]


class Screen:
    def __init__(self, command: str, width: int = 100, height: int = 40, env: dict | None = None):
        self.name = f"signpost-test-{uuid.uuid4().hex[:8]}"
        args = [
            *TMUX,
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            "-e",
            "TERM=xterm-256color",
            "-e",
            "PROMPT_TOOLKIT_NO_CPR=1",
            "-e",
            "LANG=C.UTF-8",
            *[f"-e{k}={v}" for k, v in (env or {}).items()],
            f"{command}; echo EXIT=$?; sleep 60",
        ]
        for attempt in range(5):  # a tmux server that is just exiting refuses a new session
            # os.environ as Python sees it: an imported readline puts COLUMNS and LINES in
            # the process environment, which the tmux server would otherwise hand on.
            if subprocess.run(args, capture_output=True, env=dict(os.environ)).returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        else:
            subprocess.run(args, check=True, env=dict(os.environ))

    def text(self) -> str:
        """The screen, with lines the terminal wrapped joined again (-J), as printed."""
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-J", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, wanted: str, timeout: float = 15, times: int = 1) -> str:
        """The screen once `wanted` is on it (or printed `times` times since the start)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if times > 1:
                if flat(self.history()).count(flat(wanted)) >= times:
                    return screen
            elif wanted in screen or flat(wanted) in flat(screen):  # or wrapped over lines
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{wanted!r} never appeared; the screen was:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.05)

    def history(self) -> str:
        """Everything printed since the start, not only the visible screen."""
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-J", "-S", "-", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def screen():
    if shutil.which("tmux") is None and not os.environ.get("CI"):
        pytest.skip("tmux is not installed (scripts/test installs it)")
    screens = []

    def start(command: str, **size) -> Screen:
        screens.append(Screen(command, **size))
        return screens[-1]

    yield start
    for s in screens:
        s.close()


def test_ctrl_c_in_a_real_terminal(screen):
    s = screen(f"{SIGNPOST} --trees {FIXTURES} run alpha")
    s.wait_for("Has your child been in school this week?")
    s.keys("C-c")
    final = s.wait_for("EXIT=")
    assert "EXIT=130" in final
    assert "Stopped \u2014 nothing was saved." in final
    assert "Traceback" not in final


SIZES = [(40, 15), (80, 24), (200, 50)]


def flat(text: str) -> str:
    """The words on screen with the terminal's line breaks taken out."""
    return " ".join(text.split())


def widest(text: str) -> int:
    return max(len(line.rstrip()) for line in text.splitlines())


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_walk_from_the_menu_screen_by_screen(screen, width, height):
    s = screen(f"{SIGNPOST}", width=width, height=height)
    s.wait_for("What would you like help with?")
    s.keys("Enter")  # "I'm not sure where to start" is first
    s.wait_for("What is worrying you most")
    s.keys("b")  # the first question offers a way back to the situations
    shown = s.wait_for("\u00bb 1. I'm not sure where to start")  # the pointer: a live menu
    assert "3. Attendance letters and absence through illness" in flat(shown)  # wrapped, not cut
    s.keys("5")  # 5 of 15: the camhs-refused tree (no 50, so at once)
    s.wait_for("\u00bb 1. Yes, or I think they might be")
    s.keys("3")  # No, not right now (a number picks at once)
    s.wait_for("\u00bb 1. CAMHS turned my child down")
    s.keys("1")  # CAMHS turned my child down
    s.wait_for("(MHST)?")
    s.keys("b")  # back: the cursor is on the answer given before
    shown = s.wait_for("\u00bb 1. CAMHS turned my child down")
    assert "(question 2)" in shown
    s.keys("Enter")
    s.wait_for("\u00bb 1. Yes\n")
    s.keys("1")  # Yes -> an outcome
    s.wait_for("What next?")
    s.keys("a")  # your answers: change the first
    s.wait_for("Your answers. Choose one")
    s.keys("1")
    shown = s.wait_for("\u00bb 3. No, not right now")
    s.keys("1")  # Yes, or I think they might be -> urgent, later answers dropped
    shown = s.wait_for("What next?")
    top = shown.split("What next?")[0]
    assert "Get urgent help now" in top  # the title and 999 on the screen, not scrolled away
    assert "call 999" in top
    assert "First, if your child is at risk right now" in flat(top)  # the box's title
    if height >= 24:
        assert "What to do next" in top and "1. When your child is safe" in top
    assert widest(shown) <= width
    s.keys("c")  # my child is safe now: carry on with the questions
    s.wait_for("\u00bb 1. CAMHS turned my child down")
    s.keys("q")
    final = s.wait_for("EXIT=")
    assert "EXIT=0" in final
    assert "Goodbye. Nothing you answered was stored or sent." in flat(final)
    assert "Stopped" not in s.history()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_start_again_urgent_and_saving(screen, tmp_path, width, height):
    (tmp_path / "Documents").mkdir()
    s = screen(f"{SIGNPOST}", width=width, height=height, env={"HOME": str(tmp_path)})
    s.wait_for("What would you like help with?")
    s.keys("Enter")
    s.wait_for("What is worrying you most")
    # My child may be in danger -> the urgent outcome (ten options: "1" waits for a
    # possible "10", so Enter picks it)
    s.keys("1", "Enter")
    shown = s.wait_for("What next?")
    top = shown.split("What next?")[0]
    assert "Get urgent help now" in top and "Emergency services (999): call 999" in top
    s.keys("r")  # start again: the menu of situations, as the walk began there
    s.wait_for("\u00bb 1. I'm not sure where to start")
    s.keys("Enter")
    s.wait_for("\u00bb 1. My child may be in danger")
    s.keys("1", "Enter")
    s.wait_for("What next?")
    s.keys("s")
    s.wait_for("Save the plan as")
    s.keys("C-c")  # cancels the save only
    s.wait_for("Not saved.")
    s.keys("s")
    path = tmp_path / "Documents" / f"signpost-plan-start-{dt.date.today().isoformat()}.md"
    s.wait_for("Save the plan as", times=2)
    s.keys("Enter")  # the default: the Documents folder, in full
    s.wait_for("It stays on this computer only.")
    assert path.read_text().startswith("# Get urgent help now\n")
    history = s.history()
    said = history.split("Saved your plan to")[1].split("It stays")[0]
    assert "".join(said.split()) == f"{path}."  # the full path (wrapped to fit at 40)
    assert history.count("Saved your plan to") == 1
    assert history.count("Get urgent help now") == 2  # once per walk: no reprint after saving
    shown = s.wait_for("What next?")
    assert shown.rstrip().endswith("Quit")  # back at the bar under the plan
    s.keys("q")
    final = s.wait_for("EXIT=")
    assert "EXIT=0" in final


def test_try_another_place_takes_the_key_and_the_enter_after_it(screen, tmp_path):
    s = screen(f"{SIGNPOST} --trees {FIXTURES} run alpha", width=80, height=24)
    s.wait_for("Has your child been in school this week?")
    s.keys("2")
    s.wait_for("What next?")
    s.keys("s")
    s.wait_for("Save the plan as")
    s.keys("C-u", f"{tmp_path}/missing/plan.md", "Enter")
    s.wait_for("Try another place?")
    s.keys("n", "Enter")  # the key answers; an Enter typed after it out of habit is taken too
    s.wait_for("What next?")
    time.sleep(1)
    s.keys("q")
    assert "EXIT=0" in s.wait_for("EXIT=")
    assert s.history().count("Save the plan as") == 1  # the Enter did not reopen it


def test_replace_it_proceeds_on_y_alone(screen, tmp_path):
    """At "Replace it? (y/N)", y shows Yes and replaces the file: no silent wait for Enter."""
    target = tmp_path / "plan.md"
    target.write_text("ORIGINAL")
    s = screen(f"{SIGNPOST} --trees {FIXTURES} run alpha", width=80, height=24)
    s.wait_for("Has your child been in school this week?")
    s.keys("2")
    s.wait_for("What next?")
    s.keys("s")
    s.wait_for("Save the plan as")
    s.keys("C-u", str(target), "Enter")
    s.wait_for("already exists. Replace it? (y/N)")
    s.keys("y")
    s.wait_for("Saved your plan to")
    assert target.read_text().startswith("# Talk to the school")
    s.keys("q")
    assert "EXIT=0" in s.wait_for("EXIT=")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_contacts_fit_the_terminal(screen, width, height):
    s = screen(f"{SIGNPOST} contacts", width=width, height=height)
    s.wait_for("EXIT=0")
    history = s.history()
    assert "19 contacts." in history
    assert widest(history) <= min(width, 100)
    assert "letstalksend@dorsetcouncil.gov.uk" in history  # whole, on one line


def test_term_dumb_is_wrapped_at_spaces(screen):
    s = screen(f"env TERM=dumb {SIGNPOST} --trees {FIXTURES} run alpha", width=40, height=24)
    s.wait_for("Type a number")
    s.keys("2", "Enter")
    s.wait_for("What next?")
    s.keys("q", "Enter")
    s.wait_for("EXIT=0")
    history = "\n".join(line.rstrip() for line in s.history().splitlines())
    assert "Dorset Council SEND team (Let's Talk\nSEND): Talk through your child's" in history
    assert "\nletstalksend@dorsetcouncil.gov.uk\n" in history  # whole, on a line of its own
    assert widest(history) <= 40


# The Environment: what the terminal can do, decided once from the process.


def environment(**given):
    from signpost.ui.environment import Environment

    return Environment(io.StringIO(), io.StringIO(), io.StringIO(), **given)


def test_both_ends_a_terminal_draw_arrow_menus_in_colour():
    env = environment(stdin_tty=True, stdout_tty=True, columns=120)
    assert env.interactive and not env.plain
    assert env.colour and env.styled
    assert env.width(80) == 100  # never wider than the reading measure


def test_no_color_keeps_the_arrow_menus_but_not_the_colour():
    env = environment(stdin_tty=True, stdout_tty=True, no_color=True, force_color=True)
    assert env.interactive and not env.plain
    assert not env.colour and not env.styled  # NO_COLOR wins over FORCE_COLOR


def test_term_dumb_is_plain_and_unstyled():
    env = environment(stdin_tty=True, stdout_tty=True, dumb=True, columns=60)
    assert not env.interactive and env.plain
    assert not env.colour and not env.styled
    assert env.width(80) == 60


def test_a_pipe_is_plain_unless_colour_is_forced():
    piped = environment(stdin_tty=True)
    assert not piped.interactive and piped.plain and not piped.styled
    assert piped.width(100) == 100  # no COLUMNS and no terminal: the fallback
    forced = environment(stdin_tty=True, force_color=True)
    assert forced.plain and forced.colour and forced.styled


def test_input_from_a_pipe_types_numbered_answers():
    env = environment(stdout_tty=True)
    assert not env.interactive and env.plain
    assert env.styled  # output is still a terminal


def test_plain_asked_is_the_screen_reader_mode():
    env = environment(stdin_tty=True, stdout_tty=True).with_plain(True)
    assert env.plain and env.interactive  # arrow menus could be drawn, but are not
    assert not env.colour and not env.styled  # --plain means no colour, lint's report too


def test_read_takes_the_process_environment(monkeypatch):
    from signpost.ui.environment import Environment

    monkeypatch.setenv("COLUMNS", "72")
    env = Environment.read(plain=False, environ={"TERM": "dumb", "NO_COLOR": "1"})
    assert env.dumb and env.no_color and not env.force_color and env.columns == 72
    assert env.stdout is sys.stdout and env.stdin is sys.stdin
    assert not Environment.read(environ={"NO_COLOR": ""}).no_color  # empty is not set


def test_a_number_of_two_digits_picks_that_option(screen):
    """15 situations and "Tell us what is happening": 13 opens the 13th; 10 then Enter
    opens the 10th, and the Enter is not left over to answer the next question with its
    first (urgent) option."""
    s = screen(f"{SIGNPOST}", width=80, height=24)
    shown = s.wait_for("What would you like help with?")
    assert "Enter, or type 1-16 and Enter" in flat(shown)  # the hint says how
    urgent = "\u00bb 1. My child may be in danger, has hurt themselves"  # every tree's first
    s.keys("1", "3")
    shown = s.wait_for(urgent)
    assert "13. Educating your child at home" in shown
    s.keys("b")  # back to the situations, the cursor on the one we came from
    s.wait_for("\u00bb 13. Educating your child at home")
    s.keys("1", "0", "Enter")
    shown = s.wait_for("2. I think my child needs a special school or inclusion hub")
    assert "10. Special schools, inclusion hubs" in shown and urgent in shown
    time.sleep(1)  # still asked: the Enter picked 10, not the urgent first option here
    assert urgent in s.text() and "Get help now" not in s.text()
    s.keys("b")
    s.wait_for("\u00bb 10. Special schools")
    s.keys("1", "Enter")  # one digit that a longer number could follow, then Enter: 1
    s.wait_for("What is worrying you most")


def test_carry_on_keeps_the_safety_answer_in_the_record(screen, tmp_path):
    """After "My child is safe now: carry on" the record says what the person answered,
    on screen, going back and in the saved plan, and the plan keeps 999 / NHS 111 on top."""
    s = screen(f"{SIGNPOST} run camhs-refused", width=80, height=24)
    s.wait_for("1. Yes, or I think they might be")
    s.keys("1")  # Yes, or I think they might be
    s.wait_for("c My child is safe now: carry on")
    s.keys("c")
    s.wait_for("\u00bb 1. CAMHS turned my child down")
    s.keys("1")
    s.wait_for("Does your child's school have a Mental Health Support Team")
    s.keys("3")  # I don't know
    top = s.wait_for("You told us your child may be at risk")
    assert "Emergency services (999): call 999" in top and "NHS 111: call 111" in top
    s.keys("a")
    shown = flat(s.wait_for("Your answers. Choose one to change it."))
    assert "— Yes, or I think they might be (then carried on, once your child was safe)" in shown
    assert "No, not right now" not in shown
    s.keys("b")  # keep these answers
    s.wait_for("Back (keep these answers)")
    s.wait_for("What next?")
    saved = tmp_path / "plan.md"
    s.keys("s")
    s.wait_for("Save the plan as")
    s.keys("C-u")
    s.keys("-l", str(saved))
    s.keys("Enter")
    s.wait_for("Saved your plan to")
    text = saved.read_text(encoding="utf-8")
    assert text.index("## You told us your child may be at risk") < text.index("## What to do")
    assert "- Emergency services (999)" in flat(text).replace("**", "")
    assert "Yes, or I think they might be (then carried on, once your child was safe)" in text
    assert "No, not right now" not in text
    for _ in range(3):  # back to the safety question: the cursor is on the answer given
        s.keys("b")
        time.sleep(0.5)
    s.wait_for("\u00bb 1. Yes, or I think they might be")


@pytest.mark.parametrize(("width", "height"), [(40, 15), (80, 24)])
def test_the_urgent_box_is_whole_on_the_first_screen_and_pages_go_back(screen, width, height):
    s = screen(f"{SIGNPOST} run camhs-refused", width=width, height=height)
    s.wait_for("1. Yes, or I think they might be")
    s.keys("1")
    first = s.wait_for("What next?")
    for words in ("Emergency services (999): call 999", "NHS 111: call 111", "how urgent it is."):
        assert words in flat(first), words  # both calls and the end of the box, not page 2
    assert "Get urgent help now" in first and "First, if your child is at risk" in flat(first)
    assert "Page 1 of" in first
    s.keys("Enter")  # read on
    s.wait_for("Page 2 of")
    s.keys("p")  # and back
    again = s.wait_for("Page 1 of")
    assert "NHS 111: call 111" in flat(again)
    s.keys("q")
    assert "EXIT=0" in s.wait_for("EXIT=")


def test_the_menus_glossary_lines_are_wrapped_not_cut(screen):
    s = screen(f"{SIGNPOST}", width=40, height=30)
    shown = s.wait_for("What would you like help with?")
    s.wait_for("1. I'm not sure where to start")
    shown = s.text()
    assert "EHC means Education, Health, and Care." in flat(shown)
    assert "inclusion hub means a base inside a mainstream school with trained staff" in flat(shown)
    assert widest(shown) <= 40


def test_a_terminal_without_utf8_says_the_keys_in_ascii(screen):
    """No "??" for the arrows, and no "?" pointer to mistake for the key that asks why."""
    ascii_only = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    s = screen(f"{SIGNPOST} run camhs-refused", width=80, height=24, env=ascii_only)
    shown = s.wait_for("Up/Down Enter or 1-3 | ? why | q quit")
    assert " > 1. Yes, or I think they might be" in shown
    assert "??" not in shown
    s.keys("1")
    shown = s.wait_for("What next? (Left/Right and Enter, or a key)")
    assert "Emergency services (999): call 999" in shown
    assert "??" not in shown
    s.keys("q")
    assert "EXIT=0" in s.wait_for("EXIT=")
