"""Who says what in the sources: seeds/voices.yaml, its loader, and the voice of a
passage (what a plan shows beside a step)."""

import shutil

import pytest
from conftest import ROOT

from signpost.content.sources import Sources
from signpost.errors import TreeError

SEEDS = ROOT / "seeds"
ASKED = "000_cd7fdd44bcd59a55.txt"


def test_every_shipped_document_has_a_voice_for_every_line():
    sources = Sources(SEEDS)
    record = sources.voices
    assert record is not None
    for name, doc in sources.docs.items():
        assert record.covers(name), name
        lines = doc.text.splitlines()
        assert all(record.at(name, n) is not None for n in range(1, len(lines) + 1))


def test_the_voice_of_an_answer_a_question_and_a_parent_group():
    sources = Sources(SEEDS)
    answer = sources.voice_of(ASKED, "Every child has the right to an education.")
    assert (answer.id, answer.who, answer.answer) == ("council", "Dorset Council, answering", True)
    asked = sources.voice_of(ASKED, "My son has been refusing school since Sept 23")
    assert (asked.id, asked.answer) == ("question", False)
    group = sources.voice_of("003_641df8f9bc14a97e.txt", "solely responsible")
    assert (group.id, group.who) == ("define-fine", "Define Fine, a parent-led group")
    quoted = sources.voice_of("002_3e536e74bb67952d.txt", "Relationships are not built in a day")
    assert (quoted.id, quoted.answer) == ("quoted-by-strategy", False)
    live = sources.voice_of("004_82ad26e42907f2e8.txt", "What is the key working project")
    assert live.id == "question"


def test_a_quote_across_two_voices_has_no_one_voice_and_says_whose_each_line_is():
    sources = Sources(SEEDS)
    quote = "This should have been offered to us earlier. We're really sorry"
    assert sources.voice_of(ASKED, quote) is None
    [place] = sources.voices_of(ASKED, quote)
    assert [(line, voice.id) for line, voice in place] == [(55, "question"), (57, "council")]


def test_a_quote_found_twice_is_in_one_voice_if_one_place_is():
    sources = Sources(SEEDS)
    quote = "Hi I work in a school and I do not know how to get hold of"
    assert len(sources.voices_of(ASKED, quote)) == 2
    assert sources.voice_of(ASKED, quote).id == "question"
    assert sources.voices_of(ASKED, "not in the document at all") == []
    assert sources.voice_of("no-such.txt", quote) is None


def test_a_folder_without_a_record_has_no_voices(tmp_path):
    shutil.copy(SEEDS / ASKED, tmp_path / ASKED)
    sources = Sources(tmp_path)
    assert sources.voices is None
    assert sources.voice_of(ASKED, "Every child has the right to an education.") is None


def _record(tmp_path, lines: str) -> Sources:
    shutil.copy(SEEDS / ASKED, tmp_path / ASKED)
    (tmp_path / "voices.yaml").write_text(
        "voices:\n"
        "  question: {who: a parent, answer: false}\n"
        "  council: {who: the council, answer: true}\n"
        f"documents:\n  {ASKED}:\n    voice: council\n    lines:\n{lines}",
        encoding="utf-8",
    )
    return Sources(tmp_path)


def test_a_run_of_lines_takes_one_voice(tmp_path):
    sources = _record(tmp_path, '      - {at: 1, to: 3, voice: question, starts: "As a parent"}\n')
    assert [sources.voices.at(ASKED, n).id for n in (1, 3, 5)] == ["question"] * 2 + ["council"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            '      - {at: 9, voice: question, starts: "As a parent"}\n',
            '`documents.000_cd7fdd44bcd59a55.txt`.lines[0]: line 9 does not start "As a parent"; '
            'it starts "What should I do if I"',
        ),
        (
            '      - {at: 900, voice: question, starts: "As a parent"}\n',
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0]: `at` and `to` should be line "
            "numbers from 1 to 173",
        ),
        (
            '      - {at: 1, voice: parent, starts: "As a parent"}\n',
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0] needs `voice`, one of question, council",
        ),
        (
            "      - {at: 1, voice: [question], starts: x}\n",
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0] needs `voice`, one of question, council",
        ),
        (
            "      - {at: true, voice: question, starts: x}\n",
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0]: `at` and `to` should be line "
            "numbers from 1 to 173",
        ),
        (
            '      - {at: 3, to: 1, voice: question, starts: "x"}\n',
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0]: `at` and `to` should be line "
            "numbers from 1 to 173",
        ),
        (
            "      - 5\n",
            "`documents.000_cd7fdd44bcd59a55.txt`.lines[0] needs `voice`, one of question, council",
        ),
    ],
)
def test_a_drifted_or_malformed_entry_is_refused_with_where_and_what(tmp_path, lines, message):
    sources = _record(tmp_path, lines)
    with pytest.raises(TreeError) as caught:
        _ = sources.voices
    assert caught.value.message == message
    assert caught.value.where == str(tmp_path / "voices.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "voices: []\ndocuments: {}\n",
            "the file needs `voices:`, a mapping of voice id to `who` and `answer`",
        ),
        (
            "voices:\n  council: {who: the council, answer: yes please}\ndocuments: {}\n",
            "`voices.council` needs `who` (text) and `answer` (true or false)",
        ),
        (
            "voices:\n  council: {who: c, answer: true}\ndocuments:\n  "
            + ASKED
            + ":\n    voice: council\n    lines: 5\n",
            "`documents.000_cd7fdd44bcd59a55.txt`.lines should be a list of `{at, voice, starts}`",
        ),
        (
            "voices:\n  council: {who: c, answer: true}\n"
            "documents:\n  other.txt: {voice: council}\n",
            "`documents.other.txt` is not a document in ",
        ),
        ("voices: [\n", "did not find expected node content"),
    ],
)
def test_a_malformed_record_is_one_clear_error(tmp_path, text, message):
    shutil.copy(SEEDS / ASKED, tmp_path / ASKED)
    (tmp_path / "voices.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        _ = Sources(tmp_path).voices
    assert caught.value.message.startswith(message)


def test_every_line_that_asks_a_question_in_the_q_and_as_is_recorded_as_a_question():
    """A drift guard: in the two question-and-answer documents, a line with a question
    mark is someone asking (the answers there never ask back)."""
    sources = Sources(SEEDS)
    for name in (ASKED, "004_82ad26e42907f2e8.txt"):
        for number, line in enumerate(sources.get(name).text.splitlines(), 1):
            if "?" in line:
                assert sources.voices.at(name, number).id == "question", (name, number)
