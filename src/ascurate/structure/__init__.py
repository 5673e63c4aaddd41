"""Structure: what a clean article is made of, for a content team and for search engines.

`annotate` is the one call the pipeline makes, after flags: it groups blocks into
sections labelled with their health aspect, finds what the article is about in the
shipped vocabulary, normalises review facts (and flags a stale review, as `info`),
measures reading facts, and writes schema.org JSON-LD. Its results go into
`article.extra` (top-level keys of the article JSON: sections, about, review, reading,
jsonld) and normalised dates and credentials into `article.metadata`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..config import Config
from ..model import Article, Block
from . import jsonld
from .about import about as find_about
from .aspects import is_health_content, label_sections, load_aspects, load_gate, schema_names
from .reading import reading_facts
from .review import RULE_ID as flag_rule
from .review import normalise_metadata, review_facts, stale_flag
from .sections import Section, split_sections
from .vocabulary import load_vocabulary

__all__ = ["annotate", "structure_blocks", "Section"]


def structure_blocks(title: str | None, blocks: list[Block], cfg: Config) -> tuple[list[Section], dict[str, Any]]:
    """Sections with their aspects, and what the text is about (the part that needs no metadata).
    Aspects only for health content (see [aspect_gate] in rules/aspects.toml)."""
    text = "\n".join(b.text for b in blocks)
    starts, pos = [], 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    sections = split_sections(blocks)
    vocab = load_vocabulary(cfg)
    ab = find_about(title, text, sections, starts, vocab)
    n_terms = sum(e["count"] for g in ("conditions", "symptoms", "drugs", "drug_classes", "tests", "treatments") for e in ab[g])
    if is_health_content(text, n_terms, load_gate(cfg)):
        label_sections(sections, load_aspects(cfg), drug_headings=_drug_headings(sections, vocab), title=title)
    return sections, ab


def annotate(art: Article, cfg: Config, today: date | None = None) -> None:
    """Add sections, about, review, reading and jsonld to the article (in place)."""
    rules = load_aspects(cfg)
    sections, ab = structure_blocks(art.title, art.blocks, cfg)
    facts = review_facts(art.metadata, cfg.stale_review_years, today)
    raw_reviewed = (art.metadata.get("dates_as_written") or {}).get("last_reviewed", art.metadata.get("last_reviewed"))
    flag = stale_flag(facts, raw_reviewed, art.text, cfg.stale_review_years)
    art.flags = [f for f in art.flags if f.rule != flag_rule]  # a second annotate replaces, not adds
    if flag:
        art.flags.append(flag)
    normalise_metadata(art.metadata, facts)
    reading = reading_facts(art.text, art.language)
    out_sections = []
    for s in sections:
        out_sections.append({
            "heading": s.heading, "level": s.level, "first_block": s.first_block, "end_block": s.end_block,
            "start": s.start, "end": s.end, "aspects": s.aspects, "health_aspects": schema_names(s.aspects, rules),
            "aspect_rules": s.aspect_rules, "aspect_source": s.aspect_source,
        })
    art.extra["sections"] = out_sections
    art.extra["about"] = ab
    art.extra["review"] = facts
    art.extra["reading"] = reading
    art.extra["jsonld"] = jsonld.build(art.title, art.language, art.source.get("url"), facts, ab, out_sections,
                                       reading, art.metadata.get("publisher"))


def _drug_headings(sections: list[Section], vocab: Any) -> set[int]:
    """Sections whose heading is essentially a medicine's name, e.g. 'Semaglutide (Wegovy, Ozempic)'."""
    out = set()
    for i, s in enumerate(sections):
        if not s.heading:
            continue
        ms = [m for m in vocab.find(s.heading) if m.term.type in ("drug", "drug_class")]
        rest = s.heading
        for m in ms:
            rest = rest.replace(m.text, " ")
        if ms and len("".join(ch for ch in rest if ch.isalnum())) <= 3:
            out.add(i)
    return out
