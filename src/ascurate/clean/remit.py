"""A site speaking to its reader about its own pages: disclaimers by what they do.

A disclaimer names the publication itself ("this page", "unsere Texte", "les informations
de cette fiche", "la información de HealthPlus") and says what it is not or what the site
answers for: it stands in for no care, it is general, the site is not liable. Its
wordings vary from site to site, but the word classes of that act are few and closed in
each language, so the rule is built from them (`[[remit]]` tables in
rules/furniture.toml, one per language) rather than from any site's sentence:

  publication  a determiner pointing at the site's text (`deixis`: this, our, dieser,
               cette, nuestros) then within two words a `publication` noun; or a
               publication noun then `here`; or a publication noun `of` a capitalised name
  and one of   soon after it (`NEAR`), `substitution` (replace, ersetzen, se substituer);
               anywhere, `liability` (liable, Gewähr, responsable) just after a `negation`
               or a verb that denies it (`disclaim`: disclaims, décline, lehnt … ab; or
               just before such a verb: "Haftung … ausgeschlossen") ("the authors cannot be
               held responsible for … these pages", not "code is a liability, not an
               asset"); anywhere, the risk left to the reader (`own`: at your own risk,
               auf eigene Verantwortung, à vos risques et périls, bajo su propia
               responsabilidad); soon after it, a `negation` with an act of
               `care` (advice, Beratung,
               diagnostic; a person of care is no sign: "this information cannot tell you
               … show it to your GP" is the article's advice) or with `general` (general,
               educational, informatif); or, in a fragment of 12 words or fewer with any
               publication noun, `only` with `general` ("Contenido únicamente informativo")

A sentence that reads so is cut as `furniture.site-remit` (its text to
metadata.disclaimer), as any sentence rule's: a paragraph that is mostly such sentences
goes whole. A disclaimer box often ends with a line that sends the reader to a doctor or
the emergency services; alone, that line is the article's advice as often as not, so it
goes only as the disclaimer's companion: a paragraph of one sentence (25 words or fewer)
that addresses the reader (`reader`) and names a person of care or an emergency service
(`referral`), next to a block a disclaimer rule removed whole (`cut_companions`). Inside a
paragraph, the sentence right before or after a disclaimer sentence cut from it goes too when
it declines liability whatever it names, or is such a referral (`cut_continuations`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import rulebook
from ..model import Block, Removal
from .result import Cleaned
from .rules import capture, sentences, words

RULE = "furniture.site-remit"
SECTION = "remit"
COMPANION_WORDS = 25
FRAGMENT_WORDS = 12
NEAR = 120  # characters: the publication and what it is said not to be stand in one clause
_WHOLE = ("furniture.disclaimer", "furniture.disclaimer-intl", "section.disclaimer", RULE)


def _any(fragments: list[str]) -> str:
    return r"(?<!\w)(?:" + "|".join(fragments) + r")(?!\w)"


def _language(table: dict) -> tuple[str, str]:
    """(the sentence pattern's alternatives for one language, its referral pattern: a
    referral and a word addressing the reader, in either order)."""
    pub = _any(table["publication"])
    ref = (rf"(?:{_any(table['deixis'])}\s+(?:[\w’'-]+\s+){{0,2}}?{pub}|{pub}\s+{_any(table['here'])}"
           rf"|{pub}\s+{_any(table['of'])}\s+(?-i:[A-ZÀ-ÖØ-Þ])\w)")
    has = lambda key: rf"(?=.*?{_any(table[key])})"  # noqa: E731 - a lookahead for one class
    named = rf"(?=.*?{ref})"
    short = rf"(?=\W*(?:\S+\s+){{0,{FRAGMENT_WORDS - 1}}}\S+\s*$)"
    after = lambda key: rf"(?=.*?{ref}.{{0,{NEAR}}}?{_any(table[key])})"  # noqa: E731 - the class soon after the publication
    liable, disclaim = _any(table["liability"]), _any(table.get("disclaim") or ["(?!)"])
    denied = (rf"(?=.*?(?:{_any(table['negation'])}|{disclaim}).{{0,40}}?{liable}"
              rf"|.*?{liable}.{{0,40}}?{disclaim})")
    alts = [after("substitution"), named + denied, *([named + has("own")] if table.get("own") else []),
            after("negation") + rf"(?=.*?(?:{_any(table['care'])}|{_any(table['general'])}))",
            short + rf"(?=.*?{pub})" + has("only") + has("general")]
    referral, reader = _any(table["referral"]), _any(table["reader"])
    return "|".join(alts), rf"^(?=.*?{referral})(?=.*?{reader})"


def _denial(table: dict) -> str:
    """A sentence that declines liability whoever it names ("CareNotes makes no warranty
    that it is complete"): a negation or a declining verb just before a liability word, or
    such a verb just after it."""
    liable, disclaim = _any(table["liability"]), _any(table.get("disclaim") or ["(?!)"])
    return (rf"(?:{_any(table['negation'])}|{disclaim}).{{0,40}}?{liable}"
            rf"|{liable}.{{0,40}}?{disclaim}")


@lru_cache(maxsize=16)
def rules(paths: tuple[str, ...]) -> tuple[rulebook.Rule, ...]:
    """The site-remit sentence rule of these rule files (`rulebook.rule_paths(cfg)`): one
    rule over every language's `[[remit]]` table (cleaning runs before the language is
    known), each alternative within one language's classes; none without tables."""
    tables = rulebook.tables(paths, SECTION)
    if not tables:
        return ()
    parts = [_language(t)[0] for t in tables.values()]
    # every alternative names the publication: one scan for a publication noun first, so a
    # sentence with none (almost every sentence) is not scanned once per alternative
    publication = "|".join(_any(t["publication"]) for t in tables.values())
    try:
        pattern = re.compile(r"^(?=.*?(?:" + publication + r"))(?:" + "|".join(parts) + r")", re.I | re.S | re.U)
    except re.error as e:
        raise rulebook.RuleError(f"[[{SECTION}]] tables build no pattern: {e}") from e
    data = {"scope": "sentence", "max_words": 60, "metadata": "disclaimer"}
    return (rulebook.Rule(RULE, "furniture", pattern, data, "furniture.toml"),)


@lru_cache(maxsize=16)
def _referral(paths: tuple[str, ...]) -> re.Pattern[str] | None:
    tables = rulebook.tables(paths, SECTION)
    if not tables:
        return None
    return re.compile("|".join(_language(t)[1] for t in tables.values()), re.I | re.U | re.S)


@lru_cache(maxsize=16)
def _continuation(paths: tuple[str, ...]) -> re.Pattern[str] | None:
    tables = rulebook.tables(paths, SECTION)
    if not tables:
        return None
    return re.compile("|".join(f"(?:{_denial(t)})" for t in tables.values()), re.I | re.U | re.S)


def continues(sentence: str, paths: tuple[str, ...]) -> bool:
    """Whether a sentence reads as the rest of a disclaimer when it stands beside one in
    its paragraph: it declines liability (`_denial`, whatever it names), or it is one short
    sentence that sends the reader to a person of care or the emergency services."""
    pattern = _continuation(paths)
    if pattern is None or words(sentence) > COMPANION_WORDS:
        return False
    return pattern.search(sentence) is not None or companion(sentence, paths)


def cut_continuations(kept: list[tuple[int, Block]], originals: dict[int, Block], out: Cleaned,
                      paths: tuple[str, ...]) -> list[tuple[int, Block]]:
    """`kept` without the sentences that continue a disclaimer sentence cut from the same
    paragraph: a sentence right before or after the cut one (only white space between, in
    the paragraph as extracted; sentences so cut chain) that `continues` it. The rules cut
    "You use the information in these pages at your own risk." and leave "CareNotes makes no
    warranty that it is complete or current", which names no publication; beside the cut
    sentence it is the same act. Each goes as `furniture.site-remit` (its text to
    metadata.disclaimer); a paragraph left empty goes whole."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    for r in out.removed:
        if r.block is not None and r.start is not None and r.end is not None and r.reason in _WHOLE:
            cuts.setdefault(r.block, []).append((r.start, r.end))
    if not cuts:
        return kept
    result = []
    for i, block in kept:
        if i not in cuts or i not in originals:
            result.append((i, block))
            continue
        text = originals[i].text
        gone = sorted(cuts[i])
        pieces = []
        for s, e in sentences(text):
            part = text[s:e].strip()
            start = text.find(part, s) if part else -1
            if start >= 0 and not any(a <= start < b for a, b in gone):
                pieces.append((start, start + len(part), part))
        taken: list[tuple[int, int, str]] = []
        changed = True
        while changed:
            changed = False
            for start, end, part in pieces:
                if (start, end, part) in taken or not continues(part, paths):
                    continue
                if any((b <= start and not text[b:start].strip()) or (end <= a and not text[end:a].strip())
                       for a, b in gone):
                    taken.append((start, end, part))
                    gone.append((start, end))
                    changed = True
        if not taken:
            result.append((i, block))
            continue
        for start, end, part in sorted(taken):
            out.removed.append(Removal(part, RULE, block=i, start=start, end=end, detail="continues the disclaimer beside it"))
            capture(out, "disclaimer", part)
        rest = block.text
        for _, _, part in taken:
            rest = rest.replace(part, " ", 1)
        rest = " ".join(rest.split())
        if rest.strip(" .,;:-|"):
            result.append((i, Block(block.type, rest, block.level)))
    return result


def companion(text: str, paths: tuple[str, ...]) -> bool:
    """Whether a paragraph reads as a disclaimer box's last line: one short sentence that
    sends the reader to a person of care or the emergency services."""
    referral = _referral(paths)
    return (referral is not None and words(text) <= COMPANION_WORDS
            and len(sentences(text)) == 1 and referral.search(text) is not None)


def cut_companions(kept: list[tuple[int, Block]], judged: list[tuple[int, Block]], out: Cleaned,
                   paths: tuple[str, ...]) -> tuple[list[tuple[int, Block]], list[tuple[int, Block]]]:
    """`kept` and `judged` (blocks the rules left) without the paragraphs that are a
    removed disclaimer's companions (`companion`, next to a block a disclaimer rule removed
    whole, or to another companion), each removed as `furniture.site-remit`."""
    gone = {r.block for r in out.removed if r.block is not None and r.start is None and r.reason in _WHOLE}
    if not gone:
        return kept, judged
    taken: set[int] = set()
    candidates = sorted((i, b) for i, b in [*kept, *judged] if b.type == "paragraph")
    changed = True
    while changed:
        changed = False
        for i, b in candidates:
            if i not in taken and (i - 1 in gone or i + 1 in gone) and companion(b.text, paths):
                taken.add(i)
                gone.add(i)
                out.removed.append(Removal(b.text, RULE, block=i, detail="beside the site's disclaimer"))
                changed = True
    if not taken:
        return kept, judged
    return [t for t in kept if t[0] not in taken], [t for t in judged if t[0] not in taken]
