"""The site's A to Z page (reports/az.py): every situation and plan, and the words people
use, linked to pages that exist, with no script; risk words lead to urgent help first."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_site import HOSTILE, SEEDS, html_ok

from signpost.content.library import Library
from signpost.reports import site
from signpost.reports.az import entries

FIXTURE_TREES = ROOT / "tests" / "fixtures" / "trees"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("az") / "out"
    site.build_site(Library(ROOT / "trees", SEEDS), out)
    return out


WORDS = """words:
  urgent:
    say: [right now, straight away]
    means: [urgent]
  online:
    say: [on the internet]
    means: [online]
"""


def test_the_fixture_trees_a_to_z_exactly(tmp_path):
    trees = tmp_path / "trees"
    shutil.copytree(FIXTURE_TREES, trees)
    (trees / "everyday-words.yaml").write_text(WORDS, encoding="utf-8")
    site.build_site(Library(trees, SEEDS), tmp_path / "out")
    page = (tmp_path / "out" / "a-z.html").read_text()
    main = page.split('<ul class="az-letters">')[1].split('<p class="start-again">')[0]
    letters = re.findall(r"<li>(.*?)</li>", main.split("</ul>")[0])
    assert letters[:4] == [
        '<a href="#letter-a">A</a>',
        "<span>B</span>",
        "<span>C</span>",
        "<span>D</span>",
    ]
    # each situation and each of the words once; a plan under the words that find it
    assert re.findall(
        r"<li>(?:<strong>([^<]+)</strong>|<a href=\"([^\"]+)\">([^<]+)</a>)",
        main.split("</nav>")[1],
    ) == [
        ("", "alpha/index.html", "Alpha situation"),
        ("On the internet", "", ""),
        ("", "alpha/3-2.html", "Try online support"),  # a linked situation's plan, by its page
        ("Right now", "", ""),
        ("", "alpha/3-1.html", "Get urgent help now"),
        ("", "alpha/1-1.html", "Keep working with the school"),
    ]
    assert (
        '<li><strong>Right now</strong> <span class="az-note">(also: straight away)</span>' in main
    )
    assert '<h2 id="letter-r">R</h2>' in main


def test_it_is_valid_html_with_no_script_and_the_menu_links_to_it(shipped):
    data = (shipped / "a-z.html").read_bytes()
    html_ok(data)
    assert b"<script" not in data
    menu = (shipped / "index.html").read_text()
    assert (
        '<p class="az-link"><a href="a-z.html">Find a situation or plan in the A to Z of the '
        "words people use</a></p>" in menu
    )


def test_every_situation_and_word_is_there_once_and_every_link_works(shipped):
    page = (shipped / "a-z.html").read_text()
    hrefs = re.findall(r'href="([^"#]+)"', page.split("<main")[1])
    assert hrefs and all((shipped / h).is_file() for h in hrefs)
    anchors = re.findall(r'href="#([^"]+)"', page.split("<main")[1])
    assert anchors and all(f'id="{a}"' in page for a in anchors)
    library = Library(ROOT / "trees", SEEDS)
    for tree in site.chosen_trees(library):
        assert page.count(f'<li><a href="{tree.id}/index.html">') == 1, tree.id
    shown = page.replace("&#39;", "'")
    for word in library.everyday:
        said = " ".join(word.say[0]).capitalize()
        assert shown.count(f"<li><strong>{said}</strong>") == 1, said
    for term in library.glossary.terms.values():
        if term.term.isupper():
            assert shown.count(f"<li><strong>{term.term}</strong>") == 1, term.term


def test_words_people_use_lead_to_their_plans(shipped):
    library = Library(ROOT / "trees", SEEDS)
    found = {e.words: e for e in entries(library, site.chosen_trees(library))}
    assert found["Kicked out"].plans[0].text == "Read about exclusions and AP, and get advice"
    assert found["Kicked out"].also[:2] == ("excluded", "expelled")
    assert found["EHCP"].means == "Education, Health, and Care Plan"
    assert found["Fined"].plans[0].text == "Get help with a warning about fines"


@pytest.mark.parametrize("words", ["Suicide", "Self harm", "Not eating", "Abuse", "Danger"])
def test_risk_words_lead_to_urgent_help_first(shipped, words):
    library = Library(ROOT / "trees", SEEDS)
    found = {e.words: e for e in entries(library, site.chosen_trees(library))}
    first = (shipped / found[words].plans[0].href).read_text()
    assert '<a href="tel:999">999</a>' in first


def test_hostile_text_is_only_text(tmp_path):
    site.build_site(Library(HOSTILE, SEEDS), tmp_path / "out")
    page = (tmp_path / "out" / "a-z.html").read_text()
    assert "<script" not in page and "<b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in page
