"""Every command in every format, over the hostile corpus (issue 23, by construction):
no raw control character (C0, C1), bidi override or isolate, and no markup from the
data, in anything signpost prints or writes: terminal text, JSON, Markdown, Mermaid,
DOT, the diff's formats (folders and git revisions) and the web pages of `site` and
`run --save x.html`.

The commands and their `--format` choices are read from the typer app, so a new
command or a new format fails `test_every_command_and_format_is_covered` until it is
added to `INVOCATIONS` here.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest
import typer.main
from conftest import ROOT
from test_safety import ANSWERS, HOSTILE, SEEDS, hostile_folder, q
from typer.testing import CliRunner

from signpost import safetext
from signpost.cli import app
from signpost.content.library import Library
from signpost.reports import site

ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIXTURES = ROOT / "tests" / "fixtures" / "trees"

# For each command, for each of its `--format` choices (None: it has no --format), the
# invocations that cover it. `{trees}`, `{old}`, `{out}` are filled in by the test.
INVOCATIONS: dict[str, dict[str | None, list[list[str]]]] = {
    "list": {"table": [["list"]], "json": [["list", "--format", "json"]]},
    "show": {None: [["show", "alpha"], ["show", "beta"]]},
    "graph": {
        "mermaid": [["graph", "alpha"]],
        "dot": [["graph", "alpha", "--format", "dot"]],
    },
    "paths": {"text": [["paths", "alpha"]], "json": [["paths", "alpha", "--format", "json"]]},
    "search": {
        "text": [["search", "outcome"], ["search", "evil"]],
        "json": [["search", "outcome", "--format", "json"]],
    },
    "contacts": {
        "table": [["contacts"], ["contacts", "team"]],
        "json": [["contacts", "--format", "json"]],
    },
    "export": {
        "json": [["export"]],
        "markdown": [["export", "--format", "markdown"]],
    },
    "lint": {
        fmt: [["lint", "{trees}", "--format", fmt]]
        for fmt in ("human", "concise", "json", "github", "sarif")
    },
    "quote": {
        "text": [["quote", "child", "school"], ["quote", "evil\u202e", "\x1b[31mred"]],
        "json": [["quote", "child", "school", "--format", "json"]],
    },
    "sources": {
        fmt: [["sources", "--format", fmt], ["sources", "--uncited", "--format", fmt]]
        for fmt in ("text", "markdown", "json")
    },
    "lsp": {None: [["lsp"]]},  # its input is closed at once: it says nothing and ends
    "run": {
        "text": [
            ["run", "alpha", "--answers", "-"],
            ["run", "alpha", "--answers", "-", "--save", "{out}/plan.html"],
            ["run", "alpha", "--answers", "-", "--save", "{out}/plan.md"],
        ],
        "markdown": [["run", "alpha", "--answers", "-", "--format", "markdown"]],
        "json": [["run", "alpha", "--answers", "-", "--format", "json"]],
    },
    "test": {
        "text": [["test", "{scenarios}"]],
        "json": [["test", "{scenarios}", "--format", "json"]],
    },
    "site": {None: [["site", "{out}/site"], ["site", "{out}/one", "--tree", "alpha"]]},
    "diff": {
        fmt: [
            ["diff", "{old}", "{trees}", "--format", fmt],
            ["diff", "old", "new", "--format", fmt],
        ]
        for fmt in ("human", "markdown", "json", "github")
    },
    "schema": {None: [["schema"]]},
}


def formats(command) -> list[str | None]:
    for param in command.params:
        if "--format" in getattr(param, "opts", []):
            return list(param.type.choices)
    return [None]


def test_every_command_and_format_is_covered():
    group = typer.main.get_command(app)
    wanted = {(name, fmt) for name, cmd in group.commands.items() for fmt in formats(cmd)}
    covered = {(name, fmt) for name, by in INVOCATIONS.items() for fmt in by}
    assert wanted - covered == set(), "add these to INVOCATIONS"
    assert covered - wanted == set()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("corpus")
    trees = hostile_folder(base)
    scenarios = base / "scenarios"
    scenarios.mkdir()
    (scenarios / "alpha.yaml").write_text(
        "tree: alpha\nscenarios:\n"
        f"  - name: {q('Scenario ' + HOSTILE)}\n"
        "    answers: {first: 2}\n"
        "    outcome: talk-to-school\n"
        f"    title: {q('Expected ' + HOSTILE)}\n",
        encoding="utf-8",
    )
    old = base / "old"
    old.mkdir()
    for path in FIXTURES.glob("*.yaml"):
        (old / path.name).write_bytes(path.read_bytes())
    repo = base / "repo"
    (repo / "trees").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "old"], check=True)
    for path in FIXTURES.glob("*.yaml"):
        (repo / "trees" / path.name).write_bytes(path.read_bytes())
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "old"], check=True)
    subprocess.run([*git, "checkout", "-qb", "new"], check=True)
    for path in trees.glob("*.yaml"):
        (repo / "trees" / path.name).write_bytes(path.read_bytes())
    subprocess.run([*git, "commit", "-qam", "new"], check=True)
    return {"trees": trees, "old": old, "repo": repo, "scenarios": scenarios / "alpha.yaml"}


def assert_clean(text: str, what: str, kind: str = "text") -> None:
    """No raw control character or bidi override, and no OSC 8 link, anywhere; in a web
    page (`html`) or Markdown (`markdown`), where it would act, no markup from the data."""
    found = RAW.findall(text)
    assert not found, (what, found[:5])
    if kind == "html":
        assert "<script>x</script>" not in text, what
        hrefs = re.findall(r'(?:href|src)="([^"]*)"', text)
        assert not [h for h in hrefs if h.lower().startswith(("javascript", "file", "data"))]
        assert "evil.example" not in " ".join(hrefs), what
    if kind == "markdown":
        assert "<script>" not in text, what
        assert not re.search(r"(?<!\\)\]\((?:javascript|file):", text), what  # a link
        assert not re.search(r"(?<!\\)<(?:script|/script)", text), what


def kind_of(fmt: str | None, name: str) -> str:
    if name.endswith(".html") or fmt == "html":
        return "html"
    if name.endswith(".md") or fmt == "markdown":
        return "markdown"
    return "text"


def written_files(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


CASES = [
    (name, fmt, args)
    for name, by in INVOCATIONS.items()
    for fmt, runs in by.items()
    for args in runs
]


@pytest.mark.parametrize(("name", "fmt", "args"), CASES, ids=lambda v: str(v))
def test_no_raw_control_bidi_or_markup_in_any_output(
    corpus, tmp_path, monkeypatch, name, fmt, args
):
    out = tmp_path / "out"
    out.mkdir()
    fill = {
        "trees": str(corpus["trees"]),
        "old": str(corpus["old"]),
        "out": str(out),
        "scenarios": str(corpus["scenarios"]),
    }
    argv = [a.format(**fill) for a in args]
    if argv[:2] == ["diff", "old"]:  # two git revisions
        monkeypatch.chdir(corpus["repo"])
    result = CliRunner().invoke(
        app, ["--trees", str(corpus["trees"]), *argv], input=ANSWERS, env=ENV
    )
    assert result.exit_code in (0, 1, 3), (argv, result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert_clean(result.stdout, " ".join(args), kind_of(fmt, ""))
    assert_clean(result.stderr, f"{' '.join(args)} stderr")
    if fmt == "json" and result.exit_code == 0 and result.stdout:
        json.loads(result.stdout)
    for file, text in written_files(out).items():
        assert_clean(text, file, kind_of(None, file))


def test_the_site_pages_show_bidi_and_controls_as_escapes(corpus, tmp_path):
    """The core builder (the command refuses these trees: see the lint gate) still shows
    every unsafe character as an escape and every tag as text, on every page."""
    out = tmp_path / "site"
    site.build_site(Library(corpus["trees"], SEEDS), out)
    pages = written_files(out)
    for name, text in pages.items():
        assert_clean(text, name, kind_of(None, name))
    visible = safetext.terminal("Team " + HOSTILE).replace("&", "&amp;").replace("<", "&lt;")
    assert any(visible.split("[link")[0] in text for text in pages.values())
    assert any("\\u202eevil\\u2066" in text for text in pages.values())


def test_diff_shows_bidi_and_c1_as_escapes_in_every_format(corpus):
    for fmt in ("human", "markdown", "json", "github"):
        result = CliRunner().invoke(
            app, ["diff", str(corpus["old"]), str(corpus["trees"]), "--format", fmt], env=ENV
        )
        assert result.exit_code == 0, result.output
        assert_clean(result.stdout, fmt, kind_of(fmt, ""))
        if fmt == "json":
            review = json.loads(result.stdout)
            assert "\\u202e" in result.stdout and "\\u009b" in result.stdout
            titles = [t["title"] for t in review["trees"]]
            assert "Alpha " + HOSTILE in titles  # the data itself is unchanged
        elif fmt in ("human", "markdown"):
            assert "\\u202e" in result.stdout
