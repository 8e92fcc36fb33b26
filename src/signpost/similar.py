"""Near misses, for "did you mean ...?" hints.

difflib is imported only when a hint is wanted, which is only when something is
wrong: a clean run (the common case, many times a day) never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """`difflib.get_close_matches`: the best `n` of `choices` at least `cutoff` alike."""
    from difflib import get_close_matches

    return get_close_matches(word, list(choices), n=n, cutoff=cutoff)
