"""Fill fuzz/corpus with starting inputs: the hostile test corpus and a few sample pages.

Each seed is one format byte (see KINDS in fuzz_pipeline.py) followed by the file.
    python fuzz/make_seeds.py [fuzz/corpus]
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.hostile.make_corpus import build  # noqa: E402

# the fuzz target's first byte picks one of these (file name, ingest kind)
KINDS = (("doc.html", "html"), ("doc.txt", "text"), ("doc.jsonl", "jsonl"), ("doc.warc.gz", "warc"),
         ("doc.html.gz", "html"), ("doc.warc", "warc"), ("doc.jsonl.gz", "jsonl"))


def kind_byte(name: str) -> int | None:
    for i, (fname, _) in enumerate(KINDS):
        if name.endswith(fname.removeprefix("doc")):
            return i
    return None


def main(dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "raw")
        files = [p for p in (Path(tmp) / "raw").rglob("*") if p.is_file() and not p.is_symlink()]
        shared = HERE.parent.parent / "shared" / "corpus"
        files += sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "health-dev").glob("*.html"))[:5]
        for p in files:
            data = p.read_bytes()
            b = kind_byte(p.name)
            if b is None or len(data) > 65_000:
                continue
            seed = bytes([b]) + data
            (dest / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
            n += 1
    return n


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "corpus"), "seeds")
