"""The corpora the models are trained on, read the same way for every trainer:
`../shared/corpus/` beside the repository (or ASCURATE_CORPUS), each page with its gold."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import site_of

FOLDERS = ("wcxb-dev", "health-dev", "bench", "seeds")


@dataclass(slots=True)
class Page:
    corpus: str
    name: str
    content: str  # decoded HTML or plain text
    gold: dict[str, Any]

    @property
    def site(self) -> str:
        return site_of(self.gold.get("site") or self.gold.get("url")) or self.name

    @property
    def page_type(self) -> str:
        return str(self.gold.get("page_type") or "article")


def corpus_root() -> Path:
    env = os.environ.get("ASCURATE_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared" / "corpus"
        if cand.is_dir():
            return cand
    raise FileNotFoundError("no corpus: set ASCURATE_CORPUS to the shared/corpus folder")


def pages(folders: tuple[str, ...] = FOLDERS, root: Path | None = None) -> Iterator[Page]:
    """Every page with a gold file in `folders`, in name order."""
    root = root or corpus_root()
    for folder in folders:
        for gold_path in sorted((root / folder).glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            src = root / folder / gold["source"]
            data = gzip.decompress(src.read_bytes()) if src.suffix == ".gz" else src.read_bytes()
            yield Page(folder, gold["source"], data.decode("utf-8", errors="replace"), gold)
