"""`signpost lsp` after a run of edits, as an editor makes them: its diagnostics for a
file are exactly `signpost lint`'s for the same text, also after edits that change
what other files read (a link that closes a loop between trees, then opens it again; a
contact id renamed in the catalogue). The server re-checks only the edited file and
keeps what it read of the others: these tests catch a finding it kept too long or
left out. And an edit sent as a range (incremental sync, as editors send it) gives
the same diagnostics as the whole text."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from lsp_client import Client

pytest.importorskip("pygls")


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", tmp_path / "trees")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    # Rules that are off by default, on: more findings that read the catalogue.
    (tmp_path / ".signpost.toml").write_text(
        '[lint.rules]\nunreachable-contact = "error"\nunexplained-word = "warning"\n'
    )
    return tmp_path


@pytest.fixture
def server(folder):
    client = Client(folder)
    result = client.request(
        "initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}
    )
    assert result["capabilities"]["textDocumentSync"]["change"] == 2  # Incremental
    client.notify("initialized", {})
    yield client
    assert client.close() == 0


class Editor:
    """Open files in the server and edit them, keeping the text it should now hold."""

    def __init__(self, server, folder):
        self.server, self.folder = server, folder
        self.texts: dict[str, str] = {}
        self.version = 1

    def uri(self, name):
        return (self.folder / "trees" / name).as_uri()

    def open(self, name):
        self.texts[name] = (self.folder / "trees" / name).read_text(encoding="utf-8")
        document = {"uri": self.uri(name), "languageId": "yaml", "version": 1}
        document["text"] = self.texts[name]
        self.server.notify("textDocument/didOpen", {"textDocument": document})
        return self.published(name)

    def change(self, name, old, new, incremental=True):
        """Replace the first `old` in the file by `new`: as the range it spans (lines
        and UTF-16 units, as the protocol counts), or as the whole text."""
        text = self.texts[name]
        assert old in text, old
        start = text.index(old)
        self.texts[name] = text[:start] + new + text[start + len(old) :]
        if incremental:
            span = {"start": _position(text, start), "end": _position(text, start + len(old))}
            changes = [{"range": span, "text": new}]
        else:
            changes = [{"text": self.texts[name]}]
        self.version += 1
        document = {"uri": self.uri(name), "version": self.version}
        params = {"textDocument": document, "contentChanges": changes}
        self.server.notify("textDocument/didChange", params)
        return self.published(name)

    def save(self, name):
        """Write every edited file (so `signpost lint` reads what the server holds) and
        tell the server `name` was saved: it publishes that file's diagnostics again."""
        for other, text in self.texts.items():
            (self.folder / "trees" / other).write_text(text, encoding="utf-8")
        self.server.notify("textDocument/didSave", {"textDocument": {"uri": self.uri(name)}})
        return self.published(name)

    def published(self, name):
        found = self.server.notification("textDocument/publishDiagnostics")
        assert found["uri"] == self.uri(name)
        lines = self.texts[name].splitlines()
        return [_from_server(d, lines) for d in found["diagnostics"]]

    def linted(self, name):
        """What `signpost lint --format json trees/` (the whole folder) finds in the file,
        after writing every edited file to disk."""
        for other, text in self.texts.items():
            (self.folder / "trees" / other).write_text(text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "signpost", "lint", "--format", "json", "trees/"],
            cwd=self.folder, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr  # the fixtures have findings
        found = json.loads(done.stdout)["diagnostics"]
        return [_from_lint(d) for d in found if d["file"] == f"trees/{name}"]


def _position(text, offset):
    line_start = text.rfind("\n", 0, offset) + 1
    units = len(text[line_start:offset].encode("utf-16-le")) // 2
    return {"line": text.count("\n", 0, offset), "character": units}


def _from_server(d, lines):
    """A diagnostic as lint gives it: 1-based lines, and columns in characters."""

    def at(position):
        row = lines[position["line"]] if position["line"] < len(lines) else ""
        units = column = 0
        while units < position["character"]:
            units += 2 if ord(row[column]) > 0xFFFF else 1
            column += 1
        return position["line"] + 1, column + 1

    severity = {1: "error", 2: "warning"}[d["severity"]]
    fix = (d.get("data") or {}).get("fix")
    where = (*at(d["range"]["start"]), *at(d["range"]["end"]))
    return (*where, severity, d["code"], d["message"], fix)


def _from_lint(d):
    where = (d["line"], d["column"], d["end_line"], d["end_column"])
    return (*where, d["severity"], d["rule"], d["message"], d["fix"])


def _rules(found):
    return sorted({d[5] for d in found})


def test_after_each_edit_the_server_says_what_lint_says(server, folder):
    editor = Editor(server, folder)
    for name in ("alpha.yaml", "beta.yaml", "contacts.yaml"):
        assert editor.open(name) == editor.linted(name)

    # beta links back to alpha, which links to beta: a loop between the two trees.
    found = editor.change("beta.yaml", "next: kooth", "tree: alpha")
    assert "tree-cycle" in _rules(found) and found == editor.linted("beta.yaml")
    # alpha's link to beta goes: the loop is open again, which only beta's findings show.
    found = editor.change("alpha.yaml", "tree: beta", "next: second")
    assert found == editor.linted("alpha.yaml")
    found = editor.save("beta.yaml")
    assert "tree-cycle" not in _rules(found) and found == editor.linted("beta.yaml")

    # The catalogue renames `gp`, which alpha lists: unused there, unknown in alpha.
    found = editor.change("contacts.yaml", "  gp:", "  gp-practice:", incremental=False)
    assert "unused-contact" in _rules(found) and found == editor.linted("contacts.yaml")
    found = editor.save("alpha.yaml")
    assert "unknown-contact" in _rules(found) and found == editor.linted("alpha.yaml")
    # alpha follows the rename, then adds a typo of its own.
    found = editor.change("alpha.yaml", "dorset-send-team, gp]", "dorset-send-team, gp-practice]")
    assert "unknown-contact" not in _rules(found) and found == editor.linted("alpha.yaml")
    found = editor.change("alpha.yaml", "next: second", "next: secnd")
    assert "unknown-node" in _rules(found) and found == editor.linted("alpha.yaml")
    found = editor.save("contacts.yaml")
    assert "unused-contact" in _rules(found) and found == editor.linted("contacts.yaml")


def test_an_edit_sent_as_a_range_gives_what_the_whole_text_gives(server, folder):
    """Ranges count UTF-16 units: the label before the edited id, on the same line, has
    a character outside the BMP, which is two of them. One edit spans two lines."""
    editor = Editor(server, folder)
    editor.open("alpha.yaml")
    option = '      - label: "No"\n        next: talk-to-school'
    editor.change("alpha.yaml", option, '      - {label: "No 🙂", next: talk-to-school}', False)

    ranged = editor.change("alpha.yaml", "talk-to-school}", "talk-to-schol}")
    assert ("unknown-node", "this option leads to `talk-to-schol`, which is not a node of this "
            "tree; did you mean `talk-to-school`?") in [(d[5], d[6]) for d in ranged]  # fmt: skip
    assert ranged == editor.change("alpha.yaml", "", "", incremental=False)  # the whole text
    ranged = editor.change("alpha.yaml", "mental health\n        tree: beta", "health\n  tree: bta")
    assert _rules(ranged) == [  # `tree: bta` is now a key of the list, not of the option
        "option-target", "unexplained-word", "unknown-node", "unreachable-contact", "wrong-type",
    ]  # fmt: skip
    assert ranged == editor.change("alpha.yaml", "", "", incremental=False)
    assert ranged == editor.linted("alpha.yaml")
