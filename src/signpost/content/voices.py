"""Who speaks on each line of the source documents: `seeds/voices.yaml`, read once.

The sources mix voices (a parent's question and the council's answer, the strategy's
own words and the people it quotes, Define Fine's guidance, the live Q&A). The record
gives each document a voice and lists the lines of another; each listed line carries
its first words (`starts`), so an entry that no longer matches its document is refused
rather than trusted. `signpost.content.sources.Sources.voices_of` tells the voice of
each line a quote stands on; lint's `mixed-voices` and `not-an-answer` read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from signpost.errors import TreeError

VOICES_FILE = "voices.yaml"


class Voice(NamedTuple):
    """One voice: its id, who it is (for beside a quote), and whether it is the
    document's own word (`answer`) or someone the document reports (a question)."""

    id: str
    who: str
    answer: bool


class Voices:
    """The record: each document's voice for every line, and its voices by id."""

    def __init__(self, voices: dict[str, Voice], lines: dict[str, tuple[Voice, dict[int, Voice]]]):
        self.voices = voices
        self._lines = lines  # doc -> (its voice, {line: another voice})

    def covers(self, doc: str) -> bool:
        return doc in self._lines

    def at(self, doc: str, line: int) -> Voice | None:
        """The voice of line `line` (1-based) of `doc`, or None if the record has no
        entry for the document."""
        entry = self._lines.get(doc)
        if entry is None:
            return None
        default, others = entry
        return others.get(line, default)


def load_voices(folder: Path, lines_of: dict[str, list[str]]) -> Voices | None:
    """The record in `folder/voices.yaml`, checked against the documents' lines
    (`lines_of`: file name -> its lines); None if there is no record. A malformed or
    drifted entry is a `TreeError` naming it."""
    path = folder / VOICES_FILE
    if not path.is_file():
        return None
    from signpost.content.yamlfile import load_file

    def fail(message: str) -> TreeError:
        return TreeError(message, where=str(path), hint="See the notes at the top of the file.")

    doc = load_file(path, path.parent)
    if doc.problems:
        raise fail(doc.problems[0].message)
    data = doc.data if isinstance(doc.data, dict) else {}
    voices = _voices(data.get("voices"), fail)
    documents = data.get("documents")
    if not isinstance(documents, dict):
        raise fail("the file needs `documents:`, a mapping of file name to its voices")
    lines: dict[str, tuple[Voice, dict[int, Voice]]] = {}
    for name, entry in documents.items():
        if name not in lines_of:
            raise fail(f"`documents.{name}` is not a document in {folder}")
        lines[str(name)] = _document(str(name), entry, voices, lines_of[name], fail)
    return Voices(voices, lines)


def _voices(data: object, fail) -> dict[str, Voice]:
    if not isinstance(data, dict) or not data:
        raise fail("the file needs `voices:`, a mapping of voice id to `who` and `answer`")
    voices = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise fail(f"`voices.{key}`: a voice id is text")
        who = value.get("who") if isinstance(value, dict) else None
        answer = value.get("answer") if isinstance(value, dict) else None
        if not isinstance(who, str) or not who.strip() or not isinstance(answer, bool):
            raise fail(f"`voices.{key}` needs `who` (text) and `answer` (true or false)")
        voices[str(key)] = Voice(str(key), who.strip(), answer)
    return voices


def _document(
    name: str, entry: object, voices: dict[str, Voice], text: list[str], fail
) -> tuple[Voice, dict[int, Voice]]:
    from signpost.content.sources import normalise

    where = f"`documents.{name}`"
    if not isinstance(entry, dict) or not _known(entry.get("voice"), voices):
        raise fail(f"{where} needs `voice`, one of {', '.join(voices)}")
    lines = entry.get("lines", [])
    if not isinstance(lines, list):
        raise fail(f"{where}.lines should be a list of `{{at, voice, starts}}`")
    others: dict[int, Voice] = {}
    for index, line in enumerate(lines):
        at = f"{where}.lines[{index}]"
        if not isinstance(line, dict) or not _known(line.get("voice"), voices):
            raise fail(f"{at} needs `voice`, one of {', '.join(voices)}")
        first, last = _line_number(line.get("at"), text), _line_number(line.get("to"), text)
        last = first if "to" not in line else last
        if first is None or last is None or first > last:
            raise fail(f"{at}: `at` and `to` should be line numbers from 1 to {len(text)}")
        starts = line.get("starts")
        if not isinstance(starts, str) or not normalise(text[first - 1]).startswith(
            normalise(starts) or "\0"
        ):
            raise fail(
                f'{at}: line {first} does not start "{starts}"; '
                f'it starts "{" ".join(text[first - 1].split()[:6])}"'
            )
        for number in range(first, last + 1):
            others[number] = voices[line["voice"]]
    return voices[entry["voice"]], others


def _known(value: object, voices: dict[str, Voice]) -> bool:
    return isinstance(value, str) and value in voices


def _line_number(value: object, text: list[str]) -> int | None:
    """`value` if it is a line number of `text`, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(text):
        return value
    return None
