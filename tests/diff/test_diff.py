"""`signpost diff`: pairs of trees folders built here (the fixture trees, then one edit),
each compared in every format against the exact output in `cases/<edit>.<format>`;
and the same over two commits of a temporary git repository.

SIGNPOST_UPDATE_DOCS=1 rewrites the expected files after a deliberate change; read the diff.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from signpost.cli import app
from signpost.reports.diffrender import human_lines, md_escape

HERE = Path(__file__).parent
CASES = HERE / "cases"
FIXTURES = HERE.parent / "fixtures" / "trees"
ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
AS_OF = "2026-11-22"
UPDATE = os.environ.get("SIGNPOST_UPDATE_DOCS") == "1"
SUFFIX = {"human": "txt", "markdown": "md", "json": "json", "github": "github.txt"}

# Each edit: file -> [(text in the fixture, what it becomes)].
EDITS = {
    "changed-phone": {"contacts.yaml": [("phone: 01305 228866", "phone: 01305 228867")]},
    "renamed-contact": {
        "contacts.yaml": [("  gp:\n", "  your-gp:\n")],
        "alpha.yaml": [
            ("contacts: [dorset-send-team, gp]", "contacts: [dorset-send-team, your-gp]")
        ],
    },
    "moved-quote": {
        "alpha.yaml": [
            (
                'quote: "they may be able to provide supportive letters to schools"',
                'quote: "Parents and carers can also ask their child\'s GP for a referral"',
            )
        ]
    },
    "renamed-node": {
        "alpha.yaml": [
            ("next: call-team", "next: ring-the-team"),
            ("  call-team:\n", "  ring-the-team:\n"),
        ]
    },
    "new-route": {
        "alpha.yaml": [
            (
                '      - label: "No"\n        next: call-team\n',
                '      - label: "No"\n        next: call-team\n'
                "      - label: I'm not sure\n        next: talk-to-school\n",
            )
        ]
    },
    "route-leads-elsewhere": {
        "alpha.yaml": [("        next: keep-going\n", "        next: talk-to-school\n")]
    },
    "became-urgent": {
        "alpha.yaml": [
            (
                "      title: Talk to the school\n",
                "      title: Talk to the school\n      urgent: true\n",
            ),
            ("contacts: [dorset-send-team]", "contacts: [emergency-999, dorset-send-team]"),
        ]
    },
}


def make_pair(root: Path, edit: dict[str, list[tuple[str, str]]]) -> tuple[Path, Path]:
    old, new = root / "old", root / "new"
    shutil.copytree(FIXTURES, old)
    shutil.copytree(FIXTURES, new)
    for name, changes in edit.items():
        path = new / name
        text = path.read_text(encoding="utf-8")
        for before, after in changes:
            assert before in text, f"{before!r} is not in {name}"
            text = text.replace(before, after)
        path.write_text(text, encoding="utf-8")
    return old, new


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(name: str, output: str) -> None:
    expected = CASES / name
    if UPDATE:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("edit", list(EDITS))
def test_each_edit_in_each_format_gives_exactly_the_expected_review(in_tmp, edit, fmt):
    make_pair(in_tmp, EDITS[edit])
    result = run("diff", "old", "new", "--format", fmt, "--as-of", AS_OF, "--exit-code")
    assert result.exit_code == 1, result.output
    check(f"{edit}.{SUFFIX[fmt]}", result.stdout)
    if fmt == "json":
        schema = HERE.parents[1] / "docs" / "schemas" / "diff.schema.json"
        jsonschema.validate(json.loads(result.stdout), json.loads(schema.read_text("utf-8")))


def test_a_changed_phone_number_comes_first_and_names_who_sees_it(in_tmp):
    make_pair(in_tmp, EDITS["changed-phone"])
    lines = run("diff", "old", "new", "--as-of", AS_OF).stdout.splitlines()
    assert lines[2] == "Contact details changed: check each one against its source"
    assert lines[4:6] == ["      phone was: 01305 228866", "            now: 01305 228867"]
    assert lines[6] == (
        "      shown in 3 outcomes: [alpha:talk-to-school], [alpha:call-team], [beta:urgent]"
    )


def test_a_rename_is_not_a_delete_and_an_add(in_tmp):
    make_pair(in_tmp, EDITS["renamed-node"])
    review = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    (tree,) = review["trees"]
    assert tree["renamed"] == [{"old": "call-team", "new": "ring-the-team"}]
    assert tree["routes"] == {"added": [], "removed": [], "changed": []}
    assert tree["outcomes"] == [] and tree["questions"] == []


def test_no_changes_exit_0_even_with_exit_code(in_tmp):
    make_pair(in_tmp, {})
    result = run("diff", "old", "new", "--exit-code")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "No changes a family would meet between old and new."


def test_changes_exit_0_without_exit_code(in_tmp):
    make_pair(in_tmp, EDITS["new-route"])
    assert run("diff", "old", "new").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diff", "old"],
            "give two trees folders or two git revisions to compare. "
            "For example: signpost diff main HEAD",
        ),
        (
            ["diff", "old", "nowhere"],
            "`nowhere` is neither a trees folder nor a git revision (and this is not a git "
            "repository). Give two folders, or two revisions such as `main HEAD`.",
        ),
        (
            ["diff", "old", "new", "--as-of", "soon"],
            "--as-of soon is not a date; write it as YYYY-MM-DD",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(in_tmp, args, message):
    make_pair(in_tmp, {})
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"signpost: error: {message}\n"


def git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_two_commits_of_a_git_repository_read_without_checking_out(in_tmp):
    old, new = make_pair(in_tmp, EDITS["became-urgent"])
    expected = run("diff", "old", "new", "--as-of", AS_OF, "--format", "json").stdout
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(old, repo / "trees")
    git(repo, "add", "trees")
    git(repo, "commit", "-q", "-m", "old")
    shutil.rmtree(repo / "trees")
    shutil.copytree(new, repo / "trees")
    git(repo, "commit", "-q", "-a", "-m", "new")
    (repo / "trees" / "alpha.yaml").write_text("not: [a tree", encoding="utf-8")  # never read
    os.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    review = json.loads(result.stdout)
    assert (review["old"], review["new"]) == ("HEAD~1", "HEAD")
    want = json.loads(expected)
    for tree in want["trees"]:
        tree["file"] = "trees/alpha.yaml"
    assert review["trees"] == want["trees"]
    assert review["trees"][0]["outcomes"][0]["changes"][0] == {
        "what": "urgent",
        "old": False,
        "new": True,
    }
    assert git(repo, "status", "--porcelain") == " M trees/alpha.yaml\n"  # nothing else touched


def test_staged_compares_head_with_the_index(in_tmp):
    old, new = make_pair(in_tmp, EDITS["changed-phone"])
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(old, repo / "trees")
    git(repo, "add", "trees")
    git(repo, "commit", "-q", "-m", "old")
    os.chdir(repo)
    assert "No changes" in run("diff", "--staged").stdout
    shutil.copy(new / "contacts.yaml", repo / "trees" / "contacts.yaml")
    assert "No changes" in run("diff", "--staged").stdout  # changed, but not staged
    git(repo, "add", "trees")
    out = run("diff", "--staged").stdout
    assert "      phone was: 01305 228866\n            now: 01305 228867\n" in out


HOSTILE = "# Heading [click](https://evil.example) <b>bold</b> www.evil.example @someone *x*"


def test_tree_text_cannot_make_markdown_structure_or_links(in_tmp):
    make_pair(in_tmp, {"alpha.yaml": [("Is the school helping?", f'"{HOSTILE}"')]})
    out = run("diff", "old", "new", "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").parse(out)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {"link_open", "html_inline", "html_block", "em_open"}
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 2  # the report's own: its title and the situation
    text = "".join(c.content for t in tokens for c in t.children or () if c.type == "text")
    assert HOSTILE in text  # shown exactly as written
    assert md_escape("www.a.uk") == "www\\.a\\.uk"


def test_human_format_prints_tree_text_literally_on_a_terminal(in_tmp):
    make_pair(
        in_tmp,
        {
            "alpha.yaml": [
                (
                    "Is the school helping?",
                    "'[bold red]Help[/] [link=https://evil.example]now[/link]?'",
                )
            ]
        },
    )
    import datetime as dt

    from signpost.content.library import Library
    from signpost.reports.diff import compare

    review = compare(
        Library(in_tmp / "old"),
        Library(in_tmp / "new"),
        old_name="old",
        new_name="new",
        today=dt.date(2026, 11, 22),
    )
    console = Console(record=True, width=200, force_terminal=True, color_system="truecolor")
    for line in human_lines(review):
        console.print(Text.assemble(*line), soft_wrap=True)
    assert "[bold red]Help[/] [link=https://evil.example]now[/link]?" in console.export_text()


def test_control_characters_in_tree_text_are_shown_not_sent_to_the_terminal(in_tmp):
    make_pair(in_tmp, {"alpha.yaml": [("Is the school helping?", '"Is it\\e[2J\\a helping?"')]})
    for fmt in ("human", "markdown", "github"):
        out = run("diff", "old", "new", "--format", fmt).stdout
        assert "\x1b" not in out and "\x07" not in out
    assert "   now: Is it\\x1b[2J\\x07 helping?\n" in run("diff", "old", "new").stdout


README_EDIT = [
    (
        "      - label: None of these, or I'm not sure\n        next: start-with-school",
        "      - label: Something else, or I'm not sure\n        next: start-with-school",
    ),
    (
        "      - label: I'm not sure\n        next: start-with-school\n\n  anxiety-need:",
        "      - label: I'm not sure\n        next: start-with-school\n"
        "      - label: We are waiting for the council to reply\n        tree: council-help\n"
        "\n  anxiety-need:",
    ),
    (
        "        - text: Your child does not need a diagnosis to get help at school.",
        "        - text: Your child can get help at school without a diagnosis.",
    ),
    ("reviewed: 2026-11-22", "reviewed: 2026-12-01"),
]


def test_the_readme_example_is_what_diff_prints_for_that_edit_of_a_shipped_tree(in_tmp):
    readme = (HERE.parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ signpost diff main~1 main\n", 1)[1].split("```", 1)[0]
    shipped = HERE.parents[1] / "trees"
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(shipped, repo / "trees")
    git(repo, "add", "trees")
    git(repo, "commit", "-q", "-m", "shipped")
    tree = repo / "trees" / "not-attending.yaml"
    text = tree.read_text(encoding="utf-8")
    for before, after in README_EDIT:
        assert before in text, "the shipped tree changed: update this edit and the README"
        text = text.replace(before, after, 1)
    tree.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "edit")
    os.chdir(repo)
    assert run("diff", "main~1", "main", "--as-of", "2026-12-02").stdout == block


def test_a_tree_that_cannot_be_read_on_either_side_is_one_line_and_exit_3(in_tmp):
    make_pair(
        in_tmp, {"alpha.yaml": [("    question: Is the school helping?", "  question: Oops")]}
    )
    result = run("diff", "old", "new")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("signpost: error: new/alpha.yaml:")
    assert len(result.stderr.splitlines()) == 1


# Sides resolved as git resolves them (issue 23, red team round 3 H5, L5, L13) -----------


def _shadowed_repo(in_tmp: Path, shadow: str) -> Path:
    """A repository whose `main` has the fixture trees and whose branch `pr` changes a
    phone number and also commits a folder named `shadow` holding a copy of its trees."""
    old, new = make_pair(in_tmp, EDITS["changed-phone"])
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(old, repo / "trees")
    git(repo, "add", "trees")
    git(repo, "commit", "-q", "-m", "old")
    git(repo, "checkout", "-q", "-b", "pr")
    shutil.rmtree(repo / "trees")
    shutil.copytree(new, repo / "trees")
    shutil.copytree(new, repo / shadow)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new")
    os.chdir(repo)
    return repo


def test_a_folder_named_like_a_revision_is_refused_as_ambiguous(in_tmp):
    _shadowed_repo(in_tmp, "main")
    for args in (["main", "HEAD"], ["main", "HEAD", "--exit-code"]):
        result = run("diff", *args)
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            "signpost: error: `main` is both a git revision and a folder, so it is ambiguous. "
            "Put revisions before `--` and folders after it, as git does: `signpost diff main "
            "HEAD --` compares revisions, `signpost diff -- main other/` folders.\n"
        )
    revisions = run("diff", "main", "HEAD", "--exit-code", "--")
    assert revisions.exit_code == 1, revisions.output
    assert "now: 01305 228867" in revisions.stdout
    folders = run("diff", "--exit-code", "--", "main", "trees")
    assert folders.exit_code == 0, folders.output  # the same trees, as folders
    mixed = run("diff", "main", "--", "trees")
    assert mixed.exit_code == 0 and "now: 01305 228867" in mixed.stdout


def test_staged_reads_head_from_git_even_beside_a_folder_named_head(in_tmp):
    repo = _shadowed_repo(in_tmp, "x")
    text = (repo / "trees" / "contacts.yaml").read_text()
    (repo / "trees" / "contacts.yaml").write_text(text.replace("228867", "228868"))
    git(repo, "add", "trees")
    shutil.copytree(repo / "trees", repo / "HEAD")  # the staged trees, as a folder HEAD/
    result = run("diff", "--staged", "--exit-code")
    assert result.exit_code == 1, result.output
    assert "phone was: 01305 228867\n            now: 01305 228868\n" in result.stdout


def test_a_name_after_dashdash_must_be_a_folder_and_before_it_a_revision(in_tmp):
    _shadowed_repo(in_tmp, "main")
    assert run("diff", "--", "pr", "trees").stderr == (
        "signpost: error: `pr` is not a folder. Check the path after `--`.\n"
    )
    assert run("diff", "trees", "HEAD", "--").stderr == (
        "signpost: error: `trees` is not a git revision. Check the name before `--`.\n"
    )


def test_pathspec_magic_in_path_is_refused(in_tmp):
    _shadowed_repo(in_tmp, "x")
    result = run("diff", "main", "pr", "--path", ":(top)trees")
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: --path :(top)trees is not a folder inside the repository. "
        "Give the trees folder as a plain path, such as `trees`.\n"
    )


def test_diff_from_a_deleted_folder_is_one_line(in_tmp):
    gone = in_tmp / "gone"
    gone.mkdir()
    os.chdir(gone)
    gone.rmdir()
    result = run("diff", "main", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: the current folder no longer exists. "
        "Change to a folder that does, then retry.\n"
    )


def test_staged_in_a_repository_with_no_commit_yet(in_tmp):
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    os.chdir(repo)
    result = run("diff", "--staged")
    assert result.exit_code == 2
    assert result.stderr == (
        "signpost: error: --staged compares HEAD with the staged trees, and there is no "
        "commit yet. Commit once, or compare two folders.\n"
    )


def test_a_changed_glossary_meaning_is_a_change_a_family_meets(in_tmp):
    """Found while hunting: diff compared trees and contacts only, so a glossary term
    given a new meaning (what a family is told a word means) was 'No changes'."""
    old, new = make_pair(in_tmp, {})
    (old / "glossary.yaml").write_text(
        "terms:\n  EHCP:\n    means: Education, Health and Care Plan\n"
        "  AP:\n    means: alternative provision\n"
    )
    (new / "glossary.yaml").write_text(
        "terms:\n  EHCP:\n    means: a plan the school writes when it chooses to\n"
    )
    result = run("diff", "old", "new", "--exit-code")
    assert result.exit_code == 1, result.output
    assert "Glossary: what a family is told a word means" in result.stdout
    assert "      means was: Education, Health and Care Plan\n" in result.stdout
    assert "            now: a plan the school writes when it chooses to\n" in result.stdout
    assert "  - term removed: AP\n" in result.stdout
    assert result.stdout.rstrip().endswith("2 glossary terms changed.")
    review = json.loads(run("diff", "old", "new", "--format", "json").stdout)
    assert review["glossary"][0] == {
        "term": "AP",
        "file": "old/glossary.yaml",
        "change": "removed",
        "old": "alternative provision",
        "new": None,
    }
    repo = in_tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(old, repo / "trees")
    git(repo, "add", "trees")
    git(repo, "commit", "-q", "-m", "old")
    shutil.copy(new / "glossary.yaml", repo / "trees" / "glossary.yaml")
    git(repo, "commit", "-q", "-a", "-m", "new")
    (repo / "trees" / "glossary.yaml").write_text("terms: {}\n")  # the disk is never read
    os.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "--format", "json")
    assert [t["term"] for t in json.loads(result.stdout)["glossary"]] == ["AP", "EHCP"]


def test_a_changed_audience_is_shown_as_words_on_both_sides(in_tmp):
    make_pair(
        in_tmp, {"alpha.yaml": [("audience: [parents]", "audience: [parents, professionals]")]}
    )
    out = run("diff", "old", "new", "--as-of", AS_OF).stdout
    assert "  ~ the tree's audience changed\n" in out
    assert "      audience was: parents\n               now: parents, professionals\n" in out


ANNOTATED = "::notice file=new/alpha.yaml,line={},title=signpost diff::{}"


def github_lines(in_tmp, edit) -> list[str]:
    make_pair(in_tmp, edit)
    return run("diff", "old", "new", "--format", "github", "--as-of", AS_OF).stdout.splitlines()


def test_a_route_removed_with_its_option_is_annotated_on_the_question_that_lost_it(in_tmp):
    edit = {"alpha.yaml": [('      - label: "No"\n        next: talk-to-school\n', "")]}
    assert github_lines(in_tmp, edit) == [
        ANNOTATED.format(5, "reviewed date not updated: still 2026-11-01"),
        ANNOTATED.format(
            8,
            "route removed, it led to Talk to the school [talk-to-school]; "
            "• Has your child been in school this week? → No",
        ),
        ANNOTATED.format(
            8,
            "question changed: Has your child been in school this week? [first]; "
            "option removed: No",
        ),
    ]


def test_a_question_removed_is_annotated_on_the_question_before_it(in_tmp):
    edit = {
        "alpha.yaml": [
            ("        next: second\n", "        next: keep-going\n"),
            (
                "  second:\n    question: Is the school helping?\n    options:\n"
                '      - label: "Yes"\n        next: keep-going\n'
                '      - label: "No"\n        next: call-team\n',
                "",
            ),
        ]
    }
    lines = github_lines(in_tmp, edit)
    # first: is line 8, its option "Yes" line 12, in the new file as in the old.
    assert lines[1] == ANNOTATED.format(
        12,
        "new route to Keep working with the school [keep-going]; "
        "• Has your child been in school this week? → Yes",
    )
    assert [line.split("::")[1] for line in lines[2:4]] == [
        "notice file=new/alpha.yaml,line=8,title=signpost diff",
        "notice file=new/alpha.yaml,line=8,title=signpost diff",
    ]
    assert "route removed, it led to Keep working with the school" in lines[2]
    assert "route removed, it led to Call the council team" in lines[3]
    assert lines[-2:] == [
        ANNOTATED.format(
            8,
            "question changed: Has your child been in school this week? [first]; "
            "option Yes now leads to [keep-going]; (it led to [second])",
        ),
        ANNOTATED.format(8, "question removed: Is the school helping? [second]"),
    ]
