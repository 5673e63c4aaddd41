"""The queue for a day's work: full-text search, counts, bulk decisions undone as one
batch, claims; and the seeds' day: found by search, approved in bulk, published with
their open warnings recorded. Real pages through the real pipeline (test_review_fixtures)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ascurate.review import claims, decisions, queries
from ascurate.review.models import Article, AuditEvent, Flag
from ascurate.review.publish import publish_approved

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, workdir):
    """The store synced from the test pages: SQLite, and PostgreSQL when
    ASCURATE_TEST_POSTGRES_URL names a scratch database (search, claims, bulk there too)."""
    from ascurate.review import db, sync
    from tests.test_review_fixtures import PG_URL, scratch_postgres_store

    if request.param == "postgresql":
        if not os.environ.get(PG_URL):
            pytest.skip(f"set {PG_URL} to a scratch PostgreSQL database to run")
        st = scratch_postgres_store(os.environ[PG_URL])
    else:
        st = db.Store(db.database_url(workdir / "curated"))
    sync.sync_curated(st, workdir / "curated")
    yield st
    st.close()

SEED_CLEAN, SEED_DIAZEPAM = "000_12dd5c0043177de4.txt", "003_528403d0cb010f64.txt"


def found(s, words: str, **kw) -> list[str]:
    return [r["source_key"] for r in queries.queue(s, queries.Filters(q=words, **kw), facets=False).rows]


def test_search_reads_title_text_site_and_flag_quotes(store):
    with store.session() as s:
        assert found(s, "diazepam") == [SEED_DIAZEPAM]  # in the text only
        assert found(s, "Diazep") == [SEED_DIAZEPAM]  # words match as prefixes, any case
        assert found(s, "tension headaches") == ["notes-b.txt"]  # every word, from the title
        assert sorted(found(s, "dosage table")) == ["notes-a.txt", "notes-b.txt"]  # a flag's quote
        assert found(s, "diazepam", kind="no_such_kind") == []  # with the other filters
        assert found(s, 'diazepam" OR *') == [SEED_DIAZEPAM]  # query syntax is never read from the box
        assert found(s, "zzyzx") == []
        art = s.scalar(select(Article).where(Article.source_key == "notes-a.txt"))
        art.text = art.text + "\nPhenobarbital note"  # the index follows writes (triggers)
        s.commit()
        assert found(s, "phenobarbital") == ["notes-a.txt"]


def test_counts_of_open_flags_and_of_the_days_decisions(store):
    with store.session() as s:
        before = {(c["kind"], c["severity"]): c["open"] for c in queries.open_counts(s, queries.Filters())}
        assert before[("editorial_note", "blocking")] >= 2
        pk = s.scalar(select(Article.id).where(Article.source_key == "notes-b.txt"))
        fid = s.scalar(select(Flag.id).where(Flag.article_pk == pk, Flag.kind == "editorial_note"))
        decisions.decide_flag(s, fid, "dismiss", "alice", reason="fine here")
        s.commit()
        after = {(c["kind"], c["severity"]): c["open"] for c in queries.open_counts(s, queries.Filters())}
        assert after[("editorial_note", "blocking")] == before[("editorial_note", "blocking")] - 1
        assert queries.done_today(s) == [{"editor": "alice", "actions": {"dismiss": 1}, "total": 1}]


def test_bulk_approve_skips_what_cannot_be_approved_and_undoes_as_one_batch(store):
    with store.session() as s:
        pks = queries.selection(s, queries.Filters(q="ankylosing"), 100)
        assert len(pks) == 2
        plan = decisions.plan_bulk(s, pks, "approve", "alice")
        assert plan.skipped == {"an open blocking flag": 1}
        done = decisions.decide_articles(s, pks, "approve", "alice")
        s.commit()
        status = dict(s.execute(select(Article.source_key, Article.review_status).where(Article.id.in_(pks))).all())
        assert status == {SEED_CLEAN: "approved", SEED_DIAZEPAM: "pending"}
        assert decisions.undo(s, "alice", batch=done.batch) == done.batch
        s.commit()
        assert s.get(Article, done.pks[0]).review_status == "pending"


def test_two_editors_never_hold_the_same_article_and_claims_lapse(store):
    t = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    with store.session() as s:
        pk = s.scalar(select(Article.id).where(Article.source_key == "notes-a.txt"))
        assert claims.claim(s, pk, "alice", now=t) is None
        assert claims.claim(s, pk, "bob", now=t + timedelta(minutes=5)) == "alice"
        assert claims.claim(s, pk, "alice", now=t + timedelta(minutes=15)) is None  # renewed by its holder
        assert claims.claim(s, pk, "bob", now=t + timedelta(minutes=30)) == "alice"
        assert claims.claim(s, pk, "bob", now=t + timedelta(minutes=36)) is None  # alice's lapsed
        assert decisions.plan_bulk(s, [pk], "reject", "alice", now=t + timedelta(minutes=37)).skipped == {
            "another editor is working on it": 1}


def test_the_seeds_day_search_bulk_approve_publish_with_open_warnings(store, workdir):
    """An editor finds the diazepam article by searching for it, approves the clean seed in
    bulk, and both publish with their open warnings recorded."""
    with store.session() as s:
        (pk,) = queries.selection(s, queries.Filters(q="diazepam"), 10)
        for f in s.scalars(select(Flag).where(Flag.article_pk == pk, Flag.severity == "blocking")):
            decisions.decide_flag(s, f.id, "dismiss", "alice", reason="checked: fine")
        decisions.decide_article(s, pk, "approve", "alice")
        clean = [p for p in queries.selection(s, queries.Filters(q="ankylosing"), 10) if p != pk]
        assert decisions.decide_articles(s, clean, "approve", "alice").pks == clean
        s.commit()
        opened = {a.source_key: [f.quote for f in a.flags if f.status in ("open", "deferred")]
                  for a in s.scalars(select(Article).where(Article.id.in_([pk, *clean])))}
    assert opened[SEED_DIAZEPAM] and opened[SEED_CLEAN] == []  # warnings nobody decided; the clean seed has none
    report = publish_approved(store, workdir / "curated" / "published")
    assert report.published == 2
    for p in sorted((workdir / "curated" / "published").glob("*.json")):
        d = json.loads(p.read_text())
        quotes = [f["quote"] for f in d["flags"]]
        assert sorted(quotes) == sorted(opened[d["source"]["path"]])
        assert [w["quote"] for w in d["editor_review"]["open_warnings"]] == quotes
        assert all(d["text"][f["start"]:f["end"]] == f["quote"] for f in d["flags"])
        assert p.stat().st_mode & 0o777 == 0o666 & ~_umask()
        assert ("Flags for editors" in p.with_suffix(".md").read_text()) == bool(quotes)


def _umask() -> int:
    from ascurate.emit import umask

    return umask()


def test_medical_content_waits_for_a_medical_reviewers_sign_off(store, workdir):
    """With the second review on, an approved article that names a condition is held until
    a `medical` reviewer signs it off (an editor cannot); the queue shows and filters it."""
    import re

    from fastapi.testclient import TestClient

    from ascurate.review import auth, medical
    from ascurate.review.app import create_app
    from tests.test_review_api import csrf_of, sign_in

    assert medical.groups("on") == ("conditions", "drugs") and medical.groups("off") == ()
    chosen = medical.groups("conditions,drugs")
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        auth.add_user(s, "meg", "medical horse", "medical")
        pk = s.scalar(select(Article.id).where(Article.source_key == SEED_CLEAN))
        assert "ankylosing spondylitis" in medical.named(s.get(Article, pk).medical_terms, chosen)
        decisions.decide_articles(s, [pk], "approve", "alice")
        s.commit()
        waiting = queries.selection(s, queries.Filters(status="medical", medical=chosen), 100)
        assert pk in waiting
    out = workdir / "curated" / "published"
    report = publish_approved(store, out, chosen)
    assert report.published == 0 and report.held[0]["reason"] == "waits for a medical reviewer's sign-off"
    with TestClient(create_app(store, medical_groups=chosen)) as c:
        sign_in(c)
        page = c.get(f"/articles/{pk}").text
        assert "Medical review needed before publishing" in page and "Medical sign-off (M)" not in page
        r = c.post(f"/articles/{pk}/medical", data={"csrf": csrf_of(page)})
        assert "only a medical reviewer" in r.text
        assert "medical sign-off needed" in c.get("/queue", params={"status": "medical"}).text
        c.post("/logout", data={"csrf": csrf_of(page)})
        sign_in(c, "meg", "medical horse")
        page = c.get(f"/articles/{pk}").text
        r = c.post(f"/articles/{pk}/medical", data={"csrf": csrf_of(page)})
        assert re.search(r"signed off by meg at", r.text)
    report = publish_approved(store, out, chosen)
    assert report.published == 1
    (d,) = [json.loads(p.read_text()) for p in out.glob("*.json")]
    assert d["editor_review"]["medical_signoff"]["by"] == "meg"
    with store.session() as s:
        assert decisions.undo(s, "meg", article_pk=pk)
        s.commit()
        assert s.get(Article, pk).medical_by is None


def test_restored_and_removed_blocks_are_decisions_applied_on_publish(store, workdir):
    from ascurate.review import cleaning

    with store.session() as s:
        arts = list(s.scalars(select(Article)))
        art = next(a for a in arts if any(isinstance(r.get("block"), int) and r.get("start") is None
                                          for r in a.removed))
        rows = cleaning.side_by_side(art)
        assert [r["block"] for r in rows if r["kind"] == "kept"] == list(range(len(art.blocks)))
        removal = next(r for r in rows if r["kind"] == "removed" and not r.get("unplaced"))
        last = len(art.blocks) - 1
        dropped = art.blocks[last]["text"]
        decisions.edit_block(s, art.id, "restore", removal["removal"], "alice")
        decisions.edit_block(s, art.id, "remove", last, "alice")
        with_edits = decisions.edit_block(s, art.id, "remove", 0, "alice")
        decisions.undo(s, "alice", batch=with_edits)  # block 0 stays after all
        for f in art.flags:
            if f.severity == "blocking":
                decisions.decide_flag(s, f.id, "dismiss", "alice", reason="fine")
        decisions.decide_article(s, art.id, "approve", "alice")
        s.commit()
        assert cleaning.edits(art) == {"restore": [removal["removal"]], "remove": [last]}
        pk, restored, first = art.id, removal["text"], art.blocks[0]["text"]
    publish_approved(store, workdir / "curated" / "published", ())
    (d,) = [json.loads(p.read_text()) for p in (workdir / "curated" / "published").glob("*.json")]
    texts = [b["text"] for b in d["blocks"]]
    assert restored in texts and first in texts and dropped not in texts
    assert d["editor_review"]["block_edits"] == {"restore": [removal["removal"]], "remove": [last]}
    with store.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.article_pk == pk)
                                               .order_by(AuditEvent.id))]
    assert actions[:4] == ["restore-block", "remove-block", "remove-block", "undo"]


def test_a_page_view_does_not_wait_for_a_curate_runs_write_lock(store):
    """Opening an article claims it, but never waits behind a writer (a curate run syncing
    the store): while another connection holds SQLite's write lock the view goes on at once,
    and the claim is taken once the lock is free."""
    import sqlite3
    import time

    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock; PostgreSQL locks rows")
    with store.session() as s:
        pk = s.scalar(select(Article.id).where(Article.source_key == "notes-b.txt"))
        writer = sqlite3.connect(store.engine.url.database, timeout=1)
        writer.execute("BEGIN IMMEDIATE")
        t = time.perf_counter()
        assert claims.claim_on_view(s, pk, "alice") is None
        assert time.perf_counter() - t < 2 and s.get(Article, pk).claimed_by is None
        writer.rollback()
        writer.close()
        s.expire_all()
        assert claims.claim_on_view(s, pk, "alice") is None
        assert claims.claim_on_view(s, pk, "bob") == "alice"


def test_a_site_rule_dismisses_a_wrong_flag_rule_on_that_site_now_and_on_later_runs(store, workdir):
    import re

    from fastapi.testclient import TestClient
    from sqlalchemy import update

    from ascurate.review import auth, siterules, sync
    from ascurate.review.app import create_app
    from tests.test_review_api import csrf_of, sign_in

    curated = workdir / "curated"
    with store.session() as s:
        auth.add_user(s, "alice", "correct horse", "editor")
        s.execute(update(Article).where(Article.source_key.in_(["notes-a.txt", "notes-b.txt"]))
                  .values(site="example.org"))
        s.commit()
        pk = s.scalar(select(Article.id).where(Article.source_key == "notes-a.txt"))
        fid = s.scalar(select(Flag.id).where(Flag.article_pk == pk, Flag.kind == "editorial_note"))
        rule = s.get(Flag, fid).rule
    with TestClient(create_app(store, curated=curated)) as c:
        sign_in(c)
        page = c.get(f"/articles/{pk}").text
        assert "Wrong on all of example.org" in page
        c.post(f"/articles/{pk}/flags/{fid}", data={"csrf": csrf_of(page), "action": "dismiss",
                                                     "reason": "a heading on this site", "site_rule": "1"})
        (made,) = siterules.load(curated)
        assert (made.site, made.rule, made.who, made.why) == ("example.org", rule, "alice", "a heading on this site")
        assert (curated / ".ascurate" / "site-rules" / f"{made.id}.toml").is_file()
        with store.session() as s:  # the site's other article: dismissed at once, citing the rule
            other = s.scalar(select(Flag).join(Article).where(Article.source_key == "notes-b.txt",
                                                               Flag.rule == rule))
            assert other.status == "dismissed" and other.reason == made.reason
        # the next run brings a new page of that site with the same false alarm: it does not come back
        notes_b = next(json.loads(p.read_text()) for p in (curated / "articles").glob("*.json")
                       if json.loads(p.read_text())["source"]["path"] == "notes-b.txt")
        data = {**notes_b, "id": "new-page", "source": {**notes_b["source"], "path": "notes-c.txt",
                                                         "site": "example.org"}}
        sync.upsert(store, [("h", data)], site_rules=siterules.index(siterules.load(curated)))
        with store.session() as s:
            new = s.scalar(select(Flag).join(Article).where(Article.source_key == "notes-c.txt", Flag.rule == rule))
            assert new.status == "dismissed" and new.reason == made.reason
        rules_page = c.get("/rules").text
        assert made.id in rules_page and "a heading on this site" in rules_page
        r = c.post(f"/site-rules/{made.id}/remove", data={"csrf": csrf_of(rules_page)})
        assert re.search(r"Site rule \w+ removed: 2 flag\(s\) open again", r.text)
        assert siterules.load(curated) == []
        with store.session() as s:
            assert s.get(Flag, new.id).status == "open" and s.get(Flag, fid).status == "dismissed"
