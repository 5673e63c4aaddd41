"""Editors teach the pipeline: site rules made on one page of a site, measured on its others.

    nice .venv/bin/python bench/site_rules.py [--bench-sites 20] [--work DIR]

Curates health-dev and the pages of `--bench-sites` two-page sites of bench/ (the
scrapinghub benchmark), fills a review store, then plays an editor through the desk's
own web app (FastAPI's TestClient: routing, forms, CSRF, claims): on the FIRST page of
every site with several pages, each kept block of at most 15 words that is not in the
gold main content is removed with "Remove everywhere on SITE" (the side-by-side cleaning
view), and each flag of a kind the gold does not expect is dismissed with "Wrong on all
of SITE". Then the curate run again (the Curator reads the rule files; the summary says
why it reprocesses) and a sync. Measured on the sites' OTHER pages only (held out from
the decisions): score.py's P, R, leak and fp_flags over them, the kept blocks that match
a rule, and the open flags of the rules dismissed there, before and after.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from ascurate import pipeline
from ascurate.clean import siterules as cleaning_rules
from ascurate.config import load_config
from ascurate.review import auth, cleaning, sync
from ascurate.review import siterules as desk_rules
from ascurate.review.app import create_app
from ascurate.review.db import open_store
from ascurate.review.models import Article, Flag

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
_TOKEN = re.compile(r"\w+")
OPEN = ("open", "deferred")
FURNITURE_WORDS = 15  # the editor removes short blocks (a long one missing from the gold is the gold's gap)


def tokens(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def gold_of(corpus_dir: Path, source: str) -> dict:
    name = re.sub(r"\.html(\.gz)?$|\.txt$", "", source)
    return json.loads((corpus_dir / f"{name}.gold.json").read_text())


def make_raw(raw: Path, bench_sites: int) -> dict[str, Path]:
    """Copy the inputs; the gold folder of each input's name."""
    raw.mkdir(parents=True)
    where: dict[str, Path] = {}
    for p in sorted((CORPUS / "health-dev").glob("*.html")):
        shutil.copy(p, raw / p.name)
        where[p.name] = CORPUS / "health-dev"
    by_site: dict[str, list[Path]] = defaultdict(list)
    for g in sorted((CORPUS / "bench").glob("*.gold.json")):
        d = json.loads(g.read_text())
        by_site[d.get("site") or ""].append(CORPUS / "bench" / d["source"])
    pairs = [ps for site, ps in sorted(by_site.items()) if site and len(ps) >= 2][:bench_sites]
    for ps in pairs:
        for p in ps:
            shutil.copy(p, raw / p.name)
            where[p.name] = CORPUS / "bench"
    return where


def run(raw: Path, curated: Path) -> dict:
    t = time.process_time()
    summary = pipeline.run(raw, curated, load_config()).to_dict()
    summary["cpu_s_parent"] = round(time.process_time() - t, 1)
    return summary


def sites(store) -> dict[str, list[tuple[int, str]]]:
    """site -> its articles (pk, source), by source name; only sites with several."""
    with store.session() as s:
        rows = s.execute(select(Article.site, Article.id, Article.source_key).where(Article.site.is_not(None))).all()
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for site, pk, src in rows:
        out[site].append((pk, src))
    return {k: sorted(v, key=lambda r: r[1]) for k, v in out.items() if len(v) >= 2}


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def play_editor(store, curated: Path, where: dict[str, Path], multi: dict[str, list[tuple[int, str]]]) -> dict:
    """On each site's first page: remove non-gold kept blocks everywhere, dismiss unexpected
    flags as wrong on the site. Returns what was done."""
    with store.session() as s:
        auth.add_user(s, "bench", "correct horse battery", "editor")
        s.commit()
    done = {"remove_rules": 0, "flag_rules": 0, "refused": 0}
    with TestClient(create_app(store, curated=curated)) as c:
        page = c.get("/login")
        c.post("/login", data={"username": "bench", "password": "correct horse battery", "csrf": csrf_of(page.text),
                               "next": "/queue"})
        for _site, arts in sorted(multi.items()):
            pk, src = arts[0]
            gold = gold_of(where[src.split("#")[0]], src)
            main = tokens(gold["main_content"])
            with store.session() as s:
                art = s.get(Article, pk)
                furniture = [r["block"] for r in cleaning.side_by_side(art)
                             if r["kind"] == "kept" and 0 < len(tokens(r["text"]).split()) <= FURNITURE_WORDS
                             and tokens(r["text"]) not in main]
                expected = {f["kind"] for f in gold.get("flags", [])}
                wrong = [(f.id, f.rule) for f in s.scalars(select(Flag).where(Flag.article_pk == pk))
                         if f.kind not in expected and f.status in OPEN]
            for j in furniture:
                view = c.get(f"/articles/{pk}/cleaning").text
                r = c.post(f"/articles/{pk}/site-rules", data={"csrf": csrf_of(view), "kind": "remove", "block": j})
                done["remove_rules" if "Site rule" in r.text else "refused"] += 1
            seen: set[str] = set()
            for fid, rule in wrong:
                if rule in seen:
                    continue
                seen.add(rule)
                view = c.get(f"/articles/{pk}").text
                with store.session() as s:
                    if s.get(Flag, fid).status not in OPEN:
                        continue
                c.post(f"/articles/{pk}/flags/{fid}", data={"csrf": csrf_of(view), "action": "dismiss",
                                                             "reason": "not a problem on this site", "site_rule": "1"})
                done["flag_rules"] += 1
    return done


def measure(store, curated: Path, where: dict[str, Path], held_out: list[str], work: Path, tag: str) -> dict:
    """score.py over the held-out pages' articles, with the rule-matching blocks and open flags."""
    gold_dir, out_dir = work / f"gold-{tag}", work / f"out-{tag}"
    for d in (gold_dir, out_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir()
    removes = cleaning_rules.load(curated)
    matching = 0
    for p in (curated / "articles").glob("*.json"):
        a = json.loads(p.read_text())
        src = a["source"]["path"]
        if src not in held_out:
            continue
        shutil.copy(p, out_dir / p.name)
        matching += sum(1 for b in a["blocks"] for r in removes
                        if r.kind == "remove" and r.site == a["source"].get("site") and r.whole(b["text"]))
    for src in held_out:
        name = re.sub(r"\.html(\.gz)?$", "", src)
        shutil.copy(where[src] / f"{name}.gold.json", gold_dir / f"{name}.gold.json")
    line = subprocess.run([sys.executable, str(SCORE), "--gold", str(gold_dir), "--out", str(out_dir)],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    with store.session() as s:
        flag_rules = {(r.site, r.rule) for r in desk_rules.load(curated)}
        open_ruled = sum(1 for f, site, src in s.execute(select(Flag, Article.site, Article.source_key).join(Article))
                         if src in held_out and (site, f.rule) in flag_rules and f.status in OPEN)
        dismissed_by_rule = sum(1 for f, src in s.execute(select(Flag, Article.source_key).join(Article))
                                if src in held_out and (f.reason or "").startswith("site rule "))
    return {"score": line, "blocks_matching_rules": matching, "open_flags_of_wrong_rules": open_ruled,
            "dismissed_by_site_rules": dismissed_by_rule}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench-sites", type=int, default=20, help="two-page sites of bench/ to add to health-dev")
    ap.add_argument("--work", type=Path, help="a folder to keep (default: a temporary one)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ascurate-siterules-"))
    raw, curated = work / "raw", work / "curated"
    where = make_raw(raw, args.bench_sites)
    first = run(raw, curated)
    store = open_store(curated)
    sync.sync_curated(store, curated)
    multi = sites(store)
    held_out = [src for arts in multi.values() for _, src in arts[1:]]
    before = measure(store, curated, where, held_out, work, "before")
    with store.session() as s:
        open_before = [(site, f.rule, src) for f, site, src in
                       s.execute(select(Flag, Article.site, Article.source_key).join(Article))
                       if src in held_out and f.status in OPEN]
    t = time.process_time()
    done = play_editor(store, curated, where, multi)
    desk_cpu = time.process_time() - t
    with store.session() as s:  # the held-out pages' flags of the rules now called wrong, open before the editor
        rules = {(r.site, r.rule) for r in desk_rules.load(curated)}
        before["open_flags_of_wrong_rules"] = sum(1 for key in open_before if key[:2] in rules)
    before["blocks_matching_rules"] = measure(store, curated, where, held_out, work, "rules")["blocks_matching_rules"]
    second = run(raw, curated)
    sync.sync_curated(store, curated)
    after = measure(store, curated, where, held_out, work, "after")
    print(f"inputs {first['documents']}; sites with several pages {len(multi)}; decided on {len(multi)} pages, "
          f"measured on {len(held_out)} other pages")
    print(f"editor: {done['remove_rules']} 'remove everywhere' rules, {done['flag_rules']} 'wrong on this site' rules,"
          f" {done['refused']} refused ({desk_cpu:.1f} CPU s in the desk)")
    print(f"rerun: {second['documents']} documents reprocessed because: {'; '.join(second['reprocessed']) or '-'}")
    for k in ("score", "blocks_matching_rules", "open_flags_of_wrong_rules", "dismissed_by_site_rules"):
        print(f"{k:28} before: {before[k]}\n{'':28} after:  {after[k]}")
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
