"""Editors teach the pipeline, in a real browser (Debian's chromium, Playwright): on one
page of a site the editor removes a piece of furniture everywhere on the site, keeps a
block cleaning removed by mistake, and makes a rule of selected text; each result is in
view; the Rules page lists the rules and undoes one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ascurate.review import siterules
from tests.browser.test_review_browser import in_viewport, page, served  # noqa: F401 - the browser fixture
from tests.test_review_siterules import FURNITURE, TEASER

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ["tests.test_review_siterules"]  # site_once, site: three pages of clinic.example


@pytest.fixture
def server(site) -> Iterator[str]:
    """The app, with its curated folder (where site rules are kept), on a free local port."""
    from ascurate.review.app import create_app

    _raw, curated, store = site
    with served(create_app(store, curated=curated)) as url:
        yield url


def test_an_editor_makes_site_rules_from_the_cleaning_view_and_a_selection(page, server, site):  # noqa: F811
    _raw, curated, _store = site
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server}/queue")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "correct horse")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/queue")
    page.click("text=Caring for a sore knee")
    page.wait_for_selector(".flag.current")
    page.click("#removed-panel summary")
    with page.expect_navigation():
        page.click("#cleaning-link")

    bulletin = page.locator("tr.kept", has_text="Clinic bulletin")
    with page.expect_navigation():
        bulletin.get_by_role("button", name="Remove everywhere on clinic.example").click()
    assert in_viewport(page, "#flash") and page.evaluate("window.scrollY") == 0
    assert "removed everywhere on clinic.example from the next run" in page.locator("#flash").inner_text()
    assert "removed by an editor" in page.locator("tr.kept", has_text="Clinic bulletin").inner_text()  # here now
    assert page.locator("tr.kept", has_text="Clinic bulletin").get_by_role(
        "button", name="Remove everywhere on clinic.example").count() == 0  # the rule is made: no second one

    teaser = page.locator("tr.removed", has_text="Related: see our guide")
    with page.expect_navigation():
        teaser.get_by_role("button", name="Never remove on clinic.example").click()
    assert in_viewport(page, "#flash") and "never removed on clinic.example" in page.locator("#flash").inner_text()
    assert page.locator("tr.removed.restored", has_text="Related: see our guide").count() == 1

    # a piece of text selected in the article becomes a rule too
    page.click("text=back to the article")
    page.wait_for_selector(".flag.current")
    page.evaluate("""() => {
        const p = [...document.querySelectorAll('section.text p')].find((el) => el.textContent.includes('Raise the leg'));
        const node = p.firstChild, at = node.textContent.indexOf('Raise the leg');
        const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 'Raise the leg'.length);
        const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(r);
    }""")
    page.wait_for_function("document.getElementById('selection-text').value === 'Raise the leg'")
    with page.expect_navigation():
        page.click("#selection-rule-form button")
    assert in_viewport(page, "#flash") and "“Raise the leg” is removed everywhere" in page.locator("#flash").inner_text()

    with page.expect_navigation():
        page.click("nav >> text=Rules")
    table = page.locator("#cleaning-rules").inner_text()
    assert FURNITURE in table and TEASER in table and "Raise the leg" in table
    assert "clinic bulletin: updated @ #, # · # reader found" in table and "alice" in table and "knee.html" in table
    made = {r.text: r.id for r in siterules.load_cleaning(curated)}
    assert set(made) == {FURNITURE, TEASER, "Raise the leg"}
    with page.expect_navigation():
        page.locator("#cleaning-rules tr", has_text="Raise the leg").get_by_role("button").click()
    assert in_viewport(page, "#flash")
    assert f"Site rule {made['Raise the leg']} removed" in page.locator("#flash").inner_text()
    assert "Raise the leg" not in page.locator("#cleaning-rules").inner_text()
    assert {r.text for r in siterules.load_cleaning(curated)} == {FURNITURE, TEASER}
    page.goto(f"{server}/audit")
    audit = page.locator("table.audit").inner_text()
    assert audit.count("site-rule") >= 4  # three made, one removed
