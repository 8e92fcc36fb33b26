"""One plan, two screens: the same routes walked in the terminal renderer and on the site
show the same parts of the same plan (title, urgent box, steps with who says each,
contacts, words explained, sources by title and publisher, answers, dates in words)."""

import html
import re
from pathlib import Path

import pytest
from conftest import ROOT
from rich.console import Console

from signpost.content.library import Library
from signpost.reports import site
from signpost.reports.scenarios import load_scenarios, scenario_files
from signpost.ui.screens import outcome_screen
from signpost.walk import plantext
from signpost.walk.plan import PARTS, make_plan
from signpost.walk.state import Walk, walk_scripted

LIBRARY = Library(ROOT / "trees", ROOT / "seeds")
SCENARIOS = [
    s for path in scenario_files([ROOT / "tests" / "scenarios"]) for s in load_scenarios(path)
]
FILE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def flat(text: str) -> str:
    return " ".join(text.split())


def page_text(page: str) -> str:
    """The words of a web page as a reader meets them: tags out, entities read."""
    main = page[page.index("<main") : page.index("</main>")]
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", main)))


def terminal_text(plan) -> str:
    console = Console(record=True, width=100, color_system=None, force_terminal=False)
    console.print(outcome_screen(plan, 100))
    return flat(re.sub("[\u2500\u2502\u256d\u256e\u256f\u2570]", " ", console.export_text()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one-plan") / "site"
    site.build_site(LIBRARY, out)
    return out


def carried_walks() -> list[Walk]:
    """Walks that carry on after an urgent answer, one per tree whose first answer is urgent
    and has one way on."""
    walks = []
    for tree in LIBRARY.menu_trees():
        walk = Walk(LIBRARY, tree.id)
        walk.choose(0)
        if not (walk.finished and walk.outcome.urgent) or walk.carry_on() is not None:
            continue
        while not walk.finished:
            walk.choose(len(walk.node.options) - 1)
        walks.append(walk)
    return walks


def routes() -> list[tuple[str, Walk]]:
    scripted = [(s.tree, walk_scripted(LIBRARY, s.tree, s.answers)) for s in SCENARIOS]
    return scripted + [(w.first.id, w) for w in carried_walks()]


ROUTES = routes()


def test_the_routes_include_carried_on_ones():
    carried = [w for _, w in ROUTES if any(a.carried_on for a in w.answers)]
    assert len(carried) >= 2


@pytest.mark.parametrize(
    ("tree", "walk"), ROUTES, ids=[f"{t}:{site.page_name(tuple(w.answers))}" for t, w in ROUTES]
)
def test_the_terminal_and_the_site_show_every_part_of_one_plan(built, tree, walk):
    plan = make_plan(walk)
    parts = plan.parts()
    assert tuple(parts) == PARTS
    page = page_text((built / tree / site.page_name(tuple(walk.answers))).read_text())
    screens = {
        "terminal": terminal_text(plan),
        "plain text": flat(plantext.text(plan)),
        "web page": page,
    }
    for name, shown in screens.items():
        for part, texts in parts.items():
            for text in texts:
                if text:
                    assert flat(text) in shown, (name, part, text)
        assert not FILE_NAME.search(shown), name


def test_no_page_of_the_site_names_a_source_file(built):
    named = [p for p in built.rglob("*.html") if FILE_NAME.search(p.read_text())]
    assert named == []


def test_a_plan_names_the_voice_the_record_gives_a_passage():
    """seeds/voices.yaml says line 1 of the council's answers is a parent's question: a
    plan quoting it says so, never "Dorset Council ... says"; an answer keeps the
    document's own voice."""
    from signpost.walk.plan import _voice

    library = Library(ROOT / "trees", ROOT / "seeds")
    doc = "000_cd7fdd44bcd59a55.txt"
    own = ("Dorset Council", "Dorset Council, in its answers, says")
    asked = _voice(library, doc, "As a parent of a child prone to illnesses", *own)
    assert asked == (
        "a parent, carer or member of school staff, asking the council",
        "A parent, carer or member of school staff, asking the council, says",
    )
    answered = _voice(library, doc, "We appreciate this piece of feedback", *own)
    assert answered == own
