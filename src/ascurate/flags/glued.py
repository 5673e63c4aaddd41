"""`garbled_text`: scraping damage inside a sentence.

- Glued words: a token that is no word of the article's language but splits into two
  words of it ("theirdoctor", "biologicTreatment", "IhremArzt", "sanstraitement"), by
  word frequencies (`wordfreq`, the article's language and English); two content words
  only where the language writes such compounds open (French, Spanish; in English, those of
  a word of care: "kneepain", `care_compounds`). Names and
  identifiers are not damage: tokens with digits or hyphens (IL-17A, HbA1c), a brand
  or name that is itself a word ("YouTube"), acronyms ("macOS", "innerHTML"), a token
  that recurs in the article, identifiers (a left part like "get" or "use", a page or
  block that shows code: braced groups, "()", snake_case, dotted names), URLs and handles,
  filler Latin ("tempor", the placeholder flag's), a phrase of another language ("cura
  personalis"), a German particle verb written closed at its clause's end ("mitgeredet."). A
  hyphenated compound's first part is read too, for a function word glued to it
  ("unrendez-vous"). A word cut off ("headac") is the start of a common word of the
  language, or of a less common one where no word list holds the token at all ("radiograp").
- Doubled text: the same two to eight words twice in a row, as link or heading text
  pasted beside itself ("knee pain knee pain"), or an item pasted twice with the comma
  that closes it ("zum Arzt, zum Arzt, wenn …").
- Repaired mojibake: text that ingest decoded a second time (ftfy) gets an `info` flag
  on its first repaired word, so an editor can check the repair. Ingest repairs a page
  stored mis-decoded throughout only: a few mojibake words in a page decoded right were
  pasted from a broken source (`ingest.decode.pasted_mojibake`), and stay for the warning
  below. Mojibake in quotation marks is named, not left ("I saw "Ã¤" instead of "ä""). Mojibake still in the
  text (a block that came in as text, or that ingest could not repair: "Itâ€™s",
  "fiÃ¨vre") is damage: one warning an article, on its first such word, naming the
  words as ftfy would read them (a page saved so is one finding, not one per word). So is
  a stray lead byte that lost its continuation: "KäseÂ und", "matinÂ" (a no-break space
  read as windows-1252, then normalised to a space) puts a capital Â or Ã after a
  lower-case letter, which no orthography of the Latin languages does; and so is a
  replacement character ("jour�"): a byte that decoded to nothing.
- HTML left as text: a character reference ("&nbsp;", "&#8217;", "&amp;") in prose, where
  an export escaped the text twice; one warning an article, like mojibake. Not in code,
  nor on a page that shows code or a line that names markup (a page about HTML names them).
- Seams: a short line said twice ("Symptoms and signs Symptoms and signs"), a hyphenated
  word cut and spliced onto page text ("long-terRead more"), three letters cut off before a
  common capitalised word ("watPrivacy"); a glued token alone in quotation marks is named,
  not used ("« parcontre »").
Thresholds and word lists are data (`[[glue]]`, `[[threshold]]` in `rules/shapes.toml`).
"""

from __future__ import annotations

import dataclasses
import html
import html.entities
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import islice
from operator import eq
from typing import Any

import ftfy

from ..ingest.decode import looks_mojibake
from ..model import Block, Flag
from . import lexicon
from .filler import vocabulary as filler_vocabulary
from .view import ArticleView
from .wordtable import word_table

_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
_TOKEN = re.compile(rf"(?<![\w@#/.\\-])[{_LATIN}]{{5,40}}(?![\w@/\\-]|\.\w)")
# a token is a whole run of `[\w-]` (`view.RUN`) of Latin letters only, with none of these beside it
_LATIN_RUN = re.compile(rf"[{_LATIN}]{{5,40}}")
_TOKEN_BEFORE = frozenset("@#/.\\")
_TOKEN_AFTER = frozenset("@/\\")
_RUN_CHAR = re.compile(r"[\w-]")
_WORD_CHAR = re.compile(r"\w")
_CAMEL = re.compile(r"^([A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]+)([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*)$")
# (a braced group on one line counts once: a template's "{{ doctor_name }}" left in prose is one
# slot, the placeholder flag's, not a page of code; a brace alone, as code leaves it at a line's end, counts)
_CODE = re.compile(r"\{\{?[^{}\n]{0,80}\}\}?|[{}]|\w\(\)|\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z]+[A-Z(]|=>|::|\$[A-Za-z_]|\w=\w|;\s*$", re.M)
_WORD = re.compile(r"\w[\w'-]*")
_POSSESSIVE = re.compile(r"['’]s\b")
# a repeat across punctuation, a quotation mark, a dash or a table cell is speech or layout, not
# damage; a hyphen inside a word ("anti-inflammatory") is part of the word
_BREAK = re.compile(r"[^\w\s'’-]|\t|(?<!\w)-|-(?!\w)")
_MESSAGE = "A word seems glued to another word ({}): scraping damage?"
_CUT_MESSAGE = "A word seems cut off ({}): scraping or export damage?"
CUT_MAX_ZIPF = 2.0  # a cut-off word is no word of any of the languages, or a very rare one
CUT_WORD_ZIPF = 3.5  # the word it starts: a common word of the article's language
CUT_UNSEEN_WORD_ZIPF = 3.0  # or a less common one, when the cut-off word is in no word list at all
CUT_MISSING = 2  # letters at least that the cut took off
CUT_SCORE = 0.6
CUT_NEIGHBOUR_ZIPF = 3.0  # the words beside a cut-off word: common words of the article's language
FOREIGN_NEIGHBOUR_ZIPF = 4.0  # a word beside a glued token this common in another language, rare in the article's: a foreign phrase


def garbled_text(v: ArticleView) -> list[Flag]:
    limit = v.threshold("garbled_text")
    flags = glued_words(v, limit)
    flags += cut_endings(v)
    flags += doubled_text(v, _repeat_edges(v.files))
    flags += doubled_sentences(v)
    flags += mojibake(v)
    flags += html_entities(v)
    return flags


_LAST_WORD = re.compile(r"(?<=[\w,] )(\w+)$")
CUT_END_ZIPF = 3.0  # a paragraph's last word this common or more is a word, whatever words it starts
CUT_END_WORDS = 6  # words a paragraph needs to be a sentence that a cut can end (a list's item names a thing)
CUT_END_WHOLE_ZIPF = 3.5  # the word the cut one starts: a common word of the language
CUT_END_GAP = 1.5  # and more common than the cut one by this (a rare word is no cut of a rarer one: "kale", "cohort")


def cut_endings(v: ArticleView) -> list[Flag]:
    """A paragraph or a list item that stops in the middle of a word, with no full stop:
    its last word is no common word of the article's language (`CUT_END_ZIPF`) but the start
    of one (`CUT_END_WHOLE_ZIPF`), after a word of running text ("… at the same time every
    da", "… an Ihre Hausärz", "… con un vaso de ag"): the text was cut where an export, a
    field or a teaser ended. Three letters at least, or two after a function word (a unit
    after a number or a slash, "mg/dl", is no cut word); lower case, or a noun's capital
    where the language writes one; not a heading, nor a line of code."""
    settings = glue_settings(v.files, v.language or "en")
    if settings is None:
        return []
    language, text = v.language or "en", v.text
    flags = []
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text.rstrip()
        if not t[-1:].isalpha() or b.type not in ("paragraph", "list_item") or t.count(" ") < CUT_END_WORDS - 1:
            continue
        m = _LAST_WORD.search(t, max(0, len(t) - 60))
        if m is None:
            continue
        cut = m.group(1)
        low = cut.lower()
        if not (cut.islower() or (settings["capitalised_nouns"] and cut[:1].isupper() and cut[1:].islower())):
            continue
        before = t[:m.start()].rstrip(" ,").rsplit(" ", 1)[-1].lower()
        if len(low) < 2 or (len(low) == 2 and before not in settings["function_words"]):
            continue
        if zipf(low, language) >= CUT_END_ZIPF or zipf(before, language) < CUT_NEIGHBOUR_ZIPF:
            continue
        whole = _completion(low, language)
        if whole is None or zipf(whole, language) < zipf(low, language) + CUT_END_GAP or _CODE.search(t) or _shows_code(text):
            continue
        s = off + m.start(1)
        flags.append(Flag("garbled_text", s, s + len(cut), cut, "warning",
                          f"The paragraph stops in the middle of a word ({cut}…, {cut}{whole[len(low):]}?): cut off by an export or a copy?",
                          rule="glue.cut-ending", suggestion=f"{cut}…", score=CUT_SCORE))
    return flags


@cache
def _sorted_words(language: str) -> list[str]:
    """The language's words at Zipf `CUT_END_WHOLE_ZIPF` or more, sorted, for `_completion`."""
    floor = 10 ** (CUT_END_WHOLE_ZIPF - 9)
    return sorted(w for w, f in frequencies(language).items() if f >= floor and w.isalpha())


def _completion(low: str, language: str) -> str | None:
    """The commonest of the first words of the language (`_sorted_words`) that `low` starts and is
    not, or None."""
    words = _sorted_words(language)
    i = bisect_left(words, low)
    found = []
    for w in islice(words, i, i + 200):
        if not w.startswith(low):
            break
        if len(w) > len(low):
            found.append(w)
    return max(found, key=lambda w: zipf(w, language)) if found else None


_MOJIBAKE_TOKEN = re.compile(r"[^\s<>\"=]+")
_EDGES = ".,;:!?()[]'\"“”«»"
# a lead byte's reading (capital Â or Ã) glued to the end of a lower-case word, or standing alone:
# its continuation (a no-break space, "à"'s second byte) was lost or normalised to a space
_STRAY_LEAD = re.compile(r"(?<=[a-zß-öø-ÿ])[ÂÃ](?!\w)|(?<!\S)[ÂÃ](?!\S)")
_REPLACEMENT = "\ufffd"  # a byte that decoded to nothing: the character it stood for is lost


MOJIBAKE_GAP = 60  # characters between damaged words that one flag spans ("â€žGesund älter werdenâ€œ": a pair of quotes)


def mojibake(v: ArticleView) -> list[Flag]:
    """A warning on the first word of the article that still holds mojibake (UTF-8 read as
    windows-1252, which ftfy undoes), and the damaged words after it on its line up to
    `MOJIBAKE_GAP` characters apart (a pair of quotation marks and what they quote), with the
    damaged words as they should read."""
    found: list[tuple[int, str, str]] = []
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text
        if t.isascii() or not (looks_mojibake(t) or (("Â" in t or "Ã" in t) and _STRAY_LEAD.search(t))
                               or _REPLACEMENT in t):
            continue
        for m in _MOJIBAKE_TOKEN.finditer(t):
            tok = m.group().strip(_EDGES)
            if tok.isascii() or _quoted(t, m.start(), m.end()):
                continue
            if _REPLACEMENT in tok:
                fixed = "a character lost"
            elif looks_mojibake(tok):
                fixed = ftfy.fix_encoding(tok)
            elif _STRAY_LEAD.search(tok):
                fixed = _STRAY_LEAD.sub("", tok) or "a space"
            else:
                continue
            if fixed != tok:
                found.append((off + m.start() + m.group().index(tok), tok, fixed))
    if not found:
        return []
    s, tok, _ = found[0]
    e = s + len(tok)
    for s2, tok2, _ in found[1:]:  # the damaged words close after the first, on its line: one span
        if s2 - e > MOJIBAKE_GAP or "\n" in v.text[e:s2]:
            break
        e = s2 + len(tok2)
    shown = ", ".join(f"{w} ({f})" for _, w, f in found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    return [Flag("garbled_text", s, e, v.text[s:e], "warning",
                 f"Text with a broken encoding (mojibake): {shown}.", rule="glue.mojibake", score=1.0)]


_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENTITY_EDGES = ".,:!?()[]\"“”«»"  # (not ";": a reference ends with one)
_ENTITY_WORD = re.compile(r"\S*&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});\S*")


# a block that names markup speaks of its references ("In HTML, write &amp; to show an ampersand")
_MARKUP = re.compile(r"\b(?:x?html|xml|markup|entit(?:y|ies|ät|äten|é|és|dad|dades)|quelltext|escap(?:e[sd]?|ing))\b", re.I)


def html_entities(v: ArticleView) -> list[Flag]:
    """A warning on the first HTML character reference left as text in prose ("&nbsp;",
    "&#8217;", "&amp;": text escaped twice by an export), naming them as they should read.
    A block of code or a table, a block or page that shows code, is left alone: a page on
    HTML writes its references out."""
    text = v.text
    if "&" not in text or _ENTITY.search(text) is None:
        return []
    found: list[tuple[int, str, str]] = []
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text
        if "&" not in t or b.type in ("code", "table") or _ENTITY.search(t) is None or _CODE.search(t) or _MARKUP.search(t):
            continue
        for m in _ENTITY_WORD.finditer(t):
            refs = [r for r in _ENTITY.findall(m.group()) if r.startswith("&#") or r[1:] in html.entities.html5]
            if refs:
                found.append((off + m.start(), m.group().strip(_ENTITY_EDGES) or m.group(), html.unescape(m.group())))
    if not found or _shows_code(text):
        return []
    s, tok, _ = found[0]
    s = text.find(tok, s)
    shown = ", ".join(f"{w} ({f.strip()})" for _, w, f in found[:5]) + (
        f" and {len(found) - 5} more" if len(found) > 5 else "")
    return [Flag("garbled_text", s, s + len(tok), tok, "warning",
                 f"HTML code left in the text: {shown}.", rule="glue.html-entity", score=1.0)]


_OPENING = frozenset("\"“„«‘‚'")
_CLOSING = frozenset("\"”“»’‘'")


_QUOTE_SPACE = frozenset(" \u00a0\u202f")  # the space French sets inside its guillemets ("« parcontre »")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] stands alone in quotation marks: named, not used, as
    mojibake in a page on encodings ("I saw "Ã¤" instead of "ä"") or a misspelling in a
    lesson ("N'écrivez pas « parcontre »", "Do not write “infact”")."""
    word = text[start:end]
    if word[:1] in _OPENING:
        before = word[:1]
    else:
        b = start - 1 - (start > 1 and text[start - 1] in _QUOTE_SPACE)
        before = text[b:b + 1] if b >= 0 else ""
    if word[-1:] in _CLOSING and len(word) > 1:
        after = word[-1:]
    else:
        a = end + (text[end:end + 1] in _QUOTE_SPACE and text[end:end + 1] != "")
        after = text[a:a + 1]
    return before in _OPENING and bool(before) and after in _CLOSING and bool(after)


@cache
def _repeat_edges(files: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lexicon.tables(files, "glue").get("glue.settings", {}).get("repeat_edges", []))


def glued_words(v: ArticleView, limit: float) -> list[Flag]:
    """Glued words of an article. The text is tokenised once; a token that recurs, or that
    a word list knows, is no candidate (a dictionary look-up each, no more)."""
    files, language, text, blocks, offs = v.files, v.language or "en", v.text, v.blocks, v.offs
    settings = glue_settings(files, language)
    if settings is None:
        return []  # no word list for the language
    found: dict[str, tuple[float, str]] = {}
    seams: list[str] = []  # lower-case or case-change tokens with no split: maybe where a copy meets its text
    openers: set[str] = set()  # capitalised tokens read in lower case: glue only where a sentence opens
    titles: set[str] = set()  # of these, two content words closed up: glue only where a heading opens
    runs = v.runs
    filler = filler_vocabulary(files)[0]
    for tok in _unknown_runs(runs, _known(files, language)):
        if runs[tok] > 1 and _token_count(text, tok, runs[tok]) != 1:
            continue  # a token that recurs is no candidate
        if tok.lower() in filler:
            continue  # lorem ipsum's Latin ("tempor"): filler text, the placeholder flag's
        split = _split_cached(tok, language, files) or _truncated(tok, language, settings)
        if split is None and runs[tok] == 1 and (camel := _CAMEL.match(tok)):
            split = _apostrophe_splice(text, tok, camel.group(1), camel.group(2), language, settings)
        if split is None and tok[1:].islower() and tok[:1].isupper():
            split = _noun_glued(tok, language, files, settings)  # "Kopfschmerzenhäufig": a noun, then an adverb
            if split is None:
                split = _opening_split(tok, language, files, settings)  # "Causesand", "Wannzum": flagged only where a sentence opens
                if split is not None:
                    openers.add(tok)
                    if not any(p in settings["function_words"] for p in split[1].lower().split()):
                        titles.add(tok)  # two content words: in a heading only ("Lucíahace 3 días": a name run into a comment's time)
        # (a run that stands once is a token once or not at all: what stands beside it is
        # tested only where its split would flag it)
        if split and split[0] >= limit and (runs[tok] > 1 or _token_count(text, tok, 1) == 1):
            found[tok] = split
        elif split is None and (tok.islower() or _CAMEL.match(tok)) and runs[tok] == 1 and not any(
                zipf(tok.lower(), lang) >= settings["max_joined"] for lang in settings["languages"] | {language}):
            seams.append(tok)  # (a rare word of any of the languages is no seam; "plusEn": a copy opening on a capital)
    hyphenated = [run for run, n in runs.items() if n == 1 and "-" in run]  # (read once for both tests below)
    copies = [f for tok in seams for f in _glued_copy(text, tok)] + _glued_heads(v, settings, limit, hyphenated) + \
        _hyphen_splices(v, settings, hyphenated)
    copies += [f for f in _copies_at_digits(text) if not any(c.start < f.end and f.start < c.end for c in copies)]
    if not found:
        return copies
    flags: list[Flag] = copies
    for m in _TOKEN.finditer(text):
        split = found.get(m.group())
        if split is None:
            continue
        k = bisect_right(offs, m.start()) - 1
        b = blocks[k]
        if m.group() in openers and not _opens_title(b, m.start() - offs[k]) or m.group() in titles and b.type != "heading":
            continue  # a capital elsewhere: a name ("Canstar reports …", "vs. Showit"), not a heading's first word
        # the code tests cost more than the word look-ups: only for a candidate
        if b.type in ("code", "table") or _CODE.search(b.text) or _shows_code(text):
            continue
        if not m.group().islower() and _names_code(text[max(0, m.start() - 80):m.end() + 80], settings):
            continue  # "a field called glucoseValue": prose that names an identifier
        if _quoted(text, m.start(), m.end()):
            continue  # a word named, not used: a lesson's misspelling ("N'écrivez pas « parcontre »")
        if not m.group().islower() and _POSSESSIVE.match(text, m.end()) and "…" not in split[1]:
            continue  # "moveBuddha's expert team": a name styled so, that owns something (a cut word owns nothing: "wouWhat's new")
        cut = split[1].endswith("…")
        if cut and not _in_running_text(text, m.start(), m.end(), language):
            continue
        if not cut and (_in_foreign_phrase(text, m.start(), m.end(), language, settings)
                        or _particle_verb(split[1], text, m.end(), settings)):
            continue
        flags.append(Flag("garbled_text", m.start(), m.end(), m.group(), "warning",
                          (_CUT_MESSAGE if cut else _MESSAGE).format(split[1]),
                          rule="glue.cut-word" if cut else "glue.split-word", suggestion=split[1], score=round(split[0], 2)))
    return _fold_layout(flags)


_TITLE_OPENING = re.compile(r"[\"“„«‘(¿¡–—•*-]*[ \t]*$")


def _opening_split(tok: str, language: str, files: tuple[str, ...], settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "Word word") for a capitalised token no word list holds that, read in lower
    case, is a word glued to a function word ("Causesand", "Wannzum", "Quandconsulter"): a
    heading's first word takes its capital from where it stands, so its glue is read as
    a lower-case token's, but only with a function word in it (two content words closed up
    under a capital are a name as often: "Medscape")."""
    split = _split_cached(tok.lower(), language, files) or _plain_pair(tok.lower(), language, files)
    if split is None or " " not in split[1]:
        return None
    if not any(part in settings["pair_words"] or part in settings["function_words"] for part in split[1].split()) and not (
            (settings["open_compounds"] or settings["care"] is not None) and split[1].count(" ") == 1):
        return None  # (where compounds are written open, two content words closed up are glue under a heading's capital too)
    return (split[0], tok[0] + split[1][1:])


@lru_cache(maxsize=100_000)
def _plain_pair(low: str, language: str, files: tuple[str, ...]) -> tuple[float, str] | None:
    """(score, "word word") for two content words of any subject closed up, each of four letters
    or more and at Zipf `min_plain_pair`, in a token no list holds, where the language writes its
    compounds of care open (`care_compounds`): read for a heading's first word only
    ("Warningsigns", "Homeremedies"); in prose such a token is a coinage as often ("screenshare",
    "worktrees", "groundrules": 15 of them on the 881 published articles)."""
    settings = glue_settings(files, language)
    if settings is None or settings["care"] is None or settings["open_compounds"] or len(low) < 8:
        return None
    if any(zipf(low, lang) > 0 for lang in settings["languages"] | {language}):
        return None  # (a token a list holds, however rarely, is a name as often: "Channellock")
    floor, best = settings["min_plain_pair"], None
    for i in range(4, len(low) - 3):
        a, b = low[:i], low[i:]
        if a in settings["heads"] or b in settings["tails"]:
            continue
        z = min(zipf(a, language), zipf(b, language))
        if z >= floor and (best is None or z > best[0]):
            best = (z, f"{a} {b}")
    return (min(1.0, 0.3 + (best[0] - 2) / 5), best[1]) if best else None


NOUN_GLUED_FUNCTION = 4  # letters the function word after a noun needs ("häufig", "täglich"; not "-den", "-ein" of a compound)


def _noun_glued(tok: str, language: str, files: tuple[str, ...], settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "Noun word") for a capitalised token no word list holds, in a language that
    writes its nouns with a capital, that reads as a noun with an adverb or another function
    word glued to its end ("Kopfschmerzenhäufig", "Blutdruckregelmäßig"): a compound noun ends
    on a noun, never on a function word, so there is no name to mistake wherever it stands."""
    if not settings["capitalised_nouns"]:
        return None
    split = _split_cached(tok.lower(), language, files)
    if split is None or " " not in split[1]:
        return None
    parts = split[1].split(" ")
    if len(parts) != 2 or parts[1] not in settings["pair_words"] or len(parts[1]) < NOUN_GLUED_FUNCTION \
            or parts[0] in settings["pair_words"]:
        return None
    return (split[0], tok[0] + split[1][1:])


def _opens_title(b: Block, start: int) -> bool:
    """Whether the word at `start` opens a heading or a label: the first word of a block of at
    most `TITLE_CHARS` characters, a heading or a line that does not end as a sentence does. A brand opens
    sentences of prose ("Canstar reports …") and stands after a colon ("Special features:
    Evenstream Showerhead"); a heading's glued first word stands where its capital comes from
    nothing but the heading's start."""
    block = b.text
    return (_TITLE_OPENING.fullmatch(block, 0, start) is not None and len(block) <= TITLE_CHARS
            and (b.type == "heading" or block.rstrip().rstrip("\"”’)")[-1:] not in ".!"))


def _glued_heads(v: ArticleView, settings: dict[str, Any], limit: float, hyphenated: list[str]) -> list[Flag]:
    """A function word glued to a hyphenated compound ("unrendez-vous", "theanti-inflammatory"):
    the compound's first part, standing once, is no word but a function word and a word
    (the function word on the left: the part's right side belongs to the compound)."""
    files, language, text = v.files, v.language or "en", v.text
    known, fw = _known(files, language), settings["function_words"]
    flags = []
    for run in hyphenated:
        head = run.split("-", 1)[0]
        if not (5 <= len(head) <= 40 and head.islower() and _LATIN_RUN.fullmatch(head)) or head in known:
            continue
        split = _split_cached(head, language, files)
        if split is None or split[0] < limit or split[1].split(" ", 1)[0] not in fw:
            continue
        at = text.find(run)
        while at > 0 and (_RUN_CHAR.match(text, at - 1) or text[at - 1] in _TOKEN_BEFORE):
            at = text.find(run, at + 1)  # (a run stands whole once: other places are inside longer ones)
        if at < 0:
            continue
        b = v.blocks[bisect_right(v.offs, at) - 1]
        if b.type in ("code", "table") or _CODE.search(b.text) or _shows_code(text):
            continue
        flags.append(Flag("garbled_text", at, at + len(head), head, "warning", _MESSAGE.format(split[1]),
                          rule="glue.split-word", suggestion=split[1], score=round(split[0], 2)))
    return flags


_HYPHEN_SPLICE = re.compile(r"-([a-zß-öø-ÿ]{2,})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)$")


def _hyphen_splices(v: ArticleView, settings: dict[str, Any], hyphenated: list[str]) -> list[Flag]:
    """A hyphenated word cut in its last part and another text spliced on, the capital
    showing the seam ("long-terRead more", "anti-inflammaPartager", "après-midSe connecter"):
    the last part opens in lower case and runs into a capitalised common word of the language
    (`SPLICE_WORD_ZIPF`). A hyphenated brand or name writes its parts whole ("Sanofi-Aventis",
    "TK-Coach") or opens a part on a prefix or a letter ("Apple-iPhone", "Bayer-myCare")."""
    language, text = v.language or "en", v.text
    flags = []
    for run in hyphenated:
        if run.islower() or run[-1:].isupper():
            continue  # (no capital after the last hyphen's lower-case letters: most hyphenated words)
        m = _HYPHEN_SPLICE.search(run)
        if m is None:
            continue
        left, right = m.groups()
        if left in settings["heads"] or left in settings["identifiers"] or zipf(right.lower(), language) < SPLICE_WORD_ZIPF:
            continue
        at = text.find(run)
        while at > 0 and (_RUN_CHAR.match(text, at - 1) or text[at - 1] in _TOKEN_BEFORE):
            at = text.find(run, at + 1)
        if at < 0 or _RUN_CHAR.match(text, at + len(run)) or text[at + len(run):at + len(run) + 1] in _TOKEN_AFTER:
            continue
        b = v.blocks[bisect_right(v.offs, at) - 1]
        if b.type in ("code", "table") or _CODE.search(b.text) or _shows_code(text) or _names_code(
                text[max(0, at - 80):at + len(run) + 80], settings):
            continue
        shown = f"{run[:m.start(2)]}… {right}"
        flags.append(Flag("garbled_text", at, at + len(run), run, "warning", _CUT_MESSAGE.format(shown),
                          rule="glue.cut-word", suggestion=shown, score=CUT_SCORE))
    return flags


_WORDS_BEFORE = re.compile(r"((?:\w+ ){1,5})$")
_WORDS_AFTER = re.compile(r"( \w+){1,5}")


def _glued_copy(text: str, tok: str) -> list[Flag]:
    """A flag when `tok`, an unknown token that stands once, is where a run of words meets its
    own copy, the last word of the first glued to the first of the second: "asthma
    triggersasthma triggers", "vaccinesvaccines", "En savoir plusEn savoir plus" (a link's text
    pasted beside itself with no space between). The words before the token, and it, then read
    again after it, in any case."""
    start = text.find(tok)
    while start >= 0 and (start and _RUN_CHAR.match(text, start - 1) or _RUN_CHAR.match(text, start + len(tok))):
        start = text.find(tok, start + 1)
    if start < 0:
        return []
    end = start + len(tok)
    tok = tok.lower()
    before = _WORDS_BEFORE.search(text, max(0, start - 120), start)
    after = _WORDS_AFTER.match(text, end, end + 120)
    prev = before.group(1).lower().split() if before else []
    nxt = after.group().lower().split() if after else []
    for k in range(1, min(len(prev), len(nxt)) + 2):  # k: the words in each copy
        head, mid = (prev[len(prev) - k + 1:] if k > 1 else []), nxt[:k - 1]
        first = head[:1] if k > 1 else []
        last = nxt[k - 2:k - 1] if k > 1 else []
        if k == 1:
            half = len(tok) // 2
            if len(tok) % 2 or tok[:half] != tok[half:] or half < 4:
                continue
        elif not (first and last and tok == last[0] + first[0] and head[1:] == mid[:-1]):
            continue
        s = start - len(" ".join(head)) - (1 if head else 0)
        e = end + len(" ".join(mid)) + (1 if mid else 0)
        return [Flag("garbled_text", s, e, text[s:e], "warning",
                     "The same words appear twice in a row, glued where they meet (doubled link or heading text).",
                     rule="shape.doubled-text", score=0.8)]
    return []


_DIGIT_SEAM = re.compile(r"[0-9](?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
COPY_MAX = 80  # characters of a run of words glued to its own copy
_COPY_END = re.compile(r"(?=\W|$)")


def _copies_at_digits(text: str) -> list[Flag]:
    """A run of two words or more that ends on a number, glued to its own copy ("Le diabète de
    type 2Le diabète de type 2", "COVID-19 in 2021COVID-19 in 2021": a link's text pasted
    beside itself), where no token marks the seam: the text after a digit and a capital reads
    the same as the text before it."""
    flags = []
    for m in _DIGIT_SEAM.finditer(text):
        j = m.end()
        for e in _COPY_END.finditer(text, j + 1, min(len(text), j + COPY_MAX) + 1):
            n = e.start() - j
            if n > j or text[j - n:j] != text[j:e.start()]:
                continue
            if " " not in text[j:e.start()] or (j - n and text[j - n - 1].isalnum()):
                continue
            flags.append(Flag("garbled_text", j - n, e.start(), text[j - n:e.start()], "warning",
                              "The same words appear twice in a row, glued where they meet (doubled link or heading text).",
                              rule="shape.doubled-text", score=0.8))
            break
    return flags


def _truncated(tok: str, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "word…") when `tok` is no word but the start of a common one of the article's
    language ("headac", "radiograp", "antiinflamato"): a word cut where a line, a field or
    an export ended. Lower case only (a capitalised start is a name or an abbreviation),
    but for a language that capitalises its nouns."""
    if not (tok.islower() or (settings["capitalised_nouns"] and tok[:1].isupper() and tok[1:].islower())):
        return None
    low = tok.lower()
    word = _word_starts(language).get(low)
    if word is None:
        return None  # (most unknown tokens: the dictionary look-up first)
    z = max(zipf(low, language), *(zipf(low, lang) for lang in settings["languages"]))
    if z >= CUT_MAX_ZIPF or (word < CUT_WORD_ZIPF and z > 0):
        return None  # a rare word of some language, or the start of a less common word that is one
    return (CUT_SCORE, f"{tok}…")


_NEXT_WORD = re.compile(r"[ \t]+(\w+)|[ \t]*(\.\.\.|…)")
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")


def _in_running_text(text: str, start: int, end: int, language: str) -> bool:
    """Whether a cut-off word stands in running text of the article's language: the words
    either side of it (those there are) are common words of it, and no ellipsis follows (a
    teaser cut on purpose: "our long-life drink concep ..."; placeholder Latin, "ad minim
    veniam", has no common word after)."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(2):
        return False
    if nxt and zipf(nxt.group(1).lower(), language) < CUT_NEIGHBOUR_ZIPF:
        return False
    prev = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return prev is None or zipf(prev.group(1).lower(), language) >= CUT_NEIGHBOUR_ZIPF


def _in_foreign_phrase(text: str, start: int, end: int, language: str, settings: dict[str, Any]) -> bool:
    """Whether a token stands in a phrase of another language ("cura personalis", "in vino
    veritas"): a lower-case word beside it is rare in the article's language but common in
    another of the word lists'. The split reads the token by the wrong language's words."""
    nxt = _NEXT_WORD.match(text, end)
    prev = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    for w in (prev and prev.group(1), nxt and nxt.group(1)):
        if w and w.islower() and zipf(w, language) < CUT_NEIGHBOUR_ZIPF and any(
                zipf(w, lang) >= FOREIGN_NEIGHBOUR_ZIPF for lang in settings["languages"] - {language}):
            return True
    return False


_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\]»“”\"]|\n|$)")


def _particle_verb(shown: str, text: str, end: int, settings: dict[str, Any]) -> bool:
    """Whether a split "particle word" that ends its clause is a particle verb written closed,
    as a verb-final language writes it ("Personen haben mitgeredet.", "um anzurufen,"): a
    preposition glued to a lower-case word would still need its noun after it."""
    a, _, b = shown.partition(" ")
    return a in settings["particles"] and b.islower() and _CLAUSE_END.match(text, end) is not None


def preload(language: str) -> None:
    """Read a language's word table and the starts of its words before any article needs them."""
    frequencies(language)
    _word_starts(language)
    _sorted_words(language)
    _short_starts(language)


@cache
def _word_starts(language: str) -> dict[str, float]:
    """The starts (five letters or more, `CUT_MISSING` letters short of the end at least) of
    the language's words at Zipf `CUT_UNSEEN_WORD_ZIPF` or more, each with the Zipf of the
    commonest word it starts."""
    floor = 10 ** (CUT_UNSEEN_WORD_ZIPF - 9)
    starts: dict[str, float] = {}
    for w, f in frequencies(language).items():
        if f < floor or not w.isalpha():
            continue
        z = math.log10(f) + 9
        for i in range(5, len(w) - CUT_MISSING + 1):
            if starts.get(w[:i], 0.0) < z:
                starts[w[:i]] = z
    return starts


def _unknown_runs(runs: Counter[str], known: frozenset[str]) -> list[str]:
    """The runs that can be glue's tokens (`_TOKEN`) and that `known` holds in no case. A token
    is a whole run of word characters and hyphens (the view's `runs`, counted once an
    article) of 5-40 Latin letters with no address, path or file name around it, so the
    runs are read in place of the text: the known words go in one set difference, and what
    stands beside a run (`_token_count`) is tested only for the few left."""
    return [run for run in set(runs).difference(known)
            if 5 <= len(run) <= 40 and run.lower() not in known and _LATIN_RUN.fullmatch(run)]


def _token_count(text: str, run: str, n: int) -> int:
    """How many of the `n` places where `run` stands whole (no word character or hyphen
    either side) `_TOKEN` matches at (nothing of `_TOKEN_BEFORE` before it, nothing of
    `_TOKEN_AFTER` nor a dot and a word character after it); counted up to 2."""
    count, at = 0, text.find(run)
    while at >= 0 and n and count < 2:
        end = at + len(run)
        if not (at and _RUN_CHAR.match(text, at - 1) or _RUN_CHAR.match(text, end)):
            n -= 1
            after = text[end:end + 1]
            if not (at and text[at - 1] in _TOKEN_BEFORE or after in _TOKEN_AFTER
                    or after == "." and _WORD_CHAR.match(text, end + 1)):
                count += 1
        # (no whole place of the run starts inside this one: its character before would be the run's)
        at = text.find(run, end)
    return count


def _fold_layout(flags: list[Flag]) -> list[Flag]:
    """Case-change joins that share their right part ("storageView", "camerasView") or
    repeat their left ("keywordKeyword") are one fault where page elements met (a card's
    button, a heading run into its paragraph), not a typo each: one flag, on the first,
    naming them all."""
    def layout(f: Flag) -> bool:
        m = _CAMEL.match(f.quote)
        if not m:
            return False
        right = m.group(2).lower()
        return m.group(1).lower() == right or sum(
            (g := _CAMEL.match(x.quote)) is not None and g.group(2).lower() == right for x in flags) > 1
    joins = [f for f in flags if layout(f)]
    if len(joins) < 2:
        return flags
    shown = ", ".join(f.quote for f in joins[:6]) + (f" and {len(joins) - 6} more" if len(joins) > 6 else "")
    first = joins[0]
    folded = Flag("garbled_text", first.start, first.end, first.quote, "warning",
                  f"Words glued where page elements meet, {len(joins)} times ({shown}): scraping damage?",
                  rule="glue.layout-join", suggestion=first.suggestion, score=first.score)
    return sorted([f for f in flags if f not in joins] + [folded], key=lambda f: f.start)


def _names_code(around: str, settings: dict[str, Any]) -> bool:
    """Whether the words around a token speak of code (field, variable, method, ...)."""
    return not settings["code_words"].isdisjoint(w.lower() for w in _WORD.findall(around))


@lru_cache(maxsize=64)
def _shows_code(text: str) -> bool:
    return len(_CODE.findall(text)) >= 3


@lru_cache(maxsize=100_000)
def _split_cached(tok: str, language: str, files: tuple[str, ...]) -> tuple[float, str] | None:
    settings = glue_settings(files, language)
    return split_score(tok, language, settings) if settings else None


def split_score(tok: str, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "word word") when `tok` is no word but two glued ones, else None."""
    camel = _CAMEL.match(tok)
    if not camel and not tok.islower():
        return None  # a capitalised name, an acronym, "iPhone", "McDonald", "macOS"
    low = tok.lower()
    z = max(zipf(low, language), *(zipf(low, lang) for lang in settings["languages"]))
    if z >= settings["max_joined_pair"]:
        return None  # a word, a name or a brand one of the languages knows
    # the web's own glue ("inthe", "surla") is frequent enough to look like a word: a token
    # between the two floors is damage only as two function words
    typo_pair = z >= settings["max_joined"]
    if camel and typo_pair:
        return None
    if camel:
        left, right = camel.groups()
        if left.lower() in settings["identifiers"] or len(left) < 2:
            return None
        if len(right) == 1 and left[0].islower():  # "interleukinA": a word glued to a letter (a link, a footnote, a label)
            z = zipf(left.lower(), language) or zipf(left.lower(), "en")
            return (0.6 + min(z, 4) / 10, f"{left} {right}") if len(left) >= 6 and z >= 1.5 else None
        head = left.lower() in settings["function_words"]
        if head and not settings["capitalised_nouns"]:
            return None  # "theScore", "inReach", "YourName": a name styled so, where nouns take no capital
        if left[0].isupper() and (len(left) < 4 or not head):
            return None  # "SportsBusiness", "TheStreet": a brand, unless its head is "Ihrem"
        score = _pair_score(left.lower(), right.lower(), language, settings, camel=True)
        if score is None and left.islower() and z == 0.0 and (splice := _spliced(left, right, language, settings)):
            return splice
        if score is None and left.islower() and z == 0.0:  # "immermitWasser": a glued pair, then a case change
            inner = split_score(left, language, settings)
            seam = inner and _pair_score(inner[1].rsplit(" ", 1)[-1], right.lower(), language, settings, camel=True)
            return (min(inner[0], seam + 0.1, 1.0), f"{inner[1]} {right}") if inner and seam is not None else None
        return (min(1.0, score + 0.1), f"{left} {right}") if score is not None else None
    best = None
    pair = settings["pair_words"]
    for i in range(1, len(low) - 1):  # a one-letter part only as a function word ("àvotre")
        if typo_pair and not (low[:i] in pair and low[i:] in pair):
            continue
        a, b = low[:i], low[i:]
        score = _pair_score(a, b, language, settings, camel=False, seen=z)
        shown = f"{a} {b}"
        if score is None and (word := _elided(b, settings)) is not None:  # "beaucoupdeau": "beaucoup d'eau"
            score = _elision_score(a, word, language, settings)
            shown = f"{a} {b[:-len(word)]}'{word}"
        elif score is None and a in settings["elisions"] and _elided(low, settings) == b:  # "lhôpital": "l'hôpital"
            score = _elision_score("", b, language, settings)
            shown = f"{a}'{b}"
        if score is not None and (best is None or score > best[0]):
            best = (score, shown)
    if best is None and (low[-1] in settings["right_letters"] or low[-1] in settings["right_articles"]):
        best = _letter_glued(low, z, language, settings)
    if best is None and z == 0.0 and len(low) >= THREE_MIN:
        return _three_words(low, language, settings)
    return best


def _letter_glued(low: str, z: float, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "word y") when a word of the language has a one-letter function word glued to
    its end ("witha", "síntomasy", "fièvreà"): the letters that end no word of the language
    (`right_letters`: Spanish "y", French "à") after a word of four letters or more, and an
    article (`right_articles`: English "a") after a function word only, in a token rarer than
    the web's own typos of two function words."""
    a = low[:-1]
    if len(a) < 4 or z >= settings["max_joined_pair"] or a in settings["heads"]:
        return None
    if low[-1] not in settings["right_letters"] and a not in settings["pair_words"]:
        return None  # an article after a content word: the ending of a loan or a name ("arabica", "Edwina")
    za = zipf(a, language)
    return (min(1.0, 0.3 + (za - 2) / 5), f"{a} {low[-1]}") if za >= settings["min_part"] else None


THREE_MIN = 9  # letters a token needs to be read as three glued words
SPLICE_WORD_ZIPF = 3.5  # a sentence's last word glued to the next one's capital: a common word of the language
SPLICE_MIN = 4  # letters each side of such a seam
CUT_SHORT = 3  # letters at least of a word cut off before a capital ("eacAccept": "each" cut, "Accept …" spliced on)
# three letters cut off before a capitalised word this common ("watPrivacy policy", "hocDatenschutz"): the three
# letters are a rare word of some list ("wat", "hoc", "rod"), so they need only be no common word of the article's language
CUT_SHORT_RIGHT_ZIPF = 4.0


_APOSTROPHE = frozenset("'’")
_AFTER_APOSTROPHE = re.compile(r"[a-zß-öø-ÿ]+")
SPLICE_ELIDED_ZIPF = 3.0  # the word after an elided one-letter word ("S’abonner"), or a contraction ("We’re"): this common


def _apostrophe_splice(text: str, tok: str, left: str, right: str, language: str,
                       settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "left… Right’s") when a word cut off runs into a capitalised word that an
    apostrophe continues: a link or a button spliced on where the text was cut
    ("jamS’abonner", "twenWe’re hiring", "GelenGeht’s weiter", "wouWhat's new"). The left part is
    no word of the article's language but the start of a common one (with its capital where
    nouns take one); the right one and what follows its apostrophe a contraction of the language
    ("we’re", "geht’s") or an elided letter and a common word ("s’abonner"). A name with an
    apostrophe ("McDonald's", "O'Neill") opens on no cut word."""
    at = text.find(tok)
    end = at + len(tok)
    if at < 0 or text[end:end + 1] not in _APOSTROPHE or len(left) < CUT_SHORT:
        return None
    if not (left.islower() or settings["capitalised_nouns"] and left[1:].islower()):
        return None
    after = _AFTER_APOSTROPHE.match(text, end + 1)
    low = left.lower()
    if after is None or zipf(low, language) >= CUT_MAX_ZIPF or low in settings["heads"]:
        return None
    if not (low in _short_starts(language) if len(low) < 5 else low in _word_starts(language)):
        return None  # (the start of a word at Zipf 3 or more: the capital and the apostrophe show the seam)
    rest = after.group()
    word = f"{right.lower()}'{rest}"
    if zipf(word, language) < SPLICE_ELIDED_ZIPF and not (len(right) == 1 and zipf(rest, language) >= SPLICE_ELIDED_ZIPF):
        return None
    return (0.65, f"{left}… {right}’{rest}")


def _spliced(left: str, right: str, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "left| Right") when a lower-case word runs into a capitalised one where a
    sentence or a block was cut and another one spliced on, the space and the full stop
    lost: the left part a common word of the language (a sentence's last word) and the
    right one a word of four letters or more of any frequency, a name or a term the lists
    do not hold ("daysOrthovisc", "täglichHeilpraktikerverband"); or the left part no word
    but the start of a common one, cut off, and the right part a common word ("eacAccept",
    "séchAccepter"). A brand styled in lower camel case opens on a prefix or a short word
    ("bioMérieux", "mySugr", "iPhone"), an identifier on its own heads ("getValue")."""
    low, rlow = left.lower(), right.lower()
    if len(right) < SPLICE_MIN or low in settings["heads"]:
        return None
    zr = zipf(rlow, language)
    if len(left) >= SPLICE_MIN and zipf(low, language) >= SPLICE_WORD_ZIPF:
        return (0.7, f"{left}. {right}")
    if len(left) >= CUT_SHORT and zr >= SPLICE_WORD_ZIPF and not any(
            zipf(low, lang) >= CUT_MAX_ZIPF for lang in settings["languages"] | {language}) and _starts_word(low, language):
        return (0.65, f"{left}… {right}")
    if len(left) == CUT_SHORT and left.islower() and zr >= CUT_SHORT_RIGHT_ZIPF and zipf(low, language) < CUT_SHORT_RIGHT_ZIPF \
            and low in _short_starts(language):
        return (0.65, f"{left}… {right}")  # "watPrivacy", "rodLeer": three letters are a word somewhere, not a common one here
    return None


@cache
def _short_starts(language: str) -> frozenset[str]:
    """The starts of `CUT_SHORT` and four letters of the language's words at Zipf
    `CUT_WORD_ZIPF` or more, `CUT_MISSING` letters short of their end at least."""
    floor = 10 ** (CUT_WORD_ZIPF - 9)
    return frozenset(w[:i] for w, f in frequencies(language).items() if f >= floor and w.isalpha()
                     for i in range(CUT_SHORT, min(5, len(w) - CUT_MISSING + 1)))


def _starts_word(low: str, language: str) -> bool:
    """Whether `low` is the start of a common word of the language, cut `CUT_MISSING` letters or more short."""
    return low in _short_starts(language) if len(low) < 5 else _word_starts(language).get(low, 0.0) >= CUT_WORD_ZIPF


def _three_words(low: str, language: str, settings: dict[str, Any]) -> tuple[float, str] | None:
    """(score, "word word word") when a lower-case token no word list holds is three words
    glued ("feelbetterafter", "doitresterallongé", "tardaunosdías"): each a word (as a pair's
    parts are), one a function word, or, where the language writes compounds open, each a
    common word of four letters or more; one at most of three letters or fewer (two short words
    are read out of many a long one: "te le consulta"); the first no prefix ("abzu…"), the last
    no suffix."""
    fw, heads, tails = settings["function_words"], settings["heads"], settings["tails"]
    open_pair = settings["open_compounds"]
    n, best = len(low), None

    def word(part: str) -> float | None:
        z = zipf(part, language)
        if len(part) == 1 or z < (settings["min_short_part"] if len(part) <= 3 else settings["min_part"]):
            return None
        return z
    for i in range(2, n - 3):
        a = low[:i]
        if a in heads or a in settings["particles"] or (za := word(a)) is None:
            continue
        for j in range(i + 2, n - 1):
            b, c = low[i:j], low[j:]
            if c in tails or (zb := word(b)) is None or (zc := word(c)) is None:
                continue
            if sum(len(x) <= 3 for x in (a, b, c)) > 1:
                continue  # two short words run together in a longer one ("te le consulta" in "teleconsulta")
            low_z = min(za, zb, zc)
            if not (a in fw or b in fw or c in fw) and not (
                    open_pair and min(len(a), len(b), len(c)) >= 4 and low_z >= settings["min_open_pair"]):
                continue
            score = min(1.0, 0.3 + (low_z - 2) / 5)
            if best is None or score > best[0]:
                best = (score, f"{a} {b} {c}")
    return best


_VOWEL_OR_H = frozenset("aeiouyhàâäéèêëîïôöûüœ")


def _elision_score(a: str, word: str, language: str, settings: dict[str, Any]) -> float | None:
    """`_pair_score` for a word that an elided function word stood before: the function word is
    there, so `a` (the word before it, if any) and `word` need only be words, of any length
    (the seam, a consonant then a vowel, is rarer than a split's), `a` no prefix."""
    za = zipf(a, language) if a else 9.0
    zw = zipf(word, language)
    if min(za, zw) < settings["min_part"] or a in settings["heads"]:
        return None
    return min(1.0, 0.3 + (min(za, zw) - 2) / 5)


def _elided(part: str, settings: dict[str, Any]) -> str | None:
    """The word in `part` after an elided function word that lost its apostrophe ("deau":
    d'eau, "lhôpital": l'hôpital), where the language elides (`elisions`) before a vowel or h."""
    for e in settings["elisions"]:
        rest = part[len(e):]
        if part.startswith(e) and len(rest) >= 3 and rest[0] in _VOWEL_OR_H:
            return rest
    return None


def _pair_score(a: str, b: str, language: str, settings: dict[str, Any], camel: bool, seen: float = 9.0) -> float | None:
    """How surely `a` + `b` are two words glued: both words, one a function word (for a
    lower-case token; a case change is evidence enough, and so is a word of care in a token
    no word list holds, where the language writes compounds of care open: `care_compounds`,
    or in one the lists hold as rarely as the web's typos, both words very common:
    "bloodpressure", `min_seen_care_pair`),
    no prefix or suffix."""
    fw = settings["function_words"]
    if (len(a) == 1 and a not in fw) or (len(b) == 1 and b not in fw):
        return None
    za, zb = zipf(a, language), zipf(b, language)
    for part, z in ((a, za), (b, zb)):
        if z < (settings["min_short_part"] if len(part) <= 3 else settings["min_camel_part" if camel else "min_part"]):
            return None
    if not camel and ((a in settings["heads"] and b not in fw) or (b in settings["tails"] and a not in fw)):
        return None  # a prefix or a suffix, unless the other part is a function word ("nachder", "sobrela")
    care = settings["care"]
    floor = settings["min_open_pair_unseen"] if seen == 0.0 and settings["open_compounds"] else settings["min_open_pair"]
    if not camel and a not in fw and b not in fw and not (
            min(len(a), len(b)) >= 4 and min(za, zb) >= floor
            and (settings["open_compounds"] or care is not None and (care.match(a) or care.match(b)) and (
                seen == 0.0 or min(za, zb) >= settings["min_seen_care_pair"]))):
        return None  # two content words glued are a compound as often as damage, where compounds are written closed
    return min(1.0, 0.3 + (min(za, zb) - 2) / 5)


_REPEAT_SIZES = (2, 3, 4, 5, 6, 7, 8)  # words in a run that `_repeat_at` reads as repeated right after itself
_SAME_RUN = {n: b"\x01" * n for n in _REPEAT_SIZES}  # n words in a row equal to the word n on (`eq` as bytes)


def repeats_a_run(words: list[str]) -> bool:
    """Whether some run of 2 to 8 words stands again right after itself (`_repeat_at` can find
    one): n words in a row each equal to the word n on, found as bytes in one pass per n."""
    return any(_SAME_RUN[n] in bytes(map(eq, words, words[n:])) for n in _REPEAT_SIZES)


def doubled_text(v: ArticleView, edges: frozenset[str]) -> list[Flag]:
    """The same two to eight words twice in a row inside a sentence of prose (a table row, a
    heading or a list of names repeats by design)."""
    flags = []
    text = v.text
    settings = glue_settings(v.files, v.language or "en")
    nouns = bool(settings and settings["capitalised_nouns"])
    for k, (b, off) in enumerate(zip(v.blocks, v.offs, strict=True)):
        bt = b.text
        n = len(bt)
        if n <= 2 * TITLE_CHARS + 1 and n % 2 and bt[n >> 1] == " " and b.type in ("heading", "paragraph", "list_item") and (
                line := _doubled_line(bt, off, text, b.type == "heading")):  # (a line said twice has a space at its middle)
            flags += line
            continue
        if b.type not in ("paragraph", "list_item", "quote") or b.text.rstrip().rstrip("\"”’)")[-1:] not in ".!?":
            if b.type not in ("heading", "paragraph", "list_item") or settings is None:
                continue
            title = _doubled_title(b.text, off, text, v.language or "en", settings) if len(b.text) <= TITLE_CHARS else []
            if title:
                flags += title
                continue
            if len(bt) > 2 * TITLE_CHARS:
                continue  # (a long block that ends as no sentence does: a cut paragraph's doubles are read no further)
            low = v.block_lower(k)
            spaced = low.split()
            if len(spaced) < 3 or len(set(spaced)) == len(spaced):
                continue  # (no word said twice in the line: nothing doubled, nothing restarted; most lines)
            words = _WORD.findall(low)  # a line that is no sentence: a heading, a label
            if any(map(eq, words, islice(words, 1, None))):  # "Tips for for parents", "Pour pour aller plus loin"
                flags += _doubled_word(b.text, off, text, words, v.language or "en", nouns, settings)
            if _may_restart(words):
                flags += _restarted(b.text, off, text, words)
            continue
        words = _WORD.findall(v.block_lower(k))
        if len(words) < 4:
            continue
        if any(map(eq, words, islice(words, 1, None))):  # a word said twice in a row (few blocks)
            flags += _doubled_word(b.text, off, text, words, v.language or "en", nouns, settings)
        if len(set(zip(words, words[1:], strict=False))) == len(words) - 1:
            continue  # no two words said twice in the block: no repeat (most blocks)
        run, restart = _repeat_kinds(words)
        if restart and (restarts := _restarted(b.text, off, text, words)):
            flags += restarts
            continue
        if not run:
            continue
        last: dict[str, int] = {}
        starts = []  # where a word comes again two to eight words on: a repeat may start there
        for k, w in enumerate(words):
            p = last.get(w)
            if p is not None and 2 <= k - p <= _REPEAT_SIZES[-1]:
                starts.append(p)
            last[w] = k
        toks = [(m.start(), m.end()) for m in _WORD.finditer(b.text)]
        if len(toks) != len(words):
            continue  # lower-casing moved a word boundary (a rare letter): no offsets to trust
        repeats = []  # (start, words in the run, a joined copy)
        for i in sorted(set(starts)):
            if n := _repeat_at(words, i, b.text, toks):
                repeats.append((i, n, False))
            elif _joined_copy(words, i, edges, v.language or "en"):
                repeats.append((i, 2, True))
        if not repeats:
            continue
        done = -1
        for i, n, joined in repeats:
            if i < done:
                continue
            if len(set(words[i:i + n])) == 1 or (not joined and
                    (words[i] in edges or words[i + n - 1] in edges) and not _titled_copy(b.text, toks, i, n)):
                done = i + 2 * n  # rhetoric ("again and again"): its shifted copies too
                continue
            s, e = toks[i][0], toks[i + 2 * n - 1][1]
            if (_BREAK.search(b.text, s, e) and not _listed_twice(b.text, toks, words, i, n)) or _heading_run_in(
                    b.text[s:toks[i + n - 1][1]], b.text[toks[i + n][0]:e]):
                continue
            flags.append(Flag("garbled_text", off + s, off + e, text[off + s:off + e], "warning",
                              "The same words appear twice in a row (doubled link or heading text).",
                              rule="shape.doubled-text", suggestion=b.text[s:toks[i + n - 1][1]], score=0.8))
            done = i + 2 * n
    return _once_each(flags)


RESTART_WORDS = 2  # whole words at least before the cut word, said again with it whole: a sentence cut and started again


def _may_restart(words: list[str]) -> bool:
    """Whether two words in a row stand again, in the same order, three to nine words on
    (`_restarted` can find a restart there): found as bytes, one pass per distance."""
    return any(b"\x01\x01" in bytes(map(eq, words, words[n:])) for n in _RESTART_SIZES)


_RESTART_SIZES = range(RESTART_WORDS + 1, _REPEAT_SIZES[-1] + 2)  # words in a restart's first copy, its cut word with them
_DISTANCES = range(_REPEAT_SIZES[0], _RESTART_SIZES[-1] + 1)


def _repeat_kinds(words: list[str]) -> tuple[bool, bool]:
    """(`repeats_a_run`, `_may_restart`) in one pass per distance between a word and its copy."""
    run = restart = False
    for n in _DISTANCES:
        same = bytes(map(eq, words, words[n:]))
        run = run or (n in _SAME_RUN and _SAME_RUN[n] in same)
        restart = restart or (n in _RESTART_SIZES and b"\x01\x01" in same)
    return run, restart


def _restarted(block: str, off: int, text: str, words: list[str]) -> list[Flag]:
    """A run of words whose last word is cut off, then the same run again with that word
    whole ("The itch is often wor The itch is often worse", "Wenn das Fie Wenn das Fieber"):
    an edit or a paste that cut a sentence and started it again, leaving the cut start in
    the text. `RESTART_WORDS` whole words or more before the cut one, the same both times;
    the cut word a strict start of the whole one (two copies of the same words are
    `shape.doubled-text`'s)."""
    first: dict[tuple[str, str], int] = {}
    out = []
    toks: list[tuple[int, int]] = []
    for j in range(len(words) - 1):
        p = first.setdefault((words[j], words[j + 1]), j)
        n = j - p  # words in the first copy, the cut one with them
        if n <= RESTART_WORDS or n > _REPEAT_SIZES[-1] + 1 or j + n > len(words):
            continue
        cut, whole = words[j - 1], words[j + n - 1]
        if cut == whole or not whole.startswith(cut) or words[p:j - 1] != words[j:j + n - 1]:
            continue
        toks = toks or [(m.start(), m.end()) for m in _WORD.finditer(block)]  # (offsets for a candidate only)
        if len(toks) != len(words):
            return []
        if not block[toks[j - 1][1]:toks[j][0]].isspace():
            continue  # a comma or a stop at the seam: a phrase said again on purpose ("step by step, step by steps")
        s, e = toks[p][0], toks[j + n - 1][1]
        out.append(Flag("garbled_text", off + s, off + e, text[off + s:off + e], "warning",
                        f"A sentence cut off at “{block[toks[j - 1][0]:toks[j - 1][1]]}” and started again: "
                        "delete the cut start.", rule="shape.restarted-text", suggestion=block[toks[j][0]:e], score=0.8))
        break
    return out


DOUBLED_SENTENCE_WORDS = 3  # words (one of five letters or more) a sentence needs for its copy right after it to be text pasted twice
_QUOTE_MARKS = frozenset("\"“”„«»‹›'‘’‚")


def doubled_sentences(v: ArticleView) -> list[Flag]:
    """A sentence of prose written twice in a row in its paragraph, the same words in the same
    order ("Wash your hands often. Wash your hands often."), or a paragraph the same as the one
    before it (`_pasted_block`): text pasted twice. A sentence of
    fewer than `DOUBLED_SENTENCE_WORDS` words ("No, no." "Thank you. Thank you."), one said a third
    time (a chant, a refrain) or quoted (speech) is not."""
    flags = []
    text, blocks = v.text, v.blocks
    for k, (b, off) in enumerate(zip(blocks, v.offs, strict=True)):
        if b.type not in ("paragraph", "list_item", "quote"):
            continue
        if k > 0 and b.text == blocks[k - 1].text and _pasted_block(blocks, k):
            s, e = off + len(b.text) - len(b.text.lstrip()), off + len(b.text.rstrip())
            flags.append(Flag("garbled_text", s, e, text[s:e], "warning",
                              "The same paragraph appears twice in a row (text pasted twice).",
                              rule="shape.doubled-sentence", suggestion=None, score=0.8))
            continue
        spans = v.spans(k)
        if len(spans) < 2:
            continue
        low = v.block_lower(k)
        same = [low[s:e].rstrip() for s, e in spans]  # (the same words the same way: most sentences differ in length)
        for i in range(1, len(spans)):
            if same[i] != same[i - 1]:
                continue
            words = _WORD.findall(same[i])
            if len(words) < DOUBLED_SENTENCE_WORDS or max(map(len, words)) < 5:
                continue
            if any(0 <= j < len(spans) and _WORD.findall(same[j]) == words for j in (i - 2, i + 1)):
                continue  # a third time: a refrain
            s1, (s2, e2) = spans[i - 1][0], spans[i]
            if b.text[s1] in _QUOTE_MARKS or b.text[e2 - 1] in _QUOTE_MARKS or b.text[s1 - 1:s1] in _QUOTE_MARKS:
                continue  # speech or a chant quoted
            flags.append(Flag("garbled_text", off + s2, off + e2, text[off + s2:off + e2], "warning",
                              "The same sentence appears twice in a row (text pasted twice).",
                              rule="shape.doubled-sentence", suggestion=None, score=0.8))
    return flags


def _pasted_block(blocks: list, k: int) -> bool:
    """Whether block k, the same text as the block before it, is prose pasted twice: a
    sentence or more of `DOUBLED_SENTENCE_WORDS` words or more, one of 5 letters, that ends as
    sentences do, said no third time (a list's repeated label, a price line, a refrain are not)."""
    t = blocks[k].text.strip()
    words = _WORD.findall(t)
    if len(words) < DOUBLED_SENTENCE_WORDS or max(map(len, words)) < 5 or t.rstrip("\"”’)")[-1:] not in ".!?":
        return False
    if t[:1] in _QUOTE_MARKS or blocks[k - 1].type != blocks[k].type:
        return False
    return not (k > 1 and blocks[k - 2].text == blocks[k].text) and not (
        k + 1 < len(blocks) and blocks[k + 1].text == blocks[k].text)


_COMMA_GAP = re.compile(r",[ \t]+")


def _listed_twice(text: str, toks: list[tuple[int, int]], words: list[str], i: int, n: int) -> bool:
    """Whether the n words at i (two or more, a content word of 4 letters among them) stand
    twice inside a sentence, each copy closed by its comma ("… zum Arzt, zum Arzt, wenn …"):
    an item pasted twice. Speech repeats one word across a comma ("Nein, nein", "Walk, walk,
    walk") or opens its sentence with the repeat ("Thank you, thank you, …"), rhetoric says
    a run a third time or doubles an idiom of repetition ("step by step, step by step")."""
    run = words[i:i + n]
    if n < 2 or i + 2 * n > len(toks) or max(map(len, run)) < 4 or len(set(run)) < n:
        return False  # (a run that repeats a word of its own is an idiom said twice: "petit à petit, petit à petit")
    before = text[:toks[i][0]].rstrip()[-1:]
    if not (before.isalnum() or before == ","):
        return False  # (opening a sentence: speech, "Thank you, thank you, …")
    first_end, second_start, end = toks[i + n - 1][1], toks[i + n][0], toks[i + 2 * n - 1][1]
    if not _COMMA_GAP.fullmatch(text, first_end, second_start) or text[end:end + 1] != ",":
        return False
    if _BREAK.search(text, toks[i][0], first_end) or _BREAK.search(text, second_start, end):
        return False
    return words[i + 2 * n:i + 3 * n] != words[i:i + n]


def _heading_run_in(first: str, second: str) -> bool:
    """Whether a run in title case is met by its words in another case ("External Clients
    External clients are …"): a heading run into the paragraph it heads, layout, not a text
    pasted twice (which is the same text, or a run met by its title-case copy: "Nonsteroidal
    anti-inflammatory drugs Nonsteroidal Anti-Inflammatory Drugs")."""
    words = first.split()
    return all(w[:1].isupper() for w in words) and " ".join(words)[1:] != " ".join(second.split())[1:]


def _joined_copy(words: list[str], i: int, edges: frozenset[str], language: str) -> bool:
    """Whether the words at i are a conjunction or a preposition and a content word said
    twice ("y beba y beba", "et buvez et buvez"): a link's or a line's text pasted again with
    the word that joined it. Rhetoric repeats a frequent word ("and more and more", "et
    encore et encore") or says it a third time ("faster and faster and faster")."""
    if i + 4 > len(words) or words[i:i + 2] != words[i + 2:i + 4] or words[i] not in edges:
        return False
    w = words[i + 1]
    return (w not in edges and len(w) >= 4 and zipf(w, language) <= DOUBLED_WORD_ZIPF
            and not (i and words[i - 1] == w) and not (i + 4 < len(words) and words[i + 4] == words[i]))


DOUBLED_WORD = 7  # letters a content word said twice in a row needs, whatever its frequency, to be a pasted copy
DOUBLED_WORD_ZIPF = 5.0  # a conjunction or a preposition said twice with its word: rhetoric above this ("and more and more")
DOUBLED_SHORT_ZIPF = 3.0  # a shorter one: a common word of the language ("cotton cotton", "agua agua"), not a name's syllable ("peri peri")


def _doubled_word(block: str, off: int, text: str, words: list[str], language: str, nouns: bool,
                  settings: dict[str, Any] | None = None) -> list[Flag]:
    """A word written twice in a row, the same way, inside a sentence: a long content word is
    a one-word link pasted beside its own text ("allergies allergies", "Schlafstörungen
    Schlafstörungen": a warning); a function word or a shorter common word is typed twice
    more often ("the the", "des des", "cotton cotton": an `info` flag, which published pages
    carry too, and which holds no article back). Not what a language says twice by
    grammar ("had had", "nous nous"; a German article before its relative pronoun, after a
    comma: ", die die Pille") or in speech ("very very", "bye bye": `doubled_words`, per
    language in `rules/shapes.toml`); a third copy is rhetoric; a capitalised pair where nouns
    take no capital is a name or a card's label met by its copy ("Chocolate Chicken Chicken
    Cake", "Instagram Instagram"), and a short rare word said twice a name's or a dish's
    ("peri peri")."""
    toks = [(m.start(), m.end()) for m in _WORD.finditer(block)]
    if len(toks) != len(words):
        return []
    said = settings["doubled_words"] if settings else frozenset()
    function_words = settings["pair_words"] if settings else frozenset()
    out = []
    for i in range(len(words) - 1):
        (s, e), (s2, e2) = toks[i], toks[i + 1]
        w = words[i]
        if w != words[i + 1] or w.isdigit() or len(w) < 2 and w not in function_words:
            continue
        opening = w in function_words and block[s:e] == block[s2:e2].capitalize() and _SENTENCE_OPENS.search(block, 0, s)
        if block[s:e] != block[s2:e2] and not opening:
            continue  # ("Pour pour aller plus loin": a line's first function word, capitalised, then its copy)
        if (not nouns and not block[s:e].islower() and not opening) or w in said:
            continue
        if not nouns and w in function_words and block[e2 + 1:e2 + 2].isupper() and _NAME_AFTER.match(block, e2):
            continue  # "de de Gaulle", "van van Gogh": a preposition before a name that opens on the same particle
        pasted = len(w) >= DOUBLED_WORD and zipf(w, language) <= DOUBLED_WORD_ZIPF
        if not pasted and (settings is None or w not in function_words and zipf(w, language) < DOUBLED_SHORT_ZIPF):
            continue  # (no word lists for the language: a long content word alone)
        if w in (settings["relative_doubled"] if settings else ()) and _after_comma(block, s):
            continue  # ", die die Pille nehmen": an article after its relative pronoun
        if (i and words[i - 1] == w) or (i + 2 < len(words) and words[i + 2] == w) or _BREAK.search(block, s, e2):
            continue
        if pasted:
            out.append(Flag("garbled_text", off + s, off + e2, text[off + s:off + e2], "warning",
                            "The same word appears twice in a row (doubled link or heading text).",
                            rule="shape.doubled-text", suggestion=block[s:e], score=0.8))
        else:  # a typo more often than a paste: shown to the editor, holding nothing back
            out.append(Flag("garbled_text", off + s, off + e2, text[off + s:off + e2], "info",
                            "The same word appears twice in a row: typed twice? Check and delete one.",
                            rule="shape.doubled-word", suggestion=block[s:e], score=0.6))
    return out


_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:][ \t]+)[\"“„«¿¡(]?$")
_NAME_AFTER = re.compile(r"[ \t][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
_COMMA_BEFORE = re.compile(r",[ \t]*(?:\w+[ \t]+)?$")
TITLE_CHARS = 60  # a heading or a label: a line this short that does not end as a sentence does
TITLE_ZIPF = 4.0  # a capitalised word said twice there: a common word of the language, not a name ("Sana Sana", "Xiu Xiu")


def _after_comma(block: str, start: int) -> bool:
    """Whether a comma stands right before `start`, or one word before it (", mit der der")."""
    return _COMMA_BEFORE.search(block, max(0, start - 40), start) is not None


def _doubled_line(block: str, off: int, text: str, heading: bool) -> list[Flag]:
    """A heading or a short line that is nothing but a run of words said twice, a space between
    ("Symptoms and signs Symptoms and signs", "Was hilft? Was hilft?"): its text pasted beside
    itself. Two words or more, one of four letters or more (a one-word line said twice is a
    name's or a chant's: "Bye Bye", "Sana Sana")."""
    t = block
    n = len(t)
    h = n // 2
    if n % 2 == 0 or t[h] != " " or t[:h] != t[h + 1:]:
        return []
    words = _WORD.findall(t[:h])
    if len(words) < 2 or max(map(len, words)) < 4:
        return []
    if not heading and t[h - 1] in ".!?" and len(words) >= DOUBLED_SENTENCE_WORDS and max(map(len, words)) >= 5:
        return []  # a sentence pasted twice: `doubled_sentences`'
    return [Flag("garbled_text", off, off + n, t, "warning",
                 "The same words appear twice in a row (doubled heading or link text).",
                 rule="shape.doubled-text", suggestion=t[:h], score=0.8)]


def _doubled_title(block: str, off: int, text: str, language: str, settings: dict[str, Any]) -> list[Flag]:
    """A heading or a label that opens on its own first words said twice ("Treatment
    Treatment options", "When to When to see a doctor", "Behandlung Behandlung"): a heading's
    text pasted beside itself. The words are common words of the language (a name doubles
    its syllables: "Sana Sana Cerveceria"), said no third time, with nothing between."""
    m = re.match(r"[ \t]*((\w+)(?:[ \t]+(\w+))?)[ \t]+\1(?!\w)", block)
    if m is None:
        return []
    first = m.group(1)
    parts = first.lower().split()
    rest = block[m.end():]
    if re.match(rf"[ \t]+{re.escape(first)}(?!\w)", rest) or any(p in settings["doubled_words"] for p in parts):
        return []
    if not all(zipf(p, language) >= TITLE_ZIPF or p in settings["pair_words"] for p in parts):
        return []
    s, e = off + m.start(1), off + m.end()
    return [Flag("garbled_text", s, e, text[s:e], "warning",
                 "The same words appear twice in a row (doubled heading or link text).",
                 rule="shape.doubled-text", suggestion=first, score=0.8)]


def _once_each(flags: list[Flag]) -> list[Flag]:
    """One finding is one flag: the same doubled words again in the article (a card's text
    in two places) are flagged where they first stand, the message counting the others."""
    seen: dict[str, list[Flag]] = {}
    for f in flags:
        seen.setdefault(f.quote.lower(), []).append(f)
    return [same[0] if len(same) == 1 else dataclasses.replace(
        same[0], message=f"{same[0].message} Found {len(same)} times in this article.") for same in seen.values()]


def _titled_copy(text: str, toks: list[tuple[int, int]], i: int, n: int) -> bool:
    """Whether the n words at i are a titled run copied verbatim right after itself
    ("Find out more Find out more", "Le diabète Le diabète"): a link's or a heading's text
    pasted twice, where rhetoric ("more and more") repeats in lower case."""
    if i + 2 * n > len(toks) or not text[toks[i + n][0]].isupper():
        return False  # the copy starts with a capital inside the sentence
    if i + 2 * n < len(toks) and text[toks[i + 2 * n][0]:toks[i + 2 * n][1]] == text[toks[i][0]:toks[i][1]]:
        return False  # said a third time: a title's rhetoric ("Jewels after Jewels after Jewels")
    return text[toks[i][0]:toks[i + n - 1][1]] == text[toks[i + n][0]:toks[i + 2 * n - 1][1]]


def _repeat_at(words: list[str], i: int, text: str = "", toks: list[tuple[int, int]] | None = None) -> int:
    """Length n (2-8 words; two only when both have three letters or more, or for
    a titled run copied verbatim: `_titled_copy`) of a word run at i repeated right after itself, else 0."""
    for n in reversed(_REPEAT_SIZES):  # (the longest first)
        if i + 2 * n <= len(words) and words[i:i + n] == words[i + n:i + 2 * n]:
            if n == 2 and (len(words[i]) < 3 or len(words[i + 1]) < 3) and not (toks and _titled_copy(text, toks, i, n)):
                continue
            return n
    return 0


_PAGE_WIDE_BLOCKS = 3  # repairs in more blocks than this: the page was stored mis-decoded throughout


def repaired_encoding(text: str, repaired: Iterable[str]) -> list[Flag]:
    """`info` flags where words that ingest repaired (mojibake undone by ftfy) stand, so an
    editor can check that the repair is right: one per block, on the first of them, the
    message naming the block's repaired words; when the repairs run through more than
    `_PAGE_WIDE_BLOCKS` blocks the page was stored with a broken encoding throughout, one
    decision to check, so one flag on the first, the message counting the blocks."""
    by_block: dict[int, list[tuple[int, str]]] = {}
    for word in dict.fromkeys(repaired):
        s = text.find(word)
        if s < 0 or not word.strip():
            continue
        by_block.setdefault(text.count("\n", 0, s), []).append((s, word))
    groups = sorted(sorted(found) for found in by_block.values())
    where = ""
    if len(groups) > _PAGE_WIDE_BLOCKS:
        where = f" in {len(groups)} blocks of this article (the page was stored with a broken encoding)"
        groups = [sorted(x for found in groups for x in found)]
    flags = []
    for found in groups:
        s, word = found[0]
        shown = ", ".join(w for _, w in found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        flags.append(Flag("garbled_text", s, s + len(word), word, "info",
                          f"Text stored with a broken encoding was repaired on reading (mojibake){where}: {shown}; "
                          "check that it reads right.", rule="ingest.mojibake-repaired", score=1.0))
    return flags


@cache
def glue_settings(files: tuple[str, ...], language: str) -> dict[str, Any] | None:
    tables = lexicon.tables(files, "glue")
    base = tables.get("glue.settings", {})
    own = next((t for t in tables.values() if t.get("lang") == language), {})
    if language not in lexicon.languages(files) or not frequencies(language):
        return None
    return {"max_joined": float(base["max_joined"]), "max_joined_pair": float(base.get("max_joined_pair", base["max_joined"])),
            "min_short_part": float(base["min_short_part"]),
            "min_part": float(base["min_part"]), "min_camel_part": float(base["min_camel_part"]),
            "function_words": frozenset(own.get("function_words", []) + own.get("cardinals", [])),
            # (the function words alone: two of them glued are the web's typo, "inthe"; they open sentences)
            "pair_words": frozenset(own.get("function_words", [])), "languages": lexicon.languages(files),
            "capitalised_nouns": bool(own.get("capitalised_nouns", False)),
            "open_compounds": bool(own.get("open_compounds", False)),
            "min_open_pair": float(base.get("min_open_pair", 9.0)),
            "min_open_pair_unseen": float(base.get("min_open_pair_unseen", base.get("min_open_pair", 9.0))),
            "min_seen_care_pair": float(base.get("min_seen_care_pair", 9.0)),
            "min_plain_pair": float(base.get("min_plain_pair", 9.0)),
            "identifiers": frozenset(base.get("identifier_prefixes", [])),
            "code_words": frozenset(base.get("code_words", [])),
            "heads": frozenset(base.get("prefix_heads", [])), "tails": frozenset(base.get("suffix_tails", [])),
            "elisions": tuple(own.get("elisions", [])),
            "right_letters": frozenset(own.get("right_letters", [])),
            "right_articles": frozenset(own.get("right_articles", [])),
            "particles": frozenset(own.get("verb_particles", [])),
            "doubled_words": frozenset(own.get("doubled_words", [])),
            "relative_doubled": frozenset(own.get("relative_doubled", [])),
            "care": _care_pattern(files, language) if own.get("care_compounds") else None}


def _care_pattern(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    """The language's care vocabulary (`lexicon.care_words`), for `care_compounds`."""
    care = lexicon.care_words(files, language)
    return care[0] if care else None


@cache
def _known(files: tuple[str, ...], language: str) -> frozenset[str]:
    """Words at Zipf `max_joined_pair` or more in any of the word lists' languages: above
    it a token is a word whatever its parts."""
    settings = glue_settings(files, language)
    floor = 10 ** (settings["max_joined_pair"] - 9) if settings else 0.0
    langs = sorted(settings["languages"] | {language}) if settings else [language]
    return _known_in(floor, tuple(langs))


@cache
def _known_in(floor: float, langs: tuple[str, ...]) -> frozenset[str]:
    """`_known`'s words, kept per set of languages: the articles of each language the word
    lists cover read the same set (made and held once a process, not once a language)."""
    return frozenset(w for lang in langs for w, f in frequencies(lang).items() if f >= floor)


@cache
def frequencies(language: str) -> Mapping[str, float]:
    """wordfreq's frequency table for a language ({} when it has none; `wordtable`)."""
    return word_table(language)


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """A word's Zipf frequency in a language (wordfreq; 0 when it does not know the word):
    shared by the glued-word test and `off_topic`'s rarity weights."""
    f = frequencies(language).get(word, 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0
