"""The package a stranger installs: the sdist holds everything its own tests and the
README's two commands need, so `pip install` of it and `pytest` inside it both work."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tracked() -> set[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout (an unpacked sdist): nothing to compare with")
    return set(listed.stdout.splitlines())


def test_the_sdist_holds_every_file_the_repository_tracks(tmp_path):
    tracked = _tracked()
    # the locked venv has the build backend (requirements/build.in); a --lowest venv may not
    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        packed = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert sorted(tracked - packed) == []
    assert {"bench/bigtree.py", "package-lock.json", "requirements/test.lock"} <= packed


def test_the_distribution_name_is_ours_and_the_command_is_signpost():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # `signpost` on the public index is someone else's (0.2.1, 2021): never that name.
    assert project["name"] == "signpost-send"
    assert project["scripts"] == {"signpost": "signpost.cli:main"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "The distribution is called **`signpost-send`**" in readme
