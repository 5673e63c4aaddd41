"""Imported once by the forkserver that time-limited documents run in (see limits.py).

Loading the language profiles, rules and extraction code takes ~2 s; done here, every
child forked later starts warm, so a fresh child (after a timeout) does not spend its
first document's time limit on start-up.
"""

from __future__ import annotations

import contextlib


def warm() -> None:
    from .config import Config
    from .model import Document
    from .pipeline import curate_document

    page = ("<html><head><title>Gout</title></head><body><article><h1>Gout</h1><p>Gout is a painful form of "
            "arthritis that happens when uric acid builds up in the blood and forms crystals in a joint. "
            "Treatment eases the pain of an attack.</p></article></body></html>")
    with contextlib.suppress(Exception):  # warming is an optimisation; real documents report errors
        curate_document(Document("warm.html", page, "html", "0" * 64), Config(), None)


warm()
