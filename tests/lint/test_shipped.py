"""The shipped trees and catalogue lint clean: no errors and no warnings, under the
repository's own settings ([tool.signpost.lint] in pyproject.toml)."""

from helpers import AS_OF, ROOT

from signpost.lint.config import load_config
from signpost.lint.engine import lint
from signpost.lint.formats import concise


def test_shipped_trees_lint_clean_with_no_warnings():
    trees = ROOT / "trees"
    config = load_config(trees).with_overrides(as_of=AS_OF, seeds=ROOT / "seeds")
    assert config.source == str(ROOT / "pyproject.toml")
    report = lint([trees], config)
    assert concise(report) == ""
    assert report.files == len(list(trees.glob("*.yaml")))
