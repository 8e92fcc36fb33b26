"""Provenance: every step and contact rests on a passage of a document in seeds/,
and every phone number, email and web address a family sees appears in one, whole:
a phone number where a source writes that number (not its digits gathered from a
passage), an email as a whole address, a web address by a whole host a source gives
(`ooth.com` is not `kooth.com`) and its path, never with a name before an `@`.

Quotes are matched with `signpost.content.sources.SourceDocument.contains` on text normalised
once per document; a miss shows the closest passage (`SourceDocument.closest`) and its line,
so the author can copy the words exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from signpost.content.details import EMAIL, PHONE, digits, phone_key
from signpost.content.sources import Sources
from signpost.content.wording import normalise
from signpost.content.yamlfile import DataPath
from signpost.lint.config import Config
from signpost.lint.context import (
    CatalogueInfo,
    ContactInfo,
    FileContext,
    Findings,
    Folder,
    NodeInfo,
    SourceRef,
    locate,
    text_path,
)
from signpost.lint.rules.contacts import email_ok, phone_ok, web_ok
from signpost.similar import did_you_mean

_DETAIL_FIELDS = {"phone": "phone number", "email": "email address", "web": "web address"}
_WELL_FORMED = {"phone": phone_ok, "email": email_ok, "web": web_ok}
# Something each of EMAIL, PHONE and ADDRESS needs in order to match: an `@`; a phone
# number's start (`+`, or `0` and a digit); a scheme's `:`; a dot before a letter (a
# domain name); a digit of another script (fullwidth, Arabic-Indic). Text with none of
# them holds no detail, so most text is passed over with one search instead of three.
# (Each alternative starts with one character, which is what makes the search fast;
# tests/lint/test_properties.py checks `may_hold_detail` misses none.) A digit of another
# script is looked for apart, and only in text that is not all ASCII: testing every
# place of every text for a Unicode digit took longer than the rest of the search.
MAY_HOLD_DETAIL = re.compile(r"[@:+]|0\d|\.[a-z]", re.IGNORECASE)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def may_hold_detail(text: str) -> bool:
    """Whether `text` has something each detail needs (MAY_HOLD_DETAIL, or a digit of
    another script): text without holds no phone number, email or web address."""
    return bool(MAY_HOLD_DETAIL.search(text) or (not text.isascii() and _OTHER_DIGIT.search(text)))


# Every web address, not only the `.uk`/`.com`/`.org`/`.net` ones WEB finds: anything
# with a scheme (`https://`, `file://`, `javascript:`, `data:` ...) and any domain name
# (`evil.example`, `www.x.top/path`). A file name such as `000_x.txt` has no dot before
# letters after a word character and a dot, hence the `[a-z0-9-]` labels.
# (This and the patterns below are text, compiled by `re` the first time a text that
# MAY_HOLD_DETAIL is read, not on every import of the linter.)
ADDRESS = (
    r"(?i)\b(?:[a-z][a-z0-9+.-]*://|(?:javascript|vbscript|data|file|blob|about|mailto|tel|sms):)"
    r"[^\s<>\"'`)\]]*"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z]\b(?:/[^\s)\]]*)?"
)
# A file name (`contacts.yaml`, `leaflet.pdf`) is not a web address.
_FILE_NAME = r"(?i)[\w-]+\.(?:ya?ml|txt|md|json|toml|csv|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|py)$"


def check(folder: Folder, findings: Findings, config: Config) -> None:
    sources = folder.sources
    found: dict[tuple[str, str], bool] = {}
    for file, ref in folder.source_refs():
        _quote(file, ref, sources, found, findings, folder)
    if folder.catalogue is not None:
        _names_in_sources(folder.catalogue, sources, findings)
        passages = _Passages(sources)
        needles = {
            contact_id: _needles(contact)
            for contact_id, contact in folder.catalogue.contacts.items()
            if not contact.get("national")
        }
        for tree in folder.trees:
            for node in tree.nodes.values():
                if node.contacts:
                    _cited_contacts(tree.file, node, needles, passages, findings)
    seen: dict[str, bool] = {}
    for file in folder.files:
        if file.doc is None:
            continue
        wanted = None if file.catalogue else may_hold_detail
        for path, text in _strings(file, wanted):
            _details(file, path, text, sources, seen, findings)


def _quote(
    file: FileContext,
    ref: SourceRef,
    sources: Sources,
    found: dict,
    findings: Findings,
    folder: Folder,
) -> None:
    doc, quote = ref.get("doc"), ref.get("quote")
    if doc is None:
        return
    document = sources.get(doc)
    if document is None:
        names = sorted(sources.docs)
        hint = did_you_mean(doc, names) or (
            f"the documents are {', '.join(f'`{n}`' for n in names)}"
            if names
            else f"there are no documents in {folder.seeds}"
        )
        findings.add(
            "unknown-doc",
            file,
            ref.path + ("doc",),
            f"`{doc}` is not a document in seeds/; {hint}",
        )
        return
    if quote is None:
        return
    key = (doc, quote)
    if key not in found:
        found[key] = document.contains(quote)
    if found[key]:
        return
    findings.add(
        "quote-not-found",
        file,
        ref.path + ("quote",),
        f"this quote is not in `{doc}`; {_where_it_is(quote, doc, sources)}",
    )


def _where_it_is(quote: str, doc: str, sources: Sources) -> str:
    """Where a quote that is not in `doc` really is: word for word in another document,
    or the nearest passage the quote finder gives (in `doc`, or in another document
    when that one is much nearer), with the first words that differ."""
    from signpost.content.quotes import quote_index

    for name, other in sources.docs.items():
        found = other.find(quote) if name != doc else None
        if found is not None:
            return f"it is in {other.title} (`{name}`), line {found.line}; change `doc` to `{name}`"
    index = quote_index(sources)
    here = index.find(quote, doc=doc, limit=1)
    anywhere = index.find(quote, limit=1)
    best = here[0] if here and here[0].score >= 0.4 else None
    elsewhere = anywhere[0] if anywhere and anywhere[0].doc != doc else None
    if (
        elsewhere
        and elsewhere.score >= 0.6
        and (best is None or elsewhere.score > best.score + 0.25)
    ):
        best = elsewhere
    if best is None:
        return "nothing like it is there; check the document name, or quote it exactly"
    where = f"on line {best.line}"
    if best.doc != doc:
        where = f"in {best.title} (`{best.doc}`), line {best.line}"
    differ = first_difference(quote, best.text) if best.score >= 0.6 else None
    hint = f'the closest passage is {where}: "{best.text}"; '
    return hint + (f"{differ}; copy the words exactly" if differ else "copy the words exactly")


def first_difference(quote: str, passage: str) -> str | None:
    """Where `quote` first parts from `passage`, word by word, as a diff would show it:
    `you wrote "an honest talk" where the source has "an honest conversation"`."""
    from difflib import SequenceMatcher  # only for a quote that is not found

    mine, theirs = quote.split(), passage.split()
    matcher = SequenceMatcher(
        None, [_word(w) for w in mine], [_word(w) for w in theirs], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    for number, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            continue
        if i1 == i2 and (number == 0 or number == len(opcodes) - 1):
            continue  # the quote is part of the passage: words before or after it are fine
        before = max(0, i1 - 2)
        wrote = " ".join(mine[before:i2]) if i2 > before else "(nothing)"
        has = " ".join(theirs[max(0, j1 - (i1 - before)) : j2]) or "(nothing)"
        if i1 == i2:
            return f'the source has "{has}" where you wrote "{wrote}"'
        return f'you wrote "{wrote}" where the source has "{has}"'
    return None


def _word(word: str) -> str:
    """A word as quotes are matched: any case, curly or straight quotes, no end marks."""
    return normalise(word).strip(".,;:!?\"'()").casefold()


class _Needles(NamedTuple):
    """What shows that a passage names a contact, in the form passages are matched in."""

    phone: str  # the digits of its phone number, or ""
    words: tuple[str, ...]  # its email, web address, page, passage and `names`


def _needles(contact: ContactInfo) -> _Needles:
    phone, web = contact.get("phone"), contact.get("web")
    web = re.sub(r"^https?://", "", web.strip(), flags=re.IGNORECASE) if web else ""
    quote = contact.source.get("quote") if contact.source else None
    words = (contact.get("email"), web, contact.get("page"), quote, *contact.names)
    return _Needles(
        digits(phone) if phone else "",
        tuple(normalise(word).rstrip("/") for word in words if word),
    )


class _Passages:
    """The paragraph each cited quote stands in, normalised, and the same with spaces,
    brackets and hyphens taken out (where a phone number is looked for); worked out once
    for each quote, as outcomes cite the same passages again and again."""

    def __init__(self, sources: Sources):
        self.sources = sources
        self.found: dict[tuple[str, str], tuple[str, str] | None] = {}

    def get(self, ref: SourceRef | None) -> tuple[str, str] | None:
        doc, quote = (ref.get("doc"), ref.get("quote")) if ref is not None else (None, None)
        if not doc or not quote:
            return None
        key = (doc, quote)
        if key not in self.found:
            document = self.sources.get(doc)
            paragraph = document.paragraph(quote) if document is not None else None
            self.found[key] = (
                (paragraph, re.sub(r"[\s()-]", "", paragraph)) if paragraph is not None else None
            )
        return self.found[key]


def _cited_contacts(
    file: FileContext,
    node: NodeInfo,
    needles: dict[str, _Needles],
    passages: _Passages,
    findings: Findings,
) -> None:
    """`uncited-contact`: each contact an outcome lists is named in a paragraph one of its
    steps cites (by a detail, what the sources call it, or the contact's own passage),
    unless it is a national route (999, NHS 111) or not in the catalogue (`needles` holds
    the others)."""
    cited = []
    for _, _, ref in node.steps:
        passage = passages.get(ref)
        if passage is None:
            return  # a step whose passage cannot be found: quote-not-found says so
        cited.append(passage)
    if not cited:
        return
    for index, contact_id in node.contacts:
        wanted = needles.get(contact_id)
        if wanted is None:
            continue
        if any(_names(wanted, paragraph, packed) for paragraph, packed in cited):
            continue
        findings.add(
            "uncited-contact",
            file,
            node.path + ("outcome", "contacts", index),
            f"no step of this outcome cites a passage that names `{contact_id}`; cite one "
            f"that does{_naming(wanted, passages.sources)}, add what the source calls it to "
            "its `names` in contacts.yaml, or remove it from this outcome",
        )


def _naming(needles: _Needles, sources: Sources, most: int = 3) -> str:
    """` (the sources name it in 000_x.txt line 47, ...)`: the first paragraphs that name
    a contact, for the author to cite; "" if none does."""
    found = []
    for name, document in sources.docs.items():
        for number, line in enumerate(document.text.splitlines(), 1):
            flat = normalise(line)
            if flat and _names(needles, flat, re.sub(r"[\s()-]", "", flat)):
                found.append(f"{name} line {number}")
    if not found:
        return ""
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return f" (the sources name it in {', '.join(found[:most])}{more})"


def _names_in_sources(catalogue: CatalogueInfo, sources: Sources, findings: Findings) -> None:
    """A contact's `names` are what the sources call it: each must be in a source document,
    or it could make `uncited-contact` pass for a passage that never names the contact."""
    file = catalogue.file
    for contact in catalogue.contacts.values():
        for name in contact.names:
            if any(doc.contains(name) for doc in sources.docs.values()):
                continue
            findings.add(
                "uncited-contact",
                file,
                contact.path + ("names",),
                f"`{name}` is not in any source document; `names` holds what the sources "
                "call this contact, copied as they write it",
                at=locate(file, contact.path + ("names",), name),
            )


def _names(needles: _Needles, paragraph: str, packed: str) -> bool:
    """Whether a normalised paragraph names a contact: its phone number, email, web
    address or page, one of its `names`, or the passage that gives the contact."""
    if needles.phone and needles.phone in packed:
        return True
    return any(_words_in(word, paragraph) for word in needles.words)


def _words_in(needle: str, text: str) -> bool:
    """`needle` in `text` as whole words ("GP" is not in "GPS"; "SENCO" is in "SENCOs")."""
    return needle in text and bool(
        re.search(r"(?<!\w)" + re.escape(needle) + r"(?:s|'s)?(?!\w)", text)
    )


def _strings(
    file: FileContext, wanted: Callable[[str], Any] | None = None
) -> Iterator[tuple[DataPath, str]]:
    """Every text value of the file and its path, except quotes and doc names (checked
    above) and what entries marked `national: true` hold (999 and 111 are not in the
    sources); only those for which `wanted(text)` is true, if given. A text's path is
    made only if it is wanted."""
    national: set[DataPath] | None = None
    for holder, key, text, is_key in file.texts():
        if is_key or (wanted is not None and not wanted(text)):
            continue
        path = text_path(holder, key)
        if national is None:
            national = _national(file)
        if path[:2] in national or _quote_or_doc(path):
            continue
        yield path, text


def _national(file: FileContext) -> set[DataPath]:
    """The paths of the entries of a top-level `contacts` marked `national: true`."""
    data = file.doc.data if file.doc is not None else None
    entries = data.get("contacts") if isinstance(data, dict) else None
    if isinstance(entries, dict):
        pairs: Iterable[tuple[Any, Any]] = entries.items()
    else:
        pairs = enumerate(entries) if isinstance(entries, list) else ()
    return {
        ("contacts", key)
        for key, entry in pairs
        if isinstance(entry, dict) and entry.get("national") is True
    }


def _quote_or_doc(path: DataPath) -> bool:
    """Whether `path` is, or is inside, the `doc` or `quote` of a `source:` mapping."""
    return any(
        path[index] == "source" and path[index + 1] in ("doc", "quote")
        for index in range(len(path) - 1)
    )


# A phone number however a text writes it: after a `0` (or `+`) that starts no word,
# digit groups joined by spaces, dots, hyphens, dashes or brackets. PHONE finds the
# usual forms; this finds the rest (`01952.020202`, `(01952) 020202`, `01952\u2013020202`),
# which would otherwise show a family a number no check had seen.
_PHONE_LIKE = r"(?<![\w+.])(?:\+|\(?0)[\d\s().\u2010-\u2015-]{6,40}"


def _phone_like(text: str) -> list[str]:
    """Each phone number `text` writes in a form PHONE may miss: its digit groups, as far
    as they make a UK number (10 or 11 digits from a `0`, or after +44)."""
    import unicodedata

    if not text.isascii():  # digits of any script as ASCII; invisible characters out
        text = "".join(
            str(unicodedata.digit(c)) if c.isdigit() else c
            for c in text
            if unicodedata.category(c) != "Cf"
        )
    found = []
    for match in re.finditer(_PHONE_LIKE, text):
        groups = re.findall(r"\d+", match.group())
        plus = match.group().startswith("+")
        if not groups or (plus and not groups[0].startswith("44")) or len(groups[0]) < 3:
            continue
        best = None
        for end in range(1, len(groups) + 1):
            key = phone_key(("+" if plus else "") + "".join(groups[:end]))
            if len(key) > 11:
                break
            if len(key) in (10, 11) and key.startswith("0"):
                best = " ".join(groups[:end])
        if best is not None:
            found.append(("+" if plus else "") + best)
    return found


def _details(
    file: FileContext,
    path: DataPath,
    text: str,
    sources: Sources,
    seen: dict[str, bool],
    findings: Findings,
) -> None:
    field = path[-1] if file.catalogue and len(path) == 3 and path[0] == "contacts" else None
    if field in _DETAIL_FIELDS:
        if not _WELL_FORMED[field](text):
            return  # bad-phone, bad-email or bad-web says so, and how to write it
        candidates = [(field, text.strip())]
    else:
        candidates = []
        emails = [(m.start(), m.end()) for m in EMAIL.finditer(text)]
        candidates += [("email", text[a:b]) for a, b in emails]
        candidates += [("phone", m.group(0)) for m in PHONE.finditer(text)]
        candidates += [("phone", p) for p in _phone_like(text) if ("phone", p) not in candidates]
        candidates += [
            ("web", m.group(0).rstrip(".,;:"))
            for m in re.finditer(ADDRESS, text)
            if not any(a <= m.start() < b for a, b in emails)
            and not re.match(_FILE_NAME, m.group())
        ]
    for kind, detail in candidates:
        key = f"{kind}:{detail}"
        if key not in seen:
            find = {"phone": sources.find_phone, "email": sources.find_email}.get(
                kind, sources.find_web
            )
            seen[key] = find(detail) is not None
        if seen[key]:
            continue
        assert file.doc is not None  # rules run on files that parsed
        where = file.doc.mark(path) if field else locate(file, path, detail)
        findings.add(
            "unsourced-detail",
            file,
            path,
            f"the {_DETAIL_FIELDS[kind]} `{detail}` is "
            "not in any source document; every detail a family sees must come from "
            "seeds/ — copy it exactly from a source, or remove it",
            at=where,
        )
