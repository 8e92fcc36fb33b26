"""Bad input, faults and interruptions: each gives one clear line and a documented exit
code, never a traceback, never runs code from YAML, never loses or leaks answers."""

import contextlib
import io
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from typer.testing import CliRunner

from signpost import savefile
from signpost.cli import app
from signpost.content.library import Library
from signpost.content.yamlfile import load_text
from signpost.errors import SignpostError, Stopped
from signpost.ui.prompts import ArrowPrompter, PlainPrompter
from signpost.ui.session import Terminal, run_walk
from signpost.walk import plan as plan_module

FIXTURES = ROOT / "tests" / "fixtures" / "trees"
SEEDS = str(ROOT / "seeds")


def run_tree(folder: Path, text, tree="bad", *args):
    path = folder / f"{tree}.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(
        app,
        ["--trees", str(folder), "run", tree, *args],
        env={"TERM": "dumb", "SIGNPOST_SEEDS": SEEDS},
    )


def one_line_error(result, code, expected):
    assert result.exit_code == code, result.output
    assert result.stderr == f"signpost: error: {expected}\n"
    assert "Traceback" not in result.output


VALID_HEAD = "id: bad\ntitle: T\nsummary: S\naudience: [parents]\nreviewed: 2026-01-01\n"


@pytest.mark.parametrize(
    "text, where, message",
    [
        (
            "id: bad\nnodes: [\n",
            "3:1",
            "did not find expected node content (while parsing a flow node)",
        ),
        ("", "1:1", "the file is empty; a tree needs at least `id` and `nodes`"),
        ("- a\n- b\n", "1:1", "should be a mapping of keys to values, not a list"),
        ("just words\n", "1:1", "should be a mapping of keys to values, not text"),
        (
            "id: bad\nid: again\n",
            "2:1",
            "the key `id` appears twice (first on line 1); YAML would "
            "silently keep only one — remove or rename one of them",
        ),
        (
            "a: &x [1, 2]\nb: *x\n",
            "2:4",
            "anchors and aliases (`&name`, `*name`) are not allowed in "
            "tree files; write the value out in full",
        ),
        (
            "id: !!python/object/apply:os.system [echo pwned]\n",
            "1:5",
            "the tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed in "
            "tree files",
        ),
        (
            "id: !!python/name:os.system ''\n",
            "1:5",
            "the tag `tag:yaml.org,2002:python/name:os.system` is not allowed in tree files; "
            "remove it and write plain text",
        ),
        (
            VALID_HEAD
            + "start: nowhere\nnodes:\n  a:\n    outcome:\n      title: A\n      steps:\n"
            "        - text: t\n          source: {doc: x.txt, quote: q}\n",
            "6:8",
            "start: names the node `nowhere`, which is not in `nodes`",
        ),
        (
            VALID_HEAD + "start: a\nnodes:\n  a:\n    question: Q?\n    options:\n"
            "      - label: One\n        next: gone\n      - label: Two\n        next: a\n",
            "12:15",
            "nodes.a.options[0].next: leads to `gone`, which is not a node of this tree",
        ),
        (
            VALID_HEAD + "start: a\nnodes:\n  a:\n    question: Q?\n    options:\n"
            "      - label: Yes\n        next: a\n",
            "11:16",
            "nodes.a.options[0].label: reads as true/false, not text; put it in quotes, "
            'for example `"Yes"`',
        ),
    ],
)
def test_broken_tree_files(tmp_path, text, where, message):
    result = run_tree(tmp_path, text)
    hint = (
        ""
        if message.startswith(("did not", "the file is empty", "the key", "anchors", "the tag"))
        else ". Run `signpost lint` for the full list of problems."
    )
    one_line_error(result, 3, f"{tmp_path / 'bad.yaml'}:{where}: {message}{hint}")


def test_not_utf8_and_binary(tmp_path):
    result = run_tree(tmp_path, b"id: caf\xe9\n")
    one_line_error(
        result,
        3,
        f"{tmp_path / 'bad.yaml'}:1:8: the file is not UTF-8 text "
        "(byte 0xe9); save it as UTF-8 and try again",
    )
    result = run_tree(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00")
    one_line_error(
        result,
        3,
        f"{tmp_path / 'bad.yaml'}:1:1: the file is not UTF-8 text "
        "(byte 0x89); save it as UTF-8 and try again",
    )
    result = run_tree(tmp_path, b"id: x\x00y\n")
    one_line_error(
        result, 3, f"{tmp_path / 'bad.yaml'}:1:1: the file holds binary data, not YAML text"
    )


def test_billion_laughs_is_refused_at_once(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    result = run_tree(tmp_path, "\n".join(lines) + "\n")
    one_line_error(
        result,
        3,
        f"{tmp_path / 'bad.yaml'}:2:10: anchors and aliases (`&name`, "
        "`*name`) are not allowed in tree files; write the value out in full",
    )


def test_deeply_nested_yaml(tmp_path):
    # Whichever parser stops first (ours at level 51, libyaml >= 0.2.6 at its own
    # limit), the message is signpost's; the column depends on libyaml, so the test
    # asserts the file and line only.
    result = run_tree(tmp_path, "x: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n")
    assert result.exit_code == 3, result.output
    assert re.fullmatch(
        rf"signpost: error: {re.escape(str(tmp_path / 'bad.yaml'))}:1:\d+: the YAML is nested"
        r" more than 50 levels deep; a tree needs far fewer\n",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.output


def test_very_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "bad.yaml"
    with open(path, "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: 30 MB without writing them
    result = CliRunner().invoke(app, ["--trees", str(tmp_path), "run", "bad"], env={"TERM": "dumb"})
    one_line_error(
        result,
        3,
        f"{path}:1:1: the file is 30.0 MB; tree files are limited to 10 MB "
        "— is this the right file?",
    )


def test_tree_that_links_to_a_missing_tree_fails_before_moving(tmp_path):
    text = (
        VALID_HEAD + "start: a\nnodes:\n  a:\n    question: Q?\n    options:\n"
        "      - label: One\n        tree: nowhere\n      - label: Two\n        next: b\n"
        "  b:\n    outcome:\n      title: B\n      steps:\n        - text: t\n"
        "          source: {doc: 000_cd7fdd44bcd59a55.txt, quote: Every child has the right "
        "to an education.}\n"
    )
    result = run_tree(tmp_path, text, "bad", "--answers", "-")
    assert result.exit_code == 2  # no answer given for `a`
    result = CliRunner().invoke(
        app,
        ["--trees", str(tmp_path), "run", "bad", "--answers", "-"],
        input="a: One\n",
        env={"SIGNPOST_SEEDS": SEEDS},
    )
    one_line_error(
        result, 2, "there is no tree called `nowhere`. Run `signpost list` to see the trees."
    )


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "alpha/../alpha", "ALPHA", "alpha.yaml", "", "contacts"],
)
def test_tree_names_are_ids_never_paths(name):
    result = CliRunner().invoke(app, ["--trees", str(FIXTURES), "run", name])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"signpost: error: there is no tree called `{name}`.")


def test_missing_trees_folder():
    result = CliRunner().invoke(app, ["--trees", "/nonexistent/trees", "list"])
    one_line_error(
        result,
        2,
        "the trees folder /nonexistent/trees does not exist. Check --trees or SIGNPOST_TREES.",
    )


def test_save_where_nothing_can_be_written():
    result = CliRunner().invoke(
        app,
        ["--trees", str(FIXTURES), "run", "alpha", "--answers", "-", "--save", "/proc/plan.md"],
        input="first: 2\n",
    )
    assert result.exit_code == 4
    assert result.stderr.startswith("signpost: error: /proc/plan.md: cannot write in /proc (")


def test_save_is_atomic_when_interrupted(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(savefile.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        savefile.save_text(tmp_path / "plan.md", "x" * 100_000)
    assert list(tmp_path.iterdir()) == []  # neither half a plan nor a temporary file


def test_save_never_clobbers_even_if_the_file_appears_meanwhile(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"
    real_link = os.link

    def racing_link(src, dst):
        Path(dst).write_text("someone else's")
        return real_link(src, dst)

    monkeypatch.setattr(savefile.os, "link", racing_link)
    with pytest.raises(SignpostError, match="already exists, so it was not replaced"):
        savefile.save_text(target, "mine")
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def _pipe_walk(keys):
    library = Library(FIXTURES, ROOT / "seeds")
    term = Terminal(Console(color_system=None, width=80, record=True), ArrowPrompter())
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        return term, run_walk(library, "alpha", term)


@pytest.mark.parametrize(
    "keys",
    [
        "\x03",  # at the first question
        "\r\x03",  # at a later question
        "\x1b[B\r\x03",  # at the bar under the plan
    ],
)
def test_ctrl_c_at_every_kind_of_prompt(keys):
    with pytest.raises(Stopped):
        _pipe_walk(keys)


def test_ctrl_c_at_the_save_prompt_cancels_the_save_only():
    # No -> outcome; Enter at the bar = Save; Ctrl-C at "Save the plan as"; then end of input
    term, plan = _pipe_walk("\x1b[B\r\r\x03")
    assert plan.outcome.id == "talk-to-school"  # the walk went on: back at the bar, then EOF
    assert "Not saved." in term.console.export_text()


def test_ctrl_c_at_the_replace_confirmation(tmp_path):
    existing = tmp_path / "plan.md"
    existing.write_text("keep")
    # No -> outcome; Save; clear the default name and type the existing path; Ctrl-C at confirm
    term, _ = _pipe_walk("\x1b[B\r\r" + "\x7f" * 200 + f"{existing}\r\x03")
    assert existing.read_text() == "keep"
    assert "Not saved." in term.console.export_text()


def test_plain_prompter_ctrl_c_and_eof():
    class Interrupting:
        def readline(self):
            raise KeyboardInterrupt

    class Sink:
        def write(self, text):
            pass

        def flush(self):
            pass

    from signpost.ui.menu import Menu

    with pytest.raises(Stopped):
        PlainPrompter(Interrupting(), Sink()).choose(Menu("Q?", ("a", "b")))
    import io

    with pytest.raises(Stopped):
        PlainPrompter(io.StringIO(""), Sink()).choose(Menu("Q?", ("a", "b")))


def test_no_socket_is_opened_during_a_walk(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("signpost tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    result = CliRunner().invoke(
        app, ["--trees", str(FIXTURES), "run", "alpha"], input="1\n2\n4\n", env={"TERM": "dumb"}
    )
    assert result.exit_code == 0
    assert "\nCall the council team\n\nSituation: Alpha situation\n" in result.stdout


def test_unexpected_error_is_one_line_unless_debug(monkeypatch):
    def bug(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(plan_module, "make_plan", bug)
    args = ["--trees", str(FIXTURES), "run", "alpha", "--answers", "-"]
    result = CliRunner().invoke(app, args, input="first: 2\n")
    assert result.exit_code == 70
    assert result.stderr == (
        "signpost: internal error: RuntimeError: boom. This is a bug in "
        "signpost 0.1.0; please report it, with the output of the same "
        "command run with --debug.\n"
    )
    result = CliRunner().invoke(app, ["--debug", *args], input="first: 2\n")
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1", "TERM": "xterm-256color"},
    ],
)
def test_real_process_in_odd_environments(env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    result = subprocess.run(
        [sys.executable, "-m", "signpost", "--trees", str(FIXTURES), "run", "alpha"],
        input="2\nq\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **env},
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "\nTalk to the school\n\nSituation: Alpha situation\n" in result.stdout
    assert "Goodbye. Nothing you answered was stored or sent." in result.stdout


# Property: whatever text a tree file holds, loading it raises only our own errors.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_loader_raises_only_signpost_errors_on_any_text(text):
    try:
        doc = load_text(text, "t.yaml")
    except SignpostError:
        return
    for mark in list(doc.values.values()) + list(doc.keys.values()):
        assert 1 <= mark.line <= max(1, len(text.splitlines()) + 1)
        assert mark.column >= 1


yaml_scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none())
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "summary", "audience", "reviewed", "start", "nodes", "order", "menu"]
        ),
        yaml_values,
    )
)
def test_tree_builder_raises_only_signpost_errors_on_tree_shaped_data(data):
    import yaml

    from signpost.content.model import build_tree

    text = yaml.safe_dump(data, allow_unicode=True)
    with contextlib.suppress(SignpostError):
        build_tree(load_text(text, "t.yaml"))


def test_output_closed_early_is_quiet_with_141(tmp_path):
    # A reader that has gone before the first write, as `signpost lint --format json |
    # head -c 0` on a big tree: the read end is closed before the process starts, so
    # every write fails, whatever the timing. Run in its own process: the handler points
    # that process's stdout at /dev/null.
    from bigtree import tree_yaml

    (tmp_path / "big.yaml").write_text(tree_yaml(2000))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "signpost", "lint", "--format", "json", str(tmp_path)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert proc.stderr == ""


def test_plain_ctrl_c_at_the_save_prompt_cancels_the_save_only(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # where the plan would be saved by default

    class Lines:
        """Typed lines, with Ctrl-C where None stands."""

        def __init__(self, *lines):
            self.lines = list(lines)

        def readline(self):
            line = self.lines.pop(0) if self.lines else ""
            if line is None:
                raise KeyboardInterrupt
            return line

    out = io.StringIO()
    console = Console(file=out, color_system=None, width=80)
    term = Terminal(console, PlainPrompter(Lines("2\n", "s\n", None, "q\n"), out), plain=True)
    plan = run_walk(Library(FIXTURES, ROOT / "seeds"), "alpha", term)
    assert plan.outcome.id == "talk-to-school"
    text = out.getvalue()
    assert f"Save the plan as (a file name or path) [{tmp_path}/signpost-plan-alpha-" in text
    assert "\nNot saved.\n" in text
    assert text.rstrip().endswith("Goodbye. Nothing you answered was stored or sent.")
    assert list(tmp_path.iterdir()) == []
