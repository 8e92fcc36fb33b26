"""The A to Z page in a real browser (headless chromium): reached from the menu, its
letters and links work by clicking, no sideways scrolling at 320 pixels, and axe-core
finds no WCAG 2.2 A or AA violation."""

from test_site_browser import (  # noqa: F401 (browser and shipped are fixtures)
    AXE,
    AXE_RUN,
    AXE_TAGS,
    _missing,
    browser,
    open_page,
    read,
    shipped,
)


def test_from_the_menu_by_a_letter_to_a_plan(browser, shipped):  # noqa: F811
    open_page(browser, shipped / "index.html")
    browser.execute_script(
        "[...document.querySelectorAll('main a')]"
        ".find((a) => a.textContent.includes('A to Z')).click()"
    )
    assert browser.current_url.endswith("/a-z.html")
    browser.execute_script(
        "[...document.querySelectorAll('nav a')].find((a) => a.textContent === 'K').click()"
    )
    assert browser.current_url.endswith("/a-z.html#letter-k")
    assert browser.execute_script("return document.activeElement.tagName") in ("BODY", "A")
    entry = browser.execute_script(
        "return [...document.querySelectorAll('.az-list > li')]"
        ".find((li) => li.querySelector('strong')?.textContent === 'Kicked out')"
        ".querySelector('ul a')"
    )
    entry.click()
    assert read(browser)["h1"] == "Read about exclusions and AP, and get advice"
    browser.back()
    assert browser.current_url.endswith("/a-z.html#letter-k")


def test_the_a_to_z_reflows_at_320_pixels(browser, shipped):  # noqa: F811
    browser.set_window_size(320, 800)
    try:
        open_page(browser, shipped / "a-z.html")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= browser.execute_script("return window.innerWidth")
    finally:
        browser.set_window_size(1280, 900)


def test_axe_finds_no_violation_on_the_a_to_z_and_the_menu(browser, shipped):  # noqa: F811
    if not AXE.exists():
        _missing("axe-core (npm ci)")
    source = AXE.read_text(encoding="utf-8")
    found = {}
    for name in ("a-z.html", "index.html"):
        open_page(browser, shipped / name)
        browser.execute_script(source)
        violations = browser.execute_async_script(AXE_RUN, AXE_TAGS)
        if violations:
            found[name] = violations
    assert found == {}
