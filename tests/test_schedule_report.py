"""The weekly report's counts, from a real curated folder (library run, no Prefect)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ascurate import report
from ascurate.pipeline import run


def test_report_counts_flags_and_rule_hits(corpus, cfg, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(corpus / "seeds", raw)
    run(raw, out, cfg)
    arts = [json.loads(p.read_text()) for p in (out / "articles").glob("*.json")]
    old = next(p for p in (out / "articles").glob("*.json"))
    os.utime(old, (1, 1))  # written long ago: outside the week

    rep = report.build(out, days=7)
    assert rep.articles == 2 and rep.recent == 1
    assert sum(rep.status.values()) == 2 and rep.status["needs_review"] >= 1
    assert sum(rep.flag_kinds.values()) == sum(len(a["flags"]) for a in arts) > 0
    rules = {f["rule"] for a in arts for f in a["flags"]}
    assert set(rep.flag_rules) == rules
    rates = {r["rule"]: r["hit_rate"] for r in rep.to_dict()["flag_rules"]}
    for rule in rules:
        assert rates[rule] == sum(any(f["rule"] == rule for f in a["flags"]) for a in arts) / 2
    reasons = {r["reason"] for a in arts for r in a["removed"]}
    assert set(rep.removal_rules) == reasons

    path = report.write(rep, out, stamp="2026-01-05")
    assert path == out / "reports" / "report-2026-01-05.md"
    text = path.read_text()
    assert "| needs_review |" in text and all(f"`{r}`" in text for r in rules)
    assert json.loads(Path(out / "reports" / "report-2026-01-05.json").read_text())["articles"] == 2


def test_report_survives_a_damaged_article_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.json").write_text("{not json")
    rep = report.build(tmp_path)
    assert rep.articles == 0 and rep.unreadable and rep.unreadable[0].startswith("x.json")
    assert "Unreadable" in report.markdown(rep)
