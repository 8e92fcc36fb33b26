"""Readability, in plain English: long sentences, unexplained acronyms and uncommon words
(from a reviewed list, `lint/data/uncommon-words.txt`) in what a family reads, and how
hard each outcome reads (LIX, naming its hardest sentence).

The text of a tree is read as a family meets it: its title and summary (the menu,
and the top of the walk), the start node, then
breadth-first along the options, then any node no route reaches. For each node:
the question, its labels and then its help, or the outcome's title, intro and
steps. Help is shown only if the person asks for it, so what help explains does
not count as explained for the text after it (an acronym help uses must still be
explained). Each contact of the catalogue is read on its own (it is shown on its own).
A term in the folder's glossary (`glossary.yaml`) is explained on screen the first
time it is seen, so it needs no explanation in the text.

An acronym counts as explained where it stands beside its expansion in
brackets, either way round — "EHCP (Education, Health and Care Plan)" or
"Education, Health and Care Plan (EHCP)" — or is followed by "means", "stands
for" or "is short for" ("EBSA means emotionally based school avoidance"), or by
"is" and words whose initials spell it ("CAMHS is Child and Adolescent Mental
Health Services").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from signpost.content.glossary import ACRONYM, Glossary, Term, explained_at
from signpost.content.model import reading_order
from signpost.content.yamlfile import DataPath
from signpost.lint.config import Config
from signpost.lint.context import (
    FileContext,
    Findings,
    Folder,
    NodeInfo,
    Readability,
    TreeInfo,
    locate,
)

# Every acronym pattern above needs two capitals side by side (with digits between):
# text without them can neither use nor explain an acronym.
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]*[A-Z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_WORD = re.compile(r"[A-Za-z0-9£][\w'’£%-]*")
KNOWN = {
    "EHCP": "Education, Health and Care Plan",
    "SENCO": "Special Educational Needs Co-ordinator",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "EBSA": "emotionally based school avoidance",
    "MHST": "Mental Health Support Team",
    "SENDIASS": "SEND Information, Advice and Support Service",
    "EHC": "Education, Health and Care",
    "SEN": "special educational needs",
}


def tree_texts(tree: TreeInfo) -> Iterator[tuple[DataPath, str, bool]]:
    """The tree's parent-facing text in reading order, each with whether it is always
    shown (help is shown only when asked for)."""
    order = reading_order(
        tree.get("start"), tree.nodes, lambda node: [o.get("next") for o in node.options]
    )
    for key in ("title", "summary"):  # the menu, and the top of the walk
        text = tree.get(key)
        if text:
            yield (key,), text, True
    for node_id in order:
        node = tree.nodes[node_id]
        path = node.path
        if node.kind == "question":
            if node.get("question"):
                yield path + ("question",), node.get("question"), True
            for option in node.options:
                if option.get("label"):
                    yield path + ("options", option.index, "label"), option.get("label"), True
            if node.get("help"):
                yield path + ("help",), node.get("help"), False
        else:
            opath = path + ("outcome",)
            for key in ("title", "intro"):
                text = node.get(key)
                if text:
                    yield opath + (key,), text, True
            for index, text, _ in node.steps:
                if text:
                    yield opath + ("steps", index, "text"), text, True


def check(folder: Folder, findings: Findings, config: Config) -> None:
    known = folder.glossary.terms if folder.glossary is not None else frozenset()
    glossary = Glossary(Term(term, "") for term in sorted(known))
    wanted = _on("unexplained-word", config)
    for tree in folder.trees:
        texts = list(tree_texts(tree))
        _read(tree.file, texts, findings, config, known, per_text=False)
        if wanted:  # off (its default): not worked out at all
            _uncommon(tree.file, texts, glossary, findings)
        for node in tree.nodes.values():
            if node.kind == "outcome":
                _readability(tree, node, findings, config)
    if folder.catalogue is not None:
        texts = [
            (c.path + ("for",), c.get("for"), True)
            for c in folder.catalogue.contacts.values()
            if c.get("for")
        ]
        _read(folder.catalogue.file, texts, findings, config, known, per_text=True)


def _on(rule: str, config: Config) -> bool:
    from signpost.lint.registry import RULES

    return config.severities.get(rule, RULES[rule].severity.value) != "off"


LONG_WORD = 6  # letters: a word with more is a long word, as LIX counts them
_LETTERS = re.compile(r"[A-Za-z]")


def measure(texts: list[str]) -> tuple[int, int, int]:
    """(words, sentences, long words) of texts read one after another: each text ends a
    sentence, whether or not it ends with a full stop (a title does not)."""
    words = sentences = long_words = 0
    for text in texts:
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                long_words += sum(
                    1 for w in found if len(w) > LONG_WORD and len(_LETTERS.findall(w)) > LONG_WORD
                )  # a word no longer than LONG_WORD cannot have more letters
    return words, sentences, long_words


def _tree_id(tree: TreeInfo) -> str:
    """The tree's id as its file writes it (even where it differs from the file's name,
    which `id-file-mismatch` reports), else the file's name: never None in the JSON."""
    data = tree.file.doc.data if tree.file.doc is not None else None
    written = data.get("id") if isinstance(data, dict) else None
    return tree.get("id") or (written if isinstance(written, str) else tree.file.path.stem)


def _readability(tree: TreeInfo, node: NodeInfo, findings: Findings, config: Config) -> None:
    """One LIX figure per outcome (title, intro and steps, as a family reads them), and
    `hard-to-read` above `max-lix`."""
    texts = [t for t in (node.get("title"), node.get("intro")) if t]
    texts += [t for _, t, _ in node.steps if t]
    words, sentences, long_words = measure(texts)
    path = node.path + ("outcome",)
    file = tree.file
    at = file.doc.mark(path, key=True) if file.doc is not None else None
    figure = Readability(
        file, at.line if at else 1, path, _tree_id(tree), node.id, words, sentences, long_words
    )
    findings.readability.append(figure)
    if words and figure.lix > config.max_lix:
        findings.add(
            "hard-to-read",
            file,
            path,
            f"this outcome scores {figure.lix:g} on LIX readability "
            f"({words / sentences:.1f} words a sentence, "
            f"{round(100 * long_words / words)}% of words longer than {LONG_WORD} letters; "
            f"the limit, `max-lix`, is {config.max_lix}); {hardest_sentence(node)}; "
            "use shorter sentences and everyday words",
            key=True,
        )


def hardest_sentence(node: NodeInfo) -> str:
    """Where an outcome's hardest sentence is, its length and its start: the one with
    the most words (LIX's first term), and of those the one with most long words."""
    texts = [("the title", node.get("title")), ("the intro", node.get("intro"))]
    texts += [(f"step {index + 1}", text) for index, text, _ in node.steps]
    best: tuple[int, int, str, str] = (0, 0, "", "")
    for where, text in texts:
        for sentence in _SENTENCE_END.split(" ".join((text or "").split())):
            found = _WORD.findall(sentence)
            long_words = sum(1 for w in found if len(_LETTERS.findall(w)) > LONG_WORD)
            best = max(best, (len(found), long_words, where, sentence))
    count, _, where, sentence = best
    shown = " ".join(sentence.split()[:8])
    ellipsis = " …" if len(sentence.split()) > 8 else ""
    return f'its hardest sentence, in {where}, has {count} words: "{shown}{ellipsis}"'


def _read(
    file: FileContext,
    texts: list[tuple[DataPath, str, bool]],
    findings: Findings,
    config: Config,
    known: frozenset[str] = frozenset(),
    *,
    per_text: bool,
) -> None:
    """`long-sentence` and `undefined-acronym` for texts read one after another (or,
    `per_text`, each on its own)."""
    explained: set[str] = set(config.acronyms) | known
    reported: set[str] = set()
    short = 2 * config.max_sentence_words  # characters: see _long_sentences
    for path, text, on_screen in texts:
        if per_text:
            explained, reported = set(config.acronyms) | known, set()
        if len(text) <= short and not _CAPITALS.search(text):
            continue  # no long sentence, and no acronym to use or explain (most texts)
        flat = " ".join(text.split())  # re.sub(r"\s+", " ", text).strip(), at C speed
        _long_sentences(file, path, text, flat, findings, config.max_sentence_words)
        explanations = _acronyms(file, path, flat, explained, reported, findings, per_text)
        if on_screen:  # what help explains may never be read
            explained.update(explanations)


def _long_sentences(
    file: FileContext, path: DataPath, text: str, flat: str, findings: Findings, limit: int
) -> None:
    """`long-sentence` for each sentence of `text` (`flat`: its spaces collapsed)."""
    # A sentence's words are words of the whole text, so text of at most `limit`
    # words has no long sentence; nor has text of at most 2 * limit characters
    # (more words, each a character with one between, need more).
    long = len(flat) > 2 * limit and len(_WORD.findall(flat)) > limit
    for sentence in _SENTENCE_END.split(flat) if long else ():
        words = _WORD.findall(sentence)
        if len(words) > limit:
            start = " ".join(words[:3])
            at = locate(file, path, start) if start in text else locate(file, path, words[0])
            shown = " ".join(sentence.split()[:8])
            findings.add(
                "long-sentence",
                file,
                path,
                f"this sentence has {len(words)} words "
                f'(the limit, `max-sentence-words`, is {limit}): "{shown} …"; '
                "split it into shorter sentences",
                at=at,
            )


def _acronyms(
    file: FileContext,
    path: DataPath,
    flat: str,
    explained: set[str],
    reported: set[str],
    findings: Findings,
    per_text: bool,
) -> dict[str, int]:
    """`undefined-acronym` for each acronym `flat` uses before it is explained (each
    reported once, added to `reported`); what `flat` explains, acronym to where."""
    if not _CAPITALS.search(flat):
        return {}
    used = [
        (match.group(1), match.end())
        for match in ACRONYM.finditer(flat)
        if match.group(1) not in explained and match.group(1) not in reported
    ]
    if not used:
        # Every acronym here is explained already (or reported): what this text
        # explains changes nothing, since explanations capture only acronyms that
        # ACRONYM also finds. Most text after a tree's first page is like this.
        return {}
    explanations = explained_at(flat)
    for word, end in used:
        if word in reported:  # a second use in this text
            continue
        if word in explanations and explanations[word] <= end:
            continue
        reported.add(word)
        _undefined(file, path, word, findings, per_text)
    return explanations


def _undefined(
    file: FileContext, path: DataPath, word: str, findings: Findings, per_text: bool
) -> None:
    example = f'"{KNOWN[word]} ({word})"' if word in KNOWN else f'"the words in full ({word})"'
    scope = "this entry" if per_text else "this tree"
    findings.add(
        "undefined-acronym",
        file,
        path,
        f"`{word}` is used before {scope} "
        f"explains it; the first time, write it out with the short form in "
        f"brackets, e.g. {example}",
        at=locate(file, path, word),
    )


# The reviewed list of words a parent may not know (`lint/data/uncommon-words.txt`).
UNCOMMON_WORDS = Path(__file__).parents[1] / "data" / "uncommon-words.txt"


@cache
def uncommon_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(term, the forms it is written in, itself first) from the list, in its order."""
    words = []
    for line in UNCOMMON_WORDS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            term, _, others = line.partition("|")
            forms = [term.strip()] + [f.strip() for f in others.split(",") if f.strip()]
            words.append((term.strip(), tuple(forms)))
    return tuple(words)


_TOKEN = r"[a-z0-9]+"  # compiled by `re` only when `unexplained-word` is on


@cache
def _by_telling_word() -> dict[str, tuple[str, ...]]:
    """A telling word of each form (its longest that is not an everyday word), folded ->
    the terms with that form: a text that holds none of these uses no listed word, and
    most texts are passed over with a few substring tests instead of a search each."""
    found: dict[str, list[str]] = {}
    for term, forms in uncommon_words():
        for form in forms:
            words = re.findall(_TOKEN, form.casefold())
            key = max(words, key=lambda w: (w not in _EVERYDAY, len(w)))
            if term not in found.setdefault(key, []):
                found[key].append(term)
    return {word: tuple(terms) for word, terms in found.items()}


# Words in nearly every text, which would make a poor key for a term ("school roll").
_EVERYDAY = frozenset({"school", "the", "of", "off", "local", "social", "care", "key", "first"})


@cache
def uncommon_pattern(term: str) -> re.Pattern[str]:
    """Whole words in any of the term's forms, in any case, a space or hyphen between
    words, perhaps plural. Compiled only for a term a text may use."""
    forms = dict(uncommon_words())[term]
    alternatives = "|".join(
        r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", form))
        for form in sorted(forms, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|'s|’s)?(?![\w-])", re.IGNORECASE)


def _candidates(text: str, done: set[str]) -> set[str]:
    """The listed terms not yet `done` whose telling word is a word of `text` (or that
    word with a plural `s`): set operations in C, then each term's own pattern looks."""
    by_word = _by_telling_word()
    words = set(re.findall(_TOKEN, text.casefold()))
    hits = words & by_word.keys()
    hits.update(w[:-1] for w in words if w[-1] == "s" and w[:-1] in by_word)
    return {term for word in hits for term in by_word[word] if term not in done}


def _uncommon(
    file: FileContext,
    texts: list[tuple[DataPath, str, bool]],
    glossary: Glossary,
    findings: Findings,
) -> None:
    """`unexplained-word`: the first place the tree uses each listed word that no
    glossary term explains there (the glossary is shown where a term is first seen)."""
    done: set[str] = set()
    for path, text, _ in texts:
        candidates = _candidates(text, done)
        if not candidates:
            continue
        explained: list[tuple[int, int]] | None = None
        for term, _ in uncommon_words():
            match = uncommon_pattern(term).search(text) if term in candidates else None
            if match is None:
                continue
            done.add(term)
            if explained is None:
                explained = [(a, b) for a, b, _ in glossary.spans(text)]
            if any(a < match.end() and match.start() < b for a, b in explained):
                continue  # the first use is explained by the glossary
            _unexplained(file, path, term, match.group(0), findings)


def _unexplained(
    file: FileContext, path: DataPath, term: str, found: str, findings: Findings
) -> None:
    written = " ".join(found.split())
    form = "" if written.casefold() == term.casefold() else f' (a form of "{term}")'
    findings.add(
        "unexplained-word",
        file,
        path,
        f"`{written}`{form} is a word a parent may not know, and the glossary "
        "does not explain it; add it to glossary.yaml as it is written here, with what it "
        "means (from the sources where they say), or use everyday words",
        at=locate(file, path, found),
    )
