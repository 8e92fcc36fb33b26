"""A 2,000-node tree lints clean, and the linter's work grows linearly with the tree.

Work is counted, not timed: the number of Python function calls made while
linting (deterministic for a given input). A quadratic step would make the
2,000-node count far more than four times the 500-node one.
"""

import sys
from pathlib import Path

from bigtree import tree_yaml

from signpost.content.sources import SourceDocument
from signpost.lint.config import Config
from signpost.lint.engine import lint

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _lint(tmp_path: Path, nodes: int):
    folder = tmp_path / str(nodes)
    folder.mkdir()
    (folder / "big.yaml").write_text(tree_yaml(nodes), encoding="utf-8")
    return lint([folder], Config(seeds=SEEDS))


def _calls(tmp_path: Path, nodes: int) -> int:
    return _count_calls(lambda: _lint(tmp_path, nodes))


def test_generated_tree_of_2000_nodes_lints_clean(tmp_path):
    report = _lint(tmp_path, 2000)
    assert report.diagnostics == ()
    assert report.files == 1


def test_work_grows_linearly(tmp_path):
    small, large = _calls(tmp_path, 200), _calls(tmp_path, 800)
    assert large / small < 4.4, (small, large)


def test_each_document_is_normalised_once_and_lint_builds_no_offsets(tmp_path, monkeypatch):
    calls = []
    original = SourceDocument.normalised.func

    def counting(self):
        calls.append(self.name)
        return original(self)

    def offsets(self):  # only `find` (a passage to show) needs them; lint asks `contains`
        raise AssertionError(f"lint built the offsets of {self.name}")

    cached = __import__("functools").cached_property
    monkeypatch.setattr(SourceDocument, "normalised", cached(counting))
    SourceDocument.normalised.__set_name__(SourceDocument, "normalised")
    monkeypatch.setattr(SourceDocument, "_offsets", cached(offsets))
    SourceDocument._offsets.__set_name__(SourceDocument, "_offsets")
    _lint(tmp_path, 200)
    assert sorted(calls) == sorted(set(calls))
    assert set(calls) == {"000_cd7fdd44bcd59a55.txt", "001_65b7c983f0e9fb53.txt"}


def _count_calls(action) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


def test_ten_times_the_nodes_cost_at_most_eleven_times_the_work(tmp_path):
    small, large = _calls(tmp_path, 200), _calls(tmp_path, 2000)
    assert large / small <= 11, (small, large)


def test_loader_work_per_node_is_constant():
    """The loader makes a bounded number of Python calls per node, whatever the size:
    its per-event loop makes none of its own for text values (only numbers, dates,
    booleans and tags go through the resolver and constructor)."""
    from signpost.content.yamlfile import load_text

    texts = {n: tree_yaml(n) for n in (200, 2000)}
    small, large = (_count_calls(lambda n=n: load_text(texts[n], "big.yaml")) for n in texts)
    assert large / small <= 10.5, (small, large)
    assert large / 2000 < 40, large  # calls per node: about 32, half PyYAML building events
