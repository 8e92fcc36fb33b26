"""Every sample in docs/commands.md runs as written (with the test trees named once, by
SIGNPOST_TREES, as the page says) and prints what the page shows."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

DOC = ROOT / "docs" / "commands.md"
SIGNPOST = Path(sys.executable).with_name("signpost")
SAMPLES = re.findall(r"```console\n\$ signpost ([^\n]*)\n(.*?)```", DOC.read_text(), re.S)


@pytest.mark.parametrize(("command", "shown"), SAMPLES, ids=[c for c, _ in SAMPLES])
def test_each_sample_prints_what_the_page_shows(tmp_path, command, shown):
    env = {
        **os.environ,
        "SIGNPOST_TREES": str(ROOT / "tests" / "fixtures" / "trees"),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    words = command.split()
    here = tmp_path if words[0] == "site" else ROOT  # the site is written where it is run
    result = subprocess.run(
        [str(SIGNPOST), *words], capture_output=True, text=True, env=env, cwd=here
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout == shown
