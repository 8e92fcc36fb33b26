"""The everyday-words table (`trees/everyday-words.yaml`): the phrases people use for
what the trees call something else ("fined" for fines, "kicked out" for
exclusions), and which of them suggest a child may be at risk.

Search reads a sentence with it (`signpost.reports.search`); lint checks it
(rule everyday-words). A phrase is kept as its words (`signpost.tokens.words`), so
it matches whole words in order, however they are written.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from signpost.errors import TreeError
from signpost.tokens import words


class Everyday(NamedTuple):
    name: str
    say: tuple[tuple[str, ...], ...]  # each phrase as its words
    means: tuple[str, ...]  # as the trees write it
    risk: bool = False


def _phrases(value: object) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    return None


def entry(name: str, data: object) -> Everyday | str:
    """One entry of the table, or what is wrong with it."""
    if not isinstance(data, dict):
        return f"`words.{name}` needs `say:` and `means:`"
    unknown = sorted(set(data) - {"say", "means", "risk"})
    if unknown:
        return f"`words.{name}` has an unknown key `{unknown[0]}` (say, means, risk)"
    say, means = _phrases(data.get("say")), _phrases(data.get("means"))
    if say is None or means is None:
        return f"`words.{name}` needs `say:` and `means:`, each a list of phrases"
    if not isinstance(data.get("risk", False), bool):
        return f"`words.{name}.risk` is true or false"
    phrases = tuple(tuple(words(p)) for p in say)
    if not all(phrases):
        return f"`words.{name}.say` has a phrase with no words"
    return Everyday(str(name), phrases, tuple(means), bool(data.get("risk", False)))


def load_everyday(path: Path) -> tuple[Everyday, ...]:
    """The table, or none if there is no file. A malformed file is a `TreeError`
    naming where (`signpost lint` says more)."""
    if not path.is_file():
        return ()
    from signpost.content.yamlfile import load_entries

    def fail(message: str) -> TreeError:
        return TreeError(message, where=str(path), hint="Run `signpost lint` on the folder.")

    entries = load_entries(path, "words", "the table needs `words:`, a mapping of entries", fail)
    table = []
    for name, data in entries.items():
        found = entry(str(name), data)
        if isinstance(found, str):
            raise fail(found)
        table.append(found)
    return tuple(table)
