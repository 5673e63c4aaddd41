"""Imported once by the forkserver that time-limited documents run in (see limits.py).

Loading the language profiles, rules and extraction code is most of a child's start-up; done here, every
child forked later starts warm, so a fresh child (after a timeout) does not spend its
first document's time limit on start-up.
"""

from __future__ import annotations

import contextlib
import gc

from .memory import release_freed_memory


def warm() -> None:
    from ..config import Config
    from ..model import Document
    from ..pipeline import curate_document

    para = ("Gout is a painful form of arthritis that happens when uric acid builds up in the blood and forms "
            "crystals in a joint. Treatment eases the pain of an attack, and medicine such as allopurinol lowers "
            "uric acid so attacks stop. Doctors may suggest you drink more water and eat less red meat.")
    page = ("<html><head><title>Gout: symptoms, causes and treatment | Health</title>"
            '<meta name="description" content="What gout is."><script type="application/ld+json">'
            '{"@type": "MedicalWebPage", "lastReviewed": "2024-03-01", "reviewedBy": {"name": "Jane Smith, MD"}}'
            "</script></head><body><nav><a href='/'>Home</a> <a href='/a'>Conditions</a></nav><article>"
            "<h1>Gout: symptoms, causes and treatment</h1><p>Medically reviewed by Jane Smith, MD. Last reviewed "
            f"March 1, 2024.</p><h2>Symptoms</h2><p>{para}</p><p>Symptoms include:</p><ul><li>sudden pain in the "
            "big toe</li><li>a hot, swollen joint</li><li>red skin over the joint</li></ul><h2>Causes</h2>"
            f"<p>{para}</p><table><tr><th>Food</th><th>Purine</th></tr><tr><td>Liver</td><td>High</td></tr></table>"
            f"<h2>Treatment</h2><p>{para} Note to editor: check the dose. [Ed: source?]</p><blockquote>{para}"
            "</blockquote><p>© 2025 Health Inc. All rights reserved.</p></article><footer>Subscribe to our "
            "newsletter</footer></body></html>")
    text = f"Gout\n\n{para}\n\nSymptoms include:\n\n- pain\n- swelling\n\n{para}"
    with contextlib.suppress(Exception):  # warming is an optimisation; real documents report errors
        curate_document(Document("warm.html", page, "html", "0" * 64), Config(), None)
        curate_document(Document("warm.txt", text, "text", "0" * 64), Config(), None)
    with contextlib.suppress(Exception):  # the flag step's tables, which the pages above do not reach
        from ..flags import preload

        preload(Config())


warm()
# the warm-up's freed heap is not copied into every child's view of memory as used pages
release_freed_memory()
# what the children inherit is never garbage: frozen, the collector does not walk it in
# every child (and touching it does not copy the forkserver's pages into each child)
gc.freeze()
