"""Broken trees beside their exact diagnostics: `cases/<name>/trees/` is linted and
must give `cases/<name>/expected.txt` (concise format), line for line.

SIGNPOST_UPDATE_DOCS=1 rewrites expected.txt after a deliberate change; read the diff.
"""

import os
from pathlib import Path

import pytest
from helpers import lint_folder

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case_gives_exactly_the_expected_diagnostics(case):
    output = lint_folder(CASES / case)
    expected_file = CASES / case / "expected.txt"
    if os.environ.get("SIGNPOST_UPDATE_DOCS") == "1":
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
