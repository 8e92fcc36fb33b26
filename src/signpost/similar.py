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


def did_you_mean(
    word: str, choices: Iterable[str], *, n: int = 1, cutoff: float = 0.6, sentence: bool = False
) -> str:
    """ "did you mean `x`?" (or "Did ..." to start a `sentence`) for the near misses of
    `word` among `choices`, or "" when none is close: the one "did you mean" in signpost."""
    close = close_matches(word, choices, n=n, cutoff=cutoff)
    if not close:
        return ""
    return f"{'Did' if sentence else 'did'} you mean {', '.join(f'`{c}`' for c in close)}?"
