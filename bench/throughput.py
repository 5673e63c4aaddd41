"""Throughput benchmark: `ascurate run` against a plain `trafilatura.extract` loop.

Builds N distinct documents from real pages (default: ../shared/corpus/bench and
health-dev; `--pages wcxb-dev` or any folder of .html/.html.gz for pages kept
elsewhere): document i is page i mod P with the text of its paragraphs, list items,
table cells and headings rewritten from sentences drawn at random from every page, so
each document keeps a real page's markup and furniture but has text of its own (no two
documents, and no two blocks, are copies; nothing a cache or dedup could reuse).
`--copies` builds the older corpus of varied copies instead (most documents then
repeat a page: dedup and caches see copies). Then, in the same run:

1. `ascurate run` end to end (a fresh process: Prefect start-up included), default parallelism,
   with a Prefect home as a machine that ran ascurate before has it (Prefect's database
   exists; no results of this corpus): `--fresh-prefect-home` makes each run create it;
2. the same command again on the unchanged input (the incremental rerun);
3. a single-process loop of `trafilatura.extract` over the same files.

It prints wall seconds and documents per second, the ratio of the two (trafilatura's
time / ascurate's), CPU-seconds per document of each (user + system time of the whole
process tree, sampled), the peak memory of each whole process tree (PSS summed over the
process and its children, sampled every second) and the rerun time.

    .venv/bin/python bench/throughput.py --n 200                      # a quick check
    .venv/bin/python bench/throughput.py --n 5000                     # the figures in docs/scheduling.md
    .venv/bin/python bench/throughput.py --n 5000 --pages wcxb-dev    # pages kept elsewhere
    .venv/bin/python bench/throughput.py --n 5000 --repeat 3          # medians of three runs each
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from lxml import html as lxml_html

from ascurate.ingest.decode import decode

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

FURNITURE = [
    '<div class="share-bar">Share this article: Facebook Twitter Email Print</div>',
    '<aside class="newsletter"><p>Sign up for our free health newsletter and get tips every week.</p></aside>',
    '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>',
    '<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/health">Health A-Z</a></nav>',
    '<div class="related"><h3>Related articles</h3><ul><li><a href="/a">Living well</a></li>'
    '<li><a href="/b">Diet and exercise</a></li></ul></div>',
]
EDIT_WORDS = ["notably", "importantly", "in practice", "for many people", "as a rule", "in most cases"]
_PARA = re.compile(rb"(<p[^>]*>)([^<]{80,}?)(</p>)", re.I)
TEXT_TAGS = {"p", "li", "td", "th", "dd", "blockquote", "h1", "h2", "h3", "h4"}  # whose text is rewritten
MIN_TEXT = 30  # shorter texts (menu items, labels, dates) stay: they are the page's furniture
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses a str that declares an encoding
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def base_pages(pages: str | None = None) -> list[tuple[str, bytes]]:
    """(name, bytes) of the real pages the corpus is made from: bench and health-dev, or
    PAGES (a folder of ../shared/corpus, or any folder) of .html and .html.gz files."""
    folders = [CORPUS / "bench", CORPUS / "health-dev"] if pages is None else [
        CORPUS / pages if (CORPUS / pages).is_dir() else Path(pages)]
    out = []
    for folder in folders:
        for p in sorted(folder.glob("*.htm*")):
            data = p.read_bytes()
            out.append((re.sub(r"\.html?(\.gz)?$", "", p.name), gzip.decompress(data) if p.suffix == ".gz" else data))
    if not out:
        sys.exit(f"no .html or .html.gz pages in {folders}")
    return out


def _parse(page: bytes) -> Any:
    """The page's tree, from its text as ascurate decodes it: lxml alone reads the bytes
    of a page that declares no charset as Latin-1, and the sentences drawn from it would
    plant mojibake in most documents (whose repair then dominates their cost)."""
    text, _ = decode(page)
    try:
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except Exception:  # noqa: BLE001 - an empty or broken page is kept as it is
        return None


def _texts(root: Any) -> list[tuple[Any, str]]:
    """The rewritable texts of a page: (element, "text" or "tail") of at least MIN_TEXT characters
    in TEXT_TAGS elements (and the tails of their inline children)."""
    out = []
    for el in root.iter(*TEXT_TAGS):
        if el.text and len(el.text.strip()) >= MIN_TEXT:
            out.append((el, "text"))
        for child in el:
            if child.tail and len(child.tail.strip()) >= MIN_TEXT and isinstance(child.tag, str):
                out.append((child, "tail"))
    return out


def sentence_pool(pages: list[tuple[str, bytes]]) -> list[str]:
    """Every distinct sentence of the pages' rewritable texts: what new texts are drawn from."""
    pool: set[str] = set()
    for _, page in pages:
        root = _parse(page)
        if root is None:
            continue
        for el, attr in _texts(root):
            pool.update(s.strip() for s in _SENTENCE.split(" ".join(getattr(el, attr).split())) if len(s.strip()) > 20)
    return sorted(pool)


def distinct(page: bytes, pool: list[str], rng: random.Random, i: int) -> bytes:
    """Page's markup with every rewritable text replaced by sentences drawn from POOL, about as
    long as the text it replaces; the first carries the document's number, so even a page
    with one short text is its own."""
    root = _parse(page)
    if root is None:
        return page + f"<!-- document {i} -->".encode()
    texts = _texts(root)
    for k, (el, attr) in enumerate(texts):
        want = len(getattr(el, attr).strip())
        words = [] if k else [f"Document {i}:"]
        length = 0
        while length < want:
            s = rng.choice(pool)
            words.append(s)
            length += len(s) + 1
        setattr(el, attr, " " + " ".join(words) + " ")
    if not texts:
        body = root.find("body")
        (body if body is not None else root).append(lxml_html.fromstring(f"<p>Document {i}: {' '.join(rng.sample(pool, 5))}</p>"))
    return lxml_html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


def vary(page: bytes, copy: int, rng: random.Random) -> bytes:
    """Copy 0 is the page itself; later copies change markup, furniture or text."""
    if copy == 0:
        return page
    kind = copy % 4
    marker = f"<!-- copy {copy} -->".encode()
    if kind == 1:  # same text, other markup: a duplicate to find
        return page.replace(b"<body", marker + b"<body", 1)
    if kind == 2:  # same text, extra furniture: a duplicate once cleaned
        extra = rng.choice(FURNITURE).encode()
        return re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + extra, page, count=1, flags=re.I) + marker
    paras = list(_PARA.finditer(page))
    if not paras:
        return page + marker
    if kind == 3:  # edited text: a new article
        m = rng.choice(paras)
        word = rng.choice(EDIT_WORDS).encode()
        edited = m.group(1) + word.capitalize() + b", " + m.group(2) + f" (revision {copy}).".encode() + m.group(3)
        return page[: m.start()] + edited + page[m.end():]
    m = paras[-1]  # kind 0, copy > 0: shortened (syndicated excerpt without its last paragraph)
    return page[: m.start()] + f"<p>Updated in {2000 + copy % 25}.</p>".encode() + page[m.end():]


def build(n: int, raw: Path, copies: bool = False, pages_from: str | None = None) -> None:
    """Write N documents (gzipped HTML for some bench pages, plain HTML for the others):
    distinct ones (`distinct`), or with `copies` the varied copies (`vary`)."""
    if raw.is_dir() and sum(1 for _ in raw.rglob("*.htm*")) == n:
        return
    shutil.rmtree(raw, ignore_errors=True)
    pages = base_pages(pages_from)
    pool = [] if copies else sentence_pool(pages)
    rng = random.Random(n)
    for i in range(n):
        name, page = pages[i % len(pages)]
        copy = i // len(pages)
        data = vary(page, copy, rng) if copies else distinct(page, pool, rng, i)
        folder = raw / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if name.startswith("scrapinghub") and copy % 2 == 0:
            (folder / f"{name}-{copy}.html.gz").write_bytes(gzip.compress(data, compresslevel=1))
        else:
            (folder / f"{name}-{copy}.html").write_bytes(data)


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    cpu_s: float  # user + system seconds of the whole process tree
    returncode: int
    stdout: str
    at_peak: dict[str, tuple[int, float]]  # role -> (processes, PSS MB) when the tree's PSS peaked
    cpu_by_role: dict[str, float]  # role -> CPU seconds of its processes (sampled; the gap between the
    # documents' own CPU and the run's is the rest: the flow, the Prefect server, start-up)


def tree_memory(p: psutil.Process) -> int:
    """A process's proportional set size (PSS: shared pages split between the processes
    that share them, so forked workers are not counted twice), from the kernel's one-line
    summary (/proc/PID/smaps_rollup; psutil's full smaps walk costs ~50 ms of CPU per
    large process, which on two cores would slow the run being measured); RSS elsewhere.
    Even the summary costs the kernel ~6 ms for a 250 MB process: sampled every 0.25 s, a
    run's nine processes lost ~20% of a core to the measurement, hence SAMPLE_SECONDS."""
    try:
        with open(f"/proc/{p.pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with contextlib.suppress(psutil.Error):
        return p.memory_info().rss
    return 0


def role(p: psutil.Process, root: int) -> str:
    """What a process of the measured tree is, for the breakdown at the peak."""
    if p.pid == root:
        return "command (flow)"
    with contextlib.suppress(psutil.Error):
        cmd = " ".join(p.cmdline())
        if "forkserver" in cmd:  # the forkserver, or a child it forked (the same command line)
            parent = p.parent()
            return "document children" if parent and "forkserver" in " ".join(parent.cmdline()) else "forkserver (warm)"
        if "prefect" in cmd and "server" in cmd:
            return "Prefect server"
        if "resource_tracker" in cmd:
            return "resource tracker"
        return p.name()
    return "gone"


SAMPLE_SECONDS = 1.0  # memory sampling interval (memory rises over seconds, not milliseconds)


def _cpu(p: psutil.Process) -> float:
    with contextlib.suppress(psutil.Error):
        t = p.cpu_times()
        return t.user + t.system
    return 0.0


CPU_SAMPLE_SECONDS = 0.25  # CPU times are cheap to read (/proc/PID/stat), memory is not


def measured(cmd: list[str], env: dict[str, str]) -> Measure:
    """Run CMD, sampling the memory (PSS) and CPU time of its whole process tree. CPU: each
    process's last sampled user + system time, summed (a process's last < 0.25 s is missed),
    or the waited-for tree's total from the kernel (RUSAGE_CHILDREN) if that is larger."""
    import resource
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    ps = psutil.Process(proc.pid)
    peak = 0
    at_peak: dict[str, tuple[int, float]] = {}
    roles: dict[int, str] = {}
    cpu: dict[int, float] = {}
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read() if proc.stdout else ""), daemon=True)
    reader.start()
    next_memory = 0.0
    while True:
        with contextlib.suppress(psutil.Error):
            tree = [ps, *ps.children(recursive=True)]
            for p in tree:
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), _cpu(p))
                if p.pid not in roles:
                    roles[p.pid] = role(p, proc.pid)
            if time.perf_counter() >= next_memory:
                sizes = [(p, tree_memory(p)) for p in tree]
                if (total := sum(size for _, size in sizes)) > peak:
                    peak, at_peak = total, {}
                    for p, size in sizes:
                        name = roles.get(p.pid) or roles.setdefault(p.pid, role(p, proc.pid))
                        k, mb = at_peak.get(name, (0, 0.0))
                        at_peak[name] = (k + 1, mb + size / 2**20)
                next_memory = time.perf_counter() + SAMPLE_SECONDS
        try:
            proc.wait(CPU_SAMPLE_SECONDS)  # returns as soon as the process ends: the time stays exact
            break
        except subprocess.TimeoutExpired:
            continue
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    reader.join()
    by_role: dict[str, float] = {}
    for pid, used in cpu.items():
        by_role[roles.get(pid, "gone")] = by_role.get(roles.get(pid, "gone"), 0.0) + used
    return Measure(seconds, peak / 2**20, max(sum(cpu.values()), reaped), proc.returncode, "".join(out), at_peak,
                   by_role)


def trafilatura_loop(raw: Path) -> None:
    """The baseline: one process, `trafilatura.extract` on every file's bytes."""
    import trafilatura

    n = chars = 0
    for p in sorted(raw.rglob("*.htm*")):
        data = p.read_bytes()
        if p.name.endswith(".gz"):
            data = gzip.decompress(data)
        text = trafilatura.extract(data)
        n += 1
        chars += len(text or "")
    print(json.dumps({"files": n, "chars": chars}))


def used_home(work: Path, exe: str, env: dict[str, str]) -> Path:
    """A Prefect home as a machine that has run ascurate before has it: its database
    created (Prefect's migrations), no flow or batch results of this corpus. Made once by
    a run over a folder of one page (over an empty folder the command starts no server);
    each measured run starts from a copy of it."""
    home = work / "prefect-home-used"
    if not (home / "prefect.db").is_file():
        shutil.rmtree(home, ignore_errors=True)
        first, out = work / "first-raw", work / "first-curated"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(first, ignore_errors=True)
        first.mkdir(parents=True)
        (first / "one.html").write_text("<html><body><p>" + "A short page for a first run. " * 20 + "</p></body></html>")
        subprocess.run([exe, "run", "--raw", str(first), "--out", str(out)], env={**env, "PREFECT_HOME": str(home)},
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(home / "storage", ignore_errors=True)
    return home


def bench(n: int, work: Path, baseline: bool, env: dict[str, str], repeat: int = 1,
          fresh_home: bool = False, copies: bool = False, pages: str | None = None) -> dict[str, Any]:
    """The figures for N documents. With `repeat` > 1 the first run and the trafilatura loop
    run that many times, alternating (so a slow spell of the machine hits both), and the
    medians count: on a shared 2-core VM one run varies by up to ~8%."""
    kind = f"{'copies' if copies else 'distinct'}-{Path(pages).name if pages else 'bench'}"
    raw, out = work / f"raw-{kind}-{n}", work / f"curated-{kind}-{n}"
    t = time.perf_counter()
    build(n, raw, copies, pages)
    print(f"N={n}: corpus ready in {time.perf_counter() - t:.1f} s ({raw})", flush=True)
    exe = shutil.which("ascurate", path=str(Path(sys.executable).parent)) or "ascurate"
    cmd = [exe, "run", "--raw", str(raw), "--out", str(out)]
    # a Prefect home of its own for every run: no batch result of an earlier run is reused
    home = work / f"prefect-home-{n}"
    env = {**env, "PREFECT_HOME": str(home)}
    used = None if fresh_home else used_home(work, exe, env)
    firsts: list[Measure] = []
    bases: list[Measure] = []
    summary: dict[str, Any] = {}
    for i in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        if used is not None:
            shutil.copytree(used, home)
        first = measured(cmd, env)
        if first.returncode:
            sys.exit(f"ascurate run failed:\n{first.stdout[-3000:]}")
        firsts.append(first)
        summary = json.loads((out / "summary.json").read_text())
        print(f"  ascurate run{f' {i + 1}/{repeat}' if repeat > 1 else ''}: {first.seconds:.1f} s, "
              f"{n / first.seconds:.1f} docs/s, {1000 * first.cpu_s / n:.1f} CPU-ms/doc, peak {first.peak_mb:.0f} MB (clean {summary['clean']}, "
              f"needs_review {summary['needs_review']}, rejected {summary['rejected']}, "
              f"duplicate {summary['duplicate']}, errors {summary['errors']})", flush=True)
        print("    at the peak (PSS): " + ", ".join(f"{name} {mb:.0f} MB" + (f" ({k})" if k > 1 else "")
                                            for name, (k, mb) in sorted(first.at_peak.items(), key=lambda kv: -kv[1][1])),
              flush=True)
        print("    CPU-ms/doc by process: " + ", ".join(f"{name} {1000 * s / n:.1f}" for name, s in
                                                         sorted(first.cpu_by_role.items(), key=lambda kv: -kv[1])),
              flush=True)
        if i == repeat - 1:  # the rerun needs the output of the run just made
            rerun = measured(cmd, env)
            rerun_summary = json.loads((out / "summary.json").read_text())
        if baseline:
            base = measured([sys.executable, __file__, "--trafilatura-loop", str(raw)], env)
            if base.returncode:
                sys.exit(f"trafilatura loop failed:\n{base.stdout[-3000:]}")
            bases.append(base)
            print(f"  trafilatura.extract loop (1 process){f' {i + 1}/{repeat}' if repeat > 1 else ''}: "
                  f"{base.seconds:.1f} s, {n / base.seconds:.1f} docs/s, {1000 * base.cpu_s / n:.1f} CPU-ms/doc, "
                  f"peak {base.peak_mb:.0f} MB", flush=True)
    seconds = statistics.median(m.seconds for m in firsts)
    peak = max(m.peak_mb for m in firsts)
    cpu = statistics.median(m.cpu_s for m in firsts)
    row: dict[str, Any] = {"n": n, "corpus": kind, "runs": repeat, "ascurate_s": seconds, "ascurate_docs_s": n / seconds,
                           "ascurate_cpu_s_per_doc": cpu / n, "ascurate_peak_mb": peak, "rerun_s": rerun.seconds,
                           "rerun_pct": 100 * rerun.seconds / firsts[-1].seconds}
    if repeat > 1:
        print(f"  ascurate run, median of {repeat}: {seconds:.1f} s, {n / seconds:.1f} docs/s, peak {peak:.0f} MB",
              flush=True)
    print(f"  incremental rerun: {rerun.seconds:.1f} s = {row['rerun_pct']:.1f}% of the run before it "
          f"(skipped {rerun_summary['skipped_unchanged']} unchanged, wrote {rerun_summary['written']})", flush=True)
    if baseline:
        base_s = statistics.median(m.seconds for m in bases)
        row.update(trafilatura_s=base_s, trafilatura_docs_s=n / base_s,
                   trafilatura_cpu_s_per_doc=statistics.median(m.cpu_s for m in bases) / n,
                   trafilatura_peak_mb=max(m.peak_mb for m in bases), ratio=base_s / seconds,
                   ratios=[b.seconds / a.seconds for a, b in zip(firsts, bases, strict=True)])
        if repeat > 1:
            print(f"  trafilatura.extract loop, median of {repeat}: {base_s:.1f} s, {n / base_s:.1f} docs/s", flush=True)
            print("  ratio of each pair: " + ", ".join(f"{r:.2f}" for r in row["ratios"]), flush=True)
        print(f"  ratio ascurate/trafilatura (docs/s){' of the medians' if repeat > 1 else ''}: {row['ratio']:.2f}",
              flush=True)
        print(f"  CPU-seconds per document: ascurate {row['ascurate_cpu_s_per_doc']:.3f} (all processes), "
              f"trafilatura loop {row['trafilatura_cpu_s_per_doc']:.3f}", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, action="append", help="documents (repeat for several sizes; default 5000)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ascurate-throughput"), help="where corpora and output go")
    ap.add_argument("--baseline-max", type=int, default=None,
                    help="run the trafilatura loop only for sizes up to this (default: every size)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of ascurate and of the loop per size, alternating; medians are reported (default 1)")
    ap.add_argument("--fresh-prefect-home", action="store_true",
                    help="start every run from an empty Prefect home, as on a machine that never ran Prefect "
                         "(the run then creates Prefect's database); default: a home where ascurate has run before")
    ap.add_argument("--copies", action="store_true",
                    help="varied copies of the pages (most documents repeat one) instead of distinct documents")
    ap.add_argument("--pages", default=None,
                    help="the real pages to build from: a folder of ../shared/corpus (e.g. wcxb-dev) or any folder "
                         "of .html/.html.gz (default: bench and health-dev)")
    ap.add_argument("--trafilatura-loop", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.trafilatura_loop:
        trafilatura_loop(args.trafilatura_loop)
        return
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # end to end: the ephemeral server's start-up is part of the figure
    print(f"machine: {psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start", flush=True)
    print("Prefect home: " + ("empty at every run (its database is created in the run)" if args.fresh_prefect_home
                              else "one where ascurate has run before (database made; no results of this corpus)"),
          flush=True)
    print(f"corpus: {'varied copies' if args.copies else 'distinct documents'} of {args.pages or 'bench + health-dev'}",
          flush=True)
    rows = [bench(n, args.work, args.baseline_max is None or n <= args.baseline_max, env, max(1, args.repeat),
                  args.fresh_prefect_home, args.copies, args.pages)
            for n in args.n or [5000]]
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"scaling: N={b['n']} took {b['ascurate_s'] / a['ascurate_s']:.2f}x as long as N={a['n']} "
              f"({b['n'] / a['n']:.0f}x the documents)")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
