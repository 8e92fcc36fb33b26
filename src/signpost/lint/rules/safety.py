"""Safety: text a family is shown holds no control characters, no bidirectional
overrides and nothing that reads as markup, and no text is longer than `MAX_TEXT`.

signpost shows every text literally (`signpost.safetext`), so none of these can act
on a terminal or a viewer; but a tree that holds them was written to mislead, or was
pasted from somewhere it should not have been, and an author should hear about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from signpost.content.yamlfile import MAX_TEXT, DataPath
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder, locate, text_path
from signpost.safetext import INVISIBLE, MARKUP, UNSAFE, terminal

# Fields shown on one line: a line break in them makes a line of their own choosing.
ONE_LINE = frozenset(("title", "label", "question", "name", "phone", "email", "web", "page"))
_INVISIBLE = f"[{INVISIBLE}]"
# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest):
# with no control character at all, a number between two of them is shown with its
# groups in reverse order on a web page ("8866 22 01305" for 01305 22 8866). The trees
# are in English, so such a letter is reported.
_RTL = (
    "\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
    "\U00010800-\U00010fff\U0001e800-\U0001efff"
)
_RTL_LETTER = f"[{_RTL}]"  # compiled by `re` when a text is SUSPECT, as these three are
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# A character that any of the findings below needs: one search passes over a clean text
# (nearly all of them) without building its path. UNSAFE's characters, the line break,
# and what each of MARKUP's forms starts with: `[`, `<` and `&`
# (tests/lint/test_properties.py checks it misses nothing `_finding` reports).
SUSPECT = re.compile(f"{UNSAFE.pattern}|[\n[<&]|{'[' + _RTL + ']'}")
# The same for text that is all ASCII (nearly every text): SUSPECT's ASCII characters in
# one class, which is searched faster than SUSPECT's classes running to U+E007F.
_ASCII_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f\n[<&]")


def check(folder: Folder, findings: Findings, config: Config) -> None:
    for file in folder.files:
        if file.doc is None:
            continue
        for path, text in _suspect_texts(file):
            message, part = _finding(path, text)
            if message is not None:
                at = locate(file, path, part) if part is not None else None
                findings.add("unsafe-text", file, path, message, at=at)


def _finding(path: DataPath, text: str) -> tuple[str | None, str | None]:
    """What `unsafe-text` says of `text` at `path`, if anything, and the part of it to
    point at (for markup)."""
    if len(text) > MAX_TEXT:
        return (
            f"this text is {len(text):,} characters long; signpost refuses text "
            f"longer than {MAX_TEXT:,} characters — is this the right file?"
        ), None
    bad = UNSAFE.search(text)
    if bad is not None:
        char = terminal(bad.group())
        if bad.group() in _BIDI:
            what = f"a bidirectional override (`{char}`), which reorders the text around it"
        elif re.match(_INVISIBLE, bad.group()):
            what = (
                f"an invisible character (`{char}`), which hides inside the text (a number "
                "or address can carry one unseen, past every check)"
            )
        else:
            what = f"a control character (`{char}`), which a terminal would act on"
        return f"this text holds {what}; remove it", None
    rtl = re.search(_RTL_LETTER, text)
    if rtl is not None:
        return (
            f"this text holds a right-to-left letter (`{rtl.group()}`), which can show the "
            "numbers around it in reverse order on a web page; the trees are written in "
            "English — remove it"
        ), None
    if path and path[-1] in ONE_LINE and "\n" in text.strip():
        return (
            f"this `{path[-1]}` holds a line break, but it is shown as one line; a "
            "second line here can pass for another (such as a phone number) — write "
            "it on one line"
        ), None
    markup = re.search(MARKUP, text)
    if markup is not None:
        shown = terminal(markup.group())
        if len(shown) > 40:
            shown = shown[:39] + "\u2026"
        return (
            f"`{shown}` looks like markup (rich, Markdown or HTML); signpost shows "
            "it as typed, so write plain words instead"
        ), markup.group()
    return None, None


def _suspect(text: str) -> bool:
    """Whether `_finding` could report `text`: too long, or a character it needs."""
    if len(text) > MAX_TEXT:
        return True
    return (_ASCII_SUSPECT if text.isascii() else SUSPECT).search(text) is not None


def _suspect_texts(file: FileContext) -> Iterator[tuple[DataPath, str]]:
    """Every text value that is `_suspect`, and every key that holds a character
    `SUSPECT` finds, with its path; the path of any other text is never made."""
    for holder, key, text, is_key in file.texts():
        if SUSPECT.search(text) if is_key else _suspect(text):
            yield text_path(holder, key), text
