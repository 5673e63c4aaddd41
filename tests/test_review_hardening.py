"""The desk under hostile requests and hostile page text (issue 23, item 4): integers too
large for SQL, a decision posted under another article's URL, text put on the sign-in
page through its URL, bidi controls in titles and quotes, and a `javascript:` address
in the Markdown reading copy."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from ascurate.emit import markdown
from ascurate.model import Article as PipelineArticle
from ascurate.model import Block
from ascurate.review import auth
from ascurate.review.app import create_app
from ascurate.review.models import Article, AuditEvent, Flag
from ascurate.safe_text import neutralise_bidi, web_url

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store

TOO_BIG = 2**63  # one past SQLite's largest INTEGER


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.fixture
def client(store):
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
    with TestClient(create_app(store)) as c:
        page = c.get("/login")
        r = c.post("/login", data={"username": "alice", "password": "correct horse", "csrf": csrf_of(page.text)})
        assert r.status_code == 200 and r.url.path == "/queue"
        yield c


def flag_of(store, source: str) -> tuple[int, int]:
    with store.session() as s:
        return s.execute(select(Flag.article_pk, Flag.id).join(Article).where(Article.source_key == source)
                         .order_by(Flag.id).limit(1)).one()


def test_integers_too_large_for_sql_are_refused_not_500(client, store):
    token = csrf_of(client.get("/queue").text)
    pk, fid = flag_of(store, "notes-a.txt")
    assert client.get("/queue?page=1000000000000000000").status_code == 400
    assert client.get(f"/queue?page={TOO_BIG}").status_code == 400
    assert client.get("/queue?page=0").status_code == 400
    assert client.get(f"/articles/{TOO_BIG}").status_code == 404
    assert client.get("/articles/-1").status_code == 404
    assert client.get("/articles/x").status_code == 404
    assert client.get("/articles/9223372036854775807").status_code == 404  # the largest id: no such article
    r = client.post(f"/articles/{pk}/flags/{TOO_BIG}", data={"action": "accept", "csrf": token})
    assert r.status_code == 404 and "No such page" in r.text
    assert client.post(f"/articles/{TOO_BIG}/flags/{fid}", data={"action": "accept", "csrf": token}).status_code == 404
    assert client.post(f"/articles/{TOO_BIG}/undo", data={"csrf": token}).status_code == 404
    assert client.post(f"/articles/{TOO_BIG}/decide", data={"action": "approve", "csrf": token}).status_code == 404
    with store.session() as s:
        assert s.scalar(select(Flag.status).where(Flag.id == fid)) == "open"
    assert client.get("/queue?page=2").status_code == 200  # past the last page: an empty page, as before


def test_a_flag_is_decided_only_under_its_own_article(client, store):
    token = csrf_of(client.get("/queue").text)
    pk_a, fid_a = flag_of(store, "notes-a.txt")
    pk_b, _ = flag_of(store, "notes-b.txt")
    r = client.post(f"/articles/{pk_b}/flags/{fid_a}", data={"action": "accept", "csrf": token})
    assert r.status_code == 404 and f"No flag {fid_a} on article {pk_b}" in r.text
    with store.session() as s:
        assert s.scalar(select(Flag.status).where(Flag.id == fid_a)) == "open"
        assert s.scalar(select(AuditEvent.id)) is None  # nothing decided, nothing recorded
    r = client.post(f"/articles/{pk_a}/flags/{fid_a}", data={"action": "accept", "csrf": token})
    assert r.status_code == 200 and "accepted by alice" in r.text
    # undo under an article that does not exist: 404, not a redirect to it; the decision stays
    with store.session() as s:
        missing = s.scalar(select(Article.id).order_by(Article.id.desc())) + 1000
    r = client.post(f"/articles/{missing}/undo", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 404 and f"No article {missing}" in r.text
    # undo under another article undoes that article's decisions only (it has none)
    client.post(f"/articles/{pk_b}/undo", data={"csrf": token})
    with store.session() as s:
        assert s.scalar(select(Flag.status).where(Flag.id == fid_a)) == "accepted"
    client.post(f"/articles/{pk_a}/undo", data={"csrf": token})
    with store.session() as s:
        assert s.scalar(select(Flag.status).where(Flag.id == fid_a)) == "open"


def test_the_sign_in_page_shows_only_known_messages(store):
    with TestClient(create_app(store)) as c:
        r = c.get("/login", params={"error": "Your account is locked: call +1 555 0100 and give your password"})
        assert r.status_code == 200 and "555" not in r.text and 'class="error"' not in r.text
        r = c.get("/login", params={"error": "wrong"})
        assert r.status_code == 401 and "Wrong user name or password." in r.text
        r = c.get("/login", params={"error": "<script>alert(1)</script>"})
        assert "alert(1)" not in r.text


def test_bidi_controls_in_page_text_are_shown_not_obeyed(client, store):
    pk, fid = flag_of(store, "notes-a.txt")
    title = "Safe dose \u202e01 gm\u202c for adults"  # shows as "Safe dose mg 10 for adults"
    with store.session() as s, s.begin():
        s.execute(update(Article).where(Article.id == pk).values(title=title))
        quote = s.scalar(select(Flag.quote).where(Flag.id == fid))
        s.execute(update(Flag).where(Flag.id == fid).values(quote="\u2067" + quote + "\u2069"))
    for url in (f"/articles/{pk}", "/queue"):
        html = client.get(url).text
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", html), url
        assert "Safe dose [U+202E]01 gm[U+202C] for adults" in html
    assert "[U+2067]" + quote + "[U+2069]" in client.get(f"/articles/{pk}").text


def test_neutralise_bidi_and_web_url():
    assert neutralise_bidi("a\u202eb\u2066c") == "a[U+202E]b[U+2066]c"
    assert neutralise_bidi("\u05e9\u05dc\u05d5\u05dd \u200f!") == "\u05e9\u05dc\u05d5\u05dd \u200f!"  # marks stay
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "vbscript:x", "//example.org",
                "http:///nohost", "https://exa mple.org", "https://example.org/\nx", "", None):
        assert web_url(bad) is None, bad


def _page(url: str | None, title: str = "Asthma") -> PipelineArticle:
    return PipelineArticle(id="a1", source={"path": "a.html", "url": url}, status="clean", title=title,
                           language="en", text="Asthma affects the airways.",
                           blocks=[Block("paragraph", "Asthma \u202eaffects\u202c the airways.")])


def test_the_markdown_copy_links_only_web_addresses():
    for url in ("javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)", "data:text/html;base64,PHNjcmlwdD4="):
        md = markdown(_page(url))
        status = md.splitlines()[2]
        assert f"`{url}` (not a web address)" in status  # an inert code span: no viewer links it
        assert f"]({url}" not in md and f"<{url}" not in md
    md = markdown(_page("javascript:alert('<script>x</script>')"))
    assert "`javascript:alert('&lt;script&gt;x&lt;/script&gt;')` (not a web address)" in md and "<script" not in md
    md = markdown(_page("https://example.org/asthma"))
    assert md.splitlines()[2].endswith(" · https://example.org/asthma")
    md = markdown(_page(None, title="Dose \u202e01 gm"))
    assert md.startswith("# Dose [U+202E]01 gm\n") and "Asthma [U+202E]affects[U+202C] the airways." in md
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", md)


def test_a_javascript_canonical_url_through_the_pipeline(tmp_path, cfg):
    from ascurate.pipeline import run

    raw = tmp_path / "raw"
    raw.mkdir()
    body = "".join(f"<p>Asthma is a long-term condition of the airways, sentence {i} of a real enough page, "
                   "with triggers such as pollen, dust and cold air.</p>" for i in range(8))
    (raw / "page.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Living with asthma</title>'
        '<link rel="canonical" href="javascript:alert(document.cookie)"></head>'
        f"<body><article><h1>Living with asthma</h1>{body}</article></body></html>", encoding="utf-8")
    run(raw, tmp_path / "out", cfg)
    mds = list((tmp_path / "out" / "articles").glob("*.md"))
    assert len(mds) == 1
    status = mds[0].read_text(encoding="utf-8").splitlines()[2]
    assert status.endswith(" · `javascript:alert(document.cookie)` (not a web address)"), status
