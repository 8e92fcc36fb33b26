"""What an editor asks about a tree as it is typed: the core of `signpost lsp`.

Plain functions over the text of open files (saved or not) and the folder they are in:
the findings of every lint rule, where a `next:`, `tree:`, contact id or `doc:` leads,
what to offer at the cursor, and what to show on hover. Positions are 1-based lines and
columns in characters, as lint gives them; the server turns them into the protocol's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from signpost.content import spec
from signpost.content.library import GLOSSARY_FILE, seeds_for
from signpost.content.sources import Sources
from signpost.content.yamlfile import Document, decode, load_text, read_limited
from signpost.errors import SignpostError
from signpost.lint.config import Config, load_config
from signpost.lint.diagnostic import Diagnostic, Severity
from signpost.names import CONTACTS_FILE

_KEY_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*):(?:\s+|$)(?P<value>.*)$"
)
_ID = re.compile(r"[A-Za-z0-9_.:-]+")
_TEXT_KEYS = ("question", "help", "label", "title", "intro", "text", "summary", "for", "means")


class Location(NamedTuple):
    path: Path
    line: int
    column: int


class Item(NamedTuple):
    """Something to offer at the cursor: what to insert, and a few words about it."""

    label: str
    detail: str
    kind: str  # "node", "tree", "contact", "doc", "term", "key"


class Workspace:
    """The open files (their unsaved text) and what lint needs of each folder, kept
    between requests: only what changed is read again."""

    def __init__(self) -> None:
        self.texts: dict[Path, str] = {}
        self._configs: dict[Path, Config] = {}
        self._sources: dict[Path, Sources] = {}
        self._loaded: dict = {}  # each file as lint loaded it, kept while it is unchanged

    def set(self, path: Path, text: str) -> None:
        self.texts[path] = text

    def close(self, path: Path) -> None:
        self.texts.pop(path, None)

    def text(self, path: Path) -> str:
        """An open file's text, else the file on disk read as every file is (a regular
        file of at most the loader's 10 MB: a named pipe would hang the server, and
        /dev/zero fill its memory); "" for anything else."""
        if path in self.texts:
            return self.texts[path]
        try:
            return decode(read_limited(path), path)
        except (SignpostError, OSError):
            return ""

    def config(self, path: Path) -> Config:
        folder = path.parent
        if folder not in self._configs:
            self._configs[folder] = load_config(path)
        return self._configs[folder]

    def sources(self, path: Path) -> Sources:
        folder = path.parent
        if folder not in self._sources:
            self._sources[folder] = Sources(self.config(path).seeds or seeds_for(folder))
        return self._sources[folder]

    def diagnostics(self, path: Path) -> list[Diagnostic]:
        """Every lint finding in `path`, from its text as it is now (the folder's other
        open files as they are now too), under the settings the command line uses."""
        from signpost.lint.engine import lint

        try:
            config = self.config(path)
            texts = {p: t for p, t in self.texts.items() if p.parent == path.parent}
            texts.setdefault(path, self.text(path))
            return list(lint([path], config, texts, self._loaded).diagnostics)
        except SignpostError as exc:
            return [Diagnostic(str(path), 1, 1, Severity.ERROR, "unreadable-file", str(exc))]

    def document(self, path: Path) -> Document | None:
        try:
            return load_text(self.text(path), path)
        except SignpostError:
            return None

    def catalogue(self, path: Path) -> Document | None:
        return self.document(path.parent / CONTACTS_FILE)

    def tree_ids(self, path: Path) -> list[str]:
        skip = {CONTACTS_FILE, GLOSSARY_FILE}
        return sorted(p.stem for p in path.parent.glob("*.yaml") if p.name not in skip)


def _mapping(doc: Document | None, *keys: str) -> dict:
    data = doc.data if doc is not None else None
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


class Spot(NamedTuple):
    """What is under the cursor: the key of its line (or of the list it is in), the
    word there, and the line's number."""

    key: str | None
    word: str
    line: int
    value: str


def spot(text: str, line: int, column: int) -> Spot:
    """The key and the word at 1-based (line, column) of `text`."""
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    word = ""
    for match in _ID.finditer(row):
        if match.start() <= column - 1 <= match.end():
            word = match.group().rstrip(":,")
            break
    found = _KEY_LINE.match(row)
    if found is not None and column - 1 > found.end("key"):
        return Spot(found.group("key"), word, line, found.group("value"))
    if found is None and row.strip().startswith("- "):  # an item of a block list
        indent = len(row) - len(row.lstrip())
        for above in range(line - 2, -1, -1):
            parent = _KEY_LINE.match(lines[above])
            if parent is not None and len(parent.group("indent")) < indent:
                return Spot(parent.group("key"), word, line, row.strip()[2:])
    return Spot(None, word, line, "")


def _sibling(text: str, line: int, key: str) -> str | None:
    """The value of `key` in the mapping `line` is in (a step's `source:`), if near."""
    lines = text.splitlines()
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" -"))
    for other in range(max(0, line - 4), min(len(lines), line + 3)):
        found = _KEY_LINE.match(lines[other])
        if found is None or found.group("key") != key:
            continue
        if len(found.group("indent")) + len(found.group("dash") or "") == indent:
            return _scalar(found.group("value"))
    return None


def _scalar(value: str) -> str:
    """A one-line YAML text as its value (quotes taken off; good enough for a lookup)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] == '"':
            import json

            try:
                return str(json.loads(value))
            except ValueError:
                return inner
        return inner.replace("''", "'")
    return value


def definition(ws: Workspace, path: Path, line: int, column: int) -> Location | None:
    """Where the thing under the cursor is defined: a node, a tree's file, a contact's
    entry in the catalogue, or the line of the source a `doc:` or `quote:` cites."""
    text = ws.text(path)
    at = spot(text, line, column)
    if at.key in ("next", "start") and at.word:
        doc = ws.document(path)
        mark = doc.keys.get(("nodes", at.word)) if doc is not None else None
        return Location(path, mark.line, mark.column) if mark else None
    if at.key == "tree" and at.word in ws.tree_ids(path):
        return Location(path.parent / f"{at.word}.yaml", 1, 1)
    if at.key == "contacts" and at.word:
        catalogue = ws.catalogue(path)
        mark = catalogue.keys.get(("contacts", at.word)) if catalogue is not None else None
        return Location(path.parent / CONTACTS_FILE, mark.line, mark.column) if mark else None
    if at.key in ("doc", "quote"):
        return _source_line(ws, path, text, at)
    return None


def _source_line(ws: Workspace, path: Path, text: str, at: Spot) -> Location | None:
    name = _scalar(at.value) if at.key == "doc" else _sibling(text, at.line, "doc")
    quote = _scalar(at.value) if at.key == "quote" else _sibling(text, at.line, "quote")
    document = ws.sources(path).get(name or "")
    if document is None:
        return None
    found = document.find(quote) if quote else None
    return Location(document.path, found.line if found else 1, 1)


def hover(ws: Workspace, path: Path, line: int, column: int) -> str | None:
    """Markdown for the thing under the cursor: a quote's passage, a contact's details,
    a node's question or outcome title, a tree's title."""
    text = ws.text(path)
    at = spot(text, line, column)
    if at.key == "quote":
        return _quote_hover(ws, path, text, at)
    if at.key == "contacts" and at.word:
        return _contact_hover(ws, path, at.word)
    if at.key in ("next", "start") and at.word:
        node = _mapping(ws.document(path), "nodes").get(at.word)
        if isinstance(node, dict) and "question" in node:
            return f"**Question** {_code(at.word)}: {_md(node['question'])}"
        outcome = node.get("outcome") if isinstance(node, dict) else None
        if isinstance(outcome, dict):
            return f"**Outcome** {_code(at.word)}: {_md(outcome.get('title', ''))}"
        return None
    if at.key == "tree" and at.word in ws.tree_ids(path):
        tree = ws.document(path.parent / f"{at.word}.yaml")
        if tree is None:  # not a file that can be read (a pipe, a device, too large)
            return None
        title = tree.data.get("title") if isinstance(tree.data, dict) else ""
        return f"**Tree** {_code(at.word)}: {_md(title)}"
    return None


def _md(value: object) -> str:
    """Text from a tree or a source, shown in a hover's Markdown as text only: never a
    link, emphasis, HTML or any other markup (`safetext.markdown`)."""
    from signpost.safetext import markdown

    return markdown(" ".join(str(value).split()))


def _code(word: str) -> str:
    return f"`{word}`" if re.fullmatch(r"[A-Za-z0-9_.:-]+", word) else _md(word)


def _quote_hover(ws: Workspace, path: Path, text: str, at: Spot) -> str | None:
    from signpost.content.quotes import speaker

    name, quote = _sibling(text, at.line, "doc"), _scalar(at.value)
    document = ws.sources(path).get(name or "")
    if document is None or not quote:
        return None
    found = document.find(quote)
    if found is None:
        return f"This quote is not in {_code(document.name)} ({_md(document.title)})."
    paragraph = document.text.splitlines()[found.line - 1].strip()
    who, answer = speaker(ws.sources(path), document, found.line)
    said = f" — {_md(who)}" if who else ""
    if answer is False:
        said += " (not the document's own words: a step may not rest on them)"
    return f"**{_md(document.title)}**, line {found.line}{said}\n\n> {_md(paragraph)}"


def _contact_hover(ws: Workspace, path: Path, contact_id: str) -> str | None:
    entry = _mapping(ws.catalogue(path), "contacts").get(contact_id)
    if not isinstance(entry, dict):
        return None
    lines = [f"**{_md(entry.get('name', contact_id))}** {_code(contact_id)}"]
    if entry.get("for"):
        lines.append(_md(entry["for"]))
    for key, label in (("phone", "Phone"), ("email", "Email"), ("web", "Web"), ("page", "Page")):
        if entry.get(key):
            lines.append(f"{label}: {_md(entry[key])}")
    return "\n\n".join(lines)


def completion(ws: Workspace, path: Path, line: int, column: int) -> list[Item]:
    """What may go at the cursor: node ids after `next:` and `start:`, tree ids after
    `tree:`, contact ids in `contacts`, document names after `doc:`, glossary terms in
    text, and the keys the format allows at that place."""
    text = ws.text(path)
    at = spot(text, line, column)
    if at.key in ("next", "start"):
        return _nodes(ws, path, text)
    if at.key == "tree":
        return [Item(t, "tree", "tree") for t in ws.tree_ids(path) if t != path.stem]
    if at.key == "contacts":
        contacts = _mapping(ws.catalogue(path), "contacts")
        return [
            Item(c, str(e.get("name", "")) if isinstance(e, dict) else "", "contact")
            for c, e in contacts.items()
        ]
    if at.key == "doc":
        return [Item(n, d.title, "doc") for n, d in ws.sources(path).docs.items()]
    if at.key in _TEXT_KEYS:
        glossary = _mapping(ws.document(path.parent / GLOSSARY_FILE), "terms")
        return [
            Item(t, str(e.get("means", "")) if isinstance(e, dict) else str(e), "term")
            for t, e in glossary.items()
        ]
    if at.key is None:
        return [Item(k, f.description, "key") for k, f in allowed_keys(path, text, line).items()]
    return []


def _nodes(ws: Workspace, path: Path, text: str) -> list[Item]:
    nodes = _mapping(ws.document(path), "nodes")
    if not nodes:  # text that does not parse as it is typed: the ids by their indentation
        found = re.findall(r"^  ([a-z0-9]+(?:-[a-z0-9]+)*):\s*$", text, re.M)
        return [Item(n, "node", "node") for n in found]
    items = []
    for node_id, node in nodes.items():
        if isinstance(node, dict) and "question" in node:
            items.append(Item(node_id, str(node["question"]), "node"))
        elif isinstance(node, dict) and isinstance(node.get("outcome"), dict):
            items.append(Item(node_id, str(node["outcome"].get("title", "")), "node"))
    return items


def allowed_keys(path: Path, text: str, line: int) -> dict[str, spec.Field]:
    """The keys the format allows on `line`, found from the keys above it by indentation."""
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(row) - len(row.lstrip(" -"))
    parents: list[str] = []
    for above in range(min(line, len(lines)) - 2, -1, -1):
        found = _KEY_LINE.match(lines[above])
        if found is None:
            continue
        depth = len(found.group("indent")) + len(found.group("dash") or "")
        if depth < indent:
            parents.insert(0, found.group("key"))
            indent = depth
            if depth == 0:
                break
    return _keys_under(path.name, parents)


def _keys_under(file: str, parents: list[str]) -> dict[str, spec.Field]:
    if file == CONTACTS_FILE:
        return spec.CONTACT if len(parents) == 2 else spec.CATALOGUE if not parents else {}
    if file == GLOSSARY_FILE:
        tables = {0: spec.GLOSSARY, 2: spec.TERM}
        if parents[-1:] == ["source"]:
            return spec.SOURCE
        return tables.get(len(parents), {})
    if not parents:
        return spec.TREE
    last = parents[-1]
    if len(parents) == 2 and parents[0] == "nodes":
        return {**spec.QUESTION, **spec.OUTCOME_NODE}
    return {
        "options": spec.OPTION,
        "outcome": spec.OUTCOME,
        "steps": spec.STEP,
        "source": spec.SOURCE,
    }.get(last, {})
