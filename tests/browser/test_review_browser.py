"""The review desk in a real browser: Debian's chromium, driven by Playwright (never
`playwright install`; scripts/test.sh installs the chromium package on CI)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ascurate.review import auth

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def server(store) -> Iterator[str]:
    """The app on a free local port, in a thread of this process."""
    import uvicorn

    from ascurate.review.app import create_app

    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the review app did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


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
