"""`SourceDocument.normalised` (all that lint builds) is made with `str.split`, and
`SourceDocument._offsets` a run at a time, for speed. Together they must give exactly
what the original character-at-a-time version gave: the same text and the same
offsets."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from signpost.content.sources import SourceDocument
from signpost.content.wording import _QUOTE_MARKS

_SPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def reference(text: str) -> tuple[str, list[int]]:
    """The original implementation, kept here as the specification."""
    out, offsets, pending_space = [], [], False
    for offset, char in enumerate(text.translate(str.maketrans(_QUOTE_MARKS))):
        if _SPACE.fullmatch(char):
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(offset - 1)
            pending_space = False
        folded = char.casefold()
        out.append(folded)
        offsets.extend([offset] * len(folded))
    return "".join(out), offsets


def normalised(text: str) -> tuple[str, list[int]]:
    doc = SourceDocument(Path("x.txt"), "x")
    doc.__dict__["text"] = text
    return doc.normalised, doc._offsets


ALPHABET = st.sampled_from(
    list("aZ é.ßİﬁ\u2019\u201c\u2033\u00a0\u2003\u200b\u3000\x1c\t\n-") + [" ", "  "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_same_as_the_character_at_a_time_version(text):
    assert normalised(text) == reference(text)


def test_every_seed_document_normalises_as_before():
    for path in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalised(text) == reference(text), path.name


def test_contains_and_find_agree():
    doc = SourceDocument(Path("x.txt"), "x")
    doc.__dict__["text"] = "Ask the \u201cSENCO\u201d\u00a0for a\u200bmeeting.\nThen wait."
    assert doc.contains('ask the "senco" for a meeting')
    assert (
        doc.find('ask the "senco" for a meeting').text
        == "Ask the \u201cSENCO\u201d\u00a0for a\u200bmeeting"
    )
    assert not doc.contains("ask the senco for a meeting")  # the quote marks are part of the words
    assert doc.find("ask the senco for a meeting") is None
    assert not doc.contains("   ") and doc.find("   ") is None
