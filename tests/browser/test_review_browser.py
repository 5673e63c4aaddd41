"""The review desk in a real browser: Debian's chromium, driven by Playwright (never
`playwright install`; scripts/test.sh installs the chromium package on CI)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ascurate.review import auth

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def served(app: Any) -> Iterator[str]:
    """`app` on a free local port, in a thread of this process, until the block ends."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the review app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        t.join(10)


@pytest.fixture
def server(store) -> Iterator[str]:
    """The app on a free local port, in a thread of this process."""
    from ascurate.review.app import create_app

    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
    with served(create_app(store)) as url:
        yield url


@pytest.fixture
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("chromium is not installed (scripts/test.sh installs it as root)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = browser.new_page()
        pg.set_default_timeout(15_000)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        try:
            yield pg
        finally:
            browser.close()


def sign_in(page, server: str) -> None:
    page.goto(f"{server}/queue")
    assert "/login" in page.url
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "correct horse")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/queue")


def flag_status(page) -> str:
    return page.locator(".flag.current .flag-status").inner_text().strip().lower()


def test_keyboard_review_accept_undo_approve(page, server):
    sign_in(page, server)
    page.click("text=Managing migraine at work")  # a flagged article, from the queue
    page.wait_for_selector(".flag.current")
    assert flag_status(page) == "open"
    assert page.locator("mark.current").count() >= 1  # the flagged span is highlighted in its paragraph
    with page.expect_navigation():
        page.keyboard.press("a")  # accept the suggestion
    assert flag_status(page) == "accepted"
    fixed = page.locator("details.fixed").text_content()
    assert "TODO: add the dosage table" not in fixed and "find your triggers. Pain relief" in fixed
    with page.expect_navigation():
        page.keyboard.press("u")  # undo
    assert flag_status(page) == "open"
    page.keyboard.press("x")  # dismiss: the reason field takes focus, Enter sends
    page.keyboard.type("the note is a real heading here")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert flag_status(page) == "dismissed"
    with page.expect_navigation():
        page.keyboard.press("Shift+A")  # approve the article
    assert page.locator("#article-status").inner_text().startswith("approved by alice")
    page.click("#history-panel summary")  # the history, folded at the top of the side panel
    history = page.locator("#history").inner_text()
    assert "alice approve" in history and "alice undo" in history and "alice accept" in history
    page.goto(f"{server}/audit")
    first = page.locator("table.audit tbody tr").first.inner_text()
    assert "alice" in first and "approve" in first
    assert page.dialogs == []


def test_hostile_page_text_shows_as_text(page, server):
    sign_in(page, server)
    page.click("text=Living with asthma")
    page.wait_for_selector(".flag.current")
    body = page.locator("section.text").inner_text()
    assert '<script>alert("xss")</script>' in body and "<img src=x onerror=alert(1)>" in body
    assert page.locator("h1").first.inner_text() == 'Living with asthma <script>alert("title")</script>'
    assert page.evaluate("document.querySelectorAll('main script, main img, [onerror]').length") == 0
    assert page.locator("mark", has_text='<script>alert("xss")</script>').count() == 1  # flagged, as text
    assert page.dialogs == []  # no alert() ran


# ---------------------------------------------------------------- what the editor sees in the viewport

def in_viewport(page, selector: str) -> bool:
    """The element is shown and wholly inside the window's visible area."""
    return page.evaluate("""(sel) => {
        const el = document.querySelector(sel);
        if (!el || !el.getClientRects().length) return false;
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    }""", selector)


def open_article(page, server: str, title: str) -> None:
    page.goto(f"{server}/queue")
    page.click(f"text={title}")
    page.wait_for_selector(".flag.current")


def test_a_refused_approve_redirects_and_shows_why_in_view(page, server):
    sign_in(page, server)
    open_article(page, server, "Managing migraine at work")  # its editorial note is blocking
    article_url = page.url.split("?")[0]
    with page.expect_navigation():
        page.keyboard.press("Shift+A")
    assert page.url.split("?")[0] == article_url  # post/redirect/get: not left on /decide
    assert "blocking flag(s) are still open" in page.locator("#flash").inner_text()
    assert in_viewport(page, "#flash") and page.evaluate("window.scrollY") == 0
    page.reload()  # a reload neither resubmits nor shows the refusal again
    assert page.locator("#flash").count() == 0
    assert "No decisions yet" in page.locator("#history").text_content()


def test_after_a_decision_the_result_is_in_view_and_the_selection_moves_on(page, server):
    sign_in(page, server)
    page.set_viewport_size({"width": 1280, "height": 600})
    open_article(page, server, "Ankylosing Spondylitis")
    flags = page.locator(".flag.nav-item")
    assert flags.count() >= 2
    first = flags.first
    assert "sev-blocking" in first.get_attribute("class")  # blocking flags are listed first
    decided = first.get_attribute("data-flag")
    assert page.locator(".flag.current").get_attribute("data-flag") == decided
    page.keyboard.press("x")
    page.keyboard.type("a real heading here")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "#flag-" not in page.url and page.evaluate("window.scrollY") == 0  # no jump below the status
    assert in_viewport(page, "#article-status")
    current = page.locator(".flag.current")
    assert current.get_attribute("data-flag") != decided and "st-open" in current.get_attribute("class")
    assert in_viewport(page, ".flag.current header")  # scrolled into view inside the flags panel only
    done = page.locator(f"#flag-{decided}")
    assert "dismissed" in done.locator(".flag-status").inner_text().lower()
    assert done.locator(".accept-form, .dismiss-form, .edit-form, .defer-form").count() == 0


def test_approve_is_disabled_once_approved(page, server):
    sign_in(page, server)
    open_article(page, server, "Treating tension headaches")
    page.keyboard.press("x")
    page.keyboard.type("fine in this article")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.keyboard.press("Shift+A")
    assert page.locator("#article-status").inner_text().startswith("approved by alice")
    assert page.locator("#approve-form button").is_disabled()
    assert page.locator("#reject-form button").is_enabled()


def test_the_keys_panel_is_on_top_and_furniture_and_history_are_in_reach(page, server):
    sign_in(page, server)
    open_article(page, server, "Ankylosing Spondylitis")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    covered = page.evaluate("""() => {
        const r = document.getElementById('help').getBoundingClientRect();
        const out = [];
        for (let x = r.left + 4; x < r.right - 4; x += 25)
            for (let y = r.top + 4; y < Math.min(r.bottom, window.innerHeight) - 4; y += 25) {
                const el = document.elementFromPoint(x, y);
                if (!el || !el.closest('#help')) out.push([x, y, el && el.className]);
            }
        return out;
    }""")
    assert covered == []  # nothing shows through the keys panel
    page.keyboard.press("?")
    for panel in ("#removed-panel", "#history-panel"):
        assert in_viewport(page, f"{panel} summary")
    page.click("#removed-panel summary")
    assert page.locator("#removed-panel li").first.is_visible()
    assert in_viewport(page, "#removed-panel li")


def test_search_filters_counts_and_bulk_approve_from_the_queue(page, server):
    sign_in(page, server)
    assert in_viewport(page, "#open-counts") and "editorial_note" in page.locator("#open-counts").inner_text()
    page.fill("#search", "diazepam")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=diazepam" in page.url
    rows = page.locator("table.queue tbody tr.nav-item")
    assert rows.count() == 1 and "muscle spasms" in rows.first.inner_text().lower()
    page.fill("#search", "")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():  # a filter applies as it changes: no button to press
        page.select_option("select[name=kind]", "editorial_note")
    assert "kind=editorial_note" in page.url
    with page.expect_navigation():
        page.select_option("select[name=kind]", "")
    page.fill("#search", "ankylosing")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.click("#bulk-approve")
    summary = page.locator("#bulk-summary").inner_text()
    assert page.locator("h1").inner_text().startswith("Approve ") and " article(s) selected" in summary
    n = int(page.locator("h1").inner_text().split()[1])
    assert n == 1 and summary.startswith("1 article(s) selected by the queue's filters and the search “ankylosing”")
    assert "skipped: an open blocking flag" in page.locator("main").inner_text()  # the diazepam article
    with page.expect_navigation():
        page.click("#bulk-confirm")
    assert page.locator("#flash").inner_text().startswith(f"Approved {n} article(s).")
    assert in_viewport(page, "#flash") and page.locator("#undo-batch button").is_visible()
    assert f"approve {n}" in page.locator("#today").inner_text()
    with page.expect_navigation():
        page.click("#undo-batch button")
    assert page.locator("#flash").inner_text().startswith("Undone")


def test_side_by_side_cleaning_and_restoring_a_removed_block(page, server):
    sign_in(page, server)
    open_article(page, server, "Living with asthma")  # its navigation and footer were removed
    page.click("#removed-panel summary")
    with page.expect_navigation():
        page.click("#cleaning-link")
    removed = page.locator("tr.removed").first
    assert removed.locator("td").first.locator("del").count() == 1  # struck through, with its rule
    assert removed.locator("code.reason").inner_text()
    text = removed.locator("del").inner_text()
    with page.expect_navigation():
        removed.locator(".block-form button").click()
    row = page.locator("tr.removed.restored")
    assert row.count() == 1 and text in row.locator("td").last.inner_text()
    assert page.locator("#flash").count() == 0  # made, nothing refused
    with page.expect_navigation():
        page.click("#undo-form button")
    assert page.locator("tr.removed.restored").count() == 0
