"""The review store without the web app: sync from curated/, decisions that survive
reruns, reopening on changed text, identical matches, undo, audit, publishing, CLI."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from typer.testing import CliRunner

from ascurate.cli.main import app
from ascurate.review import audit, auth, decisions, publish, queries, sync
from ascurate.review.models import Article, AuditEvent, Flag
from ascurate.runtime import filestat
from tests.test_review_fixtures import NOTE, curate

pytest_plugins = ["tests.test_review_fixtures"]  # curated_once, workdir, store


def article(s, path: str) -> Article:
    return s.scalar(select(Article).where(Article.source_key == path))


def open_flags(art: Article) -> list[Flag]:
    return [f for f in art.flags if f.status in ("open", "deferred")]


def test_sync_mirrors_curated_and_rerun_changes_nothing(store, workdir):
    files = sorted((workdir / "curated" / "articles").glob("*.json"))
    flags_in_files = sum(len(json.loads(p.read_text())["flags"]) for p in files)
    with store.session() as s:
        assert s.scalar(select(Article.id).order_by(Article.id.desc()).limit(1)) == len(files)
        assert len(s.scalars(select(Flag)).all()) == flags_in_files > 0
        a = article(s, "hostile.html")
        assert a.open_flags == len(a.flags) and a.max_severity == 3
    again = sync.sync_curated(store, workdir / "curated")
    assert again.unchanged == len(files) and again.added == again.updated == 0 and not again.new_flags


def test_a_feed_while_the_run_writes_leaves_the_store_as_one_sync_after_it(workdir, tmp_path, monkeypatch):
    """Articles synced as a run writes them (`sync.Feed`), then the closing sync: the same
    rows and flags as one sync after the run, a fed file is not read again, and one
    rewritten after it was fed (a dedup relabel) is."""
    from ascurate.review import db

    cur = workdir / "curated"
    files = sorted((cur / "articles").glob("*.json"))
    ids = [p.stem for p in files]
    monkeypatch.setattr(filestat, "RACY_SECONDS", 0.0)  # the files are a moment old
    monkeypatch.setattr(sync.Feed, "SETTLE_NS", 0)
    fed = db.Store(f"sqlite:///{tmp_path / 'fed.sqlite'}")
    plain = db.Store(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    try:
        feed = sync.Feed(fed, cur, chunk=3)
        feed.add(ids[:2])
        assert feed.report.read == 0  # fewer than a chunk: they wait
        feed.add(ids[2:4])
        assert feed.report.read == feed.report.added == 4
        feed.add(ids[4:5])  # still queued when the run ends: the closing sync reads it
        relabelled = json.loads(files[0].read_text())
        relabelled["status"], relabelled["duplicate_of"] = "duplicate", ids[1]
        tmp = files[0].with_suffix(".tmp")
        tmp.write_text(json.dumps(relabelled))
        tmp.replace(files[0])  # as emit's atomic write: a new inode
        report = feed.finish()
        assert report.added == len(files) and report.updated == 1 and report.unchanged == 0
        assert report.read == len(files) + 1  # each file once, the relabelled one twice
        once = sync.sync_curated(plain, cur)
        assert len(report.new_flags) == len(once.new_flags) > 0

        def rows(store: db.Store) -> tuple[list, list]:
            with store.session() as s:
                arts = s.execute(select(Article.source_key, Article.file_hash, Article.pipeline_status,
                                        Article.max_severity, Article.open_flags, Article.present)
                                 .order_by(Article.source_key)).all()
                flags = s.execute(select(Article.source_key, Flag.fingerprint, Flag.status, Flag.quote)
                                  .join(Flag.article).order_by(Article.source_key, Flag.fingerprint)).all()
            return arts, flags

        assert rows(fed) == rows(plain)
        assert sync.sync_curated(fed, cur).read == 0  # every identity recorded
    finally:
        fed.close()
        plain.close()


def test_sync_reads_only_files_that_changed_since_it_last_read_them(store, workdir, monkeypatch):
    files = sorted((workdir / "curated" / "articles").glob("*.json"))
    monkeypatch.setattr(filestat, "RACY_SECONDS", 0.0)  # the copies were made a moment ago
    first = sync.sync_curated(store, workdir / "curated")  # reads each once more, records its identity
    assert first.read == first.unchanged == len(files) and first.added == first.updated == 0
    again = sync.sync_curated(store, workdir / "curated")
    assert again.read == 0 and again.unchanged == len(files)
    # an editor changes one file in place (same inode): its mtime and ctime move, so it is read
    target = files[0]
    data = json.loads(target.read_text())
    data["title"] = "Retitled by hand"
    target.write_text(json.dumps(data))
    changed = sync.sync_curated(store, workdir / "curated")
    assert changed.read == 1 and changed.updated == 1 and changed.unchanged == len(files) - 1
    with store.session() as s:
        assert s.scalar(select(Article).where(Article.article_id == data["id"])).title == "Retitled by hand"
    # changed moments before a sync: no identity is recorded, so the next sync reads it again
    monkeypatch.setattr(filestat, "RACY_SECONDS", 2.0)
    data["title"] = "Retitled again"
    target.write_text(json.dumps(data))
    assert sync.sync_curated(store, workdir / "curated").updated == 1
    with store.session() as s:
        assert s.scalar(select(Article.file_stat).where(Article.article_id == data["id"])) is None
    monkeypatch.setattr(filestat, "RACY_SECONDS", 0.0)  # later: the others keep their identity
    assert sync.sync_curated(store, workdir / "curated").read == 1
    # a file that disappears is marked gone without being read
    files[1].unlink()
    gone = sync.sync_curated(store, workdir / "curated")
    assert gone.gone == 1 and gone.seen == len(files) - 1


def test_decision_survives_rerun_on_unchanged_text(store, workdir):
    with store.session() as s:
        f = open_flags(article(s, "notes-a.txt"))[0]
        decisions.decide_flag(s, f.id, "dismiss", "alice", reason="fine here")
        s.commit()
    # new bytes (a new article id), same text after cleaning: the flag is the same flag
    raw = workdir / "raw" / "notes-a.txt"
    raw.write_text(raw.read_text() + "\n\n\n", encoding="utf-8")
    curate(workdir / "raw", workdir / "curated")
    rep = sync.sync_curated(store, workdir / "curated")
    assert rep.updated == 1 and rep.reopened == 0 and not rep.new_flags
    with store.session() as s:
        a = article(s, "notes-a.txt")
        assert [x.status for x in a.flags] == ["dismissed"] and a.open_flags == 0


def test_changed_text_reopens_flag_and_keeps_old_decision_in_history(store, workdir):
    with store.session() as s:
        a = article(s, "notes-b.txt")
        f = open_flags(a)[0]
        decisions.decide_flag(s, f.id, "accept", "alice")
        decisions.decide_article(s, a.id, "approve", "alice")
        s.commit()
        old_id = f.id
    raw = workdir / "raw" / "notes-b.txt"
    raw.write_text(raw.read_text().replace("for most adults.", "for most adults and teenagers."), encoding="utf-8")
    curate(workdir / "raw", workdir / "curated")
    rep = sync.sync_curated(store, workdir / "curated")
    assert rep.reopened == 1 and len(rep.new_flags) == 1
    with store.session() as s:
        a = article(s, "notes-b.txt")
        assert a.review_status == "pending"  # approval was for other words
        by_id = {x.id: x for x in a.flags}
        assert by_id[old_id].status == "retired" and by_id[old_id].decided_by == "alice"
        assert [x.quote for x in open_flags(a)] == [by_id[old_id].quote]
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.article_pk == a.id)
                                               .order_by(AuditEvent.id))]
        assert actions == ["accept", "approve", "reopen", "retire"]


def test_accept_applies_fix_and_publish_writes_it(store, workdir):
    with store.session() as s:
        a = article(s, "notes-a.txt")
        f = open_flags(a)[0]
        assert f.suggestion is not None and NOTE.rstrip(".") in f.quote
        decisions.decide_flag(s, f.id, "accept", "alice")
        decisions.decide_article(s, a.id, "approve", "alice")
        s.commit()
        expected = decisions.article_fixed_text(a)
    assert NOTE.rstrip(".") not in expected and "find your triggers. Pain relief" in expected
    dest = workdir / "curated" / "published"
    rep = publish.publish_approved(store, dest)
    assert rep.published == rep.written == 1
    out = [json.loads(p.read_text()) for p in dest.glob("*.json")]
    assert out[0]["text"] == expected and out[0]["status"] == "approved"
    assert out[0]["editor_review"]["decisions"][0]["decision"] == "accepted"
    curated = json.loads(next(p for p in (workdir / "curated" / "articles").glob("*.json")
                              if json.loads(p.read_text())["id"] == out[0]["id"]).read_text())
    spans = offsets_in({k: v for k, v in out[0].items() if k not in publish.BASE_FIELDS})
    assert len(spans) == len(offsets_in({k: v for k, v in curated.items() if k not in publish.BASE_FIELDS}))
    for d in spans:  # offsets in the pipeline's extra fields followed the fix
        if "text" in d:
            assert out[0]["text"][d["start"]:d["end"]] == d["text"]
        if "first_block" in d:
            joined = "\n".join(b["text"] for b in out[0]["blocks"][d["first_block"]:d["end_block"]])
            assert out[0]["text"][d["start"]:d["end"]] == joined
    assert NOTE.rstrip(".") not in next(dest.glob("*.md")).read_text()
    assert publish.publish_approved(store, dest).written == 0  # idempotent


def offsets_in(obj) -> list[dict]:
    if isinstance(obj, list):
        return [d for x in obj for d in offsets_in(x)]
    if isinstance(obj, dict):
        here = [obj] if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) else []
        return here + [d for v in obj.values() for d in offsets_in(v)]
    return []


def test_open_blocking_flag_is_never_published(store, workdir):
    dest = workdir / "curated" / "published"
    with store.session() as s:
        a = article(s, "hostile.html")
        blocking = [f for f in open_flags(a) if f.severity == "blocking"]
        with pytest.raises(decisions.DecisionError, match="blocking"):
            decisions.decide_article(s, a.id, "approve", "alice")
        batches = [decisions.decide_flag(s, f.id, "dismiss", "alice", reason="test page") for f in blocking]
        decisions.decide_article(s, a.id, "approve", "alice")
        s.commit()
    assert publish.publish_approved(store, dest).published == 1
    with store.session() as s:  # undo a dismissal: the approved article has an open blocking flag again
        decisions.undo(s, "alice", batch=batches[0])
        s.commit()
    rep = publish.publish_approved(store, dest)
    assert rep.published == 0 and rep.removed == 1 and rep.held[0]["source"] == "hostile.html"
    assert not list(dest.glob("*.json"))


def test_identical_matches_decided_together_and_undone_together(store):
    with store.session() as s:
        fa = open_flags(article(s, "notes-a.txt"))[0]
        assert decisions.identical(s, fa) == (1, 1)
        batch = decisions.decide_flag(s, fa.id, "edit", "alice", text="See the dosage table below.", apply_all=True)
        s.commit()
        fb = open_flags(article(s, "notes-b.txt"))
        assert fb == [] and article(s, "notes-b.txt").flags[0].replacement == "See the dosage table below."
        assert decisions.undo(s, "bob", article_pk=fa.article_pk) == batch
        s.commit()
        assert [f.status for f in (*article(s, "notes-a.txt").flags, *article(s, "notes-b.txt").flags)] == ["open"] * 2
        assert decisions.undo(s, "bob", article_pk=fa.article_pk) is None
        undo_events = s.scalars(select(AuditEvent).where(AuditEvent.undoes == batch)).all()
        assert len(undo_events) == 2 and {e.editor for e in undo_events} == {"bob"}


def test_audit_is_append_only_and_exports_jsonl(store):
    with store.session() as s:
        f = open_flags(article(s, "notes-a.txt"))[0]
        decisions.decide_flag(s, f.id, "dismiss", "alice", reason="false alarm")
        s.commit()
        lines = [json.loads(x) for x in audit.iter_jsonl(s)]
    assert lines[-1]["editor"] == "alice" and lines[-1]["action"] == "dismiss"
    assert lines[-1]["rule"] == f.rule and lines[-1]["rule_version"] and lines[-1]["text_before"] == f.quote
    with store.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("UPDATE audit SET editor = 'mallory'"))
    with store.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text("DELETE FROM audit"))


def test_dismissals_are_counted_per_rule(store):
    with store.session() as s:
        fa = open_flags(article(s, "notes-a.txt"))[0]
        decisions.decide_flag(s, fa.id, "dismiss", "alice", reason="a heading, not a note", apply_all=True)
        s.commit()
        rows = queries.dismissals_by_rule(s)
    assert rows[0]["rule"] == fa.rule and rows[0]["dismissed"] == 2
    assert rows[0]["reasons"] == [("a heading, not a note", 2)]


def test_queue_order_and_filters(store):
    with store.session() as s:
        q = queries.queue(s, queries.Filters())
        sev = [r["max_severity"] for r in q.rows]
        assert sev == sorted(sev, reverse=True) and q.total == len(q.rows) >= 4
        kinds = q.facets["kind"]
        assert "editorial_note" in kinds
        only = queries.queue(s, queries.Filters(kind="editorial_note"))
        assert 0 < only.total < q.total or all("editorial_note" in r["kinds"] for r in only.rows)
        assert queries.queue(s, queries.Filters(language="de")).total == 0
        assert queries.queue(s, queries.Filters(status="approved")).total == 0


def test_passwords_are_argon2_and_sessions_expire(store):
    from datetime import UTC, datetime, timedelta

    with store.session() as s:
        user = auth.add_user(s, "alice", "correct horse", "editor")
        s.commit()
        assert user.password_hash.startswith("$argon2id$") and "correct horse" not in user.password_hash
        assert auth.authenticate(s, "alice", "wrong horse") is None
        assert auth.authenticate(s, "nobody", "correct horse") is None
        assert auth.authenticate(s, "alice", "correct horse") is not None
        with pytest.raises(auth.AuthError):
            auth.add_user(s, "bob", "short", "editor")
        token = auth.start_session(s, user, timedelta(minutes=5))
        s.commit()
        assert auth.lookup(s, token).username == "alice"
        assert auth.lookup(s, token, now=datetime.now(UTC) + timedelta(minutes=6)) is None
        assert auth.lookup(s, token) is None  # expired sessions are deleted


def test_cli_list_show_approve_reject_export(store, workdir):
    cur = ["--curated", str(workdir / "curated")]
    r = CliRunner()
    assert r.invoke(app, ["review", "add-user", "ed", *cur, "--password-stdin"], input="long enough\n").exit_code == 0
    res = r.invoke(app, ["review", "list", *cur, "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows[0]["max_severity"] == 3 and {x["source_key"] for x in rows} >= {"notes-a.txt", "hostile.html"}
    res = r.invoke(app, ["review", "list", *cur], env={"COLUMNS": "40"})  # no terminal: a line a row, unwrapped
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[1].split("\t")[:3] == ["#", "severity", "open"] and len(lines) == 2 + len(rows)
    assert all(len(line.split("\t")) == 8 for line in lines[1:])
    res = r.invoke(app, ["review", "show", "notes-a.txt", *cur])
    assert res.exit_code == 0 and "TODO" in res.stdout and "1 identical open in 1 other" in res.stdout
    assert r.invoke(app, ["review", "approve", "notes-a.txt", *cur, "--editor", "ed"]).exit_code == 1  # blocking
    res = r.invoke(app, ["review", "reject", "notes-a.txt", *cur, "--editor", "ed", "--reason", "thin"])
    assert res.exit_code == 0, res.output
    seed = next(x for x in rows if x["max_severity"] < 3)
    assert r.invoke(app, ["review", "approve", str(seed["id"]), *cur, "--editor", "nobody"]).exit_code == 1
    assert r.invoke(app, ["review", "approve", str(seed["id"]), *cur, "--editor", "ed"]).exit_code == 0
    out = workdir / "audit.jsonl"
    assert r.invoke(app, ["review", "export", *cur, "--out", str(out)]).exit_code == 0
    events = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(e["action"], e["editor"]) for e in events] == [("reject", "ed"), ("approve", "ed")]
    assert events[0]["reason"] == "thin" and events[0]["source"] == "notes-a.txt"


def test_migrations_build_the_schema_the_models_describe(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ascurate.review.db import Store
    from ascurate.review.models import Base
    from ascurate.review.search import is_search_table

    st = Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with st.engine.connect() as conn:  # the search index's FTS5 tables are the migration's alone
        ctx = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _parent: not (
            kind == "table" and is_search_table(name))})
        assert compare_metadata(ctx, Base.metadata) == []
    Store(st.url).close()  # opening again is a no-op upgrade


def test_the_documented_automation_is_a_valid_prefect_automation():
    import re
    from pathlib import Path

    import yaml
    from prefect.events.schemas.automations import AutomationCore

    doc = (Path(__file__).resolve().parents[1] / "docs" / "review.md").read_text()
    block = re.search(r"```yaml\n(name: tell editors.*?)```", doc, re.S).group(1)
    auto = AutomationCore.model_validate(yaml.safe_load(block))
    assert auto.trigger.expect == {"ascurate.review.flagged"}  # the event flows/curate.py emits
    assert auto.trigger.match.root == {"ascurate.new-flags": "yes"}


@pytest.mark.skipif(not __import__("os").environ.get("ASCURATE_TEST_POSTGRES_URL"),
                    reason="set ASCURATE_TEST_POSTGRES_URL to a scratch PostgreSQL database to run")
def test_store_on_postgresql(workdir):
    """The same store on PostgreSQL: migrations (DESC index, audit trigger), sync, decisions, queue."""
    from sqlalchemy import create_engine

    from ascurate.review.db import Store
    from ascurate.review.models import Base

    url = __import__("os").environ["ASCURATE_TEST_POSTGRES_URL"]
    eng = create_engine(url)
    with eng.begin() as conn:  # a scratch database: start empty
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        conn.execute(text("DROP FUNCTION IF EXISTS audit_append_only() CASCADE"))
    Base.metadata.drop_all(eng)
    eng.dispose()
    st = Store(url)
    try:
        rep = sync.sync_curated(st, workdir / "curated")
        assert rep.added >= 5 and rep.new_flags
        with st.session() as s:
            fa = open_flags(article(s, "notes-a.txt"))[0]
            assert decisions.identical(s, fa) == (1, 1)
            decisions.decide_flag(s, fa.id, "accept", "alice", apply_all=True)
            s.commit()
            assert queries.queue(s, queries.Filters(kind="editorial_note")).total >= 1
            assert decisions.undo(s, "alice", article_pk=fa.article_pk)
            s.commit()
        with st.engine.begin() as conn, pytest.raises(DatabaseError, match="append-only"):
            conn.execute(text("UPDATE audit SET editor = 'mallory'"))
        assert sync.sync_curated(st, workdir / "curated").unchanged == rep.added
    finally:
        st.close()


def test_one_chunk_of_new_and_stored_articles_keeps_their_order(tmp_path):
    """New rows (articles first seen, flags first found) are inserted in the order the
    chunk gives them, beside the changes to a stored article in the same transaction, and
    the report's new flags are the rows the store holds."""
    from ascurate.review import db

    def art(path: str, text: str, quotes: list[str]) -> dict:
        flags = [{"kind": "editorial_note", "rule": "notes.test", "severity": "warning", "start": text.index(q),
                  "end": text.index(q) + len(q), "quote": q, "message": "a note"} for q in quotes]
        return {"id": path.replace(".", "-"), "source": {"path": path, "site": "example.org"}, "text": text,
                "flags": flags, "status": "needs_review"}

    store = db.Store(f"sqlite:///{tmp_path / 'review.sqlite'}")
    try:
        sync.upsert(store, [("h1", art("a.html", "One. Two.", ["One."]))])
        rep = sync.upsert(store, [("h2", art("b.html", "Three. Four.", ["Four."])),
                                  ("h1b", art("a.html", "One. Two. Five.", ["Two.", "Five."])),
                                  ("h3", art("c.html", "Six. Seven.", ["Six.", "Seven."]))])
        assert (rep.added, rep.updated, rep.unchanged) == (2, 1, 0)
        with store.session() as s:
            arts = {a.source_key: a for a in s.scalars(select(Article))}
            assert arts["a.html"].id < arts["b.html"].id < arts["c.html"].id
            assert [(a.open_flags, a.max_severity) for a in (arts["a.html"], arts["b.html"], arts["c.html"])] == [
                (2, 2), (1, 2), (2, 2)]
            rows = [(f.id, f.article.source_key, f.quote, f.status) for f in s.scalars(select(Flag).order_by(Flag.id))]
        assert [r[1:] for r in rows] == [("a.html", "One.", "retired"), ("b.html", "Four.", "open"),
                                         ("a.html", "Two.", "open"), ("a.html", "Five.", "open"),
                                         ("c.html", "Six.", "open"), ("c.html", "Seven.", "open")]
        assert [(f["flag"], f["article"], f["source"], f["quote"]) for f in rep.new_flags] == [
            (fid, arts[src].id, src, quote) for fid, src, quote, _ in rows[1:]]
    finally:
        store.close()
