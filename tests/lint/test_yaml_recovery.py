"""After a YAML syntax error, lint reports the later independent ones too
(`signpost.content.yamlrecovery`): each said exactly as it is when it is the file's
only slip, and none made up by the recovery."""

from __future__ import annotations

from helpers import lint_folder, write

TREE = """\
id: two-slips
title: My child is not going to school
summary: A short example.
audience: [parents]
reviewed: 2026-11-01
start: talked-to-school
nodes:
  talked-to-school:
    question: Have you talked with the school?
    options:
      - label: "Yes"
        next: keep-talking
      - label: Not yet
        next: call-team
  keep-talking:
    outcome:
      title: Talk to the school
      steps:
        - text: Have an honest talk with the school.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "we always recommend you have an honest conversation with your child's"
      contacts: []
  call-team:
    outcome:
      title: Call the council team
      intro: You can ask for help.
      steps:
        - text: Call the team to agree next steps.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "If you’re struggling and need extra support, please do call 01305 228866."
      contacts: []
"""
INDENT = ("    options:\n", "   options:\n")  # line 10
QUOTE = ('please do call 01305 228866."\n', "please do call 01305 228866.\n")  # 32
PLAIN_COLON = ("      title: Talk to the school\n", "      title: Talk: to the school\n")  # 17

INDENT_FINDING = (
    "trees/two-slips.yaml:10:4: error [bad-indentation] check the indentation: `options:` is "
    "indented 1 space less than `question:` on line 9, where its block starts; line "
    "`options:` up with `question:`"
)
QUOTE_FINDING = (
    "trees/two-slips.yaml:34:1: error [yaml-syntax] this is not valid YAML (found unexpected "
    "end of stream (while scanning a quoted scalar)); a quote or bracket is opened but never "
    "closed"
)
COLON_FINDING = (
    "trees/two-slips.yaml:17:18: error [yaml-syntax] this is not valid YAML (mapping values "
    "are not allowed in this context); put text that contains `: ` in double quotes"
)


def lint_with(tmp_path, *slips: tuple[str, str]) -> list[str]:
    text = TREE
    for before, after in slips:
        assert text.count(before) == 1
        text = text.replace(before, after)
    write(tmp_path, {"trees/two-slips.yaml": ("yaml", text)})
    return lint_folder(tmp_path).splitlines()


def test_the_tree_without_slips_has_no_findings(tmp_path):
    assert lint_with(tmp_path) == []


def test_one_slip_gives_exactly_one_finding(tmp_path):
    assert lint_with(tmp_path / "a", INDENT) == [INDENT_FINDING]
    assert lint_with(tmp_path / "b", QUOTE) == [QUOTE_FINDING]
    assert lint_with(tmp_path / "c", PLAIN_COLON) == [COLON_FINDING]


def test_two_independent_slips_give_both_as_each_alone(tmp_path):
    assert lint_with(tmp_path / "a", INDENT, QUOTE) == [INDENT_FINDING, QUOTE_FINDING]
    assert lint_with(tmp_path / "b", INDENT, PLAIN_COLON) == [INDENT_FINDING, COLON_FINDING]


def test_three_slips_give_three(tmp_path):
    found = lint_with(tmp_path, INDENT, PLAIN_COLON, QUOTE)
    assert found == [INDENT_FINDING, COLON_FINDING, QUOTE_FINDING]


def test_a_second_slip_in_the_same_node_is_left_for_the_next_run(tmp_path):
    # Both in `keep-talking`: the recovery blanks the whole node after the first, so the
    # second waits (rather than risk a finding the first one caused).
    second = ("        - text: Have an honest talk", "        - text: Have: an honest talk")
    assert lint_with(tmp_path, PLAIN_COLON, second) == [COLON_FINDING]


def test_an_unclosed_quote_first_hides_nothing_it_did_not_swallow(tmp_path):
    # The quote opened on line 32 runs to the end of the file, where it is reported:
    # nothing after that line can be reported.
    later = ("228866.\n      contacts: []\n", "228866.\n      contacts: [a: b]\n")
    assert lint_with(tmp_path, QUOTE, later) == [QUOTE_FINDING]


def test_a_quote_opened_too_early_is_one_finding_not_one_per_quote_after_it(tmp_path):
    # The quote opened on line 12 closes at the next `"` (line 13), and from there on
    # every quote of the file opens where it should close: past line 22 each entry
    # breaks again. Those errors have one cause, above them, so only the first is said.
    early = (
        "        next: keep-talking\n      - label",
        '        next: "keep-talking\n      - label',
    )
    assert lint_with(tmp_path, early) == [
        "trees/two-slips.yaml:22:21: error [yaml-syntax] this is not valid YAML (did not "
        "find expected key (while parsing a block mapping)); check the indentation: the "
        "keys of one mapping must line up"
    ]
