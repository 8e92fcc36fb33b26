"""The language server given what a buggy or hostile client sends: a code action whose
`data` is not the fix the server made, a URI with a NUL in it, a URI naming a pipe or a
device. Each gets an answer (never an error with a traceback, never a hang), and the
server carries on."""

import os
import shutil
import signal
from pathlib import Path

import pytest
from conftest import ROOT
from lsp_client import Client

pytest.importorskip("pygls")


@pytest.fixture
def server(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", tmp_path / "trees")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    client = Client(tmp_path)
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.notify("initialized", {})

    def too_long(*_):
        raise TimeoutError("the server did not answer within 30 seconds")

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)
    try:
        yield client
        signal.alarm(30)  # a server stuck in the test would not answer `shutdown` either
        code = client.close()
    finally:
        signal.alarm(0)
        if client.proc.poll() is None:
            client.proc.kill()
    assert code == 0


def still_answers(client, folder):
    """The server is alive and right: a hover on alpha's first node id."""
    alpha = (folder / "trees" / "alpha.yaml").as_uri()
    found = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": alpha}, "position": {"line": 5, "character": 8}},
    )
    assert found == {
        "contents": {"kind": "markdown", "value": "**Question** `first`: Has your child been "
                     "in school this week?"},
    }  # fmt: skip


RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}


@pytest.mark.parametrize(
    "data",
    [
        {"fix": {"message": "replace"}},
        {"fix": "boom"},
        {"fix": {"message": "x", "edits": [{"line": "a"}]}},
        {"fix": {"message": "x", "edits": "no"}},
        {"fix": {"edits": [{"line": 1, "column": 1, "end_line": 1, "end_column": 2,
                            "text": "x"}]}},
    ],
    ids=["no-edits", "a-string", "a-bad-edit", "edits-a-string", "no-message"],
)  # fmt: skip
def test_a_code_action_whose_data_is_not_a_fix_offers_nothing(server, tmp_path, data):
    """The client sends back the `data` the server put on a diagnostic; one that is not
    a fix the server made was a KeyError or TypeError, sent back with its traceback."""
    alpha = (tmp_path / "trees" / "alpha.yaml").as_uri()
    diagnostic = {"range": RANGE, "message": "m", "code": "unknown-key", "data": data}
    actions = server.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": alpha}, "range": RANGE,
         "context": {"diagnostics": [diagnostic]}},
    )  # fmt: skip
    assert actions == []
    still_answers(server, tmp_path)


def test_a_uri_with_a_nul_is_a_buffer_of_its_own(server, tmp_path):
    """`file:///…/%00x.yaml` was `ValueError: embedded null byte`, shown to the author
    as an error of the server; it is linted alone, as an untitled buffer is."""
    uri = (tmp_path / "trees").as_uri() + "/%00x.yaml"
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "id: x\n"}},
    )
    found = server.notification("textDocument/publishDiagnostics")
    assert found["uri"] == uri
    assert [d["code"] for d in found["diagnostics"]] == ["missing-key"]
    assert not [n for n in server.notifications if n["method"] == "window/showMessage"]
    still_answers(server, tmp_path)


def test_a_uri_naming_a_pipe_is_not_read(server, tmp_path):
    """A hover in a file the editor never opened reads it from disk: a named pipe
    blocked the server for ever."""
    target = tmp_path / "trees" / "pipe.yaml"
    os.mkfifo(target)
    uri = target.as_uri()
    position = {"line": 0, "character": 0}
    assert server.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
    ) is None  # fmt: skip
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert server.notification("textDocument/publishDiagnostics")["uri"] == uri
    still_answers(server, tmp_path)


def test_a_device_a_folder_or_a_nul_names_no_file_to_read(tmp_path):
    """/dev/zero would fill the server's memory; a folder is not a tree."""
    from signpost.lsp import path_of

    buffer = Path("/nonexistent-signpost-buffer")
    assert path_of("file:///dev/zero") == buffer / "zero"
    assert path_of(tmp_path.as_uri()) == buffer / tmp_path.name
    assert path_of((tmp_path / "a%00b.yaml").as_uri().replace("%2500", "%00")) == (
        buffer / "ab.yaml"
    )
    assert path_of((tmp_path / "new.yaml").as_uri()) == tmp_path / "new.yaml"
    assert path_of("file:///" + "x" * 5000 + ".yaml") == buffer / ("x" * 5000 + ".yaml")


def test_a_message_claiming_gigabytes_is_one_line_not_an_internal_error(tmp_path):
    """pygls reads a whole Content-Length at once: 99999999999 was a MemoryError (exit
    70, an internal error); a length the machine could hold would wait for ever."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "signpost", "lsp"],
        input=b"Content-Length: 99999999999\r\n\r\n{}",
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == (
        "signpost: error: the editor sent a message of 99999999999 bytes, more than the 64 MB "
        "the server reads. Check the editor's language client; it should send Content-Length "
        "and the JSON.\n"
    )


def test_go_to_a_tree_that_is_a_pipe_answers(server, tmp_path):
    """`tree: beta` where beta.yaml is a named pipe: the definition's range was worked
    out by reading the pipe, which never ends."""
    beta = tmp_path / "trees" / "beta.yaml"
    beta.unlink()
    os.mkfifo(beta)
    found = _ask_at_tree_beta(server, tmp_path, "textDocument/definition")
    start = {"line": 0, "character": 0}
    assert found == {"uri": beta.as_uri(), "range": {"start": start, "end": start}}


@pytest.mark.parametrize("kind", ["pipe", "device", "too-large"])
def test_hover_on_a_tree_that_is_not_a_readable_file_answers_nothing(server, tmp_path, kind):
    """Hover on `tree: beta` read beta.yaml whatever it was: a named pipe hung the server,
    /dev/zero behind a link would fill its memory. Only a regular file of at most the
    loader's 10 MB is read; anything else has no hover."""
    beta = tmp_path / "trees" / "beta.yaml"
    beta.unlink()
    if kind == "pipe":
        os.mkfifo(beta)
    elif kind == "device":
        beta.symlink_to("/dev/zero")
    else:
        beta.write_text("id: beta\n" + "#" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    found = _ask_at_tree_beta(server, tmp_path, "textDocument/hover")
    assert found is None
    still_answers(server, tmp_path)


def _ask_at_tree_beta(server, tmp_path, method: str):
    """Open alpha.yaml and ask `method` (definition, hover) at its `tree: beta`."""
    alpha = tmp_path / "trees" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": alpha.as_uri(), "languageId": "yaml", "version": 1,
                          "text": text}},
    )  # fmt: skip
    line = text.splitlines().index("        tree: beta")
    return server.request(
        method,
        {"textDocument": {"uri": alpha.as_uri()}, "position": {"line": line, "character": 15}},
    )
