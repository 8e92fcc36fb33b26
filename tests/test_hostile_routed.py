"""Hostile input the red team routed here: each a user's mistake or a hostile file that
must end in one clear line and a documented exit code, never an internal error."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT
from tools_cli import FIXTURE_TREES, FIXTURES, signpost

SCENARIOS = FIXTURES / "scenarios"


# signpost test: scenario files


def _scenarios(tmp_path):
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, folder)
    return folder


def test_an_empty_scenario_file_is_no_scenarios_so_scaffold_into_it_works(tmp_path):
    # `signpost test --scaffold beta > scenarios/beta.yaml`: the shell makes the file first
    folder = _scenarios(tmp_path)
    target = folder / "beta.yaml"
    target.write_text("", encoding="utf-8")
    result = signpost("test", str(folder), "--scaffold", "beta")
    assert result.exit_code == 0
    assert result.stdout.startswith('tree: beta\nscenarios:\n  - name: "Yes"\n')
    assert result.stderr == "1 scenario for the untested routes: save as scenarios/beta.yaml.\n"
    target.write_text(result.stdout, encoding="utf-8")
    ran = signpost("test", str(folder))
    assert (ran.exit_code, ran.stderr) == (0, "")
    assert "  beta   100.0% of 3 nodes, 2/2 outcomes, 2/2 routes\n" in ran.stdout


def test_a_scenario_file_s_load_problems_speak_of_a_scenario_file(tmp_path):
    path = tmp_path / "alpha.yaml"
    path.write_text("tree: alpha\nscenarios: !!python/object x\n", encoding="utf-8")
    result = signpost("test", str(path))
    assert (result.exit_code, result.stderr) == (
        3,
        f"signpost: error: {path}:2:12: the tag `tag:yaml.org,2002:python/object` is not "
        "allowed in scenario files; remove it and write plain text\n",
    )


def test_a_path_that_is_not_a_regular_file_is_not_said_to_be_missing(tmp_path):
    fifo = tmp_path / "beta.yaml"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/null"):
        result = signpost("test", str(path))
        assert (result.exit_code, result.stderr) == (
            2,
            f"signpost: error: {path} is not a regular file. Give scenario files or folders "
            "of them.\n",
        )


def test_a_scenario_file_for_an_unknown_tree_is_an_error_even_with_no_scenarios(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("tree: ../../etc/passwd\nscenarios: []\n", encoding="utf-8")
    result = signpost("test", str(path))
    assert (result.exit_code, result.stderr) == (
        3,
        f"signpost: error: {path}: there is no tree called `../../etc/passwd`. "
        "Run `signpost list` to see the trees.\n",
    )


def test_scaffold_for_a_file_with_no_scenarios_yet_says_to_replace_it(tmp_path):
    path = tmp_path / "beta.yaml"
    path.write_text("tree: beta\nscenarios: []\n", encoding="utf-8")
    result = signpost("test", str(path), "--scaffold", "beta")
    assert result.stdout.startswith('tree: beta\nscenarios:\n  - name: "Yes"\n')
    assert result.stderr == (
        f"2 scenarios for the untested routes: replace what {path} holds with it.\n"
    )
    path.write_text(result.stdout, encoding="utf-8")
    ran = signpost("test", str(path))
    assert ran.exit_code == 0 and "beta  100.0% of 3 nodes, 2/2 outcomes, 2/2 routes" in ran.stdout


# signpost lint: a tree named on the command line that is a link round a loop


def test_lint_names_a_link_loop_as_an_unreadable_file_not_an_internal_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "loop1.yaml").symlink_to("loop1.yaml")
    result = signpost("lint", "trees/loop1.yaml", fixtures=False)
    assert (result.exit_code, result.stdout) == (
        1,
        "trees/loop1.yaml:1:1: error [unreadable-file] this path is a symbolic link that "
        "leads round in a loop; remove it; lint a tree file or the folder of trees\n",
    )
    assert result.stderr == "1 error, 0 warnings in 1 file.\n"
    piped = signpost(
        "lint", "-", "--stdin-filename", "trees/loop1.yaml", input="id: x\n", fixtures=False
    )
    assert piped.exit_code == 1
    assert piped.stderr == "2 errors, 0 warnings in 1 file.\n"
    assert "[id-file-mismatch] the id is `x` but the file is `loop1.yaml`" in piped.stdout


# Any command: an output that cannot be written


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["sources"], ["lint", str(FIXTURE_TREES)], ["list"], ["contacts"], ["--help"]]
)
def test_a_full_disk_is_one_line_and_exit_4_not_an_internal_error(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "signpost", "--trees", str(FIXTURE_TREES), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        4,
        "signpost: error: could not write the output: no space left on the device. Free "
        "some space, or send the output somewhere else.\n",
    )


# signpost quote: the block to paste under a step


@pytest.mark.parametrize("doc", ["005_a #b: c.txt", "true", "- x.txt", "'q'.txt", "a\\b.txt"])
def test_the_pasted_source_block_names_the_document_exactly(doc):
    from signpost.content.quotes import Hit

    hit = Hit(doc, "A title", 3, 3, 'Call "us" on Monday: 01305 228866.', 1.0, True, None)
    block = hit.source_block(indent=5)
    assert yaml.safe_load(block) == {
        "source": {"doc": doc, "quote": 'Call "us" on Monday: 01305 228866.'}
    }
    if doc == "005_a #b: c.txt":
        assert block == (
            "     source:\n"
            '       doc: "005_a #b: c.txt"\n'
            '       quote: "Call \\"us\\" on Monday: 01305 228866."\n'
        )


def test_a_plain_document_name_is_pasted_as_it_is():
    from signpost.content.quotes import Hit

    hit = Hit("000_cd7fdd44bcd59a55.txt", "A title", 3, 3, "Words.", 1.0, True, None)
    assert hit.source_block() == 'source:\n  doc: 000_cd7fdd44bcd59a55.txt\n  quote: "Words."\n'


# Source documents: what cannot be read is told of a source document


def _seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    return seeds


def test_a_folder_among_the_sources_is_not_called_a_yaml_file(tmp_path):
    from signpost.content.sources import Sources
    from signpost.errors import TreeError

    seeds = _seeds(tmp_path)
    (seeds / "x.txt").mkdir()
    with pytest.raises(TreeError) as caught:
        _ = Sources(seeds).get("x.txt").text
    assert (
        str(caught.value) == f"{seeds / 'x.txt'}: the source document is a folder, not a text file"
    )


def test_a_source_over_the_limit_is_not_called_a_tree_file(tmp_path):
    from signpost.content.sources import Sources
    from signpost.errors import TreeError

    seeds = _seeds(tmp_path)
    (seeds / "big.txt").write_bytes(b"words\n" * (2 * 1024 * 1024))
    with pytest.raises(TreeError) as caught:
        _ = Sources(seeds).get("big.txt").text
    assert str(caught.value) == (
        f"{seeds / 'big.txt'}: the source document is 12.0 MB; source documents are limited "
        "to 10 MB — is this the right file?"
    )


# lint's options and exit codes, as the README and docs/commands.md tell them


def _said(path):
    return " ".join((ROOT / path).read_text(encoding="utf-8").split())


def test_the_docs_tell_lint_s_exit_code_4_and_what_fix_and_o_write():
    readme, commands = _said("README.md"), _said("docs/commands.md")
    assert (
        "`lint --fix` could not write a fixed file, `lint -o FILE` names a file lint reads "
        "(a tree, the catalogue, a source document or the settings file)" in readme
    )
    assert "(the input unchanged when there is nothing to fix)" in readme
    assert (
        "`-o FILE` takes what would go to standard output: the report, or with `--diff` the patch."
        in readme
    )
    assert (
        "4 `--fix` cannot write a file, or `-o` cannot write its file or names a file lint "
        "reads (a tree, the catalogue, a source document, the settings)" in commands
    )
    assert "the input unchanged when there is nothing to fix" in commands


def test_lint_does_what_the_docs_say_of_fix_on_stdin_and_o_with_diff(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE_TREES, tmp_path / "trees")
    monkeypatch.chdir(tmp_path)
    alpha = (tmp_path / "trees" / "alpha.yaml").read_text(encoding="utf-8")
    fixed = signpost(
        "lint", "-", "--fix", "--stdin-filename", "trees/alpha.yaml", input=alpha, fixtures=False
    )
    assert (fixed.exit_code, fixed.stdout) == (0, alpha)
    (tmp_path / "trees" / "alpha.yaml").write_text(
        alpha.replace("tree: beta", "tree: betta"), encoding="utf-8"
    )
    patched = signpost("lint", "trees/alpha.yaml", "--diff", "-o", "patch.txt", fixtures=False)
    assert (patched.exit_code, patched.stdout) == (1, "")
    patch = (tmp_path / "patch.txt").read_text(encoding="utf-8")
    assert patch.startswith("--- a/trees/alpha.yaml\n+++ b/trees/alpha.yaml\n")
    assert "-        tree: betta\n+        tree: beta\n" in patch
