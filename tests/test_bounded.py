"""Bounded work (issue 23, red team round 3 M2, M4, L16): every command that enumerates
routes counts the routes that lead back to a question on the way, and stops at the
limit in time and memory in proportion to it; text matching on tree text is linear."""

import time
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from signpost.cli import app

ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
QUOTE = "please do call us at 01305 228866"


def loop_tree(folder: Path, questions: int, wide: int = 0) -> Path:
    """`questions` questions of two options each, in a row, the last leading back to the
    first (and `wide` more options on each leading back to the first), and a Stop."""
    trees = folder / "trees"
    trees.mkdir(parents=True)
    (folder / "seeds").symlink_to(ROOT / "seeds")
    lines = ["id: x", "title: Loop", "summary: A loop.", "audience: [parents]"]
    lines += ["reviewed: 2026-01-01", "start: q0", "nodes:"]
    for i in range(questions):
        after = f"q{i + 1}" if i < questions - 1 else "q0"
        lines += [f"  q{i}:", f"    question: Question {i}?", "    options:"]
        lines += [f"      - label: A{i}", f"        next: {after}"]
        lines += [f"      - label: B{i}", f"        next: {after}"]
        lines += [f"      - label: W{i}-{w}\n        next: q0" for w in range(wide)]
        if i == questions - 1:
            lines += ["      - label: Stop", "        next: done"]
    lines += ["  done:", "    outcome:", "      title: Done", "      steps:"]
    lines += ["        - text: Stop here.", "          source:"]
    lines += ["            doc: 000_cd7fdd44bcd59a55.txt", f'            quote: "{QUOTE}"']
    (trees / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return trees


@pytest.mark.parametrize(
    "args",
    [
        ["paths", "x"],
        ["paths", "x", "--format", "json"],
        ["search", "done"],
        ["site", "{out}"],
        ["diff", "{trees}", "{trees}"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize(("questions", "wide"), [(20, 0), (13, 200)])
def test_routes_that_loop_back_count_towards_the_limit(tmp_path, args, questions, wide):
    trees = loop_tree(tmp_path / "f", questions, wide)
    argv = [a.format(out=tmp_path / "out", trees=trees) for a in args]
    started = time.monotonic()
    result = CliRunner().invoke(app, ["--trees", str(trees), *argv], env=ENV)
    took = time.monotonic() - started
    assert took < 10, took  # 32 s and 1 GB for `paths` on 20 questions before
    assert result.exit_code in (0, 3), result.output
    if result.exit_code == 3:
        assert result.stderr == (
            f"signpost: error: {trees / 'x.yaml'}: the tree `x` has more than 10000 routes "
            "(counting those that lead back to a question on the way). Split it into "
            "smaller trees.\n"
        )
    assert not (tmp_path / "out").exists()


def test_lint_of_a_wide_loop_tree_ends_and_names_each_loop(tmp_path):
    """Found while hunting: the longest-route walk followed a loop of `best` next nodes
    for ever (MemoryError after 30 s) on a tree whose every question also leads back."""
    trees = loop_tree(tmp_path / "f", 13, 10)
    started = time.monotonic()
    result = CliRunner().invoke(app, ["lint", str(trees), "--format", "concise"], env=ENV)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    assert (
        result.stdout.count("[cycle]") == 13 * 10 + 2
    )  # the wide options, and both of the last question


REDOS = "AB (" + " ".join(["word"] * 1_900)  # no ")" ever closes it


def test_finding_explanations_is_linear_in_the_text():
    from signpost.content.glossary import explained_at

    started = time.monotonic()
    assert explained_at(REDOS * 3) == {}
    assert time.monotonic() - started < 0.5  # 62 s for `run` on one such text before
    assert explained_at("An EHCP (Education, Health and Care Plan) helps.") == {"EHCP": 3}
    assert explained_at("The SEN Support (special educational needs support) plan") == {"SEN": 4}
    assert explained_at("EHCP (EHCP) and AB (x y)") == {"EHCP": 5, "AB": 16}


@pytest.mark.parametrize(
    "args",
    [["run", "x", "--answers", "-"], ["lint", "{trees}"], ["export", "--format", "markdown"]],
    ids=" ".join,
)
def test_a_text_that_made_the_glossary_backtrack_is_quick(tmp_path, args):
    trees = loop_tree(tmp_path / "f", 1)
    tree = trees / "x.yaml"
    tree.write_text(
        tree.read_text().replace("question: Question 0?", f'question: "{REDOS} ?"'),
        encoding="utf-8",
    )
    (trees / "glossary.yaml").write_text("terms:\n  AB:\n    means: A Bee\n", encoding="utf-8")
    argv = [a.format(trees=trees) for a in args]
    started = time.monotonic()
    result = CliRunner().invoke(app, ["--trees", str(trees), *argv], input="q0: Stop\n", env=ENV)
    assert time.monotonic() - started < 5
    assert result.exit_code in (0, 1), result.output


def test_a_huge_glossary_costs_only_the_terms_a_text_uses():
    from signpost.content.glossary import Explainer, Glossary, Term

    glossary = Glossary(
        [Term(f"term{n} words", "x") for n in range(300_000)] + [Term("EHCP", "a plan")]
    )
    started = time.monotonic()
    explainer = Explainer(glossary)
    texts = [f"Ask about your EHCPs and term{n} words today." for n in range(0, 3000, 3)]
    shown = [t.term for t in explainer.explain(texts)]
    assert time.monotonic() - started < 2  # 22 s for `run` with 300,000 terms before
    assert shown[:3] == ["EHCP", "term0 words", "term3 words"]
    assert len(shown) == 1001


def test_lint_refuses_a_chain_that_paths_and_site_refuse(tmp_path):
    """Red team round 3 L12: a 1,000-question chain passed lint (path-too-long is a
    warning) while `paths` and `site` refused it. Beyond 50 answers it is an error,
    whatever the settings say."""
    trees = tmp_path / "trees"
    trees.mkdir()
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (trees / ".signpost.toml").write_text('[lint]\nrules = { path-too-long = "off" }\n')
    lines = ["id: x", "title: Chain", "summary: A chain.", "audience: [parents]"]
    lines += ["reviewed: 2026-01-01", "start: q0", "nodes:"]
    for i in range(60):
        after = f"q{i + 1}" if i < 59 else "done"
        lines += [f"  q{i}:", f"    question: Question {i}?", "    options:"]
        lines += [f"      - label: A{i}", f"        next: {after}"]
        lines += [f"      - label: B{i}", "        next: done"]
    lines += ["  done:", "    outcome:", "      title: Done", "      steps:"]
    lines += ["        - text: Stop here.", "          source:"]
    lines += ["            doc: 000_cd7fdd44bcd59a55.txt", f'            quote: "{QUOTE}"']
    (trees / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(trees), "--format", "concise"], env=ENV)
    assert result.exit_code == 1, result.output
    assert "error [path-too-long] the longest route from `start` needs 60 answers" in (
        result.stdout
    )
    assert "; over 50, the walk, `paths` and `site` refuse it" in result.stdout
    paths = CliRunner().invoke(app, ["--trees", str(trees), "paths", "x"], env=ENV)
    assert paths.exit_code == 3


def test_lint_refuses_a_tree_with_more_routes_than_paths_follows(tmp_path):
    """25 questions in a row, each of two answers that both lead on: 33 million routes.
    `paths` and `site` refuse it; lint passed it. Now `too-many-routes` is an error."""
    trees = tmp_path / "trees"
    trees.mkdir()
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (trees / ".signpost.toml").write_text("[lint]\nmax-depth = 30\n")
    lines = ["id: x", "title: Many", "summary: Many routes.", "audience: [parents]"]
    lines += ["reviewed: 2026-01-01", "start: q0", "nodes:"]
    for i in range(25):
        after = f"q{i + 1}" if i < 24 else "done"
        lines += [f"  q{i}:", f"    question: Question {i}?", "    options:"]
        lines += [f"      - label: A{i}", f"        next: {after}"]
        lines += [f"      - label: B{i}", f"        next: {after}"]
    lines += ["  done:", "    outcome:", "      title: Done", "      steps:"]
    lines += ["        - text: Stop here.", "          source:"]
    lines += ["            doc: 000_cd7fdd44bcd59a55.txt", f'            quote: "{QUOTE}"']
    (trees / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["lint", str(trees), "--format", "concise"], env=ENV)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"{trees / 'x.yaml'}:6:8: error [too-many-routes] more than 10,000 routes lead from "
        "`start` to an outcome; `signpost paths`, `site` and `diff` refuse a tree with so "
        "many — split it into smaller trees, or let answers meet again sooner\n"
    )
    assert CliRunner().invoke(app, ["--trees", str(trees), "paths", "x"]).exit_code == 3
