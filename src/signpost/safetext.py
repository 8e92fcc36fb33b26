"""Text from a tree is only ever text: the one place it is made safe for each output.

A tree file is written by someone else. Whatever it holds, what signpost prints from
it must read as the same characters, never as instructions to the terminal, to rich,
to a Markdown viewer or to a diagram tool. Each output boundary calls one of these:

- `terminal(text)`: control characters (C0 but newline and tab, DEL, C1) and the
  bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, and the marks
  U+200E, U+200F, U+061C) are shown as visible escapes such as `\\x1b` or `\\u202e`,
  so nothing can move the cursor, retitle the window, make a link or reorder a line.
- `rich_text(text)`: a rich `Text` of `terminal(text)`: never read as rich markup.
- `json_text(dumped)`: the same characters written as JSON `\\uXXXX` escapes, so the
  JSON is unchanged as data and safe to look at.
- `markdown(text)`: also escapes what Markdown would read as structure, a link or
  HTML: a tree cannot add a heading, a link, an image or a tag to a plan or booklet.
- `markdown_literal(text)`: stricter, for a review (`signpost diff`): every mark that
  could start structure, a link or an autolink (`www.`, `https:`, `name@host`).
- `one_line(text)`: `terminal(text)` with its line breaks and tabs made single spaces.
- `html(value)`: what a web page shows of a value, before Jinja2 escapes its markup:
  the same visible escapes, so no bidi override reorders a page's words or digits.
- `mermaid_label`, `mermaid_id`, `dot_string`: diagram labels and ids that cannot end
  their string or add a statement.

The core keeps tree text exactly as written; only output is changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only by the outputs that draw with it
    from rich.text import Text

# What a terminal would act on, or what reorders the text around it. Newline and tab
# are kept: they are layout, and every output already handles them.
# Invisible characters are shown too: a zero-width space, joiner or word joiner, a soft
# hyphen, a byte-order mark or a tag character can sit unseen inside a phone number or
# an address (`01952\u200b020202`), hiding it from a reader and from the checks.
INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"
UNSAFE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069{INVISIBLE}]"
)
# What the lint rule `unsafe-text` reports: UNSAFE, and the tab and newline too when
# they are in a one-line field is left to the shape rules; markup-like text is below.
# (Text, any case: compiled by `re` where it is searched, which only lint's `unsafe-text` does.)
MARKUP = (
    r"(?i)\[/?[a-z#@][^\]\n]*\]"  # rich markup: [bold], [/], [link=...], [#ff0000]
    r"|\[[^\]\n]*\]\([^)\n]*\)"  # a Markdown link or image: [text](url)
    r"|</?[a-z][^>\n]*>"  # an HTML tag
    r"|&#?[a-z0-9]+;"  # an HTML entity
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal(text: str) -> str:
    """`text` with every control character and bidi override shown as an escape."""
    return UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """`terminal(text)` on one line: each run of line breaks, tabs and spaces one space."""
    return " ".join(terminal(text).split())


def html(value: object) -> object:
    """A value as a web page shows it (Jinja2's `finalize`): a string gets `terminal`'s
    visible escapes, then Jinja2's autoescaping makes its markup text. The templates' own
    markup (`Markup`, such as the inlined stylesheet) and non-strings pass unchanged."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return terminal(value)
    return value


def rich_text(text: str, style: str = "") -> Text:
    """A rich `Text` that shows `text` literally: never read as markup."""
    from rich.text import Text

    return Text(terminal(text), style=style)


def json_text(dumped: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with each unsafe character
    written as a `\\uXXXX` escape: the same data, safe on a terminal. Outside strings
    JSON has no such characters, so replacing them everywhere is exact."""
    return UNSAFE.sub(_json_escape, dumped)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond U+FFFF as its UTF-16 pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_dumps(data: object) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False)`, made safe by `json_text`."""
    import json

    return json_text(json.dumps(data, indent=2, ensure_ascii=False))


# Characters Markdown (CommonMark and GitHub's) gives a meaning to anywhere in a line:
# `_` only where it could open or close emphasis (not inside a word, as in a file
# name), `&` only where it starts an entity such as `&lt;` (not in "Q&A").
# The Markdown patterns are text, compiled by `re` when Markdown is first written: every
# command imports this module, few write Markdown.
_MD_INLINE = r"[\\`*\[\]<>#|~!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)"
# What makes a line a heading, list, quote, rule or code block when it starts it.
_MD_LINE_START = r"^(\s*)([-+=>]|\d+[.)])"


def markdown(text: str) -> str:
    """`text` as literal Markdown: one line, every markup character backslash-escaped."""
    escaped = re.sub(_MD_INLINE, lambda m: "\\" + m.group(), one_line(text))
    return re.sub(_MD_LINE_START, lambda m: m.group(1) + _md_escape_start(m.group(2)), escaped)


# Every mark that can start Markdown structure, a link, an autolink (`www.`, `https:`,
# `name@host`), HTML or an entity; `'`, `,`, `?`, `"`, `/`, `;`, `=` and `%` cannot.
_MD_PUNCTUATION = r"([\\`*_{}\[\]()#+\-.!|<>~&:@$^])"


def markdown_literal(text: str) -> str:
    """Text as Markdown that shows exactly that text, one line, with each mark that could
    act backslash-escaped: no `#`, `*`, `[...](...)`, `<tag>`, `www.` or `@name` acts."""
    return re.sub(_MD_PUNCTUATION, r"\\\1", one_line(text))


def _md_escape_start(mark: str) -> str:
    return mark[:-1] + "\\" + mark[-1] if mark[-1] in ".)" else "\\" + mark


_MERMAID = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#38;",
    "`": "#96;",
}


def mermaid_label(text: str) -> str:
    """Text safe inside a quoted Mermaid label, using Mermaid's entity codes."""
    return "".join(_MERMAID.get(c, c) for c in one_line(text))


_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def mermaid_id(kind: str, ident: str) -> str:
    """A Mermaid node id for `ident` that is only letters, digits and `_`.

    A kebab-case id keeps its shape (`n_talk_to_school`); anything else is spelt out
    character by character (`nx_...`), so no id can end the statement it is in.
    """
    if ident and all(c in _ID_CHARS or c == "-" for c in ident) and "--" not in ident:
        return f"{kind}_{ident.replace('-', '_')}"
    return f"{kind}x_" + "".join(c if c in _ID_CHARS else f"_{ord(c):x}_" for c in ident)


def dot_string(text: str) -> str:
    """Text safe inside a double-quoted DOT string: backslash and quote escaped, one line."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def small_number(text: str) -> int | None:
    """The whole number `text` is, if it is a few ASCII digits (`"2"`, `" 12 "`); else None.

    `str.isdigit` is true for `"²"` and for any number of digits, which `int` then
    refuses or takes a long time over: an answer is never more than six digits.
    """
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return int(text)
    return None


def excerpt(text: str, limit: int = 60) -> str:
    """`text` for a message that quotes it: safe for a terminal and at most `limit` long."""
    text = terminal(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# What a terminal that cannot show a character gets instead: the nearest ASCII for the
# typographic marks the trees and sources use, else `?`.
_PLAIN = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2192": "->",
    "\u2022": "*",
    "\u00a0": " ",
    "\u00a3": "GBP ",
}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_PLAIN.get(c, "?") for c in bad), error.end


def degrade_streams() -> None:
    """Let stdout and stderr write on a terminal that is not UTF-8 (`LANG=C`, latin-1,
    `PYTHONIOENCODING=ascii`): what it cannot show becomes ASCII or `?`, not a crash."""
    import codecs
    import contextlib
    import sys

    try:
        codecs.lookup_error("signpost-degrade")
    except LookupError:
        codecs.register_error("signpost-degrade", _degrade)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") or not hasattr(stream, "reconfigure"):
            continue
        with contextlib.suppress(ValueError, OSError):  # a stream closed, or not text
            stream.reconfigure(errors="signpost-degrade")
