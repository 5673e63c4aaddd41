"""Lead-ins of furniture: the sentence that introduces what the cleaning took out.

"If you liked this post you might also like:", "For more on the subject, try these:",
"You can find the project here:" close an article and introduce its related links, a
teaser list or a share box. The cleaning removes those blocks (rules or the boilerplate
model), and the lead-in is left as the article's last words, announcing a list that is no
longer there: `dangling_list` then flags a loss that is really furniture kept in half.
The lead-in belongs with what it introduces, so it goes too, with its own reason.

The signal is the page's structure, not the lead-in's wording: the last block the
cleaning kept is one sentence ending in a colon (a lead-in set apart, as a widget's is;
the closing sentence of a paragraph is the article's own: "… may be used with the
following credit line:"), and the page's blocks right after it were extracted and all
removed. A lead-in whose list extraction lost (no block after it) or
which the article goes on after stays, and so does its flag; so does one with a strong
promise ("Symptoms include:", "the following:": `[[promise]]` in rules/shapes.toml, every
language's, since the language is not known yet), which announces items of the article
itself: furniture invites ("you might also like:", "try these:", "find it here:").

Settings are data: the `[[lead_in]]` table of rules/furniture.toml (`id`, `max_words`:
the longest lead-in sentence taken); `disabled = true` there switches the step off.
"""

from __future__ import annotations

import re
from typing import Any

from ..flags.shape import strong_promise
from ..model import Block, Removal
from ..rulebook import RuleError
from .result import Cleaned

_STOP = re.compile(r"[.!?…:][\"”’»)]*\s+")  # a sentence ends inside the block: it is no lone lead-in


def cut_furniture_leadins(kept: list[tuple[int, Block]], extracted: int, setting: dict[str, Any] | None,
                          out: Cleaned, files: tuple[str, ...] = ()) -> list[tuple[int, Block]]:
    """`kept`: the blocks cleaning kept, in page order, with their indices among the
    `extracted` candidate blocks. Returns those that stay: the last kept block goes, a
    Removal with the setting's id, when it is one sentence ending in a colon without a
    strong promise (`[[promise]]` of the rule `files`) and every block after it was removed."""
    if not setting or not kept:
        return kept
    try:
        longest = int(setting.get("max_words", 15))
    except (TypeError, ValueError) as e:
        raise RuleError(f"[[lead_in]] {setting.get('id')}: bad max_words: {e}") from e
    idx, block = kept[-1]
    if block.type != "paragraph" or idx + 1 >= extracted:  # nothing after it on the page: a list lost, not furniture
        return kept
    body = block.text.strip()
    if not body.endswith(":") or body.endswith("::") or _STOP.search(body, 0, len(body) - 1):
        return kept  # a lead-in set apart as its own block, as a widget's is; not the close of a paragraph
    if not any(c.isalpha() for c in body) or len(body.split()) > longest:
        return kept
    if files and strong_promise(files).search(body[:-1]):  # "Symptoms include:": the article's list, lost
        return kept
    out.removed.append(Removal(block.text, str(setting["id"]), block=idx, detail=f"introduces removed block {idx + 1}"))
    return kept[:-1]
