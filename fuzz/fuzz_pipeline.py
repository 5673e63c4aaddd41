"""Coverage-guided fuzzing (atheris / libFuzzer) of ingest, extract and clean.

The pipeline turns any exception inside a document into an error record, so a fuzzer
that drove `process_source` would see nothing. This target calls the steps *without*
that net: a reader (`ingest._read`) or a document step (`curate_document`) that raises
on some input is a bug, even though a real run would survive it; so is a flag whose
offsets do not index the text, or a decoded document that still holds a NUL.

    pip install -e ".[fuzz]"
    python fuzz/fuzz_pipeline.py fuzz/corpus -max_total_time=600 -timeout=20 -max_len=65536
    # a crash writes crash-<hash>; replay it with: python fuzz/fuzz_pipeline.py crash-<hash>

The first byte picks the format; the rest is the file. `fuzz/make_seeds.py` fills
fuzz/corpus with the hostile test corpus and the shared sample pages as a start.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_seeds import KINDS  # noqa: E402

sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))

with atheris.instrument_imports(include=["ascurate"]):
    from ascurate import ingest
    from ascurate.config import Config
    from ascurate.model import Document
    from ascurate.pipeline import curate_document

CFG = Config(doc_timeout=0, max_bytes=1_000_000)
ROOT = Path(tempfile.mkdtemp(prefix="ascurate-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    name, kind = KINDS[data[0] % len(KINDS)]
    body = data[1:]
    (ROOT / name).write_bytes(body)
    src = ingest.Source(str(ROOT), name, kind, len(body))
    for item in ingest._read(src, CFG):  # noqa: SLF001 - the reader without its safety net
        if not isinstance(item, Document):
            assert item.reason and item.path == name, item
            continue
        assert "\x00" not in item.content, "a NUL reached the extractor"
        art = curate_document(item, CFG)
        for f in art.flags:
            assert 0 <= f.start <= f.end <= len(art.text) and art.text[f.start:f.end] == f.quote, f


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
