"""Attribution: a step says who says it, and quotes what that voice said.

Which lines of a source are whose (a parent's question, the council's answer, the
strategy, Define Fine, the live Q&A) is recorded once in `seeds/voices.yaml`
(`signpost.content.voices`). A step's quote must stand in one voice (`mixed-voices`)
and in a voice that answers, not in someone asking (`not-an-answer`); it must be long
enough to be a citation (`short-quote`); and a step resting on a parent-led group's
guidance names the group (`unnamed-group`), so its view is never read as a rule.
"""

from __future__ import annotations

import re

from signpost.content.document import SourceDocument
from signpost.content.sources import Sources
from signpost.content.voices import Voice
from signpost.content.wording import normalise
from signpost.lint.config import Config
from signpost.lint.context import FileContext, Findings, Folder, SourceRef

MIN_QUOTE_WORDS = 5  # fewer words than this is not a citation
_WORD = re.compile(r"\w[\w'’-]*")


def check(folder: Folder, findings: Findings, config: Config) -> None:
    sources = folder.sources
    # (doc, quote) -> where the quote stands (no place: quote-not-found says so) and the
    # voice finding, if any: outcomes cite the same passages again and again.
    found: dict[tuple[str, str], tuple[bool, tuple[str, str] | None]] = {}
    for tree in folder.trees:
        for node in tree.nodes.values():
            for _, text, ref in node.steps:
                if ref is None or ref.get("doc") is None or ref.get("quote") is None:
                    continue  # missing-source says so
                key: tuple[str, str] = (ref.get("doc"), ref.get("quote"))
                document = sources.get(key[0])
                if document is None:
                    continue  # unknown-doc says so
                if key not in found:
                    found[key] = _where(document, key[1], sources)
                there, voice = found[key]
                if not there:
                    continue
                _short(tree.file, ref, findings)
                if voice is not None:
                    findings.add(voice[0], tree.file, ref.path + ("quote",), voice[1])
                if text is not None:
                    _group(tree.file, ref, text, document, findings)


def _short(file: FileContext, ref: SourceRef, findings: Findings) -> None:
    """`short-quote`: a quote of fewer than MIN_QUOTE_WORDS words."""
    words = _WORD.findall(ref.get("quote"))
    if len(words) >= MIN_QUOTE_WORDS:
        return
    findings.add(
        "short-quote",
        file,
        ref.path + ("quote",),
        f"this quote has {len(words)} word{'' if len(words) == 1 else 's'} "
        f'("{" ".join(ref.get("quote").split())}"); a citation needs at least '
        f"{MIN_QUOTE_WORDS} words of the source, enough to show what it says; "
        "quote the words the step rests on",
    )


def _where(
    document: SourceDocument, quote: str, sources: Sources
) -> tuple[bool, tuple[str, str] | None]:
    """Whether `quote` is in `document`, and its `mixed-voices` or `not-an-answer`
    finding (rule, message) if it has one: any place it stands in one answering voice
    will do."""
    spans = document.spans(quote)
    doc = document.name
    places = [place for place in sources.voices_at(doc, spans) if place]
    if not places:
        return bool(spans), None  # not there, or no record covers the document
    single = [place for place in places if len({voice for _, voice in place}) == 1]
    if any(place[0][1].answer for place in single):
        return True, None
    if single:
        line, voice = single[0][0]
        return True, ("not-an-answer", _not_answer(doc, line, voice, sources))
    return True, ("mixed-voices", _mixed(doc, places[0]))


def _mixed(doc: str, place: list[tuple[int, Voice]]) -> str:
    parts, last = [], None
    for line, voice in place:
        if voice != last:
            parts.append(f"line {line} is {voice.who}")
            last = voice
    answers = [line for line, voice in place if voice.answer]
    advice = (
        f"quote only the answer (from line {answers[0]})"
        if answers
        else "quote only what one voice says"
    )
    return (
        f"this quote runs from one voice into another in `{doc}`: {'; '.join(parts)}; "
        f"{advice}, so the step is not shown as saying someone else's words"
    )


def _not_answer(doc: str, line: int, voice: Voice, sources: Sources) -> str:
    document = sources.get(doc)
    record = sources.voices
    after = None
    if document is not None and record is not None:
        text = document.text.splitlines()
        after = next(
            (
                number
                for number in range(line + 1, len(text) + 1)
                if normalise(text[number - 1]) and getattr(record.at(doc, number), "answer", False)
            ),
            None,
        )
    hint = f"quote the answer (it starts on line {after})" if after else "quote an answer"
    return (
        f"this quote is not the source's own word: line {line} of `{doc}` is {voice.who}; "
        f"a step is shown as what the source says, so {hint}, and tell the situation "
        "in the step's own words"
    )


def _group(
    file: FileContext, ref: SourceRef, text: str, document: SourceDocument, findings: Findings
) -> None:
    """`unnamed-group`: a step resting on a parent-led group's guidance names the group."""
    about = document.about
    if about is None or about.kind != "parent-group":
        return
    if normalise(about.publisher) in normalise(text):
        return
    findings.add(
        "unnamed-group",
        file,
        ref.path[:-1] + ("text",),
        f"this step rests on {about.publisher}'s guidance (`{document.name}`), a parent-led "
        f"group's view, but does not name {about.publisher}; say it in the step "
        f'("{about.publisher}, a parent-led group, says …"), so its view is not read '
        "as a rule",
    )
