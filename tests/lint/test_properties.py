"""Properties of the linter over arbitrary input: it never raises anything but our own
errors, and every diagnostic points at a real line and column of its file."""

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signpost.errors import SignpostError
from signpost.lint.config import Config
from signpost.lint.engine import lint

ROOT = Path(__file__).resolve().parents[2]
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _lint_text(folder: Path, text: str, name: str = "tree") -> list:
    for old in folder.glob("*.yaml"):
        old.unlink()
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    config = Config().with_overrides(as_of=dt.date(2026, 11, 22), seeds=ROOT / "seeds")
    try:
        report = lint([folder], config)
    except SignpostError:
        return []
    return list(report.diagnostics)


def _check_positions(diagnostics, text: str) -> None:
    lines = text.splitlines() or [""]
    for d in diagnostics:
        assert 1 <= d.line <= len(lines) + 1, d
        if d.line <= len(lines):
            assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        else:
            assert d.column == 1, d


@PROPERTY
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_gives_diagnostics_with_real_positions(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("trees")
    _check_positions(_lint_text(folder, text), text)


scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "next",
            "tree",
            "start",
            "a",
            "b",
            "000_cd7fdd44bcd59a55.txt",
            "01305 228866",
            "x@y.com",
            "2026-01-01",
            "dorset-send-team",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "question",
                    "options",
                    "label",
                    "next",
                    "tree",
                    "outcome",
                    "title",
                    "steps",
                    "text",
                    "source",
                    "doc",
                    "quote",
                    "contacts",
                    "help",
                    "urgent",
                    "intro",
                    "a",
                    "b",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=25,
)
trees = st.fixed_dictionaries(
    {"id": st.sampled_from(["tree", "other", 3, None])},
    optional={
        "title": scalars,
        "summary": scalars,
        "audience": values,
        "reviewed": scalars,
        "start": scalars,
        "order": scalars,
        "menu": scalars,
        "nodes": st.dictionaries(st.sampled_from(["a", "b", "c", "Bad Id"]), values, max_size=3),
    },
)


@PROPERTY
@given(trees)
def test_tree_shaped_yaml_gives_diagnostics_with_real_positions(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("trees")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    diagnostics = _lint_text(folder, text)
    _check_positions(diagnostics, text)
    assert all(d.rule and d.message for d in diagnostics)


def _acronyms_as_specified(texts: list[str], known: set[str]) -> list[str]:
    """`undefined-acronym` as its docs describe it, without the rule's shortcut: every
    acronym use in reading order, unexplained unless explained at or before the use."""
    from signpost.lint.rules.readability import ACRONYM, explained_at

    explained, reported, out = set(known), set(), []
    for text in texts:
        flat = " ".join(text.split())
        explanations = explained_at(flat)  # every text scanned, with no shortcut
        for match in ACRONYM.finditer(flat):
            word = match.group(1)
            if word in explained or word in reported:
                continue
            if word in explanations and explanations[word] <= match.end():
                continue
            reported.add(word)
            out.append(word)
        explained.update(explanations)
    return out


_PIECES = st.sampled_from(
    [
        "EHCP",
        "EHCPs",
        "SENCO",
        "CAMHS",
        "NHS",
        "the EHCP (Education, Health and Care Plan)",
        "Education, Health and Care Plan (EHCP)",
        "(SENCO)",
        "SENCO means the teacher",
        "CAMHS is Child and Adolescent Mental Health Services",
        "CAMHS is busy",
        "SEN Support (special educational needs support)",
        "EBSA stands for avoidance",
        "MHST",
        "an MHST is a Mental Health Support Team",
        "ask",
        "the school",
        ".",
        ",",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map(" ".join), max_size=6))
def test_undefined_acronym_reports_what_its_specification_says(texts):
    from signpost.content.yamlfile import Mark
    from signpost.lint.context import Findings
    from signpost.lint.rules import readability

    findings = Findings()
    original = readability.locate
    readability.locate = lambda file, path, needle: Mark(1, 1)
    try:
        readability._read(
            None, [((i,), t, True) for i, t in enumerate(texts)], findings, Config(), per_text=False
        )
    finally:
        readability.locate = original
    reported = [f.message.split("`")[1] for f in findings.items if f.rule == "undefined-acronym"]
    assert reported == _acronyms_as_specified(texts, set(Config().acronyms))


_WORDS = st.sampled_from(
    ["a", "and/or", "£5", "it's", "end.", "end.'", "why?", "(see)", "x-y", "—", "ok!)", "12%"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=16).map(" ".join), max_size=4))
def test_long_sentence_reports_every_sentence_over_the_limit(texts):
    from signpost.content.yamlfile import Mark
    from signpost.lint.context import Findings
    from signpost.lint.rules import readability

    config = Config(max_sentence_words=4)
    expected = []
    for text in texts:  # every sentence counted, with no shortcut
        for sentence in readability._SENTENCE_END.split(" ".join(text.split())):
            if len(readability._WORD.findall(sentence)) > 4:
                expected.append(len(readability._WORD.findall(sentence)))
    findings = Findings()
    original = readability.locate
    readability.locate = lambda file, path, needle: Mark(1, 1)
    try:
        readability._read(
            None, [((i,), t, True) for i, t in enumerate(texts)], findings, config, per_text=False
        )
    finally:
        readability.locate = original
    assert [
        int(f.message.split()[3]) for f in findings.items if f.rule == "long-sentence"
    ] == expected


_DETAIL_TEXT = st.text(
    alphabet=st.sampled_from("aZk.:@+-/0123 9ſ\u212a\u0660_w"), max_size=40
) | st.sampled_from(
    (
        "call 01305 228866 today",
        "+44 1305 228866",
        "kooth.com",
        "www.dorsetcouncil.gov.uk/send",
        "javascript:alert(1)",
        "evil.example/path",
        "send@dorsetcouncil.gov.uk",
        "x.\u212aa",
    )
)


@given(_DETAIL_TEXT)
def test_the_detail_prefilter_passes_every_text_that_holds_a_detail(text):
    from signpost.content.sources import EMAIL, PHONE
    from signpost.lint.rules.provenance import ADDRESS, may_hold_detail

    holds = any(re.search(pattern, text) for pattern in (EMAIL, PHONE, ADDRESS))
    assert not holds or may_hold_detail(text)


_UNSAFE_TEXT = st.text(
    alphabet=st.sampled_from("ab [/]()<>&#;:\n\t\x1b\x85\u202e\u2066\u200b\u05d0\u0627 x1"),
    max_size=30,
) | st.sampled_from(
    ("Q &amp; A", "[bold]x[/bold]", "[a](b)", "<b>x</b>", "one\ntwo", "\x1b[2J", "a\u202eb")
)


@given(_UNSAFE_TEXT, st.sampled_from(("title", "help", 0)))
def test_the_unsafe_text_prefilter_passes_every_text_the_rule_reports(text, key):
    from signpost.lint.rules.safety import SUSPECT, _finding

    message, _ = _finding(("nodes", "a", key), text)
    assert message is None or SUSPECT.search(text)


def test_the_unsafe_text_prefilter_reads_ascii_text_as_suspect_does():
    from signpost.lint.rules.safety import _ASCII_SUSPECT, SUSPECT

    found = [chr(c) for c in range(128) if _ASCII_SUSPECT.search(chr(c))]
    assert found == [chr(c) for c in range(128) if SUSPECT.search(chr(c))]
    assert "\n" in found and "<" in found and "a" not in found
