"""Extraction: a Document becomes a title, body blocks and what the page says about itself.

  adapter.py     HTML through trafilatura's public API: candidate blocks of a precise and
                 a recall pass, the title, the boilerplate model's features and, where
                 trafilatura kept little of the page, the win-back model's candidates
  segments.py    one walk over <body>: the flat visible text, element spans, text segments
  blocks.py      trafilatura's XML body as typed blocks
  metadata.py    JSON-LD, meta tags, the canonical link, review facts in the prose
  textlayout.py  plain text split by its own layout
  compiled_xpaths.py, native_xpaths.py  trafilatura's XPaths as Python (opt-in, guarded)
"""

from __future__ import annotations

from typing import Any

from ..model import Document, Extracted
from .adapter import (
    RECALL_OPTIONS,
    TRAFILATURA_OPTIONS,
    extract_html,
    load_html,
    merge,
    without_xml_declaration,
)
from .textlayout import extract_text

__all__ = ["RECALL_OPTIONS", "TRAFILATURA_OPTIONS", "extract", "extract_html", "extract_text", "load_html", "merge",
           "without_xml_declaration"]


def extract(doc: Document, tree: Any = None, *, own_tree: bool = False, page_type: Any = None) -> Extracted:
    """`tree`: the page already parsed by `load_html` (the pipeline keys its cache on it);
    `own_tree`: the caller is done with it, so the last pass may take it apart;
    `page_type`: its page type, whose win-back gate says whether segments are featurised."""
    if doc.format == "text":
        return extract_text(doc.content)
    return extract_html(doc.content, doc.url, tree, own_tree=own_tree, page_type=page_type)
