"""The one form in which a tree's quotes and the sources' words are compared: one space,
straight quotes, lower case. Its own module because both the source documents
(`sources`) and the record of who speaks on their lines (`voices`) match in it.
"""

from __future__ import annotations

# Curly quotes as straight ones: each a single character for a single character, so
# offsets into the straightened text are offsets into the document.
_QUOTE_MARKS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
}
# The zero-width space is not whitespace to Python but is a gap between words on the page.
_ZERO_WIDTH_SPACE = "\u200b"


def _straighten(text: str) -> str:
    """Curly quotes made straight. A `replace` per mark present: `str.translate` with a
    table looks up every character in Python and is several times slower on a document."""
    for mark, straight in _QUOTE_MARKS.items():
        if mark in text:
            text = text.replace(mark, straight)
    return text


def normalise(text: str) -> str:
    """The form quotes are matched in: one space, straight quotes, lower case."""
    return " ".join(_straighten(text).replace(_ZERO_WIDTH_SPACE, " ").split()).casefold()
