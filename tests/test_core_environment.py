"""The core reads no environment variable: the command line reads them and passes them in."""

from __future__ import annotations

from signpost.content.library import Library, seeds_for, shipped


def test_the_library_ignores_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SIGNPOST_TREES", str(tmp_path / "no-such-trees"))
    monkeypatch.setenv("SIGNPOST_SEEDS", str(tmp_path / "no-such-seeds"))
    library = Library()
    assert (library.trees_dir, library.seeds_dir) == (shipped("trees"), shipped("seeds"))
    assert seeds_for(tmp_path) == shipped("seeds")
    (tmp_path / "seeds").mkdir()
    assert seeds_for(tmp_path / "trees") == tmp_path / "seeds"
