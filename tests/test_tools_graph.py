"""`signpost graph`: exact Mermaid and DOT, labels escaped, and the README's picture in step."""

import datetime as dt
import re

import pytest
from conftest import ROOT
from tools_cli import signpost

from signpost.content.model import Option, Outcome, Question, Source, Step, Tree
from signpost.reports.diagram import to_dot, to_mermaid

ALPHA_MERMAID = """\
flowchart TD
    n_first("Has your child been in school this week?")
    n_second("Is the school helping?")
    n_talk_to_school["Talk to the school"]
    n_keep_going["Keep working with the school"]
    n_call_team["Call the council team"]
    tree_beta[["another tree: beta"]]
    n_first -->|"Yes"| n_second
    n_first -->|"No"| n_talk_to_school
    n_first -.->|"It is about mental health"| tree_beta
    n_second -->|"Yes"| n_keep_going
    n_second -->|"No"| n_call_team
    classDef question fill:#eef4fb,stroke:#3b6ea5
    classDef outcome fill:#eefbf0,stroke:#2e7d32
    classDef urgent fill:#fdecea,stroke:#c62828,stroke-width:2px
    classDef link fill:#f5f5f5,stroke:#757575,stroke-dasharray:4 3
    class n_first,n_second question
    class n_talk_to_school,n_keep_going,n_call_team outcome
    class tree_beta link
"""

BETA_DOT = """\
digraph "beta" {
    rankdir=TB;
    node [fontname="Helvetica", fontsize=11];
    edge [fontname="Helvetica", fontsize=10];
    "risk" [shape=box, style="rounded,filled", fillcolor="#eef4fb", label="Is your child in danger\\nright now?"];
    "urgent" [shape=box, style=filled, fillcolor="#eefbf0", color="#c62828", penwidth=2, label="Get urgent help now"];
    "kooth" [shape=box, style=filled, fillcolor="#eefbf0", label="Try online support"];
    "risk" -> "urgent" [label="Yes"];
    "risk" -> "kooth" [label="No"];
}
"""


def test_mermaid_of_alpha():
    result = signpost("graph", "alpha")
    assert (result.exit_code, result.stdout, result.stderr) == (0, ALPHA_MERMAID, "")
    assert signpost("graph", "alpha", "--format", "mermaid").stdout == ALPHA_MERMAID


def test_dot_of_beta_marks_the_urgent_outcome():
    result = signpost("graph", "beta", "--format", "dot")
    assert (result.exit_code, result.stdout) == (0, BETA_DOT)


def test_dot_marks_a_cross_tree_link_dashed():
    lines = signpost("graph", "loop", "--format", "dot").stdout.splitlines()
    assert '    "tree:loop" [shape=component, style=dashed, label="another tree:\\nloop"];' in lines
    assert '    "here" -> "tree:loop" [style=dashed, label="Round"];' in lines


def _odd_tree() -> Tree:
    step = Step("x", Source("doc.txt", "x"))
    return Tree(
        id="odd",
        title="Odd",
        summary="s",
        audience=("parents",),
        reviewed=dt.date(2026, 1, 1),
        start="end",
        nodes={
            "end": Question(
                "end",
                'Is it "hard" #1 <now>?',
                (
                    Option('A "quote" | pipe', next="back-slash"),
                    Option("Other #tree", tree="x-y"),
                ),
            ),
            "back-slash": Outcome("back-slash", 'Path C:\\temp "quoted"', (step,), urgent=True),
        },
    )


def test_mermaid_escapes_quotes_hashes_and_angle_brackets():
    assert to_mermaid(_odd_tree()).splitlines()[1:6] == [
        '    n_end("Is it #quot;hard#quot; #35;1 #lt;now#gt;?")',
        '    n_back_slash["Path C:\\temp #quot;quoted#quot;"]',
        '    tree_x_y[["another tree: x-y"]]',
        '    n_end -->|"A #quot;quote#quot; | pipe"| n_back_slash',
        '    n_end -.->|"Other #35;tree"| tree_x_y',
    ]


def test_dot_escapes_quotes_and_backslashes():
    lines = to_dot(_odd_tree()).splitlines()
    assert lines[4] == (
        '    "end" [shape=box, style="rounded,filled", fillcolor="#eef4fb", '
        'label="Is it \\"hard\\" #1 <now>?"];'
    )
    assert lines[5] == (
        '    "back-slash" [shape=box, style=filled, fillcolor="#eefbf0", '
        'color="#c62828", penwidth=2, label="Path C:\\\\temp \\"quoted\\""];'
    )
    assert lines[7] == '    "end" -> "back-slash" [label="A \\"quote\\" | pipe"];'


def test_bad_format_is_a_usage_error():
    result = signpost("graph", "alpha", "--format", "png")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


README_PICTURE = re.compile(r"<!-- generated: (signpost [^>]*?) -->\n```mermaid\n(.*?)```", re.S)


def test_readme_picture_is_the_graph_commands_output():
    """The README's Mermaid block is exactly what the command in the comment above it prints."""
    found = README_PICTURE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md should have one generated ```mermaid block"
    command, block = found[0]
    args = command.split()[1:]
    if "--trees" in args:  # a path relative to the repo
        at = args.index("--trees") + 1
        args[at] = str(ROOT / args[at])
    result = signpost(*args, fixtures=False)
    assert result.exit_code == 0, result.stderr
    assert block == result.stdout, f"regenerate the README picture with: {command}"


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_every_shipped_tree_draws(fmt):
    from signpost.content.library import Library

    library = Library(ROOT / "trees", ROOT / "seeds")
    for tree_id in library.tree_ids():
        text = signpost("graph", tree_id, "--format", fmt, fixtures=False).stdout
        for node_id in library.tree(tree_id).nodes:
            assert (
                f"n_{node_id.replace('-', '_')}" if fmt == "mermaid" else f'"{node_id}"'
            ) in text
