"""`signpost lint`'s ruff-like options given what an outsider gives them: a report
written over the tree it checks, a tree reached by two names, Windows line endings, a
file that cannot be written, standard input beside `--trees`, options that would
quietly hide every finding. Exact output, exit codes and the files left behind."""

import os
import shutil
import subprocess
import sys

import pytest
from test_cli import ERROR, MIXED, WARNING, folder  # noqa: F401 (a fixture)
from test_cli_ruff_like import SEEDS, TYPOS, lint
from typer.testing import CliRunner

from signpost.cli import app


@pytest.fixture
def typos(folder):  # noqa: F811
    (folder / "trees" / "mixed.yaml").write_text(TYPOS, encoding="utf-8")
    return folder


def test_output_file_may_not_be_a_tree_it_lints(folder):  # noqa: F811
    """`-o` naming the tree being linted (or its folder's catalogue, or a source
    document) would overwrite it with the report: refused, and the file kept."""
    tree = folder / "trees" / "mixed.yaml"
    code, out, err = lint("trees/mixed.yaml", "-o", "trees/mixed.yaml")
    assert (code, out) == (4, "")
    assert err == (
        "signpost: error: trees/mixed.yaml: the report would overwrite a file lint reads. "
        "Write it to another file.\n"
    )
    assert tree.read_text(encoding="utf-8") == MIXED
    (folder / "trees" / "contacts.yaml").write_text("contacts: {}\n", encoding="utf-8")
    assert lint("trees", "-o", "trees/contacts.yaml")[0] == 4
    assert (folder / "trees" / "contacts.yaml").read_text(encoding="utf-8") == "contacts: {}\n"
    seeds = folder / "seeds"  # a copy: the report must not land on the repository's
    shutil.copytree(SEEDS, seeds)
    source = seeds / "000_cd7fdd44bcd59a55.txt"
    before = source.read_bytes()
    result = CliRunner().invoke(app, ["lint", "trees", "--seeds", str(seeds), "-o", str(source)])
    assert result.exit_code == 4
    assert source.read_bytes() == before


def test_output_file_may_not_be_the_settings_file(folder):  # noqa: F811
    settings = folder / ".signpost.toml"
    settings.write_text("[lint]\nmax-depth = 9\n", encoding="utf-8")
    assert lint("trees", "-o", ".signpost.toml")[0] == 4
    assert settings.read_text(encoding="utf-8") == "[lint]\nmax-depth = 9\n"


def test_output_file_that_is_a_link_to_the_tree_is_refused(folder):  # noqa: F811
    (folder / "report.txt").symlink_to(folder / "trees" / "mixed.yaml")
    assert lint("trees", "-o", "report.txt")[0] == 4
    assert (folder / "trees" / "mixed.yaml").read_text(encoding="utf-8") == MIXED


def test_an_existing_report_is_overwritten_as_before(folder):  # noqa: F811
    (folder / "trees" / "report.txt").write_text("old\n", encoding="utf-8")
    assert lint("trees", "-o", "trees/report.txt")[:2] == (1, "")
    assert (folder / "trees" / "report.txt").read_text() == f"{WARNING}\n{ERROR}\n"


def test_fix_of_a_tree_reached_by_two_names_makes_each_edit_once(typos):
    """A link in the folder to a tree is linted as a second file with the same
    findings: its fixes, made again on the already fixed file, wrote `questionn`."""
    (typos / "trees" / "alias.yaml").symlink_to("mixed.yaml")
    code, out, err = lint("trees", "--fix", "--select", "unknown-key,unknown-node")
    assert (code, out) == (0, "")
    assert err == "Fixed 3 problems.\nNo problems in 2 files.\n"
    fixed = (typos / "trees" / "mixed.yaml").read_text(encoding="utf-8")
    assert fixed == MIXED.replace("next: gone", "next: done")


def test_fix_keeps_windows_line_endings(typos):
    tree = typos / "trees" / "mixed.yaml"
    tree.write_bytes(TYPOS.replace("\n", "\r\n").encode())
    code, _, err = lint("trees", "--fix")
    assert (code, err) == (0, "Fixed 3 problems.\n0 errors, 1 warning in 1 file.\n")
    expected = MIXED.replace("next: gone", "next: done").replace("\n", "\r\n")
    assert tree.read_bytes() == expected.encode()


def test_diff_of_windows_line_endings_shows_only_the_fixed_lines(typos):
    (typos / "trees" / "mixed.yaml").write_bytes(TYPOS.replace("\n", "\r\n").encode())
    result = CliRunner().invoke(app, ["lint", "trees", "--diff", "--seeds", SEEDS])
    assert result.exit_code == 1  # (result.stdout would turn \r\n into \n)
    out = result.stdout_bytes.decode()
    changed = [line for line in out.split("\n") if line[:1] in "+-" and line]
    assert changed == [
        "--- a/trees/mixed.yaml",
        "+++ b/trees/mixed.yaml",
        "-    qustion: Does your child have an EHCP?\r",
        "+    question: Does your child have an EHCP?\r",
        "-        next: gone\r",
        "+        next: done\r",
        "-      titel: Keep going\r",
        "+      title: Keep going\r",
    ]


def test_fix_keeps_the_file_mode(typos):
    tree = typos / "trees" / "mixed.yaml"
    tree.chmod(0o640)
    assert lint("trees", "--fix")[0] == 0
    assert (tree.stat().st_mode & 0o777) == 0o640


def test_fix_of_a_file_that_cannot_be_written_is_one_line(typos, monkeypatch):
    """As root a read-only mode does not stop a write, so the write itself fails here."""
    from pathlib import Path

    real_open = open

    def refuse(file, mode="r", *args, **kwargs):
        if "w" in mode and Path(file).name == "mixed.yaml":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr("io.open", refuse)
    code, out, err = lint("trees", "--fix")
    assert (code, out) == (4, "")
    assert err == (
        "signpost: error: trees/mixed.yaml: cannot write the fixed file (Permission denied)\n"
    )
    assert (typos / "trees" / "mixed.yaml").read_text(encoding="utf-8") == TYPOS


def test_stdin_is_linted_in_the_trees_folder_given(tmp_path, monkeypatch):
    """`--trees DIR` (the command's or the root's) is where a tree from standard input
    is linted, as for files: beside DIR's other trees, with DIR's settings."""
    mine = tmp_path / "mine" / "trees"
    mine.mkdir(parents=True)
    (mine / "mixed.yaml").write_text(MIXED.replace("next: gone", "next: done"), "utf-8")
    monkeypatch.chdir(tmp_path)
    tree = (mine / "mixed.yaml").read_text(encoding="utf-8")
    for args in (["--trees", str(mine)], []):
        root = ["--trees", str(mine)] if not args else []
        result = CliRunner().invoke(
            app,
            [*root, "lint", "-", *args, "--seeds", SEEDS, "--as-of", "2026-11-22"],
            env={"TERM": "dumb", "NO_COLOR": "1"},
            input=tree,
        )
        shown = WARNING.replace("trees/mixed.yaml", "-")
        assert (result.exit_code, result.stdout) == (0, f"{shown}\n")
        assert result.stderr == "0 errors, 1 warning in 1 file.\n"


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_empty_rule_list_is_a_usage_error(folder, option):  # noqa: F811
    """`--select "$RULES"` with RULES unset reported nothing and passed."""
    assert lint("trees", option, "") == (
        2,
        "",
        f"signpost: error: {option} names no rule; give rules or groups, comma-separated. "
        "Run `signpost lint --list-rules` to see them.\n",
    )
    assert lint("trees", option, " , ")[0] == 2


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_statistics_is_a_table_not_a_machine_format(folder, fmt):  # noqa: F811
    """--statistics with --format json printed the text table (or sarif silently won)."""
    assert lint("trees", "--statistics", "--format", fmt) == (
        2,
        "",
        f"signpost: error: --statistics prints a table; it does not go with --format {fmt}. "
        "Leave out one of them.\n",
    )


@pytest.mark.parametrize(("name", "shown"), [("", "."), ("trees", "trees")])
def test_stdin_filename_must_name_a_file(folder, name, shown):  # noqa: F811
    """An empty name was linted as `.`, a folder's name as the folder."""
    code, out, err = lint("-", "--stdin-filename", name, input=MIXED)
    assert (code, out) == (2, "")
    assert err == (
        f"signpost: error: --stdin-filename `{shown}` names a folder, not a file. Give the "
        "tree's file name, e.g. trees/my-tree.yaml.\n"
    )


def test_watch_without_the_extra_survives_its_folder_going(folder):  # noqa: F811
    """Polling (no watchfiles): the watched folder removed (a branch switch) is one line,
    not an internal error."""
    import time

    env = dict(os.environ, TERM="dumb", NO_COLOR="1", PYTHONUNBUFFERED="1")
    hide = "import sys; sys.modules['watchfiles'] = None\n"
    child = subprocess.Popen(
        [sys.executable, "-c", hide + "from signpost.cli import main\nmain()\n",
         "lint", "trees", "--watch", "--seeds", SEEDS, "--format", "concise"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        line = ""
        while not line.startswith("Watching"):
            line = child.stderr.readline()
            assert line
        time.sleep(1.0)
        shutil.rmtree(folder / "trees")
        _, rest = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 2
    assert rest.endswith("signpost: error: trees: no such file or folder. Check the path.\n")
    assert "internal error" not in rest


def test_fix_of_stdin_with_nothing_to_fix_gives_the_text_back(folder):  # noqa: F811
    """`lint - --fix < t.yaml > fixed.yaml` (or an editor fixing its buffer) printed
    nothing when there was nothing to fix: the buffer would be replaced by nothing."""
    clean = MIXED.replace("next: gone", "next: done")  # a warning, and no fix to make
    code, out, err = lint("-", "--stdin-filename", "trees/mixed.yaml", "--fix", input=clean)
    assert (code, out) == (0, clean)
    assert err == f"{WARNING}\n0 errors, 1 warning in 1 file.\n"


def test_fix_of_stdin_that_is_not_utf8_gives_back_the_same_bytes(folder):  # noqa: F811
    data = MIXED.replace("Keep going", "Keep g\xf6ing").encode("latin-1")
    command = [sys.executable, "-m", "signpost", "lint", "-", "--fix", "--seeds", SEEDS]
    done = subprocess.run(command, input=data, capture_output=True, timeout=60, cwd=folder)
    assert (done.returncode, done.stdout) == (1, data)
    assert done.stderr.decode().startswith(
        "-:17:20: error [not-utf8] the file is not UTF-8 text (byte 0xf6)"
    )


def test_output_file_takes_the_report_of_a_stdin_fix_and_the_diff(typos):
    """-o was quietly ignored with `- --fix` (the report went to stderr) and --diff."""
    code, out, err = lint(
        "-", "--stdin-filename", "trees/mixed.yaml", "--fix", "-o", "report.txt", input=TYPOS
    )
    assert (code, out) == (0, MIXED.replace("next: gone", "next: done"))
    assert err == "Fixed 3 problems.\n0 errors, 1 warning in 1 file.\n"
    assert (typos / "report.txt").read_text(encoding="utf-8") == f"{WARNING}\n"
    code, out, err = lint("trees", "--diff", "-o", "patch.diff")
    assert (code, out, err) == (1, "", "Would fix 3 problems; run with --fix.\n")
    patch = (typos / "patch.diff").read_text(encoding="utf-8")
    assert patch.startswith("--- a/trees/mixed.yaml\n+++ b/trees/mixed.yaml\n@@ -6,15 +6,15 @@\n")


def test_diff_on_a_terminal_shows_a_bidi_override_as_an_escape(typos, monkeypatch):
    """A tree's U+202E (YAML allows it; lint reports it) went raw to the terminal in
    --diff, reordering what the author reads. To a file or a pipe the patch stays exact,
    so `git apply` takes it."""
    tree = typos / "trees" / "mixed.yaml"
    tree.write_text(TYPOS.replace("Keep going", "Keep \u202egoing"), encoding="utf-8")
    piped = lint("trees", "--diff")[1]
    assert "+      title: Keep \u202egoing\n" in piped
    monkeypatch.setattr("signpost.ui.environment._isatty", lambda stream: True)
    shown = lint("trees", "--diff")[1]
    assert "+      title: Keep \\u202egoing\n" in shown
    assert "\u202e" not in shown


def test_an_audience_fix_never_makes_a_list_name_one_audience_twice(folder):  # noqa: F811
    """`audience: [parents, carers]` was "fixed" to `[parents, parents]`: the one near
    match is already there, so the rule suggests nothing and there is no fix; the author
    must choose."""
    tree = folder / "trees" / "mixed.yaml"
    tree.write_text(MIXED.replace("audience: [parents]", "audience: [parents, carers]"), "utf-8")
    code, out, err = lint("trees", "--select", "bad-audience", "--fix")
    assert (code, err) == (1, "1 error, 0 warnings in 1 file.\n")
    assert out == (
        "trees/mixed.yaml:4:21: error [bad-audience] `carers` is not an audience; "
        "use `parents` or `professionals`\n"
    )
    assert "audience: [parents, carers]" in tree.read_text(encoding="utf-8")
    block = "audience:\n  - parents\n  - carers"
    tree.write_text(MIXED.replace("audience: [parents]", block), "utf-8")
    assert lint("trees", "--select", "bad-audience", "--fix")[0] == 1
    assert block in tree.read_text(encoding="utf-8")
    tree.write_text(MIXED.replace("audience: [parents]", "audience: [carers]"), "utf-8")
    assert lint("trees", "--select", "bad-audience", "--fix")[0] == 0
    assert "audience: [parents]\n" in tree.read_text(encoding="utf-8")


def test_a_file_name_that_is_not_utf8_is_shown_with_an_escape(folder):  # noqa: F811
    """A tree named with bytes that are not UTF-8 (`\\xff.yaml`) was an internal error in
    every format wherever standard output is strict (a UTF-8 locale, PYTHONIOENCODING),
    and with -o: it is shown as `\\xff`, as the messages show a control character."""
    name = os.fsdecode(b"\xff.yaml")
    (folder / "trees" / name).write_text(MIXED.replace("titl", "titel", 1), encoding="utf-8")
    expected = (
        "trees/\\xff.yaml:1:5: error [id-file-mismatch] the id is `mixed` but the file is "
        "`\\xff.yaml`; make them the same (rename the file or change the id)\n"
    )
    only = ["--select", "id-file-mismatch"]
    assert lint("trees", *only) == (1, expected, "1 error, 0 warnings in 2 files.\n")
    code, out, _ = lint("trees", "--format", "sarif", *only)
    assert code == 1 and '"uri": "trees/%FF.yaml"' in out  # its real name, as its bytes
    assert lint("trees", *only, "-o", "report.txt")[:2] == (1, "")
    assert (folder / "report.txt").read_text(encoding="utf-8") == expected
    code, _, err = lint("trees", "--fix", "--select", "unknown-key")
    assert (code, err) == (0, "Fixed 1 problem.\nNo problems in 2 files.\n")
    assert (folder / "trees" / name).read_text(encoding="utf-8") == MIXED
    command = [sys.executable, "-m", "signpost", "lint", "trees", *only, "--seeds", SEEDS]
    strict = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(command, capture_output=True, timeout=60, cwd=folder, env=strict)
    assert (done.returncode, done.stdout.decode()) == (1, expected)
