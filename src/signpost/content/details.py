"""Contact details as the sources write them: phone numbers, email addresses and web
addresses, found in a text as whole tokens, and the keys they are compared by.

A phone number is found where a text writes it as one run of digit groups, an email as
a whole address, a web address by a whole host (`phone_keys`, `emails`, `hosts`), so a
detail is never taken from the middle of another. `SourceDocument` keeps each set once
per document; lint's provenance rules and the site's links use the patterns here.
"""

from __future__ import annotations

import re

PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
WEB = re.compile(
    r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net)\b[^\s)]*",
    re.IGNORECASE,
)


_DIGIT_RUNS = re.compile(r"\d+")
# Digit groups written together as one number: digits and brackets, each group joined
# to the next by at most one space, hyphen or no-break space (a passage's other numbers
# are apart from it). Each character has one way to match, so the search is linear.
_PHONE_RUN = re.compile(r"\+?[\d(](?:[\d()]|[ \u00a0-](?=[\d(]))*")
# A host name, whole (not after a letter, digit, `.`, `-` or an email's `@`), and the
# path written after it, if any.
_HOST = re.compile(
    r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])(/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)


def digits(text: str) -> str:
    """The digits of `text`, run together. (Finding the runs of digits is several times
    faster than deleting everything else, which is nearly every character.)"""
    return "".join(_DIGIT_RUNS.findall(text))


def phone_key(number: str) -> str:
    """A phone number as its ASCII digits (whatever script it is written in), `+44 (0)1305
    ...` and `+44 1305 ...` as `01305 ...`."""
    key = digits(number)
    if not key.isascii():
        import unicodedata

        key = "".join(str(unicodedata.digit(c)) for c in key)
    if key.startswith("440") and len(key) in (12, 13):
        return key[2:]
    if key.startswith("44") and len(key) in (11, 12):
        return "0" + key[2:]
    return key


def web_parts(address: str) -> tuple[str, str] | None:
    """A web address's host and path (`("www.nhs.uk", "/page")`, any case, no scheme and
    no final `/`), or None if it names someone before an `@` (`a.uk@evil.example/x`,
    whose host is evil.example), a port, or no host at all."""
    rest = re.sub(r"^https?://", "", address.strip(), flags=re.IGNORECASE)
    split = re.search(r"[/?#]", rest)
    authority = rest[: split.start()] if split else rest
    path = rest[split.start() :] if split else ""
    if not authority or not re.fullmatch(r"[A-Za-z0-9.-]+", authority):
        return None  # userinfo (`@`), a port (`:`), spaces or anything else
    return authority.casefold().rstrip("."), path.rstrip("/")


def phone_keys(text: str) -> frozenset[str]:
    """Every phone number `text` gives, as `phone_key`s: each run of digit groups written
    together (`01305 228866`, `+44 (0)1305 228 866`), and each run of whole groups
    within it, so a number is found only where it is written as one."""
    found: set[str] = set()
    for match in _PHONE_RUN.finditer(text):
        groups = _DIGIT_RUNS.findall(match.group())
        if len(groups) > 12:
            continue  # a table of figures, not a phone number
        for first in range(len(groups)):
            for last in range(first + 1, len(groups) + 1):
                key = phone_key("".join(groups[first:last]))
                if 3 <= len(key) <= 13:
                    found.add(key)
    return frozenset(found)


def emails(text: str) -> frozenset[str]:
    """Every whole email address in `text`, in any case."""
    return frozenset(m.group().casefold() for m in EMAIL.finditer(text))


def hosts(text: str) -> frozenset[str]:
    """Every whole host name `text` gives (`www.nhs.uk`, `kooth.com`), and each with the
    path written after it (`www.example.org.uk/page`), without a final `/`; the domain
    of an email address is not a host."""
    found: set[str] = set()
    for match in _HOST.finditer(text):
        host, path = match.group(1).casefold(), match.group(2) or ""
        found.add(host)
        if path:
            found.add(host + path.rstrip(".,;:!?'\"").rstrip("/"))
    return frozenset(found)
