"""The file names of the site's pages: a point of a walk is named by the options taken
to reach it, so the pages of a situation link to one another by name alone. `site`
writes the pages and `az` links to them, each by these names.
"""

from __future__ import annotations

from signpost.walk.state import Answer

INDEX = "index.html"
AZ = "a-z.html"  # the A to Z of the words people use, at the site's root


def page_name(answers: tuple[Answer, ...]) -> str:
    """The file a point's page is written to: its option numbers, or index.html at the start."""
    if not answers:
        return INDEX
    return "-".join(_answer_name(a) for a in answers) + ".html"


def _answer_name(answer: Answer) -> str:
    """`2`, or `1c3` for an urgent answer 1 carried on by option 3 once the child was safe."""
    if answer.then is None:
        return str(answer.choice + 1)
    return f"{answer.choice + 1}c{answer.then + 1}"


def carry_page_name(answers: tuple[Answer, ...]) -> str:
    """The page that asks again, once the child is safe, the question whose urgent answer
    ends `answers`, when it has several ways on: `1c.html`."""
    return page_name(answers)[: -len(".html")] + "c.html"
