"""`signpost lsp`, the language server, driven as an editor drives it: the real command in
a child process, JSON-RPC messages over its standard input and output (initialize,
didOpen, didChange, definition, completion, hover, codeAction, shutdown, exit), and the
exact answers."""

import shutil

import pytest
from conftest import ROOT
from lsp_client import Client

pytest.importorskip("pygls")

DOC = "000_cd7fdd44bcd59a55.txt"
RULES = (ROOT / "docs" / "rules").as_uri()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp")
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", root / "trees")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    # The fixture's talk-to-school lists the SEND team, which the passage it cites does
    # not name: that rule is for the shipped trees, not for these tests.
    (root / ".signpost.toml").write_text('[lint.rules]\nuncited-contact = "off"\n')
    (root / "trees" / "glossary.yaml").write_text(
        "terms:\n  SEND:\n    means: special educational needs and disabilities\n"
    )
    return root


@pytest.fixture(scope="module")
def server(folder):
    client = Client(folder)
    result = client.request(
        "initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}
    )
    assert result["serverInfo"]["name"] == "signpost"
    caps = result["capabilities"]
    assert caps["definitionProvider"] and caps["hoverProvider"]
    assert caps["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
    client.notify("initialized", {})
    alpha = folder / "trees" / "alpha.yaml"
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": alpha.as_uri(),
                "languageId": "yaml",
                "version": 1,
                "text": alpha.read_text(encoding="utf-8"),
            }
        },
    )
    assert client.notification("textDocument/publishDiagnostics") == {
        "uri": alpha.as_uri(),
        "diagnostics": [],
    }
    yield client
    assert client.close() == 0


def at(folder, line, character, name="alpha.yaml"):
    uri = (folder / "trees" / name).as_uri()
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


def span(line, start, end):
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def test_diagnostics_come_from_the_unsaved_text_with_ranges_rules_and_fixes(server, folder):
    alpha = folder / "trees" / "alpha.yaml"
    saved = alpha.read_text(encoding="utf-8")
    typo = saved.replace("next: talk-to-school", "next: talk-to-schol")
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": alpha.as_uri(), "version": 2},
            "contentChanges": [{"text": typo}],
        },
    )
    found = server.notification("textDocument/publishDiagnostics")
    unknown = {
        "range": span(14, 14, 27),
        "message": "this option leads to `talk-to-schol`, which is not a node of this tree; "
        "did you mean `talk-to-school`?",
        "severity": 1,
        "code": "unknown-node",
        "codeDescription": {"href": f"{RULES}/unknown-node.md"},
        "source": "signpost",
        "data": {
            "fix": {
                "message": "replace `talk-to-schol` with `talk-to-school`",
                "edits": [
                    {
                        "line": 15,
                        "column": 15,
                        "end_line": 15,
                        "end_column": 28,
                        "text": "talk-to-school",
                    }
                ],
            }
        },
    }
    assert found == {
        "uri": alpha.as_uri(),
        "diagnostics": [
            unknown,
            {
                "range": span(24, 2, 16),
                "message": "no answer leads to the node `talk-to-school`; link an option to it "
                "with `next: talk-to-school`, or remove it",
                "severity": 1,
                "code": "unreachable-node",
                "codeDescription": {"href": f"{RULES}/unreachable-node.md"},
                "source": "signpost",
            },
        ],
    }
    assert alpha.read_text(encoding="utf-8") == saved  # nothing was written

    actions = server.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": alpha.as_uri()},
            "range": unknown["range"],
            "context": {"diagnostics": [unknown]},
        },
    )
    assert actions == [
        {
            "title": "Replace `talk-to-schol` with `talk-to-school`",
            "kind": "quickfix",
            "diagnostics": [unknown],
            "isPreferred": True,
            "edit": {
                "changes": {
                    alpha.as_uri(): [{"range": span(14, 14, 27), "newText": "talk-to-school"}]
                }
            },
        }
    ]

    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": alpha.as_uri(), "version": 3},
            "contentChanges": [{"range": span(14, 14, 27), "text": "talk-to-school"}],
        },
    )
    assert server.notification("textDocument/publishDiagnostics")["diagnostics"] == []


def test_definition_of_a_node_a_tree_a_contact_and_a_source(server, folder):
    def where(line, character):
        return server.request("textDocument/definition", at(folder, line, character))

    assert where(12, 15) == {
        "uri": (folder / "trees" / "alpha.yaml").as_uri(),
        "range": span(17, 2, 2),
    }
    assert where(16, 15) == {
        "uri": (folder / "trees" / "beta.yaml").as_uri(),
        "range": span(0, 0, 0),
    }
    assert where(55, 35) == {
        "uri": (folder / "trees" / "contacts.yaml").as_uri(),
        "range": span(60, 2, 2),
    }
    assert where(30, 20) == {"uri": (folder / "seeds" / DOC).as_uri(), "range": span(10, 0, 0)}
    assert where(8, 10) is None  # a question's text leads nowhere


def test_hover_shows_a_quotes_passage_a_contact_and_a_node(server, folder):
    def shown(line, character):
        result = server.request("textDocument/hover", at(folder, line, character))
        assert result is None or result["contents"]["kind"] == "markdown"
        return result and result["contents"]["value"]

    assert shown(31, 30) == (
        "**Dorset Council answers to parents' questions (attendance, EBSA and mental health "
        "Q&A)**, line 11 — Dorset Council, answering\n\n> In the first instance, we always "
        "recommend you have an honest conversation with your child’s education setting. You "
        "may find that there is support available for you, and that together you may be "
        "able to get a plan to help your child get back to school."
    )
    assert shown(55, 35) == (
        "**Your GP practice** `gp`\n\nHealth advice, supportive letters to school, and other "
        "routes for support, including social prescribers."
    )
    assert shown(12, 15) == "**Question** `second`: Is the school helping?"
    assert shown(21, 15) == "**Outcome** `keep-going`: Keep working with the school"
    assert shown(16, 15) == "**Tree** `beta`: Beta situation"
    assert shown(1, 3) is None


def test_completion_offers_ids_names_and_the_keys_allowed_there(server, folder):
    def offered(line, character):
        result = server.request("textDocument/completion", at(folder, line, character))
        return [(item["label"], item.get("detail")) for item in result["items"]]

    assert offered(12, 14) == [
        ("first", "Has your child been in school this week?"),
        ("second", "Is the school helping?"),
        ("talk-to-school", "Talk to the school"),
        ("keep-going", "Keep working with the school"),
        ("call-team", "Call the council team"),
    ]
    assert [label for label, _ in offered(16, 14)] == ["beta", "loop"]
    contacts = offered(55, 35)
    assert ("gp", "Your GP practice") in contacts and len(contacts) == 21
    assert offered(30, 17)[0] == (
        DOC,
        "Dorset Council answers to parents' questions (attendance, EBSA and mental health Q&A)",
    )
    assert [label for label, _ in offered(37, 6)] == [
        "title",
        "intro",
        "urgent",
        "steps",
        "contacts",
    ]


def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    from conftest import run_main

    prelude = "import sys; sys.modules['pygls'] = None; sys.modules['pygls.lsp.server'] = None\n"
    result = run_main(["lsp"], prelude=prelude)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "signpost: error: the language server needs pygls, which is not installed "
        "(pygls is missing). Install it with: pip install 'signpost-send[lsp]'\n"
    )


def test_an_untitled_buffer_is_linted_on_its_own(server, folder):
    """A buffer that is not a file yet belongs to no folder of trees: it is linted
    alone (so its links and contacts are unknown), never against the current folder."""
    text = (folder / "trees" / "alpha.yaml").read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "yaml", "version": 1,
                          "text": text.replace("next: second", "next: secnd")}},
    )  # fmt: skip
    found = server.notification("textDocument/publishDiagnostics")
    assert found["uri"] == "untitled:Untitled-1"
    codes = [(d["code"], d["range"]["start"]["line"]) for d in found["diagnostics"]]
    assert ("unknown-node", 12) in codes and ("unknown-tree", 16) in codes


def test_hover_shows_text_from_a_tree_as_text_never_markup(tmp_path):
    """A contact name or question written as a link, HTML or emphasis is shown escaped
    in the hover's Markdown, so the editor renders the characters, not a link."""
    from signpost.lint.editor import Workspace, hover

    trees = tmp_path / "trees"
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees", trees)
    contacts = trees / "contacts.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace(
            "name: Your GP practice", 'name: "[Call us](javascript:alert(1)) <b>now</b> *GP*"'
        ),
        encoding="utf-8",
    )
    alpha = trees / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "Is the school helping?", '"Is the school **helping**? <img src=x>"'
        ),
        encoding="utf-8",
    )
    files = Workspace()
    assert hover(files, alpha, 56, 36) == (
        "**\\[Call us\\](javascript:alert(1)) \\<b\\>now\\</b\\> \\*GP\\*** `gp`\n\nHealth advice, "
        "supportive letters to school, and other routes for support, including social "
        "prescribers."
    )
    assert hover(files, alpha, 13, 16) == (
        "**Question** `second`: Is the school \\*\\*helping\\*\\*? \\<img src=x\\>"
    )


def test_an_unexplained_acronym_offers_to_add_it_to_the_glossary(server, folder):
    alpha = (folder / "trees" / "alpha.yaml").as_uri()
    found = {
        "range": span(8, 38, 42),
        "message": "`EHCP` is used before this tree explains it; the first time, write it out "
        'with the short form in brackets, e.g. "Education, Health and Care Plan (EHCP)"',
        "severity": 2,
        "code": "undefined-acronym",
        "source": "signpost",
    }
    actions = server.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": alpha}, "range": found["range"],
         "context": {"diagnostics": [found]}},
    )  # fmt: skip
    assert actions == [
        {
            "title": "Add `EHCP` to the glossary",
            "kind": "quickfix",
            "diagnostics": [found],
            "edit": {
                "changes": {
                    (folder / "trees" / "glossary.yaml").as_uri(): [
                        {"range": span(3, 0, 0), "newText": '  EHCP:\n    means: ""\n'}
                    ]
                }
            },
        }
    ]
