"""risk-question (issue 24): the urgent option first in every tree, and suicide and
self-harm named wherever harm is asked about. Exact diagnostics, on small trees."""

from helpers import lint_folder, write

ON = ("toml", '[lint.rules]\nrisk-question = "error"\n')
CATALOGUE = """\
contacts:
  emergency-999:
    name: Emergency services (999)
    for: Call 999 if your child is in danger now.
    phone: "999"
    national: true
  nhs-111:
    name: NHS 111
    for: Call today if your child talks about suicide or self-harm.
    phone: "111"
    national: true
"""
STEP = """\
      steps:
        - text: Have an honest talk with the school.
          source:
            doc: 000_cd7fdd44bcd59a55.txt
            quote: "we always recommend you have an honest conversation with your child's"
"""


def tree(question: str, first: str, urgent="true", contacts="[emergency-999, nhs-111]") -> str:
    return f"""\
id: example
title: Example
summary: A short example.
audience: [parents]
reviewed: 2026-11-01
start: ask
nodes:
  ask:
    question: {question}
    options:
      - label: {first}
        next: help-now
      - label: Something else
        next: talk
  help-now:
    outcome:
      title: Get help now
      urgent: {urgent}
{STEP}      contacts: {contacts}
  talk:
    outcome:
      title: Talk to the school
{STEP}"""


def run(tmp_path, text: str, catalogue: str = CATALOGUE) -> str:
    write(
        tmp_path,
        {
            ".signpost.toml": ON,
            "trees/example.yaml": ("yaml", text),
            "trees/contacts.yaml": ("yaml", catalogue),
        },
    )
    return lint_folder(tmp_path)


MENU = "My child may be in danger, has hurt themselves, or talks about suicide or self-harm"


def test_a_menu_with_the_urgent_option_first_passes(tmp_path):
    assert run(tmp_path, tree("What is worrying you?", MENU)) == ""


def test_a_yes_or_no_question_with_the_words_in_the_question_passes(tmp_path):
    question = '"First, is your child in danger now, or do they talk about suicide or self-harm?"'
    assert run(tmp_path, tree(question, "Yes, or I think they might be")) == ""


def test_a_risk_question_without_suicide_is_named_once_at_its_first_option(tmp_path):
    question = '"First, is your child in danger now, or have they tried to harm themselves?"'
    assert run(tmp_path, tree(question, "Yes, or I think they might be")) == (
        "trees/example.yaml:11:16: error [risk-question] the first option of this tree's first "
        "question is not the urgent one: it does not mention suicide; offer first, in plain "
        'words, "My child may be in danger, has hurt themselves, or talks about suicide or '
        'self-harm"\n'
    )


def test_the_urgent_option_must_lead_to_an_urgent_outcome(tmp_path):
    assert run(tmp_path, tree("What is worrying you?", MENU, urgent="false")) == (
        "trees/example.yaml:11:9: error [risk-question] the urgent option of this tree's first "
        "question does not lead to an outcome with `urgent: true`; point its `next` at one, "
        "which lists 999 and NHS 111 first\n"
    )


def test_the_urgent_outcome_must_list_every_national_route(tmp_path):
    assert run(tmp_path, tree("What is worrying you?", MENU, contacts="[emergency-999]")) == (
        "trees/contacts.yaml:7:3: warning [unused-contact] no tree uses the contact `nhs-111`; "
        "list it in an outcome's `contacts`, or remove it\n"
        "trees/example.yaml:24:17: error [risk-question] the urgent outcome `help-now` does not "
        "list `nhs-111`; an urgent outcome lists the national emergency routes (the `national: "
        "true` contacts) first\n"
    )


def test_a_tree_that_starts_with_an_outcome_is_refused(tmp_path):
    text = tree("What is worrying you?", MENU).replace("start: ask", "start: talk")
    text = text.replace("  ask:\n", "  ask:\n").replace("next: help-now", "next: talk", 1)
    output = run(tmp_path, text)
    assert (
        "trees/example.yaml:6:8: error [risk-question] this tree starts with an outcome, not a "
        "question; start with a question whose first option is the urgent one (the child may "
        "be in danger, has hurt themselves, or talks about suicide or self-harm)\n"
    ) in output


def test_at_risk_of_exclusion_is_not_a_question_about_harm(tmp_path):
    text = tree("What is worrying you?", MENU).replace(
        "- label: Something else", "- label: My child is at risk of exclusion"
    )
    assert run(tmp_path, text) == ""
