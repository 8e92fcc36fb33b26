"""`signpost site OUT` never deletes what it did not write (issue 23, red team round 3
H1, L1-L4): a build records a manifest of its files and their hashes; a rebuild replaces
only those, and refuses, naming them, when OUT holds anything else or has no manifest
of its own; a saved plan is never taken for a site; a stopped build leaves nothing."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.errors import SaveError, UsageError
from signpost.reports import site, sitefolder

SEEDS = ROOT / "seeds"
LIBRARY = Library(FIXTURE_TREES, SEEDS)


def names(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_saved_plan_is_never_taken_for_a_site(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "taxes.txt").write_text("precious")
    (docs / "photos").mkdir()
    (docs / "photos" / "a.jpg").write_text("jpg")
    saved = signpost(
        "run", "alpha", "--answers", "-", "--save", str(docs / "index.html"), input="first: 2\n"
    )
    assert saved.exit_code == 0, saved.stderr
    result = signpost("site", str(docs))
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: {docs}: was not made by `signpost site` (photos/, index.html, "
        "taxes.txt), so nothing was replaced or deleted. Choose a new or empty folder, or "
        "move those out first.\n"
    )
    assert names(docs) == ["index.html", "photos", "photos/a.jpg", "taxes.txt"]
    assert (docs / "taxes.txt").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # no staging left


def test_a_file_added_to_a_built_site_stops_the_rebuild(tmp_path):
    out = tmp_path / "out"
    site.build_site(LIBRARY, out)
    (out / "mine.txt").write_text("keep me")
    (out / "alpha" / "notes.html").write_text("mine too")
    with pytest.raises(UsageError) as caught:
        site.build_site(LIBRARY, out, "beta")
    assert str(caught.value) == (
        f"{out}: holds what it did not write (alpha/notes.html, mine.txt), so nothing was "
        "replaced or deleted. Choose a new or empty folder, or move those out first."
    )
    assert (out / "mine.txt").read_text() == "keep me"
    assert (out / "alpha" / "notes.html").read_text() == "mine too"
    assert (out / "alpha" / "index.html").exists()


def test_a_page_changed_by_hand_is_named_and_kept(tmp_path):
    out = tmp_path / "out"
    site.build_site(LIBRARY, out)
    (out / "index.html").write_text("my own menu")
    with pytest.raises(UsageError) as caught:
        site.build_site(LIBRARY, out)
    assert "(index.html (changed))" in str(caught.value)
    assert (out / "index.html").read_text() == "my own menu"


def test_the_manifest_names_every_file_with_its_hash(tmp_path):
    out = tmp_path / "out"
    built = site.build_site(LIBRARY, out, "beta")
    manifest = json.loads((out / sitefolder.MANIFEST).read_text())
    assert manifest["kind"] == "signpost site manifest"
    assert sorted(manifest["files"]) == [
        n for n in names(out) if n not in (sitefolder.MANIFEST, "beta")
    ]
    for name, digest in manifest["files"].items():
        assert sitefolder.digest((out / name).read_bytes()) == digest
    # the menu, the A to Z, beta's 3 points and its urgent answer carried on once
    assert built.pages == 6


def test_a_rebuild_removes_only_the_files_its_manifest_names(tmp_path):
    out = tmp_path / "out"
    site.build_site(LIBRARY, out)
    site.build_site(LIBRARY, out, "beta")
    assert "alpha" not in names(out)  # the old build's folder, emptied, is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_rebuild_leaves_each_unchanged_file_in_place_and_replaces_the_rest(tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"

    def files(folder: Path) -> dict[str, bytes]:
        return {n: (folder / n).read_bytes() for n in names(folder) if (folder / n).is_file()}

    def inodes() -> dict[str, int]:
        return {n: (out / n).stat().st_ino for n in files(out)}

    site.build_site(LIBRARY, out, "beta")
    first = inodes()
    site.build_site(LIBRARY, out, "beta")  # the same trees: only the manifest is new
    assert [n for n, ino in inodes().items() if ino != first[n]] == [sitefolder.MANIFEST]
    site.build_site(LIBRARY, out)  # alpha's site: beta's pages go, and the menu changes
    site.build_site(LIBRARY, fresh)
    assert files(out) == files(fresh)
    assert sorted(n for n, ino in inodes().items() if ino == first.get(n)) == ["style.css"]


def test_a_hostile_manifest_cannot_name_a_file_outside_the_site(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("safe")
    out = tmp_path / "out"
    site.build_site(LIBRARY, out, "beta")
    manifest = json.loads((out / sitefolder.MANIFEST).read_text())
    manifest["files"]["../victim.txt"] = sitefolder.digest(b"safe")
    (out / sitefolder.MANIFEST).write_text(json.dumps(manifest))
    site.build_site(LIBRARY, out, "beta")
    assert victim.read_text() == "safe"


def test_a_link_inside_a_site_is_foreign_and_never_followed(tmp_path):
    out = tmp_path / "out"
    site.build_site(LIBRARY, out, "beta")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x").write_text("x")
    (out / "link").symlink_to(elsewhere)
    with pytest.raises(UsageError) as caught:
        site.build_site(LIBRARY, out, "beta")
    assert "(link)" in str(caught.value)
    assert (elsewhere / "x").exists()


def test_site_in_the_current_folder(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert site.build_site(LIBRARY, Path("."), "beta").pages == 6
    assert site.build_site(LIBRARY, Path("."), "beta").pages == 6  # and again, over itself
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]
    assert "beta/index.html" in names(here)


def test_a_name_too_long_is_one_line(tmp_path):
    result = signpost("site", str(tmp_path / ("a" * 300)))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"signpost: error: {tmp_path / ('a' * 300)}: cannot ")
    assert "File name too long" in result.stderr


def test_a_read_only_site_is_refused_before_anything_changes(tmp_path, monkeypatch):
    out = tmp_path / "out"
    site.build_site(LIBRARY, out)
    before = {n: (out / n).read_bytes() for n in names(out) if (out / n).is_file()}
    real = os.access  # root may write anywhere: pretend alpha/ is read-only, as for others
    monkeypatch.setattr(
        sitefolder.os, "access", lambda p, m: Path(p).name != "alpha" and real(p, m)
    )
    with pytest.raises(SaveError) as caught:
        site.build_site(LIBRARY, out, "beta")
    assert str(caught.value) == (
        f"{out}: {out / 'alpha'} is read-only, so the site was not replaced. "
        "Make it writable, or choose another folder."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert {n: (out / n).read_bytes() for n in names(out) if (out / n).is_file()} == before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_build_leaves_no_staging_folder(tmp_path, signum):
    prelude = (
        "import time\nfrom signpost.reports import site\n_real = site.tree_pages\n"
        "def slow(*a, **k):\n    for page in _real(*a, **k):\n        time.sleep(0.2)\n"
        "        yield page\nsite.tree_pages = slow\n"
    )
    code = prelude + "from signpost.cli import main\nmain()\n"
    args = ["--trees", str(FIXTURE_TREES), "site", str(tmp_path / "out")]
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(
        p.name.startswith(".signpost-site.") for p in tmp_path.iterdir()
    ):
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130
    assert err == "Stopped \u2014 nothing was saved.\n"
    assert list(tmp_path.iterdir()) == []


def test_a_broken_glossary_is_refused_as_run_refuses_it(tmp_path):
    trees = tmp_path / "trees"
    trees.mkdir()
    for path in FIXTURE_TREES.glob("*.yaml"):
        (trees / path.name).write_bytes(path.read_bytes())
    (trees / "glossary.yaml").write_text("terms: [not, a, mapping\n")
    ran = signpost(
        "--trees", str(trees), "run", "alpha", "--answers", "-", input="first: 2\n", fixtures=False
    )
    built = signpost("--trees", str(trees), "site", str(tmp_path / "out"), fixtures=False)
    assert ran.exit_code == built.exit_code == 3
    assert built.stderr.splitlines()[0].startswith(f"signpost: error: {trees / 'glossary.yaml'}")
    assert not (tmp_path / "out").exists()


def test_a_fifo_in_a_site_is_foreign_and_never_read(tmp_path):
    """Found while hunting: a manifest's `style.css` replaced by a FIFO was read to hash
    it, and the rebuild blocked for ever."""
    out = tmp_path / "out"
    site.build_site(LIBRARY, out, "beta")
    (out / "style.css").unlink()
    os.mkfifo(out / "style.css")
    with pytest.raises(UsageError) as caught:
        site.build_site(LIBRARY, out, "beta")
    assert "(style.css)" in str(caught.value)


def test_the_message_naming_the_site_folder_is_one_safe_line(tmp_path):
    """Found while hunting: `site` printed OUT as given, so a bidi override or escape in
    the folder's name reached the terminal raw."""
    out = tmp_path / "a\u202eb\x1b]0;x\x07\nc"
    result = signpost("site", str(out), "--tree", "alpha")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    assert "\u202e" not in result.stdout and "\x1b" not in result.stdout
    assert "a\\u202eb\\x1b]0;x\\x07\\nc" in result.stdout


def test_a_site_of_huge_pages_stops_at_the_byte_limit_and_leaves_nothing(tmp_path, monkeypatch):
    """Red team round 3 M3: a 3.5 MB tree made 3.3 MB pages, 13.5 GB in all. Pages are
    written as they are made (memory stays flat) and the site stops at MAX_BYTES."""
    monkeypatch.setattr(site, "MAX_BYTES", 20_000)
    with pytest.raises(site.TreeError) as caught:
        site.build_site(LIBRARY, tmp_path / "out")
    assert str(caught.value) == (
        f"{FIXTURE_TREES}: the site would be more than 0 MB. Shorten the longest texts, "
        "or split the largest trees."
    )
    assert list(tmp_path.iterdir()) == []
