"""Corpus pages as the pipeline reads them, for the model tests (`../shared/corpus`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from ascurate.model import Document

from .conftest import need_shared

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def gold(folder: str, name: str) -> dict:
    path = need_shared(CORPUS / folder / f"{name}.gold.json")  # under CI a missing corpus fails
    return json.loads(path.read_text(encoding="utf-8"))


def document(folder: str, name: str) -> tuple[Document, dict]:
    """The corpus page `name` (without extension) and its gold."""
    g = gold(folder, name)
    raw = (CORPUS / folder / g["source"]).read_bytes()
    if g["source"].endswith(".gz"):
        raw = gzip.decompress(raw)
    fmt = "text" if g.get("format") == "text" else "html"
    return Document(g["source"].removesuffix(".gz"), raw.decode("utf-8", "replace"), fmt, "0" * 64,
                    url=g.get("url")), g


def fold(s: str) -> str:
    return " ".join((s or "").split()).lower()
