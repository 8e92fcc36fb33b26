"""`signpost site OUT` without a browser: the pages written, their links, escaping,
determinism, the page guard, replacing an old site, and `--save plan.html`."""

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from tools_cli import FIXTURE_TREES, signpost

from signpost.content.library import Library
from signpost.content.model import Outcome
from signpost.errors import TreeError, UsageError
from signpost.reports import site, sitefolder
from signpost.walk.routes import Point, explore

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SEEDS = ROOT / "seeds"


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    site.build_site(Library(ROOT / "trees", SEEDS), out)
    return out


def test_one_page_per_point_of_every_walk_and_the_menu(shipped):
    library = Library(ROOT / "trees", SEEDS)
    expected = {"index.html", "a-z.html", "style.css", sitefolder.MANIFEST}  # the A to Z: az.py
    for tree in site.chosen_trees(library):
        for item in explore(library, tree.id, carry_on=True):
            if isinstance(item, Point):
                expected.add(f"{tree.id}/{site.page_name(item.answers)}")
    written = set(files(shipped))
    assert expected <= written
    # besides: the pages that ask a question again once the child is safe (several ways on)
    assert all(re.search(r"c\.html$", name) for name in written - expected)


def test_a_rebuild_is_byte_identical(shipped, tmp_path):
    again = tmp_path / "again"
    site.build_site(Library(ROOT / "trees", SEEDS), again)
    assert files(again) == files(shipped)


def test_every_link_is_a_page_of_the_site_or_a_catalogue_value(shipped):
    library = Library(ROOT / "trees", SEEDS)
    allowed = set()
    for c in library.contacts.values():
        if c.phone:
            allowed.add("tel:" + c.phone.replace(" ", ""))
        if c.email:
            allowed.add("mailto:" + c.email)
        if c.web:
            allowed.add("https://" + c.web)
    seen = set()
    for name, data in files(shipped).items():
        if not name.endswith(".html"):
            continue
        folder = (shipped / name).parent
        for href in re.findall(r'href="([^"]*)"', data.decode()):
            if href.startswith(("tel:", "mailto:", "https:")):
                assert href in allowed, (name, href)
                seen.add(href)
            elif href.startswith("#"):
                assert f'id="{href[1:]}"' in data.decode(), (name, href)
            else:
                target, _, anchor = href.partition("#")
                assert (folder / target).resolve().is_file(), (name, href)
                if anchor:  # Change: the answer given before, marked on that page
                    assert f'id="{anchor}"' in (folder / target).read_text(), (name, href)
    assert {"tel:999", "tel:111", "tel:01305228866", "https://kooth.com"} <= seen
    assert "mailto:letstalksend@dorsetcouncil.gov.uk" in seen


def test_each_page_has_the_csp_and_links_only_its_own_stylesheet(shipped):
    csp = (
        "default-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;; "
        "style-src &#39;self&#39;"
    )
    for name, data in files(shipped).items():
        if name.endswith(".html"):
            text = data.decode()
            assert f'<meta http-equiv="Content-Security-Policy" content="{csp}">' in text, name
            assert "<script" not in text and " on" not in re.sub(r">[^<]*<", "><", text), name
            assert re.findall(r'<link rel="stylesheet" href="([^"]*)">', text) == [
                "style.css" if "/" not in name else "../style.css"  # the menu and the A to Z
            ]


def test_pages_are_small(shipped):
    css = len((shipped / "style.css").read_bytes())
    pages = {n: d for n, d in files(shipped).items() if n.endswith(".html")}
    largest = max(len(d) for n, d in pages.items())
    assert largest + css <= 30_000  # the A to Z too: each situation and word once


def test_each_outcome_plan_and_answer_row_is_made_once_a_build(tmp_path, monkeypatch):
    """Counting, not timing: many walks end at one outcome, and a build makes its plan
    once (not once a page), and each answer's row of "Your answers" once."""
    library = Library(ROOT / "trees", SEEDS)
    calls = {"plans": 0, "rows": 0}

    def counted(name, real):
        def call(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(site, "build_plan", counted("plans", site.build_plan))
    monkeypatch.setattr(site, "answer_row", counted("rows", site.answer_row))
    built = site.build_site(library, tmp_path / "out", "not-attending")
    points = [p for p in explore(library, "not-attending", carry_on=True) if isinstance(p, Point)]
    outcomes = {(p.at_tree, p.node.id) for p in points if isinstance(p.node, Outcome)}
    assert calls == {"plans": len(outcomes), "rows": len(points) - 1}  # the start has none
    assert built.pages > 10 * len(outcomes)


def test_a_loop_links_back_to_the_question_on_the_way(tmp_path):
    out = tmp_path / "out"
    site.build_site(Library(FIXTURE_TREES, SEEDS), out, "loop")
    page = (out / "loop" / "index.html").read_text()
    assert '<li id="answer-1"><a href="index.html">Round</a></li>' in page
    assert '<li id="answer-2"><a href="2.html">Stop</a></li>' in page
    assert sorted(files(out)) == [
        "a-z.html",
        "index.html",
        "loop/2.html",
        "loop/index.html",
        sitefolder.MANIFEST,
        "style.css",
    ]


def test_cross_tree_links_continue_in_the_same_folder(tmp_path):
    out = tmp_path / "out"
    built = site.build_site(Library(FIXTURE_TREES, SEEDS), out)
    # the menu, the A to Z, alpha only (beta and loop are off the menu): 3 + 5 points,
    # and "No" once carried on
    assert built.pages == 2 + 8 + 1
    page = (out / "alpha" / "3.html").read_text()
    assert (
        '<h1><span class="caption">Beta situation</span>Is your child in danger right now?' in page
    )
    urgent = (out / "alpha" / "3-1.html").read_text()
    assert '<a href="tel:999">999</a>' in urgent
    assert '<dd class="change"><a href="index.html#answer-3">Change' in urgent
    assert '<dd class="change"><a href="3.html#answer-1">Change' in urgent
    assert "<p>Nothing you chose was stored, and this page sends nothing anywhere.</p>" in urgent
    assert "You can also save this page, or bookmark it: its address holds your answers." in urgent
    # the same carry-on as the terminal, and the page after it keeps the urgent answer
    assert '<a href="3-1c2.html">My child is safe now: carry on</a>' in urgent
    after = (out / "alpha" / "3-1c2.html").read_text()
    assert "<dd>Yes (then carried on, once your child was safe)</dd>" in after
    assert after.index("<h2>You told us your child may be at risk</h2>") < after.index(
        "<h2>What to do next</h2>"
    )
    assert '<a href="tel:999">999</a>' in after and '<a href="tel:111">111</a>' in after
    assert "carry on</a>" not in after


def test_hostile_text_is_escaped_and_makes_no_link(tmp_path):
    out = tmp_path / "out"
    site.build_site(Library(HOSTILE, SEEDS), out)
    outcome = (out / "hostile" / "2.html").read_text()
    assert "<title>&lt;/title&gt;&lt;style&gt;body { display: none }&lt;/style&gt; – " in outcome
    assert (
        "<li>&lt;script&gt;document.write(&#34;x&#34;)&lt;/script&gt; &amp; &amp;amp; " in outcome
    )
    assert "<h3>&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;</h3>" in outcome
    assert "<dd>javascript:alert(1)//example.com</dd>" in outcome  # shown, never a link
    assert "<dd>javascript:alert(1)</dd>" in outcome
    hrefs = re.findall(r'href="([^"]*)"', outcome)
    assert hrefs == [
        "../style.css",
        "#main",
        "index.html",
        "tel:999",
        "#your-answers",
        "#source-1",
        "2c1.html",
        "index.html#answer-2",
        "../index.html",
    ]
    menu = (out / "index.html").read_text()
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; a summary with {{ 7*7 }} in it" in menu


def test_a_nul_in_a_tree_is_shown_as_an_escape_and_fills_no_slot(tmp_path):
    """An outcome's page is made once with a NUL where each walk's own part goes
    (site.Made.outcome_page): a NUL in a tree's text is shown as `\\x00` and is no slot."""
    trees = tmp_path / "trees"
    shutil.copytree(HOSTILE, trees)
    path = trees / "hostile.yaml"
    text = path.read_text(encoding="utf-8")
    intro = '      intro: <iframe src="https://example.com/"></iframe>'
    assert intro in text
    path.write_text(text.replace(intro, '      intro: "Before\\0after"'), encoding="utf-8")
    site.build_site(Library(trees, SEEDS), tmp_path / "out")
    outcome = (tmp_path / "out" / "hostile" / "2.html").read_text()
    assert "\0" not in outcome
    assert "<p>Before\\x00after</p>" in outcome
    assert '<a class="back" href="index.html">Back</a>' in outcome
    assert (
        'When your child is safe: <a href="2c1.html">My child is safe now: carry on</a>' in outcome
    )
    assert '<dd class="change"><a href="index.html#answer-2">Change' in outcome


def test_the_page_guard_stops_a_runaway_site(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "MAX_PAGES", 5)
    with pytest.raises(TreeError) as caught:
        site.build_site(Library(FIXTURE_TREES, SEEDS), tmp_path / "out")
    assert str(caught.value) == (
        f"{FIXTURE_TREES / 'alpha.yaml'}: the site would have more than 5 pages. "
        "Split the largest trees into smaller ones."
    )
    assert not (tmp_path / "out").exists()
    # the menu, the A to Z, alpha's 3 + 5 points and "No" once carried on
    monkeypatch.setattr(site, "MAX_PAGES", 11)
    assert site.build_site(Library(FIXTURE_TREES, SEEDS), tmp_path / "out").pages == 11


def test_an_old_site_is_replaced_and_anything_else_refused(tmp_path):
    library = Library(FIXTURE_TREES, SEEDS)
    out = tmp_path / "out"
    site.build_site(library, out)
    site.build_site(library, out, "beta")
    assert sorted(files(out)) == [
        "a-z.html",
        "beta/1.html",
        "beta/1c2.html",
        "beta/2.html",
        "beta/index.html",
        "index.html",
        sitefolder.MANIFEST,
        "style.css",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(UsageError) as caught:
        site.build_site(library, other)
    assert str(caught.value) == (
        f"{other}: was not made by `signpost site` (mine.txt), so nothing was replaced or "
        "deleted. Choose a new or empty folder, or move those out first."
    )
    assert (other / "mine.txt").read_text() == "keep me"


def test_cli_site_builds_one_tree_and_says_where(tmp_path):
    out = tmp_path / "out"
    result = signpost("site", str(out), "--tree", "alpha")
    assert result.exit_code == 0
    assert (
        result.stdout == f"Wrote 11 pages to {out}. Open {out / 'index.html'} in a web browser.\n"
    )
    menu = (out / "index.html").read_text()
    assert '<li><a href="alpha/index.html">Alpha situation</a>' in menu
    assert "If a child is in danger now" in menu and '<a href="tel:999">999</a>' in menu


def test_cli_site_open_opens_the_menu(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "out"
    assert signpost("site", str(out), "--open").exit_code == 0
    assert opened == [(out / "index.html").resolve().as_uri()]


def test_cli_site_unknown_tree_is_one_line(tmp_path):
    result = signpost("site", str(tmp_path / "out"), "--tree", "alpah")
    assert result.exit_code == 2
    assert (
        result.stderr == "signpost: error: there is no tree called `alpah`. Did you mean `alpha`?\n"
    )


def test_save_html_writes_the_standalone_plan_page(tmp_path):
    path = tmp_path / "plan.html"
    result = signpost(
        "run", "alpha", "--answers", "-", "--save", str(path), input="first: 3\nbeta:risk: 1\n"
    )
    assert result.exit_code == 0
    page = path.read_text()
    css = site.stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f'style-src &#39;sha256-{digest}&#39;">' in page
    assert f"<style>{css}</style>" in page
    assert '<h1><span class="caption">Beta situation</span>Get urgent help now</h1>' in page
    assert '<a href="tel:999">999</a>' in page
    assert "Change" not in page and "Start again" not in page and "Back<" not in page
    assert "<p>Nothing you chose was stored, and this page sends nothing anywhere.</p>" in page
    assert "You can also save this page.</p>" in page  # no address to bookmark
    # dates in words, with what they mean, as in the terminal
    assert re.search(r"This plan was made on \d{1,2} [A-Z][a-z]+ \d{4}\.</p>", page)
    assert "last checked against its sources on 1 October 2026" in page
    md = tmp_path / "plan.md"
    signpost("run", "alpha", "--answers", "-", "--save", str(md), input="first: 2\n")
    assert md.read_text().startswith("# Talk to the school\n")


def html_ok(data: bytes) -> None:
    """Parsed as HTML5 with no parse error, with the parts every page has exactly once."""
    import html5lib

    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
    assert tree.get("lang") == "en-GB"
    for tag in ("h1", "main", "header", "footer", "title"):
        assert len(tree.findall(f".//{tag}")) == 1, tag
    skip = tree.find(".//body/a")
    assert (skip.get("href"), skip.text) == ("#main", "Skip to main content")
    assert tree.find(".//main").get("id") == "main"
    metas = [m.get("http-equiv") for m in tree.findall(".//head/meta")]
    assert metas.count("Content-Security-Policy") == 1


def test_pages_are_html5_with_no_parse_error(shipped, tmp_path):
    pages = sorted(p for p in shipped.rglob("*.html"))
    for page in pages[::7] + [shipped / "start" / "1.html", shipped / "start" / "5.html"]:
        html_ok(page.read_bytes())
    out = tmp_path / "hostile"
    site.build_site(Library(HOSTILE, SEEDS), out)
    for page in sorted(out.rglob("*.html")):
        html_ok(page.read_bytes())
    path = tmp_path / "plan.html"
    signpost(
        "run", "alpha", "--answers", "-", "--save", str(path), input="first: 3\nbeta:risk: 1\n"
    )
    html_ok(path.read_bytes())


def test_a_walk_saved_as_html_is_the_plan_page(tmp_path):
    path = tmp_path / "plan.HTML"
    result = signpost("--plain", "run", "alpha", "--save", str(path), input="2\n")
    assert result.exit_code == 0, result.stderr
    assert f"Saved your plan to {path}." in result.stdout
    page = path.read_text()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n')
    assert '<h1><span class="caption">Alpha situation</span>Talk to the school</h1>' in page
    assert '<a href="mailto:letstalksend@dorsetcouncil.gov.uk">' in page


def test_cli_site_open_with_no_browser_says_so_and_fails(tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or False)
    out = tmp_path / "out"
    result = signpost("site", str(out), "--tree", "alpha", "--open")
    assert result.exit_code == 2
    assert opened == [(out / "index.html").resolve().as_uri()]
    assert result.stderr == (
        f"signpost: error: {out / 'index.html'}: no web browser could be opened here, but the "
        "site was written. Open that file in a web browser yourself, or leave out --open.\n"
    )
    assert (out / "index.html").is_file()
