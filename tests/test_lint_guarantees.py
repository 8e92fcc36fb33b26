"""The rules that protect a family hold against an outsider (issue 23, red team round 3
M5, M6, M7, L5): `site` and `run --save x.html` refuse trees with their errors; no
settings file or `disable=all` switches them off; a disable counts only in a real YAML
comment; the settings file in force is named; odd settings files are one line."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_safety import hostile_folder
from typer.testing import CliRunner

from signpost.cli import app

ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
FIXTURES = ROOT / "tests" / "fixtures" / "trees"
SEEDS = ROOT / "seeds"


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=ENV)


@pytest.fixture
def hostile(tmp_path) -> Path:
    return hostile_folder(tmp_path / "h")


@pytest.fixture
def clean(tmp_path) -> Path:
    trees = tmp_path / "c" / "trees"
    shutil.copytree(FIXTURES, trees)
    (tmp_path / "c" / "seeds").symlink_to(SEEDS)
    return trees


def test_site_refuses_trees_with_errors_that_protect_families(hostile, tmp_path):
    out = tmp_path / "site"
    result = cli("--trees", str(hostile), "site", str(out))
    assert result.exit_code == 3, result.output
    err = result.stderr
    assert err.startswith(f"signpost: error: {hostile / 'alpha.yaml'}:")
    assert "[unsafe-text]" in err
    assert err.endswith(
        "errors from the rules that protect families, so no web page was made. "
        "Run `signpost lint` and fix them first.\n"
    )
    assert err.count("\n") == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h"]


def test_a_saved_web_page_is_refused_too_but_markdown_is_not(hostile, tmp_path):
    page = tmp_path / "plan.html"
    result = cli(
        "--trees",
        str(hostile),
        "run",
        "alpha",
        "--answers",
        "-",
        "--save",
        str(page),
        input="first: 2\n",
    )
    assert result.exit_code == 3 and "so no web page was made" in result.stderr
    assert not page.exists()
    md = tmp_path / "plan.md"
    result = cli(
        "--trees",
        str(hostile),
        "run",
        "alpha",
        "--answers",
        "-",
        "--save",
        str(md),
        input="first: 2\n",
    )
    assert result.exit_code == 0 and md.exists()


def test_an_unsourced_number_stops_the_site(clean, tmp_path):
    contacts = clean / "contacts.yaml"
    contacts.write_text(contacts.read_text().replace("01305 228866", "01305 228867"))
    result = cli("--trees", str(clean), "site", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert "[unsourced-detail] the phone number `01305 228867` is not in any source" in (
        result.stderr
    )


def test_clean_trees_still_make_a_site(clean, tmp_path):
    result = cli("--trees", str(clean), "site", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("place", [".", "..", "../.."])
@pytest.mark.parametrize("name", [".signpost.toml", "pyproject.toml"])
def test_no_settings_file_can_switch_off_a_rule_that_protects_families(hostile, place, name):
    folder = (hostile / place).resolve()
    table = "[lint]" if name == ".signpost.toml" else "[tool.signpost.lint]"
    (folder / name).write_text(f'{table}\nrules = {{ unsafe-text = "off" }}\n')
    try:
        result = cli("lint", str(hostile))
    finally:
        (folder / name).unlink()
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: {folder / name}: `rules.unsafe-text` cannot be off: the rule "
        "protects families, so what it finds is always an error. Remove the setting; to "
        "excuse one line, write `# signpost: disable=unsafe-text -- why` on it.\n"
    )


def test_lint_names_the_settings_file_in_force(clean):
    (clean / ".signpost.toml").write_text('[lint]\nrules = { stale-review = "off" }\n')
    human = cli("lint", str(clean))
    assert human.stderr.endswith(f" Settings: {(clean / '.signpost.toml').resolve()}.\n")
    data = json.loads(cli("lint", str(clean), "--format", "json").stdout)
    assert data["settings"] == str((clean / ".signpost.toml").resolve())
    (clean / ".signpost.toml").unlink()
    assert json.loads(cli("lint", str(clean), "--format", "json").stdout)["settings"] is None


def _with_line(clean: Path, old: str, new: str) -> None:
    contacts = clean / "contacts.yaml"
    text = contacts.read_text()
    assert old in text
    contacts.write_text(text.replace(old, new))


def test_disable_all_inside_a_quoted_text_is_text(clean):
    _with_line(clean, "phone: 01305 228866", 'phone: "01305 999999 # signpost: disable=all"')
    result = cli("lint", str(clean), "--format", "concise")
    assert result.exit_code == 1
    assert "[bad-phone]" in result.stdout


def test_disable_all_never_covers_a_protected_rule(clean):
    alpha = clean / "alpha.yaml"
    text = alpha.read_text()
    old = "title: Alpha situation"
    alpha.write_text(text.replace(old, "title: Alpha \u202esituation"))
    base = cli("lint", str(clean), "--format", "concise").stdout
    assert "[unsafe-text]" in base
    alpha.write_text(text.replace(old, "title: Alpha \u202esituation  # signpost: disable=all"))
    result = cli("lint", str(clean), "--format", "concise")
    assert "[unsafe-text]" in result.stdout  # all never covers a protected rule


def test_a_protected_rule_is_excused_only_by_name_with_a_reason(clean):
    alpha = clean / "alpha.yaml"
    text = alpha.read_text()
    old = "title: Alpha situation"
    alpha.write_text(
        text.replace(old, "title: Alpha \u202esituation  # signpost: disable=unsafe-text")
    )
    result = cli("lint", str(clean), "--format", "concise")
    assert "[unsafe-text] this text holds a bidirectional override" in result.stdout
    assert (
        "[unknown-rule] `unsafe-text` protects families, so it is silenced only with a "
        "reason: `# signpost: disable=unsafe-text -- why this line is right`" in result.stdout
    )
    alpha.write_text(
        text.replace(
            old,
            "title: Alpha \u202esituation  # signpost: disable=unsafe-text -- testing the rule",
        )
    )
    result = cli("lint", str(clean), "--format", "concise")
    assert "unsafe-text" not in result.stdout and "unknown-rule" not in result.stdout


def test_a_deeply_nested_or_huge_settings_file_is_one_line(clean, tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("[lint]\nacronyms = " + "[" * 200_000 + "]" * 200_000 + "\n")
    result = cli("lint", str(clean), "--config", str(deep))
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: {deep}: cannot read the settings (nested too deeply)\n"
    )
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: never read whole
    result = cli("lint", str(clean), "--config", str(huge))
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: {huge}: the settings file is larger than 1,000,000 bytes, so it "
        "is not one. Give another with --config.\n"
    )


def test_an_unreadable_settings_file_above_is_one_line(clean, monkeypatch):
    pyproject = clean / "pyproject.toml"
    pyproject.write_text("[tool.signpost.lint]\n")
    real = Path.open

    def denied(self, *args, **kwargs):  # as for anyone but root after `chmod 0`
        if self.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    result = cli("lint", str(clean))
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: {pyproject.resolve()}: cannot read the settings file (Permission "
        "denied). Make it readable, or give another with --config.\n"
    )


def test_lint_json_never_has_a_null_tree(clean):
    (clean / "beta.yaml").rename(clean / "gamma.yaml")
    data = json.loads(cli("lint", str(clean), "--format", "json").stdout)
    assert [r["tree"] for r in data["readability"]] == [
        "alpha",
        "alpha",
        "alpha",
        "beta",
        "beta",
        "loop",
    ]


@pytest.mark.parametrize(
    "day", ["20260101", "2026-W01", "2026-1-1", "2026-13-01", "\u0662\u0660\u0662\u0666-01-01"]
)
@pytest.mark.parametrize("command", ["lint", "diff"])
def test_one_as_of_parser_for_lint_and_diff(clean, command, day):
    args = ["lint", str(clean)] if command == "lint" else ["diff", str(clean), str(clean)]
    result = cli(*args, "--as-of", day)
    assert result.exit_code == 2
    assert result.stderr == (
        f"signpost: error: --as-of {day} is not a date; write it as YYYY-MM-DD\n"
    )
    good = cli(*args, "--as-of", "2026-11-22")
    assert good.exit_code in (0, 1) and "not a date" not in good.stderr


def test_an_id_ending_in_a_newline_is_not_an_id(clean):
    from signpost.ids import ID

    assert ID.match("alpha") and not ID.match("alpha\n") and not ID.match("second\n")
    alpha = clean / "alpha.yaml"
    text = alpha.read_text()
    alpha.write_text(text.replace("next: second\n", 'next: "second\\n"\n', 1))
    alpha.write_text(alpha.read_text().replace("  second:\n", '  "second\\n":\n', 1))
    result = cli("lint", str(clean), "--format", "concise")
    assert "[bad-id]" in result.stdout
    (clean / "alpha\n.yaml").write_text(text.replace("id: alpha", 'id: "alpha\\n"'))
    listed = cli("--trees", str(clean), "list")
    assert listed.stdout.endswith("3 trees. Start one with: signpost run ID\n")


def test_concise_lint_is_one_line_per_finding(clean):
    _with_line(clean, "phone: 01305 228866", 'phone: "0800 111 222\\n,javascript:alert(1)"')
    (clean / "x\ny.yaml").write_text("not: [valid\n")
    result = cli("lint", str(clean), "--format", "concise")
    lines = result.stdout.splitlines()
    assert all(line.startswith(str(clean)) for line in lines), lines
    assert any("x\\ny.yaml:" in line for line in lines)
    assert any(
        "`0800 111 222\\n,javascript:alert(1)` is not a UK phone number" in line for line in lines
    )


def test_a_save_to_a_tilde_path_says_where_it_went(clean, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    result = cli(
        "--trees",
        str(clean),
        "run",
        "alpha",
        "--answers",
        "-",
        "--save",
        "~/p.md",
        input="first: 2\n",
    )
    assert result.exit_code == 0, result.output
    assert (home / "p.md").exists()
    assert result.stderr == f"Saved your plan to {home / 'p.md'}.\n"
    odd = tmp_path / "a\nb.md"
    result = cli(
        "--trees",
        str(clean),
        "run",
        "alpha",
        "--answers",
        "-",
        "--save",
        str(odd),
        input="first: 2\n",
    )
    assert result.stderr == f"Saved your plan to {tmp_path}/a\\nb.md.\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    contacts: gp\n", "`contacts` should be a list of texts"),
        ("    contacts: 5\n", "`contacts` should be a list of texts"),
        ("    contcts: [gp]\n", "unknown key `contcts` in a scenario; did you mean `contacts`?"),
    ],
)
def test_a_scenario_is_refused_not_half_read(clean, tmp_path, line, message):
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text(
        "tree: alpha\nscenarios:\n  - name: x\n    answers: {first: 1, second: 2}\n"
        "    outcome: call-team\n" + line
    )
    result = cli("--trees", str(clean), "test", str(scenarios))
    assert result.exit_code == 3, result.output
    assert result.stderr == f"signpost: error: {scenarios}:6:5: {message}\n"  # at the key


def _own_seeds(tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "d"
    shutil.copytree(FIXTURES, base / "trees")
    shutil.copytree(SEEDS, base / "seeds")
    return base / "trees", base / "seeds" / "documents.yaml"


@pytest.mark.parametrize(
    ("new", "shown"),
    [
        ('title: "Evil \\u202e title"', "holds `\\u202e`, which a page or terminal would act on"),
        ('title: "Evil \\e[2J title"', "holds `\\x1b`, which a page or terminal would act on"),
        ("title: " + "x" * 200_000, "is 200,000 characters long; at most 300 are shown"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["lint", "{trees}"], ["run", "alpha", "--answers", "-"], ["site", "{out}"]],
    ids=" ".join,
)
def test_documents_yaml_is_checked_by_every_command(tmp_path, new, shown, command):
    trees, documents = _own_seeds(tmp_path)
    text = documents.read_text()
    start = text.index("title:")
    documents.write_text(text[:start] + new + text[text.index("\n", start) :])
    argv = [a.format(trees=trees, out=tmp_path / "out") for a in command]
    result = cli("--trees", str(trees), *argv, input="first: 2\n")
    assert result.exit_code == 3, result.output
    assert shown in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_documents_yaml_that_is_not_a_file_and_an_unreadable_seeds_folder(tmp_path, monkeypatch):
    trees, documents = _own_seeds(tmp_path)
    documents.unlink()
    os.mkfifo(documents)
    result = cli("--trees", str(trees), "run", "alpha", "--answers", "-", input="first: 2\n")
    assert result.stderr == (
        f"signpost: error: {documents}: is not a regular file, so the documents cannot be "
        "read from it. See docs/tree-format.md.\n"
    )
    documents.unlink()

    real = Path.glob

    def denied(self, pattern):  # as for anyone but root on a folder without `x`
        if self.name == "seeds":
            raise PermissionError(13, "Permission denied")
        return real(self, pattern)

    monkeypatch.setattr(Path, "glob", denied)
    result = cli("--trees", str(trees), "run", "alpha", "--answers", "-", input="first: 2\n")
    assert result.exit_code == 3
    assert result.stderr == (
        f"signpost: error: {documents.parent}: cannot read the seeds folder (Permission "
        "denied). Make it readable, or give another with --seeds or SIGNPOST_SEEDS.\n"
    )


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (
            "{a: &x 1, b: *x}",
            "<stdin>:1:14: anchors and aliases (`&name`, `*name`) are not "
            "allowed in answers files; write the value out in full",
        ),
        (
            "{first: 1, first: 2}",
            "<stdin>:1:12: the key `first` appears twice (first on line "
            "1); YAML would silently keep only one — remove or rename one of them",
        ),
        (
            'first: "\\u202eseY"',
            "<stdin>: the answer '\\u202eseY' for `first` is not one of its options",
        ),
    ],
)
def test_answers_files_are_told_of_as_answers(answers, said):
    result = cli("--trees", str(FIXTURES), "run", "alpha", "--answers", "-", input=answers)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"signpost: error: {said}")
    assert "tree files" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\U000e0041"])
def test_invisible_characters_are_shown_and_flagged(clean, char):
    """Found while hunting: a zero-width space (or joiner, BOM, soft hyphen, tag
    character) hid inside a number or address, unseen by the reader and by the checks."""
    from signpost import safetext

    shown = safetext.terminal(f"a{char}b")
    assert (
        shown
        == "a"
        + (
            f"\\x{ord(char):02x}"
            if ord(char) < 0x100
            else f"\\u{ord(char):04x}"
            if ord(char) < 0x10000
            else f"\\U{ord(char):08x}"
        )
        + "b"
    )
    assert json.loads(safetext.json_dumps(f"a{char}b")) == f"a{char}b"
    alpha = clean / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace("title: Alpha situation", f'title: "Alpha{char}situation"')
    )
    result = cli("lint", str(clean), "--format", "concise")
    assert "[unsafe-text] this text holds an invisible character" in result.stdout


def test_a_contact_detail_in_a_document_title_is_refused(tmp_path):
    """Found while hunting: a document's title or publisher is shown to families
    ("From: ...") but was never checked against a source: a number there was invented."""
    trees, documents = _own_seeds(tmp_path)
    text = documents.read_text()
    start = text.index("publisher:")
    documents.write_text(
        text[:start] + "publisher: Call 01952 020202" + text[text.index("\n", start) :]
    )
    result = cli("--trees", str(trees), "run", "alpha", "--answers", "-", input="first: 2\n")
    assert result.exit_code == 3
    assert "holds `01952 020202`; a contact detail belongs in contacts.yaml" in result.stderr


def test_a_right_to_left_letter_that_would_reverse_a_number_is_flagged(clean):
    """Found while hunting: with no control character at all, a number between two
    Hebrew or Arabic letters is shown with its groups reversed on a web page."""
    alpha = clean / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace(
            "- text: Have an honest talk with the school.",
            '- text: "Call \\u05d0 01305 228866 \\u05d1 today."',
        )
    )
    result = cli("lint", str(clean), "--format", "concise")
    assert "[unsafe-text] this text holds a right-to-left letter (`\u05d0`)" in result.stdout
    assert result.exit_code == 1


def test_silenced_findings_are_counted(clean):
    alpha = clean / "alpha.yaml"
    alpha.write_text(
        alpha.read_text().replace(
            "title: Alpha situation",
            "title: Alpha situation [bold]  # signpost: disable=unsafe-text -- a test of it",
        )
    )
    result = cli("lint", str(clean), "--format", "json")
    assert json.loads(result.stdout)["silenced"] == 1
    human = cli("lint", str(clean))
    assert "1 finding silenced by disable comments." in human.stderr


def test_the_save_prompt_makes_no_web_page_from_unsafe_trees_but_markdown(hostile, tmp_path):
    """The interactive save (the plan's `s`) is held to the same gate as `site` and
    `run --save x.html`: a web page only from trees that pass the rules that protect."""
    from signpost.content.library import Library
    from signpost.errors import TreeError
    from signpost.ui.session import _saved_text
    from signpost.walk.plan import make_plan
    from signpost.walk.state import walk_scripted

    library = Library(hostile, SEEDS)
    plan = make_plan(walk_scripted(library, "alpha", {"first": 2}, where="test"))
    with pytest.raises(TreeError, match="so no web page was made"):
        _saved_text(plan, tmp_path / "plan.html", library)
    assert _saved_text(plan, tmp_path / "plan.md", library).startswith("# ")
