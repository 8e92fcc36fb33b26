"""One real terminal: `signpost` under tmux, driven with arrow keys like a person would."""

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

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="tmux is not installed (scripts/test installs it)",
)


class Screen:
    def __init__(self, command: str, width: int = 100, height: int = 40):
        self.name = f"signpost-test-{uuid.uuid4().hex[:8]}"
        args = [
            "tmux",
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
            # the test process may carry COLUMNS/LINES (80x24), which rich prefers to the
            # pane's real size: give the pane's own
            "-e",
            f"COLUMNS={width}",
            "-e",
            f"LINES={height}",
            f"{command}; echo EXIT=$?; sleep 60",
        ]
        for attempt in range(5):  # a tmux server that is just exiting refuses a new session
            if subprocess.run(args, capture_output=True).returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        else:
            subprocess.run(args, check=True)

    def text(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, wanted: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if wanted in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{wanted!r} never appeared; the screen was:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def screen():
    screens = []

    def start(command: str, **size) -> Screen:
        screens.append(Screen(command, **size))
        return screens[-1]

    yield start
    for s in screens:
        s.close()


def test_menu_walk_with_arrows_back_and_outcome(screen):
    s = screen(f"{SIGNPOST} --trees {FIXTURES}", height=60)  # the whole plan, title to answers
    s.wait_for("What would you like help with?")
    s.keys("Enter")  # the only menu tree: Alpha situation
    s.wait_for("Has your child been in school this week?")
    s.keys("Enter")  # Yes
    s.wait_for("Is the school helping?")
    assert "Back (change my last answer)" in s.text()
    s.keys("Down", "Down", "Enter")  # Back
    s.wait_for("Has your child been in school this week?")
    s.keys("Enter")  # Yes again
    s.wait_for("Is the school helping?")
    s.keys("Down", "Enter")  # No
    shown = s.wait_for("What would you like to do now?")
    assert "Call the council team" in shown
    assert "1. Call the team to agree next steps. [1: Dorset Council]" in shown
    assert "2. Ask your GP for a supportive letter. [2: Dorset Council]" in shown
    assert "Phone: 01305 228866" in shown
    assert "Is the school helping? No" in shown
    s.keys("Up", "Enter")  # Quit (the last option)
    assert "EXIT=0" in s.wait_for("EXIT=")
    assert "Stopped \u2014 nothing was saved." in s.text()


def test_ctrl_c_in_a_real_terminal(screen):
    s = screen(f"{SIGNPOST} --trees {FIXTURES} run alpha")
    s.wait_for("Has your child been in school this week?")
    s.keys("C-c")
    final = s.wait_for("EXIT=")
    assert "EXIT=130" in final
    assert "Stopped \u2014 nothing was saved." in final
    assert "Traceback" not in final


def test_shipped_menu_urgent_route_comes_first(screen):
    s = screen(f"{SIGNPOST}", width=100, height=90)
    s.wait_for("I'm not sure where to start")
    s.keys("Enter")  # the triage tree is first in the menu
    s.wait_for("What is worrying you most right now?")
    s.keys("Enter")  # My child may be in danger, or in a mental health crisis
    shown = s.wait_for("What would you like to do now?")
    assert "Get urgent help now" in shown
    assert shown.index("First, if your child is at risk right now") < shown.index("What to do next")
    assert "Emergency services (999): call 999" in shown
    assert "NHS 111: call 111" in shown
    assert "Phone: 01305 228866" in shown
    s.keys("Up", "Enter")  # Quit
    assert "EXIT=0" in s.wait_for("EXIT=")


def test_very_narrow_and_short_window(screen):
    s = screen(f"{SIGNPOST} --trees {FIXTURES} run alpha", width=40, height=10)
    s.wait_for("Has your child been in")
    s.keys("Enter")  # Yes
    s.wait_for("Is the school helping?")
    s.keys("Down", "Enter")  # No
    s.wait_for("What would you like to do")
    s.keys("Up", "Enter")  # Quit
    s.wait_for("EXIT=")
    history = subprocess.run(
        ["tmux", "capture-pane", "-p", "-S", "-", "-t", s.name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "EXIT=0" in history
    assert "Phone: 01305 228866" in history
    assert "letstalksend@dorsetcouncil.gov.uk" in history  # whole, on one line
    assert "Traceback" not in history
