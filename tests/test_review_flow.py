"""The review desk's Prefect side, on the shared test server: the curate flow fills the
store, leaves a table artifact of new flagged items with links into the review app and
emits an event with their count; the publish flow writes approved articles."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from ascurate.flows import curate as curate_flow
from ascurate.flows import publish as publish_flow
from ascurate.review import db, decisions
from ascurate.review.models import Article
from tests.test_review_fixtures import make_raw

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def flagged_events(since) -> list:
    from prefect.client.orchestration import get_client
    from prefect.events.filters import EventFilter, EventNameFilter, EventOccurredFilter

    with get_client(sync_client=True) as client:
        page = client.read_events(EventFilter(occurred=EventOccurredFilter(since=since),
                                              event=EventNameFilter(name=["ascurate.review.flagged"])), limit=50)
    return page.events


def latest_artifact(key: str) -> dict:
    """Read through the REST API: this server rejects the null fields the 3.8 client sends."""
    from prefect.client.orchestration import get_client

    body = {"artifacts": {"key": {"any_": [key]}}, "flow_runs": {}, "task_runs": {}, "sort": "CREATED_DESC",
            "limit": 1, "offset": 0}
    with get_client(sync_client=True) as client:
        resp = client._client.post("/artifacts/filter", json=body)
    resp.raise_for_status()
    return resp.json()[0]


def test_curate_fills_store_with_artifact_and_event_then_publish(prefect_server, corpus, tmp_path, monkeypatch):
    from datetime import UTC, datetime

    monkeypatch.setenv("ASCURATE_REVIEW_URL", "http://review.example:8000")
    since = datetime.now(UTC)
    raw, out = make_raw(tmp_path / "raw", corpus), tmp_path / "curated"
    summary = curate_flow.curate(raw=str(raw), out=str(out))
    review = summary["review"]
    assert review["added"] == summary["documents"] and review["new_flags"] > 0

    rows = json.loads(latest_artifact("review-new-flags")["data"])
    assert len(rows) == review["new_flags"] and rows[0]["severity"] == "blocking"
    assert all(r["link"].startswith("http://review.example:8000/articles/") for r in rows)

    deadline, events = time.monotonic() + 20, []
    while time.monotonic() < deadline and not events:  # the server persists events asynchronously
        events = flagged_events(since)
        time.sleep(0.5)
    assert events and events[0].payload["count"] == review["new_flags"]
    assert events[0].resource["ascurate.new-flags"] == "yes"

    again = curate_flow.curate(raw=str(raw), out=str(out))["review"]
    assert again["new_flags"] == 0 and again["unchanged"] == review["added"]

    store = db.Store(db.database_url(out))
    with store.session() as s:
        art = s.scalar(select(Article).where(Article.source_key == "notes-a.txt"))
        for f in art.flags:
            decisions.decide_flag(s, f.id, "accept", "alice")
        decisions.decide_article(s, art.id, "approve", "alice")
        s.commit()
    store.close()
    report = publish_flow.publish(curated=str(out))
    assert report["published"] == 1 and report["held"] == 0
    published = json.loads(next((out / "published").glob("*.json")).read_text())
    assert published["editor_review"]["approved_by"] == "alice" and "TODO" not in published["text"]
