"""`signpost lsp`: the language server for tree authors, over standard input and output.

pygls speaks the protocol (the optional `lsp` extra); the answers come from
`signpost.lint.editor`, plain functions over the open files' text. This module only
turns them into the protocol's types: lines and columns from 1-based characters to
0-based UTF-16 units, severities, links to the rule pages, fixes as code actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from signpost import __version__
from signpost.errors import UsageError
from signpost.lint.diagnostic import Diagnostic, Severity
from signpost.lint.editor import Item, Location, Workspace, completion, definition, hover

DOCS = Path(__file__).resolve().parent  # where docs/rules is, in a checkout or an install
_KINDS = {
    "node": types.CompletionItemKind.Reference,
    "tree": types.CompletionItemKind.File,
    "contact": types.CompletionItemKind.Value,
    "doc": types.CompletionItemKind.File,
    "term": types.CompletionItemKind.Text,
    "key": types.CompletionItemKind.Property,
}


def path_of(uri: str) -> Path:
    """The file a `file:` URI names. Any other (an editor's `untitled:` buffer), or one
    that cannot be a tree file (a NUL in it, a folder, a pipe or device, which reading
    would block on or never finish), names no folder of trees, so it is served as a
    file of its own in no folder."""
    parsed = urlparse(uri)
    named = unquote(parsed.path)
    path = Path(named.replace("\x00", ""))
    if parsed.scheme != "file" or "\x00" in named or not _plain(path):
        return Path("/nonexistent-signpost-buffer") / (path.name or "buffer.yaml")
    return path


def _plain(path: Path) -> bool:
    """A regular file, or none yet (a buffer saved for the first time)."""
    try:
        return path.is_file() or not path.exists()
    except OSError:  # a name too long, a folder we may not read
        return False


def utf16(line: str, column: int) -> int:
    """A 1-based character column of `line` as a 0-based count of UTF-16 units."""
    return len(line[: column - 1].encode("utf-16-le")) // 2


def from_utf16(line: str, units: int) -> int:
    """A 0-based count of UTF-16 units as a 1-based character column of `line`."""
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index + 1
        count += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def rule_page(rule: str) -> str | None:
    """The rule's page (docs/rules/RULE.md) as a file URI, where it is installed."""
    for root in (DOCS.parents[1] / "docs" / "rules", DOCS / "_data" / "docs" / "rules"):
        page = root / f"{rule}.md"
        if page.is_file():
            return page.as_uri()
    return None


def lsp_diagnostic(d: Diagnostic, lines: list[str]) -> types.Diagnostic:
    def at(line: int, column: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(max(line - 1, 0), utf16(text, column))

    page = rule_page(d.rule)
    return types.Diagnostic(
        range=types.Range(at(d.line, d.column), at(d.end_line or d.line, d.end_column or d.column)),
        message=d.message,
        severity=types.DiagnosticSeverity.Error
        if d.severity is Severity.ERROR
        else types.DiagnosticSeverity.Warning,
        code=d.rule,
        code_description=types.CodeDescription(href=page) if page else None,
        source="signpost",
        data={"fix": d.fix.to_dict()} if d.fix is not None else None,
    )


class SignpostServer(LanguageServer):
    def __init__(self) -> None:
        # An edit comes as the range it changed, not the whole text: pygls applies it to
        # the text it keeps of each open file, which `did_change` reads.
        incremental = types.TextDocumentSyncKind.Incremental
        super().__init__("signpost", __version__, text_document_sync_kind=incremental)
        self.files = Workspace()

    def lines(self, path: Path) -> list[str]:
        return self.files.text(path).splitlines()  # a pipe or device reads as empty

    def publish(self, uri: str) -> None:
        path = path_of(uri)
        lines = self.lines(path)
        found = [lsp_diagnostic(d, lines) for d in self.files.diagnostics(path)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found)
        )

    def cursor(self, uri: str, position: types.Position) -> tuple[Path, int, int]:
        path = path_of(uri)
        lines = self.lines(path)
        text = lines[position.line] if position.line < len(lines) else ""
        return path, position.line + 1, from_utf16(text, position.character)

    def location(self, where: Location) -> types.Location:
        lines = self.lines(where.path)
        text = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
        start = types.Position(where.line - 1, utf16(text, where.column))
        return types.Location(uri=where.path.as_uri(), range=types.Range(start, start))


server = SignpostServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SignpostServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.files.set(path_of(params.text_document.uri), params.text_document.text)
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SignpostServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    ls.files.set(path_of(params.text_document.uri), document.source)
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SignpostServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SignpostServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.files.close(path_of(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def goto_definition(ls: SignpostServer, params: types.DefinitionParams) -> types.Location | None:
    found = definition(ls.files, *ls.cursor(params.text_document.uri, params.position))
    return ls.location(found) if found is not None else None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: SignpostServer, params: types.HoverParams) -> types.Hover | None:
    text = hover(ls.files, *ls.cursor(params.text_document.uri, params.position))
    if text is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", " ", "[", ","]),
)
def on_completion(ls: SignpostServer, params: types.CompletionParams) -> types.CompletionList:
    items = completion(ls.files, *ls.cursor(params.text_document.uri, params.position))
    return types.CompletionList(is_incomplete=False, items=[_item(i) for i in items])


def _item(item: Item) -> types.CompletionItem:
    text = f"{item.label}: " if item.kind == "key" else item.label
    return types.CompletionItem(
        label=item.label, detail=item.detail, kind=_KINDS[item.kind], insert_text=text
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: SignpostServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Each fix of the diagnostics in the request, as a one-click quick fix."""
    uri = params.text_document.uri
    lines = ls.lines(path_of(uri))
    actions = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.code in GLOSSARY_RULES:
            actions += _to_glossary(ls, path_of(uri), diagnostic)
        fix = diagnostic.data.get("fix") if isinstance(diagnostic.data, dict) else None
        found = _quick_fix(lines, fix)
        if found is None:
            continue
        title, edits = found
        actions.append(
            types.CodeAction(
                title=title[:1].upper() + title[1:],
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


GLOSSARY_RULES = ("undefined-acronym", "unexplained-word")


def _to_glossary(
    ls: SignpostServer, path: Path, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    """ "Add `WORD` to the glossary": a new entry at the end of the folder's glossary.yaml,
    with `means` left empty for the author to fill in from the source (lint says so
    until it is), and the editor's cursor there. Only where the glossary exists."""
    import re

    from signpost.content.library import GLOSSARY_FILE

    word = re.match(r"`([^`]+)`", diagnostic.message)
    glossary = path.parent / GLOSSARY_FILE
    if word is None or not glossary.is_file():
        return []
    lines = ls.lines(glossary)
    end = types.Position(len(lines), 0)
    entry = f'  {word.group(1)}:\n    means: ""\n'
    text = ls.files.text(glossary)
    if text and not text.endswith("\n"):
        entry = "\n" + entry
    return [
        types.CodeAction(
            title=f"Add `{word.group(1)}` to the glossary",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(
                changes={glossary.as_uri(): [types.TextEdit(types.Range(end, end), entry)]}
            ),
        )
    ]


def _quick_fix(lines: list[str], fix: object) -> tuple[str, list[types.TextEdit]] | None:
    """The title and edits of a fix the client sent back in a diagnostic's `data`; None
    if it is not one this server made (a client's own data, or one it changed)."""
    if not isinstance(fix, dict) or not isinstance(fix.get("message"), str):
        return None
    try:
        edits = [_edit(lines, e) for e in fix["edits"] if isinstance(e, dict)]
    except (KeyError, TypeError, ValueError):
        return None
    return (fix["message"], edits) if edits else None


def _edit(lines: list[str], edit: dict) -> types.TextEdit:
    def at(line: int, column: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line - 1, utf16(text, column))

    start, end = at(edit["line"], edit["column"]), at(edit["end_line"], edit["end_column"])
    return types.TextEdit(range=types.Range(start, end), new_text=edit["text"])


MESSAGE_LIMIT = 64 * 1024 * 1024  # far more than the largest tree (10 MB) sent as JSON


class _Limited:
    """The editor's side of standard input, refusing a message (or a header line) over
    MESSAGE_LIMIT: pygls reads the whole Content-Length at once, so a client that claims
    gigabytes would exhaust memory (an internal error) or wait for ever."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        line = self.stream.readline(MESSAGE_LIMIT)
        if len(line) >= MESSAGE_LIMIT:
            raise _too_large(len(line))
        return line

    def read(self, size: int) -> bytes:
        if size > MESSAGE_LIMIT:
            raise _too_large(size)
        return self.stream.read(size)


def _too_large(size: int) -> UsageError:
    return UsageError(
        f"the editor sent a message of {size} bytes, more than the 64 MB the server reads",
        hint="Check the editor's language client; it should send Content-Length and the JSON.",
    )


def serve() -> int:
    """Answer an editor on standard input and output until it says `exit`: 0 if it
    asked for `shutdown` first, 1 if not (as the protocol has it). The server reads and
    writes copies of the two descriptors, which it closes at the end, so the command's
    own streams stay open for the one exit path."""
    import os

    with os.fdopen(os.dup(0), "rb") as stdin, os.fdopen(os.dup(1), "wb") as stdout:
        try:
            server.start_io(_Limited(stdin), stdout)  # type: ignore[arg-type]
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
    return 0 if server.protocol._shutdown else 1
