"""The built site in a real browser: Debian's chromium, headless, driven by Selenium.

One browser for the whole module. Every scenario is walked by clicking from the
menu; axe-core (pinned in package.json, installed by `npm ci`) checks WCAG 2.2 A/AA
on every page type and a fixed sample; `SIGNPOST_AXE_ALL=1` checks every page:

    SIGNPOST_AXE_ALL=1 .venv/bin/python -m pytest tests/test_site_browser.py -k axe

Without chromium, chromedriver or axe-core the tests are skipped, except under CI
(`CI` set), where scripts/test installs them and a skip would hide a gap.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT

from signpost.content.library import Library
from signpost.reports import site
from signpost.reports.scenarios import load_scenarios, scenario_files
from signpost.walk.plan import make_plan
from signpost.walk.state import walk_scripted

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SEEDS = ROOT / "seeds"
LIBRARY = Library(ROOT / "trees", SEEDS)
SCENARIOS = [
    s for path in scenario_files([ROOT / "tests" / "scenarios"]) for s in load_scenarios(path)
]
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; scripts/test installs it", pytrace=False)
    pytest.skip(f"{what} is not installed (scripts/test installs it)")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            _missing(str(path))
    profile = tempfile.mkdtemp(prefix="signpost-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    site.build_site(LIBRARY, out)
    return out


def open_page(browser, path: Path) -> None:
    assert path.is_file(), path
    browser.get(path.resolve().as_uri())


def page_for(shipped: Path, tree_id: str, answers: dict) -> Path:
    """The page a scripted walk ends on."""
    walk = walk_scripted(LIBRARY, tree_id, answers)
    return shipped / tree_id / site.page_name(tuple(walk.answers))


def online_support(shipped: Path) -> Path:
    """A plain (not urgent) outcome with a web address, an email-free list of contacts."""
    answers = {"crisis-check": "No, not right now", "what-help": "Free online and national support"}
    return page_for(shipped, "mental-health", answers)


READ = """
const text = (el) => el ? el.textContent.trim() : null;
const caption = document.querySelector('h1 .caption');
const h1 = document.querySelector('h1');
return {
  url: location.href,
  h1: h1.textContent.slice(text(caption) ? caption.textContent.length : 0).trim(),
  options: [...document.querySelectorAll('ul.options a')],
  optionLabels: [...document.querySelectorAll('ul.options a')].map(text),
  steps: [...document.querySelectorAll('ol.steps li')].map(
    (li) => li.firstChild.textContent.trim()),
  contacts: [...document.querySelectorAll('.urgent .contact-name, .contact h3')].map(text),
};
"""


def read(browser) -> dict:
    return browser.execute_script(READ)


def to_menu(browser, shipped: Path) -> None:
    """Back to the menu: by the page's Start again link when there is one, as a person would."""
    menu = (shipped / "index.html").resolve().as_uri()
    again = browser.execute_script("return document.querySelector('.start-again a')")
    if again is not None and browser.current_url.startswith(shipped.resolve().as_uri()):
        again.click()
    else:
        open_page(browser, shipped / "index.html")
    assert browser.current_url == menu


def link(browser, text: str):
    """The link in the page's main part whose text is exactly `text`."""
    found = browser.execute_script(
        "return [...document.querySelectorAll('main a')]"
        ".filter((a) => a.textContent.trim() === arguments[0])",
        text,
    )
    assert len(found) == 1, (text, len(found))
    return found[0]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.tree}:{s.name}")
def test_each_scenario_clicked_from_the_menu_to_its_outcome(browser, shipped, scenario):
    walk = walk_scripted(LIBRARY, scenario.tree, scenario.answers)
    plan = make_plan(walk)
    to_menu(browser, shipped)
    link(browser, LIBRARY.tree(scenario.tree).title).click()
    for answer in walk.answers:
        page = read(browser)
        assert page["h1"] == answer.question
        page["options"][page["optionLabels"].index(answer.label)].click()
    page = read(browser)
    assert page["h1"] == scenario.title
    assert page["steps"] == [step.text for step in plan.steps]
    assert page["contacts"] == [LIBRARY.contact(c).name for c in scenario.contacts]


FOCUS = """
const el = document.activeElement;
const style = getComputedStyle(el);
return [el.tagName.toLowerCase(), el.textContent.trim(), el.getAttribute('href'),
        style.backgroundColor, style.boxShadow];
"""


def tab_through(browser, count: int) -> list[list[str]]:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    stops = []
    for _ in range(count):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        stops.append(browser.execute_script(FOCUS))
    return stops


YELLOW = "rgb(255, 221, 0)"


def first_answer_to(node_id: str) -> tuple[str, int]:
    """The first question of the triage tree, and the number of its option that leads to
    `node_id` (which is also the name of that page: `start/N.html`)."""
    tree = LIBRARY.tree("start")
    first = tree.node(tree.start)
    number = next(n for n, o in enumerate(first.options, 1) if o.next == node_id)
    return first.question, number


def test_keyboard_reaches_back_options_help_change_and_start_again_in_order(browser, shipped):
    # "Which of these is closest?" about EHC plans: a question with help, after one answer
    question = LIBRARY.tree("start").node("ehc-question")
    assert question.help
    first_question, number = first_answer_to("ehc-question")
    path = shipped / "start" / f"{number}.html"
    open_page(browser, path)
    stops = tab_through(browser, 5 + len(question.options))
    assert [(tag, text) for tag, text, *_ in stops] == [
        ("a", "Skip to main content"),
        ("a", "Back"),
        *[("a", option.label) for option in question.options],
        ("summary", "Why are we asking?"),
        ("a", f"Change your answer to: {first_question}"),
        ("a", "Start again"),
    ]
    here = path.stem
    assert [href for _, _, href, *_ in stops] == [
        "#main",
        "index.html",
        *[f"{here}-{n}.html" for n in range(1, len(question.options) + 1)],
        None,
        f"index.html#answer-{number}",
        "../index.html",
    ]
    for tag, text, _, background, shadow in stops:
        assert background == YELLOW, (tag, text)  # a yellow box with a black bar: seen at once
        assert "rgb(11, 12, 12)" in shadow, (tag, text)


def test_keyboard_on_an_urgent_outcome_reaches_the_calls_first(browser, shipped):
    open_page(browser, shipped / "start" / f"{first_answer_to('urgent-help')[1]}.html")
    stops = tab_through(browser, 4)
    assert [(tag, text, href) for tag, text, href, *_ in stops] == [
        ("a", "Skip to main content", "#main"),
        ("a", "Back", "index.html"),
        ("a", "999", "tel:999"),
        ("a", "111", "tel:111"),
    ]


def test_no_request_leaves_the_page_and_the_csp_is_in_force(browser, shipped):
    browser.get_log("performance")  # drop what earlier tests logged
    pages = [
        shipped / "index.html",
        shipped / "start" / "index.html",
        shipped / "start" / "1.html",
        online_support(shipped),
    ]
    for path in pages:
        open_page(browser, path)
        csp = browser.execute_script(
            "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"
            ".getAttribute('content')"
        )
        assert csp == site.SITE_CSP
        assert browser.execute_script("return document.scripts.length") == 0
        assert (
            browser.execute_script(
                "return getComputedStyle(document.querySelector('header')).backgroundColor"
            )
            == "rgb(11, 12, 12)"
        )  # the stylesheet did load (CSP allows the site's own file)
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert urls and all(url.startswith("file://") for url in urls), urls
    assert any(url.endswith("/style.css") for url in urls)


def test_hostile_tree_text_shows_as_literal_text(browser, tmp_path):
    out = tmp_path / "hostile"
    site.build_site(Library(ROOT / "tests" / "fixtures" / "hostile", SEEDS), out)
    open_page(browser, out / "index.html")
    link(browser, '<b>Bold</b> & <script>alert("title")</script>').click()
    page = read(browser)
    assert page["h1"] == "Is <i>this</i> <script>alert(1)</script> safe?"
    assert page["optionLabels"] == [
        "javascript:alert(1)",
        '<a href="https://example.com/">a link</a>',
    ]
    page["options"][0].click()
    page = read(browser)
    assert page["h1"] == "</h1><script>alert(2)</script><h1>"
    page["options"][0].click()
    page = read(browser)
    assert browser.title.startswith("</title><style>body { display: none }</style> – ")
    assert page["h1"] == "</title><style>body { display: none }</style>"
    assert page["steps"] == ['<script>document.write("x")</script> & &amp;']
    assert page["contacts"] == ["Emergency services (999)", '<script>alert("name")</script>']
    assert browser.execute_script(
        "return [document.scripts.length, document.querySelectorAll('iframe, img, b, i').length,"
        " [...document.links].filter(a => !/^(file|tel):/.test(a.href)).map(a => a.href)]"
    ) == [0, 0, []]


def test_pages_reflow_at_320_pixels_with_no_sideways_scrolling(browser, shipped):
    browser.set_window_size(320, 800)
    try:
        for path in sample_types(shipped):
            open_page(browser, path)
            width = browser.execute_script("return document.documentElement.scrollWidth")
            assert width <= browser.execute_script("return window.innerWidth"), path
    finally:
        browser.set_window_size(1280, 900)


def largest_walk_page(shipped: Path) -> Path:
    """The largest page of a walk (not the A to Z, an index of them all: test_az_browser.py)."""
    pages = (p for p in shipped.rglob("*.html") if p.name != "a-z.html")
    return max(pages, key=lambda p: p.stat().st_size)


def printed_pages(browser) -> int:
    import base64
    import re

    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"])
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_print_hides_the_controls_and_fits_two_pages(browser, shipped):
    open_page(browser, shipped / "start" / "1.html")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return [...document.querySelectorAll('.back, .change, .start-again, footer')]"
            ".map(el => getComputedStyle(el).display)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden == ["none"] * 4
    assert 1 <= printed_pages(browser) <= 2  # an urgent plan: the calls, its steps, contacts
    largest = largest_walk_page(shipped)
    open_page(browser, largest)  # the plan with the most answers and steps
    # (ask-at-review: eight steps, each with its quote, and its sources: three sheets)
    assert printed_pages(browser) <= 3


def sample_types(shipped: Path) -> list[Path]:
    """One page of each kind: the menu, a first question, a question with help and answers,
    a question after a cross-tree link, an urgent outcome, a plain outcome, the largest page,
    a question asked again once the child is safe, and a plan reached by carrying on."""
    largest = largest_walk_page(shipped)
    carried = sorted((shipped / "camhs-refused").glob("1c*-*.html"))
    return [
        shipped / "start" / "1c.html",
        carried[-1],
        shipped / "index.html",
        shipped / "not-attending" / "index.html",
        shipped / "not-attending" / "1.html",
        shipped / "start" / "3.html",
        shipped / "start" / "1.html",
        online_support(shipped),
        largest,
    ]


def axe_pages(shipped: Path) -> list[Path]:
    pages = sorted(shipped.rglob("*.html"))
    if os.environ.get("SIGNPOST_AXE_ALL"):
        return pages
    return sample_types(shipped) + pages[::97]  # every page type, and a fixed sample


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then((r) => done(r.violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))])))
  .catch((e) => done([['axe failed', [String(e)]]]));
"""


def test_axe_finds_no_wcag_22_a_or_aa_violation(browser, shipped, tmp_path):
    if not AXE.exists():
        _missing("axe-core (npm ci)")
    source = AXE.read_text(encoding="utf-8")
    plan = tmp_path / "plan.html"
    walk = walk_scripted(LIBRARY, "start", {"what-worries-you": 1})
    plan.write_text(site.plan_page(make_plan(walk)), encoding="utf-8")
    found = {}
    for path in axe_pages(shipped) + [plan]:
        open_page(browser, path)
        browser.execute_script(source)
        violations = browser.execute_async_script(AXE_RUN, AXE_TAGS)
        if violations:
            found[str(path.relative_to(path.parent.parent))] = violations
    assert found == {}


def test_axe_reports_a_violation_it_is_shown(browser, tmp_path):
    """The check above can fail: a page with a known fault gives axe's finding for it."""
    if not AXE.exists():
        _missing("axe-core (npm ci)")
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><a href="#"></a>'
        "</main></body></html>"
    )
    open_page(browser, bad)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(AXE_RUN, AXE_TAGS)
    assert sorted(v[0] for v in violations) == ["html-has-lang", "link-name"]


def test_carry_on_from_an_urgent_outcome_keeps_the_urgent_answer(browser, shipped):
    """The web offers the terminal's "My child is safe now: carry on", and every page after
    it keeps the urgent answer in its route and 999 / NHS 111 at the plan's top."""
    tree = LIBRARY.tree("camhs-refused")
    first = tree.node(tree.start)
    said = first.options[0].label  # "Yes, or I think they might be"
    to_menu(browser, shipped)
    link(browser, tree.title).click()
    page = read(browser)
    page["options"][0].click()
    assert read(browser)["contacts"][:2] == ["Emergency services (999)", "NHS 111"]
    link(browser, "My child is safe now: carry on").click()
    page = read(browser)
    assert page["h1"] != first.question and page["options"]  # the next question
    record = f"{said} (then carried on, once your child was safe)"
    answers = browser.execute_script(
        "return [...document.querySelectorAll('.summary-list dd:not(.change)')]"
        ".map((dd) => dd.textContent.trim())"
    )
    assert answers == [record]
    while read(browser)["options"]:
        read(browser)["options"][-1].click()  # on to a plan, by the last options
    urgent = browser.execute_script(
        "const box = document.querySelector('.urgent');"
        "return [box.querySelector('h2').textContent,"
        " box.compareDocumentPosition(document.querySelector('ol.steps'))]"
    )
    assert urgent == ["You told us your child may be at risk", 4]  # 4: the steps follow it
    answers = browser.execute_script(
        "return [...document.querySelectorAll('.summary-list dd:not(.change)')]"
        ".map((dd) => dd.textContent.trim())"
    )
    assert answers[0] == record
    assert "No, not right now" not in browser.execute_script("return document.body.textContent")


def test_no_page_shows_a_source_file_name(browser, shipped):
    """Sources are named by title and publisher on every kind of page, as a reader sees it."""
    import re

    for path in sample_types(shipped):
        open_page(browser, path)
        shown = browser.execute_script("return document.body.innerText")
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", shown), path
        assert ".txt" not in shown, path
    open_page(browser, online_support(shipped))
    sources = browser.execute_script(
        "return [...document.querySelectorAll('.sources .from')].map((p) => p.innerText)"
    )
    assert sources and all(s.startswith("From: ") for s in sources)
    words = browser.execute_script(
        "return [...document.querySelectorAll('h2')].map((h) => h.innerText)"
    )
    assert (
        "Words used here" in words
        or not make_plan(
            walk_scripted(
                LIBRARY,
                "mental-health",
                {
                    "crisis-check": "No, not right now",
                    "what-help": "Free online and national support",
                },
            )
        ).terms
    )


def test_smart_answers_ways_answers_so_far_change_marks_the_earlier_choice(browser, shipped):
    """Question pages list the answers so far with Change; Change marks the answer given
    before; on a phone "I'm not sure where to start" is near the top of the menu and the
    plan's Your answers is one link from its top."""
    browser.set_window_size(320, 800)
    try:
        to_menu(browser, shipped)
        not_sure = link(browser, LIBRARY.tree("start").title)
        # the first link after the urgent box, on the first screen and a half (it was ~4,000 px)
        first = browser.execute_script(
            "return [...document.querySelectorAll('main a')]"
            ".filter((a) => !a.closest('.urgent'))[0].textContent"
        )
        assert first == LIBRARY.tree("start").title
        top = browser.execute_script("return arguments[0].getBoundingClientRect().top", not_sure)
        assert top < 1000
        not_sure.click()
        page = read(browser)
        chosen = page["optionLabels"][2]
        page["options"][2].click()
        shown = browser.execute_script(
            "return [...document.querySelectorAll('.summary-list dd:not(.change)')]"
            ".map((dd) => dd.textContent.trim())"
        )
        assert shown == [chosen]  # the answer so far, on the next question
        while read(browser)["options"]:
            read(browser)["options"][0].click()
        jump = link(browser, "Your answers")  # near the top: the first link after the calls
        first = browser.execute_script(
            "return [...document.querySelectorAll('main a')]"
            ".filter((a) => !a.closest('.urgent') && !a.matches('.back'))[0].textContent"
        )
        assert first == "Your answers"
        jump.click()
        assert browser.current_url.endswith("#your-answers")
        browser.execute_script("document.querySelector('.summary-list .change a').click()")
        assert browser.current_url.endswith("index.html#answer-3")
        marked = browser.execute_script(
            "const li = document.querySelector('.options li:target');"
            "return [li.textContent.trim(),"
            " getComputedStyle(li.querySelector('a'), '::after').content]"
        )
        assert marked == [chosen, '" (your answer before)"']
    finally:
        browser.set_window_size(1280, 900)
