"""Linting one file gives exactly its findings from linting its whole folder.

The checks that read one file at a time run over the files asked for only (the engine's
`ACROSS` names those that read the whole folder, and the everyday-words table is
checked only when it is asked for): a check that reads across files and is not named
there would give a file linted alone other findings than its folder gives it. Every
file of every broken case, of the round-3 trees, of the fixtures and of the fixtures
with a loop between two trees is linted alone and compared with the folder's findings
in it, line for line.
"""

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, lint_folder

HERE = Path(__file__).parent
FOLDERS = [p.name for p in sorted((HERE / "cases").iterdir()) if p.is_dir()]


def _by_file(output: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("trees/"):
            found.setdefault(line.split(":", 1)[0], []).append(line)
    return found


def _folder(name: str, tmp_path: Path) -> Path:
    if name in FOLDERS:
        return HERE / "cases" / name
    if name == "round3":
        return HERE / "round3"
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", tmp_path / "trees")
    if name == "tree-loop":  # alpha links to beta, and now beta back to alpha
        beta = tmp_path / "trees" / "beta.yaml"
        beta.write_text(beta.read_text().replace("next: kooth", "tree: alpha"))
    return tmp_path


@pytest.mark.parametrize("name", [*FOLDERS, "round3", "fixtures", "tree-loop"])
def test_each_file_alone_has_its_findings_from_the_whole_folder(name, tmp_path):
    root = _folder(name, tmp_path)
    whole = _by_file(lint_folder(root))
    assert whole, "a folder with no findings proves nothing"
    if name == "tree-loop":
        assert any("[tree-cycle]" in line for line in whole["trees/beta.yaml"])
    for path in sorted((root / "trees").iterdir()):
        file = f"trees/{path.name}"
        if path.suffix == ".yaml":
            assert _by_file(lint_folder(root, file)).get(file) == whole.get(file), file


def test_a_cache_kept_between_edits_gives_what_linting_afresh_gives(tmp_path):
    """The language server keeps each file as loaded, and what the shape check made of
    it, while the file does not change: after each edit (to the file linted, to another
    tree, to the catalogue, on disk or unsaved, on another day) its findings are those
    of a lint with nothing kept."""
    import datetime as dt

    from helpers import AS_OF, SEEDS

    from signpost.lint.config import Config
    from signpost.lint.engine import lint

    trees = _folder("fixtures", tmp_path) / "trees"
    alpha, beta, contacts = (trees / f"{n}.yaml" for n in ("alpha", "beta", "contacts"))
    texts = {p: p.read_text(encoding="utf-8") for p in (alpha, beta)}
    cache: dict = {}

    def same(day=AS_OF):
        config = Config(seeds=SEEDS, as_of=day)
        afresh = lint([trees], config, dict(texts)).diagnostics
        for path in (alpha, beta, contacts):
            kept = lint([path], config, dict(texts), cache).diagnostics
            assert kept == tuple(d for d in afresh if d.file == str(path)), path
        return {(Path(d.file).stem, d.rule) for d in afresh}

    assert ("beta", "tree-cycle") not in same()
    texts[beta] = texts[beta].replace("next: kooth", "tree: alpha")
    assert ("beta", "tree-cycle") in same()
    texts[alpha] = texts[alpha].replace("tree: beta", "next: second")
    assert ("beta", "tree-cycle") not in same()
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("  gp:", "  gp-practice:"))
    assert ("alpha", "unknown-contact") in same()
    texts[beta] = texts[beta].replace("reviewed: 2026-10-01", "reviewed: 2026-12-01")
    assert ("beta", "bad-date") in same(dt.date(2026, 11, 30))
    assert ("beta", "bad-date") not in same(dt.date(2026, 12, 2))
