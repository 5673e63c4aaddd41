"""Same-process A/B of one ascurate module: another git revision's version (A) against the
working tree's (B), on the same documents, alternating per document (and which goes
first), with every article compared byte for byte. The machine is shared, so two runs in
two processes differ by more than a small change saves: here both see the same load.

    .venv/bin/python bench/ab.py ascurate.extract.segments HEAD~1 ../shared/corpus/health-dev ../shared/corpus/bench
    .venv/bin/python bench/ab.py ascurate.extract.segments HEAD /tmp/ascurate-stages/raw-distinct-bench-310 \\
        --n 200 --focus ascurate.clean.boilerplate.features --focus ascurate.clean.winback.candidates

The revision's module is loaded beside the working tree's and swapped in, by name, in
every ascurate module that imported something from it; `--focus MODULE.FUNCTION` also
times that function alone (it must be looked up through its module when called).
`--fresh-memos` empties the per-worker memos (rulebook.memo) before each side curates a
document: both sides share them, so the side that runs second would be served its
blocks' furniture outcomes and flag spans by the first (use it for clean/rules.py).
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ascurate import ingest, pipeline, rulebook
from ascurate.config import load_config
from ascurate.emit import article_json
from ascurate.model import Document

ROOT = Path(__file__).resolve().parents[1]
WARM = 10  # documents curated by each side before timing


def load_revision(name: str, rev: str) -> types.ModuleType:
    """Module `name` as it is at git revision `rev`, loaded under another name."""
    path = f"src/{name.replace('.', '/')}.py"
    source = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True, check=True,
                            cwd=ROOT).stdout
    package = name.rsplit(".", 1)[0]
    old = types.ModuleType(f"{package}._ab_{rev.replace('~', '_').replace('^', '_')}")
    old.__package__ = package
    sys.modules[old.__name__] = old
    exec(compile(source, f"{rev}:{path}", "exec"), old.__dict__)  # noqa: S102 - the repository's own code
    return old


def swaps(name: str, new: types.ModuleType, old: types.ModuleType) -> list[tuple[Any, str, Any, Any]]:
    """(module, attribute, working tree's value, revision's value) for every ascurate module's
    reference to `new` or to something defined in it that the revision also defines."""
    out = []
    for m in list(sys.modules.values()):
        if m is None or m in (new, old) or not getattr(m, "__name__", "").startswith("ascurate"):
            continue
        for k, v in list(vars(m).items()):
            if v is new:
                out.append((m, k, v, old))
            elif getattr(v, "__module__", None) == name and hasattr(old, k):
                out.append((m, k, v, getattr(old, k)))
    return out


def _timed(fn: Callable[..., Any], spent: dict[str, float], side: list[str]) -> Callable[..., Any]:
    """`fn`, adding its CPU time to `spent[side[0]]`."""
    def run(*a: Any, **k: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            spent[side[0]] += time.process_time() - t
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("module", help="e.g. ascurate.extract.segments")
    ap.add_argument("rev", help="the git revision to compare the working tree with (e.g. HEAD, HEAD~1)")
    ap.add_argument("folders", nargs="+", type=Path, help="folders of pages (gold files are left out)")
    ap.add_argument("--n", type=int, default=200, help="documents timed per folder (default 200)")
    ap.add_argument("--focus", action="append", default=[], help="MODULE.FUNCTION to time on its own too")
    ap.add_argument("--fresh-memos", action="store_true", help="empty rulebook's memos before each side's document")
    args = ap.parse_args()
    new = importlib.import_module(args.module)
    old = load_revision(args.module, args.rev)
    swapped = swaps(args.module, new, old)
    side = ["A"]
    focus: dict[str, dict[str, float]] = {}
    for spec in args.focus:
        mod_name, fn_name = spec.rsplit(".", 1)
        mod = importlib.import_module(mod_name)
        focus[spec] = {"A": 0.0, "B": 0.0}
        setattr(mod, fn_name, _timed(getattr(mod, fn_name), focus[spec], side))

    def use(which: str) -> None:
        side[0] = which
        for m, k, nv, ov in swapped:
            setattr(m, k, ov if which == "A" else nv)

    cfg = load_config(None)
    docs: list[Document] = []
    for folder in args.folders:
        srcs = [s for s in ingest.discover(folder, cfg) if not s.path.endswith(".json")][:args.n + WARM]
        docs += [d for s in srcs for d in ingest.read(s, cfg) if isinstance(d, Document)]
    for which in "AB":
        use(which)
        for d in docs[:WARM]:
            pipeline.curate_document(d, cfg)
    spent = {"A": 0.0, "B": 0.0}
    for f in focus.values():
        f.update(A=0.0, B=0.0)
    same = 0
    for i, d in enumerate(docs[WARM:]):
        out = {}
        for which in ("AB" if i % 2 else "BA"):
            use(which)
            if args.fresh_memos:
                rulebook.forget_memos()
            t = time.process_time()
            out[which] = article_json(pipeline.curate_document(d, cfg))
            spent[which] += time.process_time() - t
        same += out["A"] == out["B"]
    n = max(1, len(docs) - WARM)
    print(f"swapped: {', '.join(sorted({f'{m.__name__}.{k}' for m, k, _, _ in swapped}))}")
    for key, f in focus.items():
        print(f"  {key}: A {1000 * f['A'] / n:.2f}, B {1000 * f['B'] / n:.2f} CPU-ms/doc")
    print(f"curate_document: A ({args.rev}) {1000 * spent['A'] / n:.2f}, B (working tree) {1000 * spent['B'] / n:.2f} "
          f"CPU-ms/doc ({(spent['B'] - spent['A']) / spent['A']:+.1%}); articles identical: {same}/{n}")


if __name__ == "__main__":
    main()
