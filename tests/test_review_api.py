"""The review web app through FastAPI's test client: sign-in, CSRF, roles, the queue
and article screens, decisions and undo, and escaping of hostile page text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ascurate.review import auth
from ascurate.review.app import create_app
from ascurate.review.models import Article, Flag

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, user: str = "alice", password: str = "correct horse"):
    page = client.get("/login")
    return client.post("/login", data={"username": user, "password": password, "csrf": csrf_of(page.text),
                                       "next": "/queue"})


@pytest.fixture
def users(store):
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        auth.add_user(s, "victor", "viewer password", "viewer")
        s.commit()
    return store


@pytest.fixture
def client(users):
    with TestClient(create_app(users)) as c:
        assert sign_in(c).status_code == 200
        yield c


def pk_of(store, path: str) -> int:
    with store.session() as s:
        return s.scalar(select(Article.id).where(Article.source_key == path))


def test_pages_need_sign_in_and_wrong_password_is_refused(users):
    with TestClient(create_app(users)) as c:
        r = c.get("/queue?kind=editorial_note", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/queue")
        assert c.get("/audit.jsonl", follow_redirects=False).status_code == 303
        r = sign_in(c, password="wrong horse")
        assert r.status_code == 401 and "Wrong user name or password" in r.text
        c.get("/login")
        r = c.post("/login", data={"username": "alice", "password": "correct horse", "csrf": "forged"})
        assert r.status_code == 403  # the sign-in form carries a CSRF token too
        assert sign_in(c).url.path == "/queue"


def test_expired_session_signs_out(users):
    with TestClient(create_app(users, session_ttl=timedelta(seconds=-1))) as c:
        sign_in(c)
        assert c.get("/queue", follow_redirects=False).status_code == 303


def test_queue_lists_by_severity_and_filters(client, store):
    rows = re.findall(r'<tr class="nav-item sev-(\w+)"', client.get("/queue").text)
    order = ["blocking", "warning", "info", "none"]
    assert len(rows) >= 4 and rows[0] == "blocking" and rows == sorted(rows, key=order.index)
    seeds = client.get("/queue", params={"kind": "editorial_note"}).text
    assert "Treating tension headaches" in seeds
    assert "Nothing to review" in client.get("/queue", params={"language": "xx"}).text
    assert "Nothing to review" in client.get("/queue", params={"status": "approved"}).text


def test_hostile_text_is_escaped_everywhere(client, store):
    pk = pk_of(store, "hostile.html")
    for url in (f"/articles/{pk}", "/queue", "/audit"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
    html = client.get(f"/articles/{pk}").text
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # the flagged span that contains the script is highlighted, as text
    assert re.search(r"<mark [^>]*>[^<]*&lt;script&gt;", html)
    assert "script-src 'self'" in client.get(f"/articles/{pk}").headers["content-security-policy"]


def test_accept_undo_approve_through_the_forms(client, store):
    pk = pk_of(store, "notes-a.txt")
    page = client.get(f"/articles/{pk}").text
    fid = int(re.search(r'id="flag-(\d+)"', page).group(1))
    assert "1 identical open match(es) in 1 other article(s)" in page
    token = csrf_of(page)
    assert client.post(f"/articles/{pk}/flags/{fid}", data={"action": "accept"}).status_code == 403  # no CSRF
    r = client.post(f"/articles/{pk}/flags/{fid}", data={"action": "accept", "csrf": token})
    assert r.status_code == 200 and r.url.path == f"/articles/{pk}" and not r.url.fragment
    assert "accepted by alice" in r.text
    r = client.post(f"/articles/{pk}/undo", data={"csrf": token})
    with store.session() as s:
        assert s.get(Flag, fid).status == "open"
    r = client.post(f"/articles/{pk}/decide", data={"action": "approve", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{pk}"  # post/redirect/get
    r = client.get(r.headers["location"])
    assert "blocking flag(s) are still open" in r.text
    assert "still open" not in client.get(f"/articles/{pk}").text  # shown once
    r = client.post(f"/articles/{pk}/flags/{fid}", data={"action": "dismiss", "reason": "", "csrf": token})
    assert r.status_code == 200 and r.url.path == f"/articles/{pk}" and "say why" in r.text
    client.post(f"/articles/{pk}/flags/{fid}", data={"action": "dismiss", "reason": "a real heading", "csrf": token,
                                                      "apply_all": "1"})
    r = client.post(f"/articles/{pk}/decide", data={"action": "approve", "csrf": token})
    assert r.status_code == 200 and "approved by alice" in r.text
    export = client.get("/audit.jsonl").text.splitlines()
    assert [re.search(r'"action": "(\w+)"', x).group(1) for x in export] == ["accept", "undo", "dismiss", "dismiss",
                                                                               "approve"]
    assert "a real heading (2)" in client.get("/rules").text


def test_viewer_reads_but_cannot_decide(users):
    pk = pk_of(users, "notes-b.txt")
    with TestClient(create_app(users)) as c:
        sign_in(c, "victor", "viewer password")
        page = c.get(f"/articles/{pk}").text
        assert "Treating tension headaches" in page and "Accept (a)" not in page
        r = c.post(f"/articles/{pk}/decide", data={"action": "reject", "reason": "x", "csrf": csrf_of(page)})
        assert r.status_code == 403 and "viewer" in r.text
        r = c.post("/logout", data={"csrf": csrf_of(page)}, follow_redirects=False)
        assert r.status_code == 303 and c.get("/queue", follow_redirects=False).status_code == 303
