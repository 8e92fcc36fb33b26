"""The one way search reads words, in a query and in the trees alike.

`words` is a text as a person means it: any case, punctuation gone ("crisis," is
"crisis"), apostrophes left out ("child's" is "child"), "n't" as "not" ("won't" is
"wo not"), "'ll", "'ve", "'s" and the like left off ("we'll" is "we"), and
"herself", "himself", "themselves" as "self" (so "hurting herself" and "self-harm"
share a word). `terms` is what ranking counts: those words without
the common ones ("the", "she", "we"), each cut to its stem with `stem`.

`stem` is a short suffix stripper written here, not a library: the Snowball
stemmer's package imports all of its 30-odd languages to give one, about 125 ms,
longer than `signpost list` takes in all. It only has to make the forms a parent
types meet the forms the trees use ("fined" and "fines", "worried" and "worries",
"illness" and "ill", "assessment" and "assessed"), the same way for both.
"""

from __future__ import annotations

import re

STOP = frozenset(
    """
    a about above after again all am an and any are as at be been being both but by
    can could did do does doing each few for from further get gets got had has have
    having he her here hers him his how i id if im in into is it its itll ive just
    let lets me more most my myself of on once only or other our ours ourselves own
    really said same say says she should so some such than that thats the their theirs
    them then there these they theyre theyve this those through to too us very was we
    were weve what when where which while who whom why will with would you youd youll
    your youre yours youve ca wo sha also even ever still now since
    """.split()  # noqa: SIM905 (a list a person can read and edit)
)

SELF = {
    w: "self"
    for w in ("herself", "himself", "themselves", "themself", "myself", "yourself", "itself")
}
IRREGULAR = {
    "children": "child",
    "people": "person",
    "women": "woman",
    "men": "man",
    "going": "go",
    "goes": "go",
    "went": "go",
    "gone": "go",
    "teenager": "teen",
    "teenagers": "teen",
    "teenage": "teen",
}
# Compiled by `re` the first time a word is stemmed (each word is stemmed once), not on import.
_VOWEL = "[aeiouy]"
_DOUBLE = r"([b-df-hj-kmnp-rtv-xz])\1$"  # not l, s or z: "call", "assess"


def words(text: str) -> list[str]:
    """The words of `text`, in order, folded as a person means them (common words kept)."""
    text = text.casefold()
    if any(mark in text for mark in "\u2019\u2018'`"):  # else the three below do nothing
        text = re.sub(r"n[\u2019'`]t\b", " not", text).replace("cannot", "can not")
        text = re.sub(r"[\u2019'`](?:ll|ve|re|d|m|s)\b", "", text)  # we'll, she's, child's
        text = re.sub("[\u2019\u2018'`]", "", text)
    else:
        text = text.replace("cannot", "can not")
    return [SELF.get(w, w) for w in re.findall(r"[^\W_]+", text)]


def terms(text: str) -> list[str]:
    """The stems ranking counts, in order: `words` without the common ones."""
    stems = (stem(w) for w in words(text) if w not in STOP)
    return [s for s in stems if s not in STOP]


def _cut(word: str, suffix: str, keep: int = 3) -> str | None:
    """`word` without `suffix`, if what is left is at least `keep` letters with a vowel."""
    if word.endswith(suffix):
        rest = word[: -len(suffix)]
        if len(rest) >= keep and re.search(_VOWEL, rest):
            return rest
    return None


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The stem of a folded word: plural, -ed, -ing, -ly, -ment, -ness and a final e off."""
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _stem(word)
    return found


def _stem(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        rest = _cut(word, suffix)
        if rest:
            word = rest[:-1] if re.search(_DOUBLE, rest) else rest
            break
    for suffix, keep in (("ly", 4), ("ment", 4), ("ness", 3)):
        word = _cut(word, suffix, keep) or word
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word
