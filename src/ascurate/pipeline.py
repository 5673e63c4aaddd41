"""The pipeline, in the order a document goes through it.

    raw bytes -> Document (ingest) -> blocks + page metadata (extract)
      -> clean blocks + removals (clean) -> language (lang) -> flags (flags)
      -> Article -> dedup decision (dedup) -> files (emit) and run state (state)

`process_batch` is the pure part (one batch of input files in, articles and errors
out; safe to run in any process); `Curator` is the ordered part that needs the whole
run's view (dedup, writing, the state beside curated/). Flows call these two; nothing
here imports Prefect.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import traceback
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import clean as clean_step
from . import config, ingest, lang, links, nesting
from . import flags as flag_step
from . import structure as structure_step
from .clean import boilerplate, pagetype, threads, winback
from .clean.templates import PageRecord, page_record
from .config import Config
from .dedup import Deduper, apply_relabels, content_hash, sketch
from .emit import Emitter, sweep_temp
from .extract import extract, gaps
from .flags import lexicon, spare
from .flags.glued import repaired_encoding
from .flags.lost import lost_structure, page_outline
from .flags.quantities import value_gap
from .model import Article, Block, Document, Flag, InputError, join_blocks, site_of
from .runtime.limits import DocumentRunner, DocumentTimeout
from .runtime.lock import RunLock, RunLocked
from .runtime.memory import release_freed_memory
from .runtime.state import State


@dataclass(slots=True)
class SourceResult:
    """What one input file became: its articles and errors (a JSONL/WARC file has several)."""

    path: str
    sha256: str
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def article_id(doc: Document) -> str:
    """Stable id: the same input (path, record, bytes) gives the same id on every run."""
    return hashlib.sha256(f"{doc.key}\0{doc.sha256}".encode()).hexdigest()[:20]


def curate_document(doc: Document, cfg: Config, templates: Mapping[str, frozenset[str]] | None = None) -> Article:
    """One document through extract, clean, language and flags (no dedup yet).
    `templates`: site -> fingerprints of its template paragraphs (Curator learns them)."""
    site_prints = (templates or {}).get(clean_step.page_site(doc) or "", frozenset())
    tree, flattened = nesting.parse(doc.content) if doc.format == "html" else (None, False)
    # every element's Python object, held until the page is done: lxml makes one (and runs
    # lxml.html's class lookup) each time an element without a live one is touched, and the
    # walks below touch every element of the page several times
    elements = list(tree.iter()) if tree is not None else []
    # what is read of the source page before extraction takes its tree apart: its type, its
    # outline, the words of its links
    kind = pagetype.classify(tree, doc.url) if tree is not None else None
    outline = page_outline(tree) if tree is not None else None
    anchors = links.anchor_words(tree)
    ex = extract(doc, tree, own_tree=True, page_type=kind)  # the tree is not read again: its last pass may take it apart
    del elements
    site = site_of(doc.url) or site_of(ex.metadata.get("hostname"))
    candidates, drops = winback.merged(ex.blocks, winback.readmit(boilerplate.judge(ex.features, kind, ex.blocks), kind), ex.segments,
                                       winback.judge(ex.segments, kind))
    cleaned = clean_step.clean(candidates, cfg, ex.title, site_prints, drops,
                               plain_text=doc.format == "text", page_type=kind.type if kind else None, site=site,
                               spare=partial(spare.leftovers, cfg=cfg) if doc.format == "text" else None,
                               threads=threads.indices(ex.threads or (), candidates))
    # the gaps extraction closed where a value was cut out go back where the same two words still stand
    # (HTML: a plain text page keeps its own, `textlayout.gapped_space`), for the flag step to read
    blocks = cleaned.blocks
    if doc.format == "html":
        blocks = gaps.restore(blocks, gaps.page_gaps(doc.content), cut=value_gap(lexicon.files(cfg)))
    text = join_blocks(blocks)
    metadata = {**ex.metadata, **{k: v for k, v in cleaned.metadata.items() if k not in ex.metadata}}
    metadata.pop("hostname", None)
    if flattened:
        metadata["parse_note"] = f"nested deeper than the HTML parser's limit: tags below {nesting.DEPTH} levels dropped"
    if not metadata.get("publisher") and metadata.get("copyright_holder"):
        metadata["publisher"] = metadata["copyright_holder"]
    if kind is not None:
        metadata["page_type"] = kind.to_metadata()
    lost = lost_structure(outline, text, blocks, flag_step.block_offsets(blocks), cleaned.removed)
    art = _annotated(doc, cfg, ex.title, site, text, blocks, metadata, anchors, kind, lost,
                     extracted=join_blocks(ex.blocks))
    art.removed = cleaned.removed
    return art


def _annotated(doc: Document, cfg: Config, title: str | None, site: str | None, text: str,
               blocks: list[Block], metadata: dict[str, Any], anchors: Counter[str] | None = None,
               kind: pagetype.PageType | None = None, lost: list[Flag] | None = None,
               extracted: str = "") -> Article:
    """Language, status, page type, flags, MinHash and structure of a cleaned article.
    `anchors`: the words of the page's links (links.anchor_words); `kind`: the page-type
    model's call (a page that is not an article is rejected, its text still written);
    `lost`: the page's headings and lists the article lost (flags/lost.py); `extracted`:
    the text before cleaning (a page cleaned down to nothing says what it was)."""
    language, prob = lang.detect(text or (title or ""))
    if language:
        metadata["language_confidence"] = round(prob, 3)
    art = Article(
        id=article_id(doc),
        source={"path": doc.path, "record": doc.record, "url": doc.url or metadata.get("canonical_url"),
                "site": site, "fetched_at": doc.fetched_at, "sha256": doc.sha256, "encoding": doc.encoding},
        status="clean",
        title=title,
        language=language,
        text=text,
        blocks=blocks,
        removed=[],
        metadata=metadata,
        content_hash=content_hash(text),
    )
    if text.strip():
        art.minhash = sketch(text)  # here, in parallel, so the ordered dedup step only looks up
    n_words = len(text.split())
    if n_words < cfg.min_words and (linked := links.share(anchors, extracted)) >= links.SHARE:
        art.status, art.reject_reason = "rejected", (f"a page of links: {linked:.0%} of its words are link text "
                                                     f"({n_words} words after cleaning)")
    elif n_words < cfg.min_words:
        art.status, art.reject_reason = "rejected", f"no main content ({n_words} words after cleaning)"
    elif (linked := links.share(anchors, text)) >= links.SHARE:
        art.status, art.reject_reason = "rejected", f"a page of links: {linked:.0%} of its words are link text"
    elif language not in cfg.languages:
        art.status = "rejected"
        art.reject_reason = f"language {language or 'unknown'} is not one of {', '.join(cfg.languages)}"
    elif kind is not None and (reason := pagetype.rejection(kind)):
        art.status, art.reject_reason = "rejected", reason
    if kind is not None:
        art.extra["page_type"] = kind.type
    gated: Counter[str] = Counter()  # flags a gate dropped, by gate id (flags/context.py)
    scores = kind.scores if kind else None
    art.flags = flag_step.detect(text, blocks, cfg, language, page_type=scores,
                                 gated=gated) + repaired_encoding(text, doc.repaired)
    if lost and (lost := flag_step.gate_page(lost, cfg, scores, gated)):
        art.flags = sorted(art.flags + lost, key=lambda f: (f.start, f.end))
    if gated and isinstance(metadata.get("page_type"), dict):
        metadata["page_type"]["gated_flags"] = dict(gated)
    if art.status == "clean" and any(f.severity != "info" for f in art.flags):
        art.status = "needs_review"
    structure_step.annotate(art, cfg)  # sections, about, review facts, reading, JSON-LD (info flags only)
    return art


def curate_or_error(doc: Document, cfg: Config, templates: Mapping[str, frozenset[str]] | None) -> Article | InputError:
    """curate_document, with any exception turned into an error record (runs in a child process)."""
    try:
        return curate_document(doc, cfg, templates)
    except Exception as e:  # noqa: BLE001 - a bug or a hostile page costs this document only
        tb = traceback.extract_tb(e.__traceback__)[-1]
        return InputError(doc.path, f"{type(e).__name__}: {e} (at {Path(tb.filename).name}:{tb.lineno})",
                          doc.record, step="curate")


def process_source(src: ingest.Source, cfg: Config,
                   templates: Mapping[str, frozenset[str]] | None = None,
                   runner: DocumentRunner | None = None) -> SourceResult:
    """One input file to articles and errors; nothing raised escapes a document, and no
    document takes longer than `cfg.doc_timeout` (see limits.py): each goes to `runner`."""
    run = runner or DocumentRunner(cfg.doc_timeout, isolate=False)
    return _process(src, cfg, lambda doc: run.run(curate_or_error, doc, cfg, _own_site(doc, templates)))


def process_file(src: ingest.Source, cfg: Config,
                 templates: Mapping[str, frozenset[str]] | None = None) -> SourceResult:
    """A one-document file, read and curated where this runs: in a document child, whose
    CPU limit covers the reading too (`process_batch`). Nothing crosses a process boundary
    here, so `templates` go as they are: `curate_document` picks its page's site's."""
    return _process(src, cfg, lambda doc: curate_or_error(doc, cfg, templates))


def _process(src: ingest.Source, cfg: Config,
             curate: Callable[[Document], Article | InputError]) -> SourceResult:
    try:
        sha = ingest.file_hash(src)
    except OSError as e:
        return SourceResult(src.path, "", errors=[InputError(src.path, f"cannot read: {e}")])
    res = SourceResult(src.path, sha)
    try:
        items: Iterable[Document | InputError] = list(ingest.read(src, cfg))
    except Exception as e:  # noqa: BLE001 - a reader bug must cost this file only
        res.errors.append(InputError(src.path, f"reader failed: {type(e).__name__}: {e}"))
        return res
    for item in items:
        if isinstance(item, InputError):
            res.errors.append(item)
            continue
        try:
            out = curate(item)
        except DocumentTimeout as e:  # over the CPU limit, crashed its process, or stuck (limits.py)
            out = InputError(item.path, str(e) or f"did not finish within doc_timeout={cfg.doc_timeout:g} s",
                             item.record, step="curate")
        except Exception as e:  # noqa: BLE001 - e.g. a result that cannot cross the process boundary
            out = InputError(item.path, f"{type(e).__name__}: {e}", item.record, step="curate")
        (res.errors if isinstance(out, InputError) else res.articles).append(out)  # type: ignore[arg-type]
    return res


def _own_site(doc: Document, templates: Mapping[str, frozenset[str]] | None) -> dict[str, frozenset[str]]:
    """Only this page's site's templates go to a record's child (all sites' would be pickled per record)."""
    site = clean_step.page_site(doc) or ""
    return {site: templates[site]} if templates and site in templates else {}


def process_batch(sources: list[ingest.Source], cfg: Config,
                  templates: Mapping[str, frozenset[str]] | None = None) -> list[SourceResult]:
    """The unit of work a flow task runs: a batch of input files, any process. A file that
    holds one document is read and curated in this thread's document child, the batch's
    files in one stream (`DocumentRunner.map`); a JSONL or WARC file is read here and its
    records go to the child one by one, each under its own time limit."""
    runner = _thread_runner(cfg.doc_timeout)
    results: list[SourceResult] = []
    files: list[ingest.Source] = []

    def flush() -> None:
        for src, out in zip(files, runner.map(process_file, files, cfg, templates), strict=True):
            results.append(_file_failed(src, out, cfg) if isinstance(out, BaseException) else out)
        files.clear()

    for src in sources:
        if src.kind in ingest.CONTAINERS:
            flush()
            results.append(process_source(src, cfg, templates, runner))
        else:
            files.append(src)
    flush()
    return results


def _file_failed(src: ingest.Source, e: BaseException, cfg: Config) -> SourceResult:
    """A file whose document overran its time limit, crashed its child or could not come back."""
    reason = str(e) or f"did not finish within doc_timeout={cfg.doc_timeout:g} s"
    return SourceResult(src.path, src.sha256 or "", errors=[InputError(src.path, reason, None, step="curate")])


_local = threading.local()
_runners: weakref.WeakSet[DocumentRunner] = weakref.WeakSet()
RUNNER_DOCUMENTS = 500  # a document child is replaced after this many: its caches and heap grow with the
# documents it sees, and a fresh one forked from the warm forkserver starts with everything loaded (docs/scheduling.md)


def _thread_runner(timeout: float) -> DocumentRunner:
    """This thread's document child, kept from batch to batch (a child per batch would pay
    its start each time); it ends with the thread or `close_runners()`."""
    runner: DocumentRunner | None = getattr(_local, "runner", None)
    if runner is not None and (runner.timeout != timeout or runner.documents >= RUNNER_DOCUMENTS):
        runner.close()
        runner = None
    if runner is None:
        runner = _local.runner = DocumentRunner(timeout)
        _runners.add(runner)
    return runner


def close_runners() -> None:
    """Stop every thread's document child (the end of a run)."""
    for runner in list(_runners):
        runner.close()


# ---------------------------------------------------------------- the ordered part


@dataclass(slots=True)
class Summary:
    read: int = 0  # input files seen
    hashed: int = 0  # of those, read to hash them (the others kept their identity: filestat.py)
    documents: int = 0  # documents (files or records) processed this run
    skipped_unchanged: int = 0
    reprocessed: list[str] = field(default_factory=list)  # why inputs done before are done again
    clean: int = 0
    needs_review: int = 0
    rejected: int = 0
    duplicate: int = 0
    errors: int = 0
    written: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: plan, learn, process, finish
    error_samples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


class Curator:
    """Plans a run (which inputs changed), then commits batch results in order."""

    def __init__(self, raw: str | Path, out: str | Path, cfg: Config, lock_timeout: float = 0.0) -> None:
        self.raw, self.out = Path(raw), Path(out)
        self.cfg = cfg = clean_step.siterules.configured(cfg, self.out)  # editors' rules: for the workers, in the fingerprint
        if not self.raw.is_dir():
            raise FileNotFoundError(f"raw folder {self.raw} does not exist or is not a folder")
        # one run per curated/ (RunLocked otherwise); then what a killed run left half-written goes
        self.lock = RunLock(self.out, lock_timeout).acquire()
        sweep_temp(self.out)
        self.state = State(self.out)
        self.emitter = Emitter(self.out)
        self.deduper = Deduper(self.state, cfg.preferred_sites)
        self.summary = Summary()
        self.fingerprint = cfg.fingerprint()
        self.state.record_fingerprint(self.fingerprint, cfg.fingerprint_parts())
        self.site_templates = clean_step.TemplateStore.beside(self.out)
        self.templates: dict[str, frozenset[str]] = {}  # learnt in plan(), passed to process_batch
        self.templates_key = ""  # their digest: part of a batch's cache key
        self._sites: dict[str, set[str]] = {}  # input path -> the sites of its pages
        self.skipped: list[InputError] = []
        self._t0 = self._mark = time.monotonic()

    def plan(self) -> Iterator[ingest.Source]:
        """Inputs that need processing; site templates are learnt from all of them first
        (here, in this process; the flow learns in parallel: `changed`, `learn_batch`, `learn`)."""
        todo = self.changed()
        if todo:  # an unchanged corpus has nothing to clean: no templates to compute
            new = self.to_learn(todo)
            self.learn(learn_batch(new, self.cfg), new)
        yield from self.ordered(todo)

    def changed(self) -> list[ingest.Source]:
        """Inputs that need processing: new, changed, or processed under other settings."""
        hashed: list[tuple[str, str, str]] = []
        listed: set[str] = set()
        known = self.state.input_idents()
        todo = list(self._changed(known, hashed, listed))
        gone = known.keys() - listed
        if hashed or gone:
            self.state.record_idents(hashed, gone=gone)
        self.summary.reprocessed = self.why_reprocessed([src.path for src in todo])
        self.mark("plan")
        return todo

    def why_reprocessed(self, paths: list[str]) -> list[str]:
        """What changed since these inputs were last processed ("trafilatura 2.3.1 -> 2.4.0",
        "rules changed"): why inputs whose bytes may be the same are processed again."""
        parts = self.cfg.fingerprint_parts()
        reasons: list[str] = []
        for old in self.state.other_fingerprints(self.fingerprint, paths):
            for r in config.changed_parts(old, parts) if old else ["settings, rules, code or libraries changed"]:
                if r not in reasons:
                    reasons.append(r)
        return reasons

    def mark(self, phase: str) -> None:
        """Record the seconds since the last mark as `phase`'s (the summary shows where a run went)."""
        now = time.monotonic()
        self.summary.phases[phase] = round(self.summary.phases.get(phase, 0.0) + now - self._mark, 2)
        self._mark = now

    def to_learn(self, todo: Iterable[ingest.Source]) -> list[ingest.Source]:
        """The inputs whose current bytes learning has not seen (`prelearn`, or a run that
        stopped after learning, saw the others)."""
        learnt = self.site_templates.learnt
        return [src for src in todo if src.sha256 is None or learnt.get(src.path) != src.sha256]

    def learn(self, records: Iterable[PageRecord], sources: Iterable[ingest.Source] = ()) -> None:
        """Add the changed pages' fingerprints to what earlier runs saw; fix the templates.
        `sources`: the inputs these records were learnt from (all of them, pages or not)."""
        self.site_templates.record(records, ((src.path, src.sha256) for src in sources))
        self._sites = self.site_templates.sites_of()
        self.templates = self.site_templates.templates()
        self.templates_key = self.site_templates.key(self.templates)
        self.mark("learn")

    def ordered(self, todo: list[ingest.Source]) -> list[ingest.Source]:
        """The changed inputs site by site (then by path), once learning has seen their sites:
        a site's pages share batches, so a batch carries few sites' templates and a worker's
        per-block caches (rulebook.memo) see a site's repeated furniture. Dedup does not
        depend on this order (dedup/canonical.py)."""
        return sorted(todo, key=lambda src: (min(self._sites.get(src.path, ()), default=""), src.path))

    def templates_for(self, batch: list[ingest.Source]) -> dict[str, frozenset[str]]:
        """The templates of the sites a batch's pages belong to (all of them cross to a worker)."""
        sites = {site for src in batch for site in self._sites.get(src.path, ())}
        return {site: self.templates[site] for site in sorted(sites) if site in self.templates}

    def _changed(self, known: dict[str, tuple[str, str]], hashed: list[tuple[str, str, str]],
                 listed: set[str]) -> Iterator[ingest.Source]:
        """Inputs that need processing: new, changed, or processed under other settings.
        An input whose identity (filestat.py) is the one it had when last hashed keeps that
        hash without being read: a rerun costs a stat per input, not the corpus's bytes."""
        done = {**clean_step.siterules.still_done(self.state, self.fingerprint, self.cfg.fingerprint_parts()),
                **self.state.done(self.fingerprint)}  # other sites' editors' rules change nothing here
        for src in ingest.discover(self.raw, self.cfg, self.skipped):
            self.summary.read += 1
            listed.add(src.path)
            try:
                src, read = hash_input(src, known, hashed)
            except OSError:
                yield src  # processing records why it cannot be read
                continue
            self.summary.hashed += read
            if src.sha256 is not None and done.get(src.path) == src.sha256:
                self.summary.skipped_unchanged += 1
                continue
            yield src

    def commit(self, results: list[SourceResult]) -> None:
        """Dedup, write and record one batch's results (in the order given)."""
        records = []
        articles = [a for res in results for a in res.articles]
        relabels = self.deduper.decide_batch(articles)
        self.summary.written += sum(self.emitter.write_all(articles))
        for art in articles:
            setattr(self.summary, art.status, getattr(self.summary, art.status) + 1)
        self.summary.documents += len(articles)
        for res in results:
            old = self.state.input(res.path)
            if old:
                for gone in set(old["articles"]) - {a.id for a in res.articles}:
                    self.emitter.delete(gone)
            self.summary.documents += len(res.errors)
            self.summary.errors += len(res.errors)
            self.summary.error_samples.extend(e.to_dict() for e in res.errors[: max(0, 20 - len(self.summary.error_samples))])
            records.append({
                "path": res.path, "sha256": res.sha256, "config": self.fingerprint,
                "errors": [e.to_dict() for e in res.errors],
                "articles": [{"id": a.id, "content_hash": a.content_hash, "site": a.source.get("site"),
                              "words": len(a.text.split()), "status": a.status, "duplicate_of": a.duplicate_of,
                              "signature": a.minhash.sig.tobytes() if a.minhash is not None else None,
                              "shingles": a.minhash.size if a.minhash is not None else None,
                              "dedup": a.metadata.get("dedup")}
                             for a in res.articles],
            })
        self.state.commit_inputs(records)
        release_freed_memory()  # the batch's articles were unpickled in the flow's worker threads
        for status, n in apply_relabels(relabels, self.emitter, self.state).items():
            setattr(self.summary, status, getattr(self.summary, status) - n)
            self.summary.duplicate += n

    def finish(self) -> Summary:
        self.mark("process")
        errors = self.state.all_errors() + [e.to_dict() for e in self.skipped]
        self.emitter.write_errors(errors)
        self.summary.errors += len(self.skipped)
        self.mark("finish")
        self.summary.seconds = round(time.monotonic() - self._t0, 2)
        self.emitter.write_summary(self.summary.to_dict())
        self.close()
        return self.summary

    def close(self) -> None:
        """Release the state and the run lock (finish does; call it when a run fails)."""
        self.state.close()
        self.site_templates.close()
        self.lock.release()


def hash_input(src: ingest.Source, known: Mapping[str, tuple[str, str]],
               hashed: list[tuple[str, str, str]]) -> tuple[ingest.Source, bool]:
    """`src` with its content hash, and whether its bytes were read for it: the hash in
    `known` while its identity is the one recorded there (filestat.py), else computed and
    added to `hashed` as (path, identity, hash) for the state to record. OSError if unreadable."""
    seen = known.get(src.path)
    if src.ident is not None and seen is not None and seen[0] == src.ident:
        return src.hashed(seen[1]), False
    src = src.hashed(ingest.file_hash(src))
    if src.ident is not None and src.sha256 is not None:
        hashed.append((src.path, src.ident, src.sha256))
    return src, True


def learn_source(src: ingest.Source, cfg: Config) -> list[PageRecord]:
    """Paragraph fingerprints of one input's pages (a file that cannot be read has none:
    processing records why)."""
    try:
        return [rec for doc in ingest.read(src, cfg) if isinstance(doc, Document)
                for rec in [page_record(doc)] if rec]
    except Exception:  # noqa: BLE001
        return []


PRELEARN_NICE = 10  # prelearning yields the CPU to the Prefect start-up it runs beside


def prelearn(raw: str | Path, out: str | Path, cfg: Config, stop: Callable[[], bool]) -> int:
    """Learn site templates from the inputs under `raw` until `stop()` (checked between
    small batches), for the next run into `out` to find them learnt: `ascurate run` does
    it on the core that Prefect's start-up leaves idle. Learning is a pure function
    of an input's bytes, so the run's result is the same. Nothing happens while another
    run holds `out`. Returns the inputs learnt."""
    out = Path(out)
    try:
        lock = RunLock(out, 0.0).acquire()
    except (RunLocked, OSError):
        return 0
    done: list[ingest.Source] = []
    # a child of its own, niced: the server start-up it runs beside stays first on the CPU
    runner = DocumentRunner(cfg.doc_timeout, nice=PRELEARN_NICE)
    store: clean_step.TemplateStore | None = None
    state: State | None = None
    try:
        store = clean_step.TemplateStore.beside(out)
        state = State(out)
        known = state.input_idents()
        fresh: list[tuple[str, str, str]] = []  # hashed here: the run's planning need not read them
        records: list[PageRecord] = []
        todo = (src for src in ingest.discover(raw, cfg) if not stop())
        for batch in batched(todo, 32):
            hashed = []
            for src in batch:
                try:
                    hashed.append(hash_input(src, known, fresh)[0])
                except OSError:  # the run records why it cannot be read
                    continue
            batch = [src for src in hashed if store.learnt.get(src.path) != src.sha256]
            records += learn_batch(batch, cfg, runner)
            done += batch
            if stop():
                break
        store.record(records, ((src.path, src.sha256) for src in done))
        state.record_idents(fresh)
    except (OSError, sqlite3.Error):  # an unreadable raw folder, a busy store: the run sees to it
        return 0
    finally:
        if store is not None:
            store.close()
        if state is not None:
            state.close()
        lock.release()
        runner.close()
    return len(done)


def learn_batch(sources: Iterable[ingest.Source], cfg: Config,
                runner: DocumentRunner | None = None) -> list[PageRecord]:
    """Fingerprints of a batch's pages, computed in a document child (this thread's unless
    `runner` is given: CPU work leaves the flow's process, and a hostile page is stopped by
    the same time limit)."""
    runner = runner or _thread_runner(cfg.doc_timeout)
    out: list[PageRecord] = []
    for records in runner.map(learn_source, list(sources), cfg):
        if not isinstance(records, BaseException):  # processing records what is wrong with it
            out.extend(records)
    return out


def tapered(items: list[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """Batches of `size`, the last ones smaller and smaller: the workers take batches as
    they finish, and a phase ends when its last batch does, so a full last batch left the
    other workers idle for up to a batch's time. Once fewer
    than 2 x `workers` full batches remain, each batch is a 2 x `workers`-th of the rest,
    down to an eighth of `size` or 8 documents: a few more tasks at the end, each cheaper.
    Batches of 8 or fewer (a setting for tests and tiny runs) do not taper."""
    i, n = 0, len(items)
    smallest = min(size, max(8, size // 8))
    while i < n:
        rest = n - i
        take = size if rest > 2 * workers * size else max(smallest, -(-rest // (2 * workers)))
        if rest - take < smallest and rest <= size:
            take = rest
        yield items[i:i + take]
        i += take


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(raw: str | Path, out: str | Path, cfg: Config,
        on_batch: Callable[[list[SourceResult]], None] | None = None, lock_timeout: float = 0.0) -> Summary:
    """The whole pipeline in one process, without Prefect (tests, library users)."""
    cur = Curator(raw, out, cfg, lock_timeout)
    try:
        for batch in batched(cur.plan(), cfg.batch_size):
            results = process_batch(batch, cur.cfg, cur.templates)
            cur.commit(results)
            if on_batch:
                on_batch(results)
        return cur.finish()
    finally:
        close_runners()
        cur.close()
