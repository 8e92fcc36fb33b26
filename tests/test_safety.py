"""Text from a tree is only ever text (issue 13): a hostile tree folder, run through every
command, never reaches the terminal as escape sequences, rich markup, Markdown structure,
HTML or diagram statements; odd files, streams, encodings and numbers each give one line
and a documented exit code, never a traceback or a hang.

The corpus is made by the tests (`hostile_folder`): the fixture trees with hostile text
in every field a family or an author sees, and special files (FIFOs, links to /dev/zero
and out of the folder, link loops) made where they are needed.
"""

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from signpost import safetext
from signpost.cli import app
from signpost.content.library import Library
from signpost.safetext import UNSAFE
from signpost.savefile import save_text
from signpost.ui.screens import outcome_screen
from signpost.walk import plantext
from signpost.walk.plan import make_plan
from signpost.walk.state import walk_scripted

FIXTURES = ROOT / "tests" / "fixtures" / "trees"
SEEDS = ROOT / "seeds"
ENV = {"TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
# What would act on a terminal if it reached it: ESC (CSI, OSC, OSC 8 links), BEL, the
# one-byte CSI, carriage return, and the bidi overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OSC_LINK = "\x1b]8;"
CANARY = "canary-7f3a9 secret contents"
QUOTE = "we always recommend you have an honest conversation with your child's education setting"

# One hostile text per kind of attack; every field gets all of them.
HOSTILE = (
    "\x1b]0;pwned\x07\x1b[2J"  # retitle the window, clear the screen
    "[link=https://evil.example/phish]Dorset SEND team[/link][/bad][bold]"  # rich markup
    "\u202eevil\u2066"  # bidi override and isolate
    " # Heading <script>x</script> [click](javascript:alert(1)) ![i](file:///etc/passwd)"
    " &lt; `code` *em* _u_ | ~~s~~ \x9b31m\r"
)
# The text each output must show for HOSTILE: its control characters as escapes.
VISIBLE = safetext.terminal(HOSTILE)


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar: a JSON string, with every character YAML
    may not hold raw (controls, line breaks beyond `\\n`, a BOM) written as an escape."""
    return re.sub(
        "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]",
        lambda m: f"\\u{ord(m.group()):04x}",
        json.dumps(text, ensure_ascii=False),
    )


def hostile_folder(base: Path, text: str = HOSTILE) -> Path:
    """The fixture trees and seeds, with `text` in every field a person is shown."""
    trees = base / "trees"
    trees.mkdir(parents=True)
    (base / "seeds").symlink_to(SEEDS)
    for path in FIXTURES.glob("*.yaml"):
        (trees / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    alpha = trees / "alpha.yaml"
    source = alpha.read_text(encoding="utf-8")
    for old, new in (
        ("title: Alpha situation", f"title: {q('Alpha ' + text)}"),
        ("summary: A small tree for tests.", f"summary: {q('Summary ' + text)}"),
        (
            "question: Has your child been in school this week?",
            f"question: {q('Question ' + text)}",
        ),
        ("help: This tells us where to begin.", f"help: {q('Help ' + text)}"),
        (
            '- label: "No"\n        next: talk-to-school',
            f"- label: {q('No ' + text)}\n        next: talk-to-school",
        ),
        ("title: Talk to the school", f"title: {q('Outcome ' + text)}"),
        ("- text: Have an honest talk with the school.", f"- text: {q('Step ' + text)}"),
    ):
        assert old in source, old
        source = source.replace(old, new)
    alpha.write_text(source, encoding="utf-8")
    contacts = trees / "contacts.yaml"
    source = contacts.read_text(encoding="utf-8")
    for old, new in (
        ("name: Dorset Council SEND team (Let's Talk SEND)", f"name: {q('Team ' + text)}"),
        (
            "for: Talk through your child's situation and agree the next steps with the "
            "council's team.",
            f"for: {q('For ' + text)}",
        ),
    ):
        assert old in source, old
        source = source.replace(old, new)
    contacts.write_text(source, encoding="utf-8")
    return trees


def cli(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(app, list(args), input=input, env={**ENV, **(env or {})})


def assert_literal(output: str) -> None:
    """No byte from the tree that a terminal would act on, and no OSC 8 link."""
    assert OSC_LINK not in output
    found = RAW.findall(output)
    assert not found, found


def assert_one_line(result, code: int, *, contains: str = "") -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    err = result.stderr
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert contains in err, err
    return err


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return hostile_folder(tmp_path_factory.mktemp("hostile"))


ANSWERS = "first: 2\n"  # "No ..." -> talk-to-school, with the hostile contact


# 1. Terminal and markup injection --------------------------------------------------


COMMANDS = [
    ("list",),
    ("list", "--format", "json"),
    ("show", "alpha"),
    ("paths", "alpha"),
    ("paths", "alpha", "--format", "json"),
    ("search", "alpha"),
    ("search", "outcome", "--format", "json"),
    ("contacts",),
    ("contacts", "--format", "json"),
    ("export",),
    ("export", "--format", "markdown"),
    ("graph", "alpha"),
    ("graph", "alpha", "--format", "dot"),
    ("lint",),
    ("lint", "--format", "human"),
    ("lint", "--format", "json"),
    ("lint", "--format", "github"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_shows_hostile_text_literally(hostile, args):
    result = cli("--trees", str(hostile), *args)
    assert result.exit_code in (0, 1), result.output  # lint finds the hostile text: 1
    assert_literal(result.stdout)
    assert_literal(result.stderr)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_scripted_plan_shows_hostile_text_literally(hostile, fmt):
    result = cli(
        "--trees", str(hostile), "run", "alpha", "--answers", "-", "--format", fmt, input=ANSWERS
    )
    assert result.exit_code == 0, result.output
    assert_literal(result.stdout)
    if fmt == "json":  # the data itself is unchanged: escapes are JSON's own
        plan = json.loads(result.stdout)
        assert plan["outcome"]["title"] == "Outcome " + HOSTILE
        assert plan["contacts"][0]["name"] == "Team " + HOSTILE
    else:
        assert ("Outcome " + VISIBLE if fmt == "text" else "Outcome ") in result.stdout


def test_plain_text_shows_control_characters_as_escapes(hostile):
    result = cli("--trees", str(hostile), "run", "alpha", "--answers", "-", input=ANSWERS)
    assert result.exit_code == 0
    assert f"Outcome {VISIBLE}" in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in result.stdout
    assert "\\u202eevil\\u2066" in result.stdout
    assert f"Team {VISIBLE}: For {VISIBLE}" in result.stdout


def test_rich_plan_screen_never_reads_markup_from_a_tree(hostile):
    """The contact table and list, the steps, the title: all literal, on a colour terminal,
    and a `[/bad]` that rich cannot parse does not crash the plan (it used to)."""
    library = Library(hostile, hostile.parent / "seeds")
    plan = make_plan(walk_scripted(library, "alpha", {"first": 2}))
    for width in (60, 200):  # the list and the table of contacts
        console = Console(record=True, width=width, color_system="truecolor", force_terminal=True)
        console.print(outcome_screen(plan, width))
        raw = console.export_text(styles=True, clear=False)
        assert OSC_LINK not in raw
        assert "\x1b]0;" not in raw and "\x1b[2J" not in raw and "\u202e" not in raw
        shown = console.export_text()
        assert "[link=https://evil.example/phish]Dor" in shown  # as typed, not a link
        assert "[/link][/bad][bold]" in shown


def test_walk_under_a_pseudo_terminal_shows_nothing_raw(hostile, tmp_path):
    """The real program on a terminal (`script` gives it one): the header, the question,
    the plan and the save message. Nothing from the tree is obeyed."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = (
        _script(f"--trees {hostile} run alpha --answers {answers}", tmp_path)
        + _script(f"--trees {hostile} show alpha", tmp_path)
        + _script(f"--trees {hostile} contacts", tmp_path)
        + _script(f"--trees {hostile} lint --format human", tmp_path)
    )
    for bad in ("\x1b]0;", "\x1b[2J", OSC_LINK, "\u202e", "\u2066", "\x9b", "\x07"):
        assert bad not in out, bad
    assert "\\x1b]0;pwned" in out


def _script(args: str, cwd: Path) -> str:
    if not _has_script():
        pytest.skip("`script` (util-linux) is not installed")
    command = f"{sys.executable} -c 'from signpost.cli import main; main()' {args}"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    return done.stdout.decode("utf-8", "replace")


def _has_script() -> bool:
    return any((Path(p) / "script").exists() for p in os.environ.get("PATH", "").split(":"))


def test_error_messages_quoting_a_label_are_one_safe_line(hostile):
    result = cli(
        "--trees", str(hostile), "run", "alpha", "--answers", "-", input="first: nothing like it\n"
    )
    err = assert_one_line(result, 2, contains="is not one of its options")
    assert_literal(err)
    assert "\\x1b]0;pwned" in err


def test_markdown_cannot_gain_a_heading_link_image_or_html(hostile):
    plan = cli(
        "--trees",
        str(hostile),
        "run",
        "alpha",
        "--answers",
        "-",
        "--format",
        "markdown",
        input=ANSWERS,
    ).stdout
    booklet = cli("--trees", str(hostile), "export", "--format", "markdown").stdout
    for text in (plan, booklet):
        for line in text.splitlines():  # every `<`, `[`, `]` from the tree is escaped
            assert not re.search(r"(?<!\\)<script|(?<!\\)\]\(|(?<!\\)\[link=", line), line
        assert "\\# Heading \\<script\\>x\\</script\\> \\[click\\](javascript:alert(1))" in text
        assert "\\&lt; \\`code\\` \\*em\\* \\_u\\_ \\| \\~\\~s\\~\\~" in text
    assert plan.splitlines()[0].startswith("# Outcome \\\\x1b\\]0;pwned")


def test_markdown_escape_blocks_line_starts():
    assert safetext.markdown("# not a heading") == "\\# not a heading"
    assert safetext.markdown("- not a list") == "\\- not a list"
    assert safetext.markdown("12. not a list") == "12\\. not a list"
    assert safetext.markdown("> not a quote") == "\\> not a quote"
    assert safetext.markdown("a\n# b\n\n---") == "a \\# b ---"  # one line: no rule
    assert safetext.markdown("file_name.txt and Q&A") == "file_name.txt and Q&A"


def _tree_with_ids(folder: Path, node_id: str) -> Path:
    """A tree whose node id (a YAML key) is hostile: the model takes any text as a key."""
    trees = folder / "trees"
    trees.mkdir()
    (folder / "seeds").symlink_to(SEEDS)
    (trees / "evil.yaml").write_text(
        f"""id: evil
title: Evil
summary: Ids that try to add statements.
audience: [parents]
reviewed: 2026-11-01
start: {q(node_id)}
nodes:
  {q(node_id)}:
    question: "Pick one \\" ] ) --> x"
    options:
      - label: "A\\"| click x \\"javascript:alert(1)\\""
        next: end
      - label: B
        next: end
  end:
    outcome:
      title: End
      steps:
        - text: Have an honest talk with the school.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "{QUOTE}"
      contacts: []
""".replace("{QUOTE}", QUOTE),
        encoding="utf-8",
    )
    return trees


EVIL_ID = 'a["x"]\nclick a "javascript:alert(1)"\n%% ";\n}\ndigraph { "'


def test_graph_escapes_ids_and_labels(tmp_path):
    trees = _tree_with_ids(tmp_path, EVIL_ID)
    mermaid = cli("--trees", str(trees), "graph", "evil").stdout
    lines = mermaid.splitlines()
    assert not any(line.lstrip().startswith(("click", "%%", "digraph")) for line in lines)
    assert all(line.startswith(("flowchart TD", "    ")) for line in lines)
    node = safetext.mermaid_id("n", EVIL_ID)
    assert re.fullmatch(r"[a-z0-9_]+", node)
    assert f'    {node}("Pick one #quot; ] ) --#gt; x")' in lines
    assert f'    {node} -->|"A#quot;| click x #quot;javascript:alert(1)#quot;"| n_end' in lines
    dot = cli("--trees", str(trees), "graph", "evil", "--format", "dot").stdout
    # Every statement is on its own line and every string is closed on it.
    for line in dot.splitlines()[1:-1]:
        assert line.startswith("    ") and line.endswith(";"), line
        assert len(re.findall(r'(?<!\\)"', line)) % 2 == 0, line
    assert dot.startswith('digraph "evil" {\n') and dot.endswith("\n}\n")


def test_lint_flags_the_injected_tree(hostile):
    result = cli("--trees", str(hostile), "lint", "--format", "concise")
    out = result.stdout
    assert result.exit_code == 1
    unsafe = [line for line in out.splitlines() if "[unsafe-text]" in line]
    # title, summary, question, help, label, outcome title, step text; name, for
    assert len(unsafe) == 9, unsafe
    assert "this text holds a control character (`\\x1b`), which a terminal would act on" in out
    unsourced = [line for line in out.splitlines() if "[unsourced-detail]" in line]
    assert any("`https://evil.example/phish`" in line for line in unsourced)
    assert any("`javascript:alert(1`" in line for line in unsourced)
    assert any("`file:///etc/passwd`" in line for line in unsourced)


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("See [bold]this[/bold]", "`[bold]` looks like markup"),
        ("A [link](https://x.example) here", "looks like markup"),
        ("An <b>HTML</b> tag", "`<b>` looks like markup"),
        ("An &amp; entity", "`&amp;` looks like markup"),
        ("Right-to-left \u202e override", "a bidirectional override (`\\u202e`)"),
        ("A bell \x07 here", "a control character (`\\x07`)"),
    ],
)
def test_unsafe_text_rule(tmp_path, text, flagged):
    trees = hostile_folder(tmp_path, "")
    alpha = trees / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(q("Help "), q("Help " + text)),
        encoding="utf-8",
    )
    out = cli("lint", str(alpha), "--format", "concise").stdout
    assert [line for line in out.splitlines() if "[unsafe-text]" in line] == [
        line for line in out.splitlines() if flagged in line
    ]
    assert flagged in out


@pytest.mark.parametrize(
    "address",
    [
        "http://evil.example/x",
        "https://evil.example",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,hi",
        "evil.example",
        "www.phish.top/login",
        "ftp://files.example",
    ],
)
def test_unsourced_detail_catches_every_address(tmp_path, address):
    trees = hostile_folder(tmp_path, "")
    alpha = trees / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(q("Help "), q(f"Help: see {address} now")),
        encoding="utf-8",
    )
    out = cli("lint", str(alpha), "--format", "concise").stdout
    assert "[unsourced-detail] the web address `" in out, out
    assert address.rstrip("/").split("(")[0] in out


def test_unsourced_detail_passes_sourced_addresses_and_file_names(tmp_path):
    trees = hostile_folder(tmp_path, "")
    alpha = trees / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            q("Help "), q("Help: kooth.com, the leaflet.pdf and contacts.yaml, e.g. this.")
        ),
        encoding="utf-8",
    )
    out = cli("lint", str(alpha), "--format", "concise").stdout
    assert "[unsourced-detail]" not in out, out


# 2. Brackets in contact names and --save paths ---------------------------------------


@pytest.mark.parametrize("name", ["d[/x].md", "q[bold]x.md", "[link=x]p[/link].md"])
def test_save_path_with_brackets_saves_and_says_so_exactly(tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d[").mkdir()
    (tmp_path / "[link=x]p[").mkdir()
    result = cli(
        "run",
        "not-attending",
        "--answers",
        "-",
        "--save",
        name,
        input="what-is-happening: 2\ntalked-to-school: 1\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Saved your plan to {tmp_path / name}.\n"  # the full path
    assert (tmp_path / name).is_file()


def test_interactive_save_message_with_brackets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("run", "not-attending", "--plain", "--save", "q[bold]x.md", input="2\n1\n")
    assert result.exit_code == 0, result.output
    assert f"Saved your plan to {tmp_path / 'q[bold]x.md'}." in result.stdout
    assert (tmp_path / "q[bold]x.md").is_file() and not (tmp_path / "qx.md").exists()


# 3. Regular files only ----------------------------------------------------------------


def _folder_with(tmp_path: Path, make) -> Path:
    trees = tmp_path / "trees"
    trees.mkdir()
    (tmp_path / "seeds").symlink_to(SEEDS)
    for path in FIXTURES.glob("*.yaml"):
        (trees / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    make(trees / "x.yaml")
    return trees


def _canary(path: Path) -> None:
    outside = path.parent.parent / "outside.yaml"
    outside.write_text(f"id: x\ntitle: {CANARY}\nnodes: [{CANARY}]\n", encoding="utf-8")
    path.symlink_to(outside)


def _loop(path: Path) -> None:
    other = path.parent / "y.yml"
    path.symlink_to(other)
    other.symlink_to(path)


SPECIAL = {
    "fifo": (os.mkfifo, "is not a regular file (it is a device, pipe or socket)"),
    "dev-zero": (lambda p: p.symlink_to("/dev/zero"), "is a link to a file outside its folder"),
    "outside-link": (_canary, "is a link to a file outside its folder, so it was not read"),
    "link-loop": (_loop, "is a symbolic link that leads round in a loop"),
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
@pytest.mark.parametrize("command", ["list", "run", "lint", "show", "export"])
def test_special_files_are_reported_not_read(tmp_path, kind, command):
    make, message = SPECIAL[kind]
    trees = _folder_with(tmp_path, make)
    args = {
        "list": ["list"],
        "run": ["run", "x"],
        "lint": ["lint"],
        "show": ["show", "x"],
        "export": ["export"],
    }[command]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from signpost.cli import main; main()",
            "--trees",
            str(trees),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **ENV},
    )
    assert CANARY not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert message in done.stdout + done.stderr, (done.stdout, done.stderr)
    if command == "lint":
        assert done.returncode == 1
        assert f"x.yaml:1:1: error [unreadable-file] this path {message}" in done.stdout
    elif command == "list":  # the other trees are still listed, and the file is named
        assert done.returncode == 0, done.stderr
        assert done.stderr.count("\n") == 1
        assert done.stderr.startswith(f"signpost: {trees / 'x.yaml'}")
        assert "alpha" in done.stdout
    else:
        assert done.returncode == 3, done.stderr
        assert done.stderr.count("\n") == 1


def test_lint_reads_a_linked_file_inside_the_folder(tmp_path):
    trees = _folder_with(tmp_path, lambda p: p.symlink_to(p.parent / "alpha.yaml"))
    out = cli("lint", str(trees), "--format", "concise").stdout
    assert "[unreadable-file]" not in out
    assert any("x.yaml:" in line and "[id-file-mismatch]" in line for line in out.splitlines())


# 4. The same size limits everywhere; linear time ---------------------------------------


def test_lint_refuses_a_file_over_the_limit(tmp_path):
    trees = _folder_with(tmp_path, lambda p: p.write_bytes(b"# " + b"x" * (11 << 20) + b"\n"))
    result = cli("lint", str(trees / "x.yaml"), "--format", "concise")
    assert result.stdout == (
        f"{trees / 'x.yaml'}:1:1: error [unreadable-file] the file is 11.0 MB; tree files are "
        "limited to 10 MB — is this the right file?; lint a tree file or the folder of trees\n"
    )


def test_a_huge_quote_gets_no_closest_passage_and_is_quick(tmp_path):
    trees = hostile_folder(tmp_path, "")
    alpha = trees / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(
        text.replace(
            'quote: "If you’re struggling and need extra support, please do call 01305 228866."',
            "quote: " + q("lorem ipsum " * 90_000),
        ),
        encoding="utf-8",
    )
    started = time.monotonic()
    out = cli("lint", str(alpha), "--format", "concise").stdout
    assert time.monotonic() - started < 20
    assert "[quote-not-found] this quote is not in `000_cd7fdd44bcd59a55.txt`; nothing like" in out


def test_answers_from_dev_zero_and_endless_stdin(tmp_path):
    result = cli("run", "not-attending", "--answers", "/dev/zero")
    assert_one_line(result, 2, contains="the answers file is not a regular file")
    with open("/dev/zero", "rb") as zero:
        done = _endless(zero)
    assert done.returncode == 2
    assert done.stderr == (
        "signpost: error: <stdin>: the answers are more than 10 MB; "
        "give a mapping of question id to answer\n"
    )


def _endless(zero):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from signpost.cli import main; main()",
            "run",
            "not-attending",
            "--answers",
            "-",
        ],
        stdin=zero,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _chain(folder: Path, depth: int) -> Path:
    trees = folder / "trees"
    trees.mkdir()
    (folder / "seeds").symlink_to(SEEDS)
    lines = [
        "id: deep",
        "title: Deep",
        "summary: A deep chain.",
        "audience: [parents]",
        "reviewed: 2026-11-01",
        "start: q0",
        "nodes:",
    ]
    for i in range(depth):
        after = f"q{i + 1}" if i < depth - 1 else "end"
        lines += [
            f"  q{i}:",
            f"    question: Question {i}?",
            "    options:",
            "      - label: Go on",
            f"        next: {after}",
            "      - label: Stop",
            "        next: end",
        ]
    lines += [
        "  end:",
        "    outcome:",
        "      title: The end",
        "      steps:",
        "        - text: Have an honest talk with the school.",
        "          source:",
        "            doc: 000_cd7fdd44bcd59a55.txt",
        '            quote: "we always recommend you have an honest conversation with '
        "your child's education setting\"",
        "      contacts: []",
    ]
    (trees / "deep.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return trees


def test_show_on_a_chain_1000_questions_deep(tmp_path):
    trees = _chain(tmp_path, 1000)
    result = cli("--trees", str(trees), "show", "deep")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # the first question's own "Stop" is the last line; q999's is 999 levels deeper
    assert lines[-1] == "    \u201cStop\u201d \u2192 Outcome end: The end (shown above)"
    assert lines[2] == "  Question q0: Question 0?"
    deepest = max(len(line) - len(line.lstrip(" ")) for line in lines)
    assert deepest == 2 * 1002  # the tree, then 1,000 questions, then the outcome


# 5. Encodings ---------------------------------------------------------------------------


def _bad_seed(tmp_path: Path) -> Path:
    trees = tmp_path / "trees"
    trees.mkdir()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    doc = seeds / "000_cd7fdd44bcd59a55.txt"
    doc.write_bytes(doc.read_bytes().replace(b"honest", b"hon\xe9st", 1))
    for path in FIXTURES.glob("*.yaml"):
        (trees / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return trees


@pytest.mark.parametrize(
    "args",
    [("run", "alpha", "--answers", "-"), ("lint",), ("export",)],
    ids=" ".join,
)
def test_a_source_that_is_not_utf8_is_one_line_naming_file_and_line(tmp_path, args):
    trees = _bad_seed(tmp_path)
    doc = tmp_path / "seeds" / "000_cd7fdd44bcd59a55.txt"
    line = doc.read_bytes()[: doc.read_bytes().index(b"\xe9")].count(b"\n") + 1
    result = cli("--trees", str(trees), *args, input=ANSWERS)
    assert_one_line(result, 3)
    assert result.stderr == (
        f"signpost: error: {doc}:{line}: the source document is not UTF-8 text (byte 0xe9). "
        "Source documents are kept as published: restore this one from the original.\n"
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [("run", "camhs-refused", "--plain"), ("contacts",), ("show", "not-attending")],
    ids=" ".join,
)
def test_a_terminal_that_is_not_utf8_degrades(args, encoding, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "signpost", *args],
        input=b"1\n4\n",  # the first option (the urgent outcome), then Quit
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "100", "TERM": "dumb"},
    )
    err = done.stderr.decode(encoding, "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    assert done.returncode in (0, 130), err
    out = done.stdout.decode(encoding)  # what it printed, it printed in its encoding
    assert len(out) > 200
    if args[0] == "run":  # the plan screen, where it used to crash
        assert "What to do next:" in out and "Get urgent help now" in out
    assert list(tmp_path.iterdir()) == []


def test_a_settings_file_that_is_not_utf8(tmp_path):
    settings_file = tmp_path / "s.toml"
    settings_file.write_bytes(b"[lint]\n# caf\xe9\nmax-depth = 3\n")
    result = cli("lint", "--config", str(settings_file))
    assert result.stderr == (
        f"signpost: error: {settings_file}: the settings file is not UTF-8 text (byte 0xe9); "
        "save it as UTF-8 and try again\n"
    )
    assert result.exit_code == 2


# 6. Numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["\u00b2", "1" * 5000, "\u0663", "00000001"])
def test_odd_numbers_as_answers(answer):
    result = cli(
        "run",
        "not-attending",
        "--answers",
        "-",
        input=f"what-is-happening: {q(answer)}\ntalked-to-school: 1\n",
    )
    if answer == "00000001":  # eight digits: not a number a person types for an option
        assert_one_line(result, 2, contains="is not one of its options")
        return
    err = assert_one_line(result, 2, contains="is not one of its options")
    assert len(err) < 1200


def test_odd_numbers_at_the_plain_prompt():
    result = cli("run", "not-attending", "--plain", input="\u00b2\n" + "9" * 5000 + "\n2\n1\n4\n")
    assert result.exit_code in (0, 130), result.output
    assert result.stdout.count("Please type a number from 1 to 11, or one of ?, q.") == 2


def test_odd_numbers_in_a_scenario(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "tree: not-attending\nscenarios:\n  - name: odd\n"
        '    answers: {what-is-happening: "\u00b2", talked-to-school: "1"}\n'
        "    outcome: start-with-school\n",
        encoding="utf-8",
    )
    result = cli("--trees", str(ROOT / "trees"), "test", str(scenario))
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert result.exit_code == 1, result.output
    assert "the answer '\u00b2' for `what-is-happening` is not one of its options" in result.stdout


def test_stale_after_months_too_large(tmp_path):
    settings_file = tmp_path / "s.toml"
    settings_file.write_text("[lint]\nstale-after-months = 99999999999\n", encoding="utf-8")
    result = cli("lint", "--config", str(settings_file))
    assert result.stderr == (
        f"signpost: error: {settings_file}: `stale-after-months` should be a whole number "
        "from 1 to 12,000\n"
    )


def test_stale_review_on_the_first_day_there_is(tmp_path):
    result = cli("lint", "--as-of", "0001-01-01", "--format", "concise")
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert result.exit_code == 1  # every `reviewed` is in the future of year 1


@pytest.mark.parametrize("day", ["20260101", "2026-W01", "2026-1-1", "2026-01-01T00:00"])
def test_as_of_is_yyyy_mm_dd_only(day):
    result = cli("lint", "--as-of", day)
    assert (
        result.stderr == f"signpost: error: --as-of {day} is not a date; write it as YYYY-MM-DD\n"
    )
    assert result.exit_code == 2


def test_min_coverage_nan_is_refused():
    result = cli("test", str(ROOT / "tests" / "scenarios"), "--min-coverage", "nan")
    assert result.stderr == "signpost: error: --min-coverage must be a number from 0 to 100\n"
    assert result.exit_code == 2


# 7. Streams and signals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("lint",), ("show", "not-attending"), ("contacts",), ("run", "not-attending"), (), ("list",)],
    ids=lambda a: " ".join(a) or "menu",
)
def test_stdout_closed(args):
    done = subprocess.run(
        [sys.executable, "-c", "from signpost.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr == (
        "signpost: error: the output is closed, so nothing can be shown; run signpost with "
        "its output going to a terminal, a file or a pipe.\n"
    )


def test_stdin_closed():
    done = subprocess.run(
        [sys.executable, "-c", "from signpost.cli import main; main()", "run", "not-attending"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(0),
        env={**os.environ, **ENV},
    )
    assert done.returncode == 130
    assert done.stderr == "Stopped \u2014 nothing was saved.\n"


@pytest.mark.parametrize(
    "args",
    [
        ("contacts",),
        ("run", "not-attending", "--plain"),
        ("show", "not-attending"),
        ("export",),
        ("list",),
    ],
    ids=" ".join,
)
def test_a_closed_pipe_exits_141(args):
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from signpost.cli import main; main()", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


# `cli._end` skips the interpreter's teardown with os._exit: right only while nothing
# signpost runs asks for work at exit. A handler registered by signpost or by anything
# it imports would be skipped silently, so every registration is recorded here.
_RECORD_EXIT_HANDLERS = (
    "import atexit, sys\n"
    "real = atexit.register\n"
    "def record(func, *args, **kwargs):\n"
    "    sys.stderr.write(f'exit handler: {func!r}\\n')\n"
    "    return real(func, *args, **kwargs)\n"
    "atexit.register = record\n"
)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("lint",), ""),
        (("list",), ""),
        (("--help",), ""),
        (("contacts",), ""),
        (("export",), ""),
        (("run", "not-attending", "--plain", "--save", "plan.md"), "1\n1\n1\n1\n1\n1\nq\n"),
        (("site", "site"), ""),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, tuple) else "",
)
def test_nothing_asks_for_work_at_exit(tmp_path, args, stdin):
    done = run_main(
        args, _RECORD_EXIT_HANDLERS, input=stdin, cwd=tmp_path, env={**os.environ, **ENV}
    )
    assert done.returncode == 0, done.stderr
    assert "exit handler" not in done.stderr
    if "--save" in args:  # the plan a walk saves is all there though the process ends at once
        assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# ")
        assert done.stdout.endswith(f"Saved your plan to {tmp_path / 'plan.md'}.\n")


class Unhandled(Exception):
    """The signal reached the handler that was there before the save."""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_save_leaves_no_temporary_file(tmp_path, monkeypatch, signum):
    real_fsync = os.fsync

    def signalled(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signum)
        time.sleep(0.1)  # the handler runs here

    def unhandled(number, frame):
        raise Unhandled(number)

    monkeypatch.setattr(os, "fsync", signalled)
    if signum != signal.SIGINT:  # SIGINT is Python's KeyboardInterrupt already
        previous = signal.signal(signum, unhandled)  # not the test run's own death
    target = tmp_path / "plan.md"
    try:
        with pytest.raises(KeyboardInterrupt):
            save_text(target, "the whole plan\n")
        assert list(tmp_path.iterdir()) == []
        if signum != signal.SIGINT:
            assert signal.getsignal(signum) is unhandled  # put back after the save
    finally:
        if signum != signal.SIGINT:
            signal.signal(signum, previous)


def test_sigterm_in_a_real_save_exits_and_cleans_up(tmp_path):
    """A real process, stopped by SIGTERM while it writes: one line, 130, no file left."""
    fifo_stdin = subprocess.PIPE
    done = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, time\n"
            "real = os.fsync\n"
            "def slow(fd):\n"
            "    real(fd); print('SAVING', flush=True); time.sleep(30)\n"
            "os.fsync = slow\n"
            "from signpost.cli import main; main()",
            "run",
            "not-attending",
            "--answers",
            "-",
            "--save",
            str(tmp_path / "plan.md"),
        ],
        stdin=fifo_stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    done.stdin.write("what-is-happening: 2\ntalked-to-school: 1\n")
    done.stdin.close()
    for line in done.stdout:
        if line.startswith("SAVING"):
            break
    done.send_signal(signal.SIGTERM)
    err = done.stderr.read()
    assert done.wait(timeout=30) == 130
    assert err == "Stopped \u2014 nothing was saved.\n"
    assert list(tmp_path.iterdir()) == []


def test_a_name_too_long_to_save(tmp_path):
    result = cli(
        "run",
        "not-attending",
        "--answers",
        "-",
        "--save",
        str(tmp_path / ("a" * 300 + ".md")),
        input="what-is-happening: 2\ntalked-to-school: 1\n",
    )
    assert_one_line(result, 4, contains="cannot save the plan here (File name too long)")


def test_permission_denied_saving_and_reading_trees(tmp_path, monkeypatch):
    """As another user `--save /root/x.md` and `--trees /root/secret` meet EACCES: here the
    calls that would meet it raise it (the tests run as root, who is never refused)."""
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", refused)
        result = cli(
            "run",
            "not-attending",
            "--answers",
            "-",
            "--save",
            str(tmp_path / "x.md"),
            input="what-is-happening: 2\ntalked-to-school: 1\n",
        )
    assert_one_line(
        result, 4, contains=f"{tmp_path / 'x.md'}: cannot write in {tmp_path} (Permission denied)"
    )
    with monkeypatch.context() as patch:
        patch.setattr("signpost.savefile._save", refused)  # is_dir() or exists() refused
        result = cli(
            "run",
            "not-attending",
            "--answers",
            "-",
            "--save",
            str(tmp_path / "x.md"),
            input="what-is-happening: 2\ntalked-to-school: 1\n",
        )
    assert_one_line(result, 4, contains="cannot save the plan here (Permission denied)")
    with monkeypatch.context() as patch:
        patch.setattr(os, "listdir", refused)
        result = cli("--trees", str(tmp_path), "list")
    assert_one_line(
        result, 3, contains=f"cannot read the trees folder {tmp_path} (Permission denied)"
    )


# 8. Messages that mislead ---------------------------------------------------------------


def test_signpost_trees_pointing_at_a_file(tmp_path):
    file = tmp_path / "trees.yaml"
    file.write_text("x: 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["list"], env={**ENV, "SIGNPOST_TREES": str(file)})
    assert result.stderr == (
        f"signpost: error: the trees folder {file} is a file, not a folder. "
        "Check --trees or SIGNPOST_TREES.\n"
    )


def test_missing_seeds_folder_is_one_line(tmp_path):
    result = cli("lint", str(FIXTURES), "--seeds", str(tmp_path / "nowhere"))
    assert result.exit_code == 3
    assert result.stderr == (
        f"signpost: error: there is no seeds folder at {tmp_path / 'nowhere'}. Check --seeds "
        "or SIGNPOST_SEEDS, or put seeds/ beside the trees folder.\n"
    )
    assert result.stdout == ""


def test_empty_trees_folder_in_the_menu(tmp_path):
    result = cli("--trees", str(tmp_path), input="1\n")
    assert (result.exit_code, result.stderr) == (
        3,
        f"signpost: error: there are no trees to choose from in {tmp_path}. "
        "Check --trees or SIGNPOST_TREES.\n",
    )


def test_empty_answers_file(tmp_path):
    empty = tmp_path / "a.yaml"
    empty.write_text("", encoding="utf-8")
    result = cli("run", "not-attending", "--answers", str(empty))
    assert result.stderr == (
        f"signpost: error: {empty}: the answers file is empty; give a mapping of question id "
        "to answer, for example `talked-to-school: Not yet`\n"
    )


def test_raw_control_character_in_yaml(tmp_path):
    trees = hostile_folder(tmp_path, "")
    alpha = trees / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(q("Help "), "Help \x1b[2J"), encoding="utf-8"
    )
    line = next(n for n, text in enumerate(alpha.read_text().splitlines(), 1) if "\x1b" in text)
    result = cli("--trees", str(trees), "run", "alpha", input="1\n")
    assert result.stderr == (
        f"signpost: error: {alpha}:{line}:16: the file holds a control character (\\x1b), "
        "which YAML does not allow; remove it\n"
    )
    lint = cli("lint", str(alpha), "--format", "concise").stdout
    assert lint == (
        f"{alpha}:{line}:16: error [yaml-syntax] the file holds a control character (\\x1b), "
        "which YAML does not allow; remove it\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["lsit"],
            "no such command 'lsit'. Did you mean 'site', 'list', 'lint'? "
            "Run `signpost --help` to see what it takes.",
        ),
        (
            ["list", "--bogus"],
            "no such option: --bogus. Run `signpost list --help` to see what it takes.",
        ),
        (["run"], "missing argument 'TREE'. Run `signpost run --help` to see what it takes."),
        (
            ["show", "x", "--depth", "0"],
            "invalid value for '--depth': 0 is not in the range "
            "x>=1. Run `signpost show --help` to see what it takes.",
        ),
    ],
)
def test_click_usage_errors_are_signposts_one_line(args, message):
    done = run_main(args)
    assert (done.returncode, done.stderr) == (2, f"signpost: error: {message}\n")


# Property: any text in any field renders literally in every format ---------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_text_renders_literally_in_every_format(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("prop")
    trees = hostile_folder(folder, text)
    library = Library(trees, folder / "seeds")
    plan = make_plan(walk_scripted(library, "alpha", {"first": 2}))
    flat = " ".join(safetext.terminal(text).split())
    # plain text: the text, with its controls shown
    plain = plantext.text(plan)
    assert not UNSAFE.search(plain)
    assert safetext.terminal("Outcome " + text) in plain
    # Markdown: escaped, and the escapes undone give the text back
    markdown = plantext.markdown(plan)
    assert not UNSAFE.search(markdown)
    assert f"# {safetext.markdown('Outcome ' + text)}\n" in markdown
    assert _unescape(safetext.markdown(text)) == flat.lstrip() if flat else True
    # JSON: the very text
    data = json.loads(safetext.json_dumps(plan.to_dict()))
    assert data["outcome"]["title"] == "Outcome " + text
    assert data["contacts"][0]["name"] == "Team " + text
    # rich: no escape sequence but rich's own styles, no link
    console = Console(record=True, width=120, color_system="truecolor", force_terminal=True)
    console.print(outcome_screen(plan, 120))
    styled = console.export_text(styles=True)
    assert OSC_LINK not in styled
    assert not re.search("\x1b(?!\\[[0-9;]*m)", styled)
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", styled)
    # graph labels never end their string
    from signpost.reports.diagram import to_dot, to_mermaid

    tree = library.tree("alpha")
    for line in to_mermaid(tree).splitlines():
        assert line.count('"') % 2 == 0
    for line in to_dot(tree).splitlines():
        assert len(re.findall(r'(?<!\\)(?:\\\\)*"', line)) % 2 == 0 or '\\"' in line


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_readonly_file_is_never_changed_by_any_command(hostile, tmp_path, monkeypatch):
    """Every command over the hostile folder leaves its files and an existing plan as they
    were, and `--save` onto an existing file refuses."""
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in hostile.iterdir()}
    existing = tmp_path / "plan.md"
    existing.write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in COMMANDS:
        cli("--trees", str(hostile), *args)
    result = cli(
        "--trees",
        str(hostile),
        "run",
        "alpha",
        "--answers",
        "-",
        "--save",
        str(existing),
        input=ANSWERS,
    )
    assert result.exit_code == 4
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in hostile.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]
    assert stat.S_ISREG(existing.stat().st_mode)


def test_a_huge_title_is_refused_by_list_and_flagged_by_lint(tmp_path):
    trees = hostile_folder(tmp_path, "")
    beta = trees / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(
            "title: Beta situation", "title: " + q("Beta " + "x" * 5_000_000)
        ),
        encoding="utf-8",
    )
    started = time.monotonic()
    result = cli("--trees", str(trees), "list")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0  # the other trees are still listed
    assert result.stderr == (
        f"signpost: {beta}:2:8 cannot be read (title: is 5,000,005 characters long; a text "
        f"is at most 10,000), so it is not shown here; run `signpost lint {beta}` for the "
        "details.\n"
    )
    lint = cli("lint", str(beta), "--format", "concise").stdout
    assert (
        f"{beta}:2:8: error [unsafe-text] this text is 5,000,005 characters long; signpost "
        "refuses text longer than 10,000 characters — is this the right file?\n"
    ) in lint


def test_the_plain_walk_shows_header_questions_and_options_literally(hostile):
    result = cli("--trees", str(hostile), "run", "alpha", "--plain", input="?\n2\n4\n")
    assert result.exit_code == 0, result.output
    assert_literal(result.stdout)
    out = result.stdout
    assert f"Alpha {VISIBLE}\nSummary {VISIBLE}\n" in out
    assert f"\nQuestion {VISIBLE}\n" in out
    assert f"  2. No {VISIBLE}\n" in out
    assert f"Why are we asking? Help {VISIBLE}" in out


def test_export_node_order_takes_linear_time():
    """30,000 questions and 30,001 outcomes, built as data: the booklet's node order looked
    each option up in a list (60,000 nodes took over two minutes); with a set, ms."""
    import datetime as dt

    from signpost.content.model import Option, Outcome, Question, Source, Step, Tree
    from signpost.reports.export import node_order

    n = 30_000
    nodes: dict = {}
    for i in range(n):
        a, b = (f"q{c}" if c < n else f"o{c}" for c in (2 * i + 1, 2 * i + 2))
        nodes[f"q{i}"] = Question(f"q{i}", f"Question {i}?", (Option("A", a), Option("B", b)))
    step = Step("Talk to the school.", Source("000_cd7fdd44bcd59a55.txt", QUOTE))
    for j in range(n, 2 * n + 1):
        nodes[f"o{j}"] = Outcome(f"o{j}", f"End {j}", (step,))
    tree = Tree("wide", "Wide", "A wide tree.", ("parents",), dt.date(2026, 11, 1), "q0", nodes)
    started = time.monotonic()
    order = node_order(tree)
    assert time.monotonic() - started < 1
    assert order[:4] == ["q0", "q1", "q2", "q3"] and len(order) == 2 * n + 1
    assert sorted(order) == sorted(nodes)


def test_the_straight_there_command_cannot_carry_a_shell_command(tmp_path):
    """Beyond the issue: `search` prints a shell line to copy; a node id held a `'` and
    a command of its own. Quoted for the shell, the line walks straight there instead."""
    canary = tmp_path / "PWNED"
    trees = _tree_with_ids(tmp_path, f"x'; touch {canary}; echo '")
    out = cli("--trees", str(trees), "search", "end").stdout
    line = next(s for s in out.splitlines() if "straight there: " in s).split(": ", 1)[1]
    runner = f"{sys.executable} -c 'from signpost.cli import main; main()' --trees {trees} run"
    done = subprocess.run(
        line.replace("signpost run", runner),
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert not canary.exists()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("End\n")


def test_an_answer_of_thousands_of_digits_unquoted(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("what-is-happening: " + "1" * 5000 + "\ntalked-to-school: 1\n")
    result = cli("run", "not-attending", "--answers", str(answers))
    assert result.stderr == (
        f"signpost: error: {answers}:1:20: cannot read this value (a number of thousands of "
        "digits; put it in quotes if it is text)\n"
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=30).filter(lambda t: t.strip()))
def test_any_text_is_literal_in_every_command(tmp_path_factory, text):
    trees = hostile_folder(tmp_path_factory.mktemp("prop"), text)
    shown = safetext.terminal(text)
    for args in COMMANDS:
        result = cli("--trees", str(trees), *args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert not RAW.search(result.stdout), args
        assert "Traceback" not in result.output
    paths = json.loads(cli("--trees", str(trees), "paths", "alpha", "--format", "json").stdout)
    assert any(a["answer"] == "No " + text for r in paths["routes"] for a in r["answers"])
    exported = json.loads(cli("--trees", str(trees), "export").stdout)
    assert exported["trees"][0]["title"] == "Alpha " + text
    outline = cli("--trees", str(trees), "show", "alpha").stdout
    if "\n" not in text:
        assert f"Question first: Question {shown}" in outline


@pytest.mark.parametrize("kind", ["fifo", "device-link", "link"])
def test_force_never_replaces_what_is_not_a_regular_file(tmp_path, kind):
    """Beyond the issue: `--save /dev/null --force` as root replaced the device with a
    file. A pipe, a device or a link is refused and left as it was."""
    target = tmp_path / "out.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device-link":
        target.symlink_to("/dev/null")
    else:
        (tmp_path / "real.md").write_text("mine\n", encoding="utf-8")
        target.symlink_to(tmp_path / "real.md")
    before = os.lstat(target)
    result = cli(
        "run",
        "not-attending",
        "--answers",
        "-",
        "--save",
        str(target),
        "--force",
        input="what-is-happening: 2\ntalked-to-school: 1\n",
    )
    assert_one_line(
        result,
        4,
        contains=f"{target}: is not a regular file (it is a link, device "
        "or pipe), so it was not replaced",
    )
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_answers_from_a_pipe_the_person_chose():
    """`--answers <(...)` is a pipe: still read (up to the limit), unlike a tree file."""
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"{sys.executable} -c 'from signpost.cli import main; main()' run "
            "not-attending --answers <(printf 'what-is-happening: 2\\ntalked-to-school: 1\\n')",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Start with an honest conversation with the school\n")


def test_the_arrow_menu_shows_hostile_text_literally(hostile):
    """The questionary menu (prompt_toolkit) gets the escaped text: what it draws holds
    the escapes as characters, never the tree's own sequences."""
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from signpost.ui.prompts import ArrowPrompter
    from signpost.ui.session import Terminal, run_walk

    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=200), term="xterm")
    console = Console(record=True, width=120, color_system=None, force_terminal=False)
    library = Library(hostile, hostile.parent / "seeds")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text("\x1b[B\rq")  # "No ..." -> the outcome; then q at the bar: Quit
        pipe.close()
        plan = run_walk(library, "alpha", Terminal(console, ArrowPrompter(), plain=False))
    assert plan is not None and plan.outcome.id == "talk-to-school"
    screen = drawn.getvalue()
    assert "pwned\x07" not in screen and "\u202e" not in screen and OSC_LINK not in screen
    assert "\\x1b]0;pwned\\x07" in screen


def test_a_full_disk_while_saving_is_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cli(
        "run",
        "not-attending",
        "--answers",
        "-",
        "--save",
        str(tmp_path / "p.md"),
        input="what-is-happening: 2\ntalked-to-school: 1\n",
    )
    assert_one_line(
        result,
        4,
        contains=f"{tmp_path / 'p.md'}: could not save the plan (No space left on device)",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_line_break_in_a_one_line_field_is_flagged(tmp_path):
    trees = hostile_folder(tmp_path, "")
    contacts = trees / "contacts.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace(q("Team "), q("Team\n  Phone: 0800 000 000")),
        encoding="utf-8",
    )
    out = cli("lint", str(contacts), "--format", "concise").stdout
    assert (
        "error [unsafe-text] this `name` holds a line break, but it is shown as one line; a "
        "second line here can pass for another (such as a phone number) — write it on one line"
    ) in out


@pytest.mark.parametrize(
    "old, new",
    [
        ("doc: 000_cd7fdd44bcd59a55.txt", "doc: ../outside.txt"),
        ("tree: beta", "tree: ../outside"),
        ("contacts: [dorset-send-team]", "contacts: [../outside]"),
    ],
)
def test_a_tree_cannot_name_a_file_outside_its_folders(tmp_path, old, new):
    """What the issue found to hold already, kept so: a tree's own names never reach a
    file outside the trees and seeds folders."""
    trees = hostile_folder(tmp_path / "in", "")
    (tmp_path / "in" / "outside.txt").write_text(CANARY, encoding="utf-8")
    (tmp_path / "in" / "outside.yaml").write_text(f"id: outside\ntitle: {CANARY}\n")
    alpha = trees / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    for args in (("run", "alpha", "--answers", "-"), ("export",), ("lint",), ("show", "alpha")):
        result = cli("--trees", str(trees), *args, input="first: 2\n")
        assert CANARY not in result.output, args
        assert "Traceback" not in result.output
