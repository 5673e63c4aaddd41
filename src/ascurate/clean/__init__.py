"""Cleaning: take out the page furniture that extraction let through, say why, and keep
what it said about the page.

The passes over the extracted blocks, each removal a Removal with its rule id:
  site templates  blocks that recur across the site's pages (`templates.py`, "site-template")
  title repeat    the body's copies of the title ("furniture.title-repeat")
  discussions     HTML: a reader discussion its markup shows (repeated records with a form,
                  controls, replies or avatars) as one unit (`threads.py`, "furniture.comment-thread";
                  not on pages whose records are content: forum, listing, product, collection)
  comment threads a reader-comment thread as one unit (`comments.py`, rules/comments.toml,
                  "furniture.comment-thread"; not on forum pages, whose posts are the content)
  sections        "References", "About the reviewer", "Related articles"... and what is
                  under them (`sections.py`, rules/sections.toml; references -> metadata.citations)
                  and runs of blocks that are furniture together ([[run]] rules: teaser lists)
  furniture       block, sentence and span rules (`rules.py`, rules/furniture.toml), and the
                  site speaking of its own pages (a disclaimer by its word classes, and the
                  referral line beside it: `remit.py`, "furniture.site-remit"), and a table
                  of contents by what it repeats: the page's own heads, in page order
                  (`contents.py`, "furniture.contents-repeat")
  text lines      plain-text input only: the lines the text-line model calls furniture and
                  no rule took, and a widget run into the end of a kept line ("... the
                  United States. Share: Bluesky | Threads"), split off and scored as a
                  line (`textlines.py`, "model.textlines" with its score)
  model           HTML: what the rules left of a block the boilerplate model removes
                  (`boilerplate.py`, "model.boilerplate" with its score; not on forum pages)
  spared          a block a model would remove stays when the caller's `spare` reads it as
                  an editorial leftover, so the flag step shows it to an editor (the
                  pipeline passes flags/spare.py for plain-text pages)
  comment bodies  a short comment body left between removed parts of its thread, next to its
                  author line (`comments.py`, "furniture.comment-thread"; not on forum pages)
  repeats         a kept block of 8 words or more that the text kept before it already says
                  (`repeats.py`, rules/furniture.toml [[repeat]], "furniture.repeat")
  lead-ins        the last kept block when it is a lone lead-in (one short sentence ending in a
                  colon, no strong promise) and every block after it was removed: the lead-in
                  of removed related links or a teaser list (`leadins.py`, rules/furniture.toml
                  [[lead_in]], "furniture.lead-in")
  editors         the site's rules made on the review desk: "never remove this" puts a block
                  back, "remove this everywhere on this site" takes it (`siterules.py`, "site.<id>")
Text that is kept is never rewritten: what remains is the input minus the cut spans.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from .. import rulebook
from ..config import Config
from ..model import Block, Removal
from . import contents, remit, siterules, textlines
from . import threads as dom_threads
from .boilerplate import RULE as MODEL_RULE
from .comments import cut_comment_threads, cut_stranded_bodies
from .leadins import cut_furniture_leadins
from .repeats import drop_repeats
from .result import Cleaned
from .rules import capture, clean_block, sentences, words
from .sections import cut_runs, cut_sections
from .templates import RULE as TEMPLATE_RULE
from .templates import TemplateStore, cut_templates, fingerprint, page_site

__all__ = ["Cleaned", "TemplateStore", "capture", "clean", "fingerprint", "page_site", "sentences", "words"]


def clean(blocks: list[Block], cfg: Config, title: str | None = None,
          templates: Collection[str] = (), model_drops: Mapping[int, float] | None = None, *,
          plain_text: bool = False, page_type: str | None = None, site: str | None = None,
          spare: Callable[[list[tuple[int, Block]], list[tuple[int, Block]]], set[int]] | None = None,
          threads: Sequence[tuple[Sequence[int], dom_threads.Unit]] = ()) -> Cleaned:
    """`templates`: fingerprints of the site's template paragraphs (see templates.py);
    `model_drops`: blocks the boilerplate model removes, with its score (boilerplate.judge);
    `plain_text`: the blocks are a `.txt` page's paragraphs (the text-line model judges
    them); `page_type`: the page-type model's call (a forum keeps its posts: neither comment
    threads nor the boilerplate model, trained mostly on articles, cut them); `site`: the
    page's site, for the editors' rules (`cfg.editor_rules`); `spare`: given the blocks the
    models would remove and the blocks kept, the positions of those that must stay (leftovers
    an editor must see); `threads`: the blocks of each reader discussion the page's markup
    shows (`threads.indices`), with what showed it.
    Rules speak first: a block they remove is theirs; the models take what they leave."""
    if page_type == "forum":
        model_drops = None
    out = Cleaned(blocks=[])
    furniture_lines = textlines.judge(blocks) if plain_text else {}
    tails = textlines.glued_tails(blocks, furniture_lines) if plain_text else {}
    indexed = list(enumerate(blocks))
    indexed = cut_templates(indexed, templates, out)
    keep_template_facts(out, rulebook.load(cfg, "section") + rulebook.load(cfg, "furniture"))
    indexed = drop_title_repeat(indexed, title, out)
    indexed = dom_threads.cut(indexed, threads, rulebook.load(cfg, "comment"), out, page_type)
    if page_type != "forum":
        indexed = cut_comment_threads(indexed, rulebook.load(cfg, "comment"), out)
    indexed = cut_sections(indexed, rulebook.load(cfg, "section"), out)
    indexed = cut_runs(indexed, rulebook.load(cfg, "run"), out)
    furniture_lines = textlines.lists_rejoined(indexed, furniture_lines)
    paths = rulebook.rule_paths(cfg)
    rules = [*rulebook.load(cfg, "furniture"), *remit.rules(paths)]
    kept_blocks: list[tuple[int, Block]] = []
    judged: list[tuple[int, Block]] = []  # what the rules left and a model would remove
    for i, block in indexed:
        kept = clean_block(i, block, rules, out)
        if kept is not None and i in tails:
            kept = textlines.cut_tail(i, block, kept, tails[i], out)
        if kept is not None and (i in furniture_lines or (model_drops and i in model_drops)):
            judged.append((i, kept))  # the rules speak first; the models judge the rest
        elif kept is not None:
            kept_blocks.append((i, kept))
    kept_blocks, judged = remit.cut_companions(kept_blocks, judged, out, paths)
    originals = dict(indexed)
    kept_blocks = remit.cut_continuations(kept_blocks, originals, out, paths)
    judged = remit.cut_continuations(judged, originals, out, paths)
    for setting in rulebook.tables(paths, "contents").values():
        kept_blocks, judged = contents.cut_contents(kept_blocks, judged, out, setting)
    spared = spare(judged, kept_blocks) if spare and judged else set()
    for n, (i, kept) in enumerate(judged):
        if n in spared:  # kept, and said: the model's call is there for the editor who reviews it
            kept_blocks.append((i, kept))
            rule, score = (textlines.RULE, furniture_lines[i]) if i in furniture_lines else (MODEL_RULE, model_drops[i])  # type: ignore[index]
            out.metadata.setdefault("spared", []).append({"rule": rule, "score": round(score, 4), "text": kept.text[:80]})
        elif i in furniture_lines:
            textlines.remove(i, kept, furniture_lines[i], out)
        else:
            out.removed.append(Removal(kept.text, MODEL_RULE, block=i, score=model_drops[i]))  # type: ignore[index]
    if spared:
        kept_blocks.sort(key=lambda t: t[0])
    if page_type != "forum":
        kept_blocks = cut_stranded_bodies(kept_blocks, len(blocks), rulebook.load(cfg, "comment"), out,
                                          paths)
    for setting in rulebook.tables(paths, "repeat").values():
        kept_blocks = drop_repeats(kept_blocks, setting, out)
    for setting in rulebook.tables(paths, "lead_in").values():
        kept_blocks = cut_furniture_leadins(kept_blocks, len(blocks), setting, out, paths)
    out.blocks = [b for _, b in kept_blocks]
    siterules.apply(blocks, cfg, site, out)
    out.removed.sort(key=lambda r: (r.block if r.block is not None else -1, r.start or 0))
    return out


def keep_template_facts(out: Cleaned, rules: list[rulebook.Rule]) -> None:
    """A template block that a metadata rule recognises (a site's disclaimer, its
    copyright line) still gives its facts to `metadata`; so do the blocks under a
    template section header such as "Disclaimer:"."""
    kind = None
    for r in out.removed:
        if r.reason != TEMPLATE_RULE:
            continue
        hit = next((rule for rule in rules if rule.get("metadata") and rule.pattern.search(r.text)), None)
        if hit is not None and hit.section == "section":
            kind = hit.get("metadata")  # the header itself is a label, not a fact
        elif hit is not None or kind:
            capture(out, hit.get("metadata") if hit is not None else kind, r.text)


def drop_title_repeat(blocks: list[tuple[int, Block]], title: str | None,
                      out: Cleaned) -> list[tuple[int, Block]]:
    """The title is the article's `title`; its copies in the body (the headline at the
    top, again in a gallery or share box) go."""
    if not title:
        return blocks
    key = fingerprint(title)
    kept = []
    for idx, b in blocks:
        if b.type in ("heading", "paragraph") and fingerprint(b.text) == key:
            out.removed.append(Removal(b.text, "furniture.title-repeat", block=idx))
        else:
            kept.append((idx, b))
    return kept
