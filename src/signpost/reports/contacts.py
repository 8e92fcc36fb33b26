"""`signpost contacts`: the contacts in the catalogue that mention some words.

Plain functions over the catalogue's `Contact` records; the command line prints
what they give (the list itself is drawn by `ui.screens.contact_list`, which the
plan's contacts use too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from signpost.content.model import Contact
from signpost.walk.plan import contact_dict
from signpost.words import count


def query_words(query: Sequence[str]) -> list[str]:
    """The words to look for, in any case: each argument split at spaces."""
    return [word.casefold() for part in query for word in part.split()]


def _searchable(contact: Contact) -> str:
    """Everything a word may be found in: the id, name, purpose and details."""
    parts = (
        contact.id,
        contact.name,
        contact.for_,
        contact.phone,
        contact.email,
        contact.web,
        contact.page,
    )
    return " ".join(part for part in parts if part).casefold()


def find_contacts(contacts: Iterable[Contact], query: Sequence[str]) -> list[Contact]:
    """The contacts, in catalogue order, that mention every word of `query`."""
    words = query_words(query)
    return [c for c in contacts if all(word in _searchable(c) for word in words)]


def contacts_dict(found: Sequence[Contact], query: Sequence[str]) -> dict:
    """The JSON of `signpost contacts --format json`."""
    return {
        "version": 1,
        "query": " ".join(query) or None,
        "contacts": [contact_dict(c) for c in found],
    }


def no_match_text(query: Sequence[str]) -> str:
    """What to say when no contact mentions the words."""
    return (
        f"No contact mentions \u201c{' '.join(query)}\u201d. "
        "Try one word, or run `signpost contacts` to see them all.\n"
    )


def count_line(found: Sequence[Contact]) -> str:
    """The line under the list: how many contacts it shows."""
    return count(len(found), "contact") + "."
