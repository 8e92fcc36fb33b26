"""Small pieces of English for messages: the one pluraliser."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """`n` and `word`, plural unless `n` is 1: "1 route", "3 routes", "2 spaces"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
