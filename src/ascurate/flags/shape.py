"""`dangling_list`: a lead-in that announces a list which is not there, read from the
block structure.

A lead-in is a sentence ending in a colon. It dangles when what follows it is not a
list: nothing (the article ends, or a heading starts another section), ordinary prose
(a paragraph of full sentences, or the next sentence of its own paragraph), or a bare
stop (":."). What follows is a list when it is list items, a table, code, a quotation,
or paragraphs that look like list items set as paragraphs (short lines, "Term: ..."
lines, mapping or formula lines, a run of short parallel blocks). A block that ends on a
word needing what it announces ("...includes the following.", "such as —", "Other
symptoms may include" with no stop at all) dangles with or without its colon, and so does
such a sentence inside a paragraph when another sentence, not its list, follows it ("Other
causes include the following. Doctors ...") or when it runs on, with no stop, into the
capitalised function word opening the next sentence ("Other symptoms may include The rash
usually fades ...": `_run_on`). A sentence that points forward at items
wherever the pointing word stands ("Read the tips below before your first session.", "Die
folgenden Übungen stärken den Rücken.", `points`) dangles when it stands as a block of its
own, ending with a full stop, before prose or nothing, or between two sentences of a
paragraph that share no word of its own when only paragraphs follow (`_pointing_inside`: a
pointer left in copy on something else); a weak lead-in of its own sentence closed by a
spaced dash inside such a paragraph, before a new sentence, dangles too (`_dash_stranger`). Words that promise a list ("include:", "die
folgenden:", "les suivants :", "incluyen:") are data per language (`[[promise]]` in
`rules/shapes.toml`); a colon after other words ("she explains:") mostly introduces a
quotation, so it scores too low to flag alone. A presenting opening ("Here are"), a
count ("three things") or a question word ("What to bring:") is a weak promise: such
lead-ins often head list items set as long paragraphs, which read as prose, so they flag
only when nothing follows; the learned scorer (`lead_model`) weighs them before prose or a
quotation, but not a lead-in naming a picture, table or code (`pictures`), which announces
one thing extraction drops rather than items (nor does the rule flag one without a strong
promise: "The table can be seen below:").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from ..config import Config
from ..model import Block, Flag
from . import lead_model, lexicon
from .glued import glue_settings, zipf

# the lead-in's promise: the words just before the colon, how it opens, a count of items
_STRONG, _WEAK, _NONE = 0.6, 0.4, 0.1
# what follows: nothing (the list was cut at the end), prose, a heading
_AFTER = {"end": 0.4, "heading": -0.2, "prose": 0.3, "quote": 0.0}  # items are often set as headings; a quotation
# is what most lead-ins before one announce ("she explains:"), so only the learned scorer weighs a promise before one
_STRANGER = 0.1  # inside a paragraph: a lead-in between two sentences that share none of its words, and once in
# the article (one left from other copy; a recurring one is a label, "What we like:")
_BARE_STOP = re.compile(r"(?<=[^\W\d_)\]])\s*:\s*\.(?![^\W_])")  # "include:." the list cut out of the sentence
# (not "Example: .github/workflows": a stop that opens a name)
_DASH_END = re.compile(r"(?<=[^\W\d_])\s+[-–—]$")  # a block cut off after a spaced dash
_COLON_SENTENCE = re.compile(r"\s*:\s+(?=[A-ZÀ-ÖØ-Þ])")  # a colon followed by a new sentence
_DASH_SENTENCE = re.compile(r"[-–—] +(?=[A-ZÀ-ÖØ-Þ])")  # a dash before a new sentence (spaced: checked apart)
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*\s*$")
_NEXT_SENTENCE = re.compile(r"(?<=[.!?])(?<!\b\d[.])(?<!\b\d\d[.])\s+(?![a-zß-ÿ])")
_PARTS = re.compile(r"[,;]|\s[/|]\s")  # what parts run-in items: commas, semicolons, a spaced slash or bar
_SENTENCE_STOP = re.compile(r"[.!?:\n]")
_ANY_STOP = re.compile(r"[.!?:;…]")
_LIST_LINE = re.compile(r"^\s*(?:[-–—•*·▪►✓✔]|\d{1,2}[.)]|[a-z][.)])\s|\s\|\s|\t|\s(?:→|=)\s")  # a marker, a table row,
# a mapping or a formula ("Cow's milk → plant milks", "area = size / time")
_GERUND = re.compile(r"^[A-ZÀ-Ö][a-zà-ÿ]{2,}ing\b")
# a gerund that is a sentence's subject ("Paying attention to detail is important ...", "Leading companies are ..."):
# prose, unless a run of such paragraphs shows them to be items ("Smoking is a risk ..." / "Drinking is ...")
_SUBJECT_VERB = r"(?:\s+[^\s.!?:]+){0,4}\s+(?:is|are|was|were)\b"  # the verb a subject of up to 5 words takes
_GERUND_SUBJECT = re.compile(_GERUND.pattern + _SUBJECT_VERB)
# a paragraph that carries a story on rather than naming an item
_GOES_ON = re.compile(r"^(?:But|And|However|So|Then|It|It's|He|She|They|We|I|You|This|That|These|Those|His|Her|Their|Our|"
                      r"Meanwhile|Still|Yet|Also|In|On|At|For|After|Before|When|While|If|As|The|A|An|[\"“‘'«])\b")
_TERM_COLON = r"^[^\s:.!?]{1,30}(?:\s[^\s:.!?]{1,30}){0,5}\s*(?::|\s[-–—]\s)"  # "Term: ...", "Term – ..."
_TERM_DOT = re.compile(r"^[^\s:.!?]{1,30}(?:\s[^\s:.!?]{1,30}){0,3}\.\s+\S")  # "Term. ...", or a short sentence
_TERM_LINE = re.compile(f"{_TERM_COLON}|{_TERM_DOT.pattern}")
_OPENS_QUOTE = re.compile(r"^[\"“”‘'«„]")
_MESSAGE = "This lead-in announces a list, but no list follows (it was probably lost in scraping)."
MODEL_FLOOR = 0.4  # lead-ins closing a block that the rule scores from here to its threshold (a weak promise or
# none before prose or the end) are weighed by the learned scorer (`lead_model`)
INSIDE_FLOOR = 0.7  # inside a paragraph only a weak promise before a sentence is weighed: sentences ending on a
# colon with no promise word ("The answer is simple:") run on into their explanation by the hundred on published pages
STRANGER_WORDS = 4  # a lead-in with no promise word inside a paragraph is weighed from this length (not "FYI:", "Pro Tip:")
COPULA_WORDS = 3  # a block with no stop ending on a copula is cut off from this length ("Häufige Beschwerden sind";
# published pages end no block of three words on one)
LIST_LINE_WORDS = 15  # a paragraph this short, in a run of such, is a list item set as a paragraph
POINT_WORDS = 15  # a block pointing forward at items is one sentence this short (`_pointing`)
POINT_MIN = 4  # and this long: a shorter one points at a form or a button ("Inscrivez-vous ci-dessous.", "Sign up below.")
HEAD_AFTER = 3  # words a lead-in may open with before its class of items ("Es gibt verschiedene Formen ...:")
TERM_CLAUSE = 4  # a "Term: ..." line's words before the colon from which a copula makes it a clause, not a term
QUESTION_LEAD = 5  # words at most of a lead-in answering the question before it in its block ("They are:")
AHEAD = 3  # blocks after a paragraph read for what a pointer inside it points at (`_prose_follows`)
ITEM_WORDS = 40  # a paragraph opening on a gerund ("Keeping ...") longer than this is an item only in a run of such


def dangling_list(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    paths = lexicon.files(cfg)
    promise, unfinished_len, limit = _promises(paths, language), _longest_unfinished(paths, language), _limit(paths)
    forward = _holding(text, offs, _forward_needs(paths, language))  # the blocks that may point forward (most none)
    last_words = _unfinished_ends(paths, language)
    model = lead_model.load()
    caps = capitalised_nouns(paths, language)
    ends = _ends(paths, language)
    points = _points(paths, language)
    closing_points = _points(paths, language, "points", "points_closing")  # the pointers and the participles closing on one
    pointers = _holding(text, offs, _points_needs(paths, language))  # the blocks that may hold a pointer (most none)
    openers = _openers(paths, language)
    runs_on = _holding(text, offs, _unfinished_words(paths, language)) if openers[0] else set()
    flags = []
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item", "quote", "heading"):
            continue
        colon = ":" in b.text  # a bare stop and a lead-in inside a paragraph both need one
        for m in _BARE_STOP.finditer(b.text) if colon else ():
            if m.end() < len(b.text.rstrip()) or _closing_after(blocks, i, promise[7], promise[14], promise[15], promise) > -1.0:  # not before its
                # list (a quotation is no list: the stop says the list was cut out of the sentence)
                flags.append(_flag(text, offs[i] + _sentence_start(b.text, m.start()), offs[i] + m.end(), 0.9))
        cut = _unfinished(b.text, promise[5], unfinished_len, promise[9], last_words, promise[22], promise[31])
        if cut and promise[11].search(b.text, _sentence_start(b.text, cut.start()), cut.start()):
            cut = None  # "... what your rental includes.": the object stands before its verb
        if (cut and _after_score(blocks, i, promise[7], promise[14], promise[15], promise) > -1.0  # "... include the following." a list cut out
                and not _steps_told(blocks, i, _steps(paths, language))):
            end = len(b.text.rstrip()) if b.text.rstrip()[-1:].isalpha() else cut.end()  # past its hedges
            flags.append(_flag(text, offs[i] + _sentence_start(b.text, cut.start()), offs[i] + end, 0.9))
        for m in promise[10].finditer(b.text) if i in forward else ():
            if _prose_after(b.text[m.end():], promise[7]) > 0:  # "... the following. Doctors ...": prose, no list
                flags.append(_flag(text, offs[i] + _sentence_start(b.text, m.start()), offs[i] + m.end(), 0.9))
        nested = _nested_items(blocks, i)
        for m in _COLON_SENTENCE.finditer(b.text) if colon and not nested else ():
            st = _sentence_start(b.text, m.start())
            lead = b.text[st:m.start()]
            score = _inside_score(text, b.text, st, m, promise, limit)
            end = offs[i] + m.start() + m.group().index(":") + 1
            if score >= limit and score > _STRONG:
                flags.append(_flag(text, offs[i] + st, end, score))
            elif (model is not None and st > 0 and not promise[8].search(lead)
                  and _inside_candidate(text, b.text, st, m, score, limit)):
                view, k = _inside_view(blocks, i, m.start() + m.group().index(":") + 1, m.end())
                p = 0.0 if _recurs(text, view[k]) else model.probability(
                    lead_features(text, lead, view, k, promise, language, inside=True, capitalised_nouns=caps))
                if p >= model.threshold:
                    flags.append(_model_flag(text, offs[i] + st, end, p, model.version))
        for m in _DASH_SENTENCE.finditer(b.text) if not nested and ("—" in b.text or "–" in b.text or " - " in b.text) else ():
            d = m.start()  # "... include — The next sentence": a spaced dash after a strong promise is its colon
            if (b.text[d - 2:d - 1].isalpha() and b.text[d - 1] == " " and (st := _sentence_start(b.text, d)) > 0
                    and (promise[0].search(b.text, max(0, d - 40), d) and _promise_score(b.text[st:d], promise) >= _STRONG
                         or _promise_score(b.text[st:d], promise) >= _WEAK
                         and _dash_stranger(text, b.text, st, d, m.end(), openers[1], language))
                    and _prose_after(b.text[m.end():], promise[7]) > 0):
                flags.append(_flag(text, offs[i] + st, offs[i] + d + 1, 0.9))
        for st, end in _run_on(b.text, promise[13], openers) if i in runs_on and b.type != "heading" else ():
            flags.append(_flag(text, offs[i] + st, offs[i] + end, 0.9))
        if _pointing(b.text, points, i, blocks, promise, closing_points):
            flags.append(_flag(text, offs[i], offs[i] + len(b.text.rstrip()), 0.9))
        elif i in pointers and b.type in ("paragraph", "list_item") and _prose_follows(blocks, i):
            nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
            flags.extend(_flag(text, offs[i] + st, offs[i] + end, 0.9)
                         for st, end in _pointing_inside(text, b.text, points, promise, language, nxt,
                                                         _sections_below(blocks, i), closing_points))
        body = b.text.rstrip()
        closing = (_closing_lead(body) if body[-1:] in ":-–—" and not cut and not promise[27].search(body)
                   and not (len(promise) > 28 and len(body.split()) <= FIELD_WORDS and promise[28].search(body)) else None)
        if closing is None and body[-1:] == "." and not cut and "?" in body and _stop_answer(body, promise, blocks, i, language):
            st = _sentence_start(body, len(body) - 1)
            if _closing_after(blocks, i, promise[7], promise[14], promise[15], promise) >= _AFTER["prose"]:
                flags.append(_flag(text, offs[i] + st, offs[i] + len(body), 0.8))
            continue
        if closing is None:
            st = _cut_off(body, ends, promise, caps) if not cut and body[-1:].isalpha() else None
            if st is not None and _after_score(blocks, i, promise[7], promise[14], promise[15], promise) > 0:
                flags.append(_flag(text, offs[i] + st, offs[i] + len(body), 0.9))
            elif (st is None and not cut and body[-1:].isalnum() and len(body) <= TITLE_CHARS
                  and (promise[3].match(body) or _COUNT_OPENING.match(body)
                       or i > 0 and body.count(" ") < TITLE_WORDS and _overview(body, promise, language))
                  and _count_title(blocks, i, promise, language, caps)):
                flags.append(_flag(text, offs[i], offs[i] + len(body), 0.8))
            continue
        st, lead, dash = closing
        promised = _closing_promise(lead, promise, caps)
        if promised < _STRONG and _answers_question(body, st, lead, promise, blocks, i, language):
            promised = _STRONG
        if promised < _STRONG and not promise[8].search(lead):
            opening = _SENTENCE_OPEN.match(body, 0, st)
            whole = opening.end() if opening else 0
            if _overview(body[whole:].rstrip(" :–—-"), promise, language) and not lead_model.first_person(body[whole:]):
                st, promised = whole, _STRONG  # "Your pregnancy week by week: an overview:", its topic before a colon
        after = _closing_after(blocks, i, promise[7], promise[14], promise[15], promise)
        score = promised + after
        start = offs[i] + st
        if (score >= limit and (not dash or promised >= _STRONG or after == _AFTER["end"])
                and (promised >= _STRONG or not promise[8].search(lead))):
            flags.append(_flag(text, start, offs[i] + len(body), score))
        elif dash and promised >= _WEAK and after >= _AFTER["prose"] and _dash_sentence(lead, promise):
            flags.append(_flag(text, start, offs[i] + len(body), 0.8))
        elif MODEL_FLOOR <= score < limit and model is not None and not _recurs(text, b) and not promise[8].search(lead):
            p = model.probability(lead_features(text, lead, blocks, i, promise, language, capitalised_nouns=caps))
            if p >= model.threshold:
                flags.append(_model_flag(text, start, offs[i] + len(body), p, model.version))
    return flags


_EDGE_WORD = re.compile(r"[^\w'’-]+")


def _pointing(para: str, points: tuple[re.Pattern[str], frozenset[str]], i: int, blocks: list[Block],
              promise: tuple[re.Pattern[str], ...], closing: tuple[re.Pattern[str], frozenset[str]] | None = None) -> bool:
    """Whether block `i` is one sentence of at most `POINT_WORDS` words, ending with a full
    stop, or a paragraph or list item with no stop at all (its colon went with its list: "Your
    nurse will check the following at each visit"), that points forward at items (`points`)
    before prose or nothing. Before a heading
    such a sentence mostly points at items set as headings; at the end of a paragraph of
    other sentences, at what the article says further on ("Each item is explained below.");
    a long sentence mentions what stands below in passing. Not a call to action ("Use the
    resources below to keep learning!"), a question, a lead-in with a colon (read apart), a
    pointer at a picture, table, code or links (`pictures`), a pointing word beside one
    that makes it time or place (`points_not`), a cross-reference in brackets ("(see
    below)"), nor the author's own road map or aside in the first person ("I look at the
    bed below"; in the first person plural, the editors' road map, when something else than
    paragraphs stands below, `_sections_below`: the items it points at may be there; with only
    paragraphs below, "Nachfolgend stellen wir Ihnen die Untersuchungen vor." points at nothing
    the article holds). With `closing` (the pointers and `points_closing` in one pattern), a
    participle closing the sentence on where its items stand points too ("The eligibility
    criteria are outlined below.")."""
    body = para.rstrip()
    bare = body[-1:].isalpha() and blocks[i].type in ("paragraph", "list_item") and not _ANY_STOP.search(body)
    if (body[-1:] not in ".…" and not bare or not POINT_MIN <= body.count(" ") + 1 <= POINT_WORDS
            or _sentence_start(body, len(body) - 1) > 0):
        return False
    return (_points_at(body, closing if closing is not None else points)
            and not (promise[8].search(body) or lead_model.first_person_singular(body)
                     or lead_model.first_person(body) and _sections_below(blocks, i)
                     or _after_score(blocks, i, promise[7], promise[14], promise[15], promise) < _AFTER["prose"]))


def _sections_below(blocks: list[Block], i: int) -> bool:
    """Whether something else than paragraphs (a heading, a list, a table) stands below block `i`."""
    return any(b.type != "paragraph" for b in blocks[i + 1:])


def _points_at(sentence: str, points: tuple[re.Pattern[str], frozenset[str]]) -> bool:
    """Whether the sentence holds a word pointing forward at items (`points`) that no word
    beside it makes time or place (`points_not`) and no bracket holds ("(see below)")."""
    pattern, not_words = points
    for m in pattern.finditer(sentence):
        # a pointing word written with a capital inside a sentence is a noun ("im Folgenden", "im Nachfolgenden":
        # what follows), which the word before it cannot make time or place ("im folgenden Jahr" is an adjective)
        noun = m.start() > 0 and m.group()[:1].isupper() and sentence[:m.start()].rstrip()[-1:].isalpha()
        near = ([] if noun else sentence[:m.start()].split()[-1:]) + sentence[m.end():].split()[:1]
        if not (sentence.count("(", 0, m.start()) > sentence.count(")", 0, m.start())
                or any(_EDGE_WORD.sub("", w).lower() in not_words for w in near)):
            return True
    return False


def _pointing_inside(text: str, para: str, points: tuple[re.Pattern[str], frozenset[str]],
                     promise: tuple[re.Pattern[str], ...], language: str | None = None,
                     nxt: str = "", sections: bool = True,
                     closing: tuple[re.Pattern[str], frozenset[str]] | None = None) -> list[tuple[int, int]]:
    """Sentences between two sentences of a paragraph that point forward at items as
    `_pointing` reads a block ("Siga las instrucciones que aparecen más abajo.") and are
    strangers there: they share no word with the sentences around them and stand once in
    the article (a pointer whose items were lost, left in a paragraph on something else; one
    the paragraph talks about, "The steps below take ten minutes.", shares its words); one in
    the first person is the author's road map when `sections` (something else than
    paragraphs: headings, a list, a table) stand below, and points at nothing the article
    holds when none do (`_sections_below`). A participle closing the sentence on where its
    items stand (`closing`, which holds the pointers too) points between two sentences, not closing the paragraph: there
    it points at what the article says further on ("Each item is explained below."). Spans
    in `para`."""
    cuts = [0, *(m.end() for m in _NEXT_SENTENCE.finditer(para)), len(para)]
    out = []
    for k in range(1, len(cuts) - 1):
        st, end = cuts[k], cuts[k + 1]
        sentence = para[st:end].rstrip()
        after = para[end:] if end < len(para) else nxt
        colon = sentence.find(":")
        if colon >= 0 and _prose_after(sentence[colon + 1:].lstrip(), promise[7]) <= 0:
            continue  # "Les traitements sont les suivants : repos, glace et ...": the items run in after its colon
        if promise[5].search(sentence):
            continue  # "... is the following.": ending on a word that needs what follows, `forward` reads it
        if (sentence[-1:] == "." and POINT_MIN <= sentence.count(" ") + 1 <= POINT_WORDS
                and _points_at(sentence, closing if closing is not None and end < len(para) else points)
                and not (promise[8].search(sentence) or sections and lead_model.first_person(sentence))
                and not _shares(sentence, para[:st], after, language) and text.count(sentence) < 2):
            out.append((st, st + len(sentence)))
    return out


def _prose_follows(blocks: list[Block], i: int) -> bool:
    """Whether only paragraphs, or nothing, follow block `i` for `AHEAD` blocks: what a
    pointer inside a paragraph points at (a list, a table, items set as headings) stands
    a few blocks on when it is there."""
    return all(b.type == "paragraph" for b in blocks[i + 1:i + 1 + AHEAD])


def _dash_stranger(text: str, para: str, st: int, d: int, rest: int, capitalised: bool,
                   language: str | None = None) -> bool:
    """Whether the weak lead-in `para[st:d]` ("Folgende Untersuchungen sind üblich –") closed
    by a spaced dash inside a paragraph, a new sentence after the dash, lost its list: a
    sentence of its own (after a stop), of `STRANGER_WORDS` to `POINT_WORDS` words, sharing no word with the sentences
    around it and standing once in the article, before a capitalised word and a small one
    (a title capitalises both, outside a language that capitalises its nouns)."""
    lead = para[st:d].strip()
    nxt = para[rest:].split(None, 2)
    return (para[:st].rstrip()[-1:] in ".!?" and STRANGER_WORDS <= len(lead.split()) <= POINT_WORDS
            and len(nxt) == 3 and (capitalised or nxt[1][:1].islower())
            and not _shares(lead, para[:st], para[rest:], language) and text.count(lead) < 2)


def _cut_off(body: str, ends: tuple[frozenset[str], re.Pattern[str], frozenset[str]], promise: tuple[re.Pattern[str], ...],
             capitalised: bool) -> int | None:
    """Where the last sentence of a block starts when it has no stop and ends on a word that
    needs what it announces (`ends`: a copula, a preposition where the language strands
    none): "Things that can help with morning sickness are", "Besonders gefährdet sind",
    "Le médecin vous demandera de", or on a relative pronoun, whose clause is gone
    (`relatives`: "The operation may not suit people who", "personnes qui", "personas que";
    the `clause` a copula may end is then that lost one). Not a sentence of fewer than `STRANGER_WORDS` words
    (`COPULA_WORDS` when a copula ends it: "Besonders gefährdet sind"), one
    that does not open on a capital (a fragment: "), a line in the body of ..."), one whose
    object stands before its verb (`fronted`) or that opens on a question word, one holding
    a clause a copula may end (`clause`: "where they are", "Warum Kinder gefährdet sind"),
    one in the first person, nor a title (its longer words capitalised, outside a language
    that capitalises its nouns)."""
    words, clause, relatives = ends
    st = _sentence_start(body, len(body))
    sentence = _unhedged(body[st:].strip(), promise)
    parts = sentence.split()
    last = parts[-1].lower() if parts else ""
    if (len(parts) < (COPULA_WORDS if promise[14].fullmatch(last) else STRANGER_WORDS)
            or last not in words and last not in relatives):
        return None
    if (not (sentence[:1].isupper() or sentence[:1] in "¿¡") or promise[11].search(sentence) or promise[4].match(sentence)
            or last not in relatives and clause.search(sentence) or lead_model.first_person(sentence)):
        return None
    longer = [w for w in parts[1:] if len(w) >= 4]
    if not capitalised and longer and all(w[:1].isupper() for w in longer):
        return None
    return len(body) - len(body[st:].lstrip())


@cache
def _ends(files: tuple[str, ...], language: str | None) -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    """The words no sentence of the language ends on (`ends` and `copulas`, lower-cased), its
    openings of a clause whose verb ends it (`clause`), and the relative pronouns that open a
    clause and end none (`relatives`, lower-cased: "people who", "personnes qui")."""
    tables = _tables(files, language)
    words = frozenset(w.lower() for t in tables for k in ("ends", "copulas") for w in t.get(k, []))
    alt = "|".join(sorted({w for t in tables for w in t.get("clause", [])}, key=len, reverse=True)) or "(?!)"
    relatives = frozenset(w.lower() for t in tables for w in t.get("relatives", []))
    return words, re.compile(rf"(?:(?<![\w-])|(?=,))(?:{alt})(?![\w-])", re.I), relatives


def _run_on(para: str, ends: re.Pattern[str], openers: tuple[frozenset[str], bool]) -> list[tuple[int, int]]:
    """Lead-ins inside a paragraph that lost their list and their stop with it: a sentence of
    at most `POINT_WORDS` words ending on a word that needs what it announces ("include",
    "gehören", "notamment") runs on into a capitalised function word of the language that
    opens the next sentence ("... may include The rash usually ...", `openers`), and prose
    follows. A title ("including The Lord of the Rings") capitalises the word after it too,
    which only a language that capitalises its nouns does in a sentence. Spans in `para`."""
    words, capitalised = openers
    out = []
    for m in ends.finditer(para):
        st = _sentence_start(para, m.start())
        if para[st:m.end()].count(" ") >= POINT_WORDS + 1:
            continue
        nxt = para[m.end():].split(None, 2)
        if (nxt[0][:1].islower() or nxt[0].lower() not in words or len(nxt) < 3 or not capitalised and not nxt[1][:1].islower()
                or _prose_after(para[m.end():]) <= 0):
            continue
        out.append((st, m.end()))
    return out


@cache
def _openers(files: tuple[str, ...], language: str | None) -> tuple[frozenset[str], bool]:
    """The language's function words (`[[glue]]`), which open sentences, and whether it
    capitalises its nouns; none when the language is not known."""
    settings = glue_settings(files, language) if language else None
    return (settings["pair_words"], settings["capitalised_nouns"]) if settings else (frozenset(), False)


def _model_flag(text: str, s: int, e: int, p: float, version: str) -> Flag:
    f = _flag(text, s, e, p)
    f.rule, f.score = f"shape.{version}", round(p, 4)
    return f


_ITEM = re.compile(f"{_TERM_LINE.pattern}|{_GERUND.pattern}(?!{_SUBJECT_VERB})")


def lead_features(text: str, lead: str, blocks: list[Block], i: int, promise: tuple[re.Pattern[str], ...],
                  language: str | None, inside: bool = False, capitalised_nouns: bool = False) -> list[float]:
    """The learned scorer's features of the lead-in closing block `i` (`lead_model`) of the
    article `text` in `language` (`capitalised_nouns`: it writes its nouns with a capital)."""
    return lead_model.features(lead, blocks, i, promise, _GOES_ON, _ITEM, inside, language, capitalised_nouns)


def _recurs(text: str, block: Block) -> bool:
    """The text a lead-in closes stands twice or more in the article: a label ("What we
    like:" in every review card), which the learned scorer does not weigh."""
    return text.count(block.text.rstrip()) > 1


def capitalised_nouns(files: tuple[str, ...], language: str | None) -> bool:
    """Whether the language writes its nouns with a capital (`capitalised_nouns` in `[[glue]]`)."""
    settings = glue_settings(files, language) if language else None
    return bool(settings and settings["capitalised_nouns"])


def _inside_view(blocks: list[Block], i: int, colon_end: int, rest_start: int) -> tuple[list[Block], int]:
    """The block structure as a lead-in inside paragraph `i` sees it: the paragraph up to
    its colon is a block the lead-in closes, the rest of the paragraph the next block, so
    the scorer reads what follows a lead-in the same way wherever it stands."""
    b = blocks[i]
    head, rest = Block(b.type, b.text[:colon_end], b.level), Block(b.type, b.text[rest_start:], b.level)
    return [*blocks[:i], head, rest, *blocks[i + 1:]], i


def candidates(text: str, blocks: list[Block], offs: list[int], language: str | None,
               cfg: Config) -> list[tuple[int, int, float, list[float]]]:
    """Lead-ins closing a block that the rule scores below its threshold and the learned
    scorer reads: (start, end, rule score, features), for its trainer."""
    paths = lexicon.files(cfg)
    promise, unfinished_len, limit = _promises(paths, language), _longest_unfinished(paths, language), _limit(paths)
    caps = capitalised_nouns(paths, language)
    out = []
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item", "quote", "heading"):
            continue
        for m in _COLON_SENTENCE.finditer(b.text) if ":" in b.text and not _nested_items(blocks, i) else ():
            st = _sentence_start(b.text, m.start())
            lead = b.text[st:m.start()]
            score = _inside_score(text, b.text, st, m, promise, limit)
            if st > 0 and not promise[8].search(lead) and _inside_candidate(text, b.text, st, m, score, limit):
                view, k = _inside_view(blocks, i, m.start() + m.group().index(":") + 1, m.end())
                if _recurs(text, view[k]):
                    continue
                out.append((offs[i] + st, offs[i] + m.start() + m.group().index(":") + 1, score,
                            lead_features(text, lead, view, k, promise, language, inside=True, capitalised_nouns=caps)))
        body = b.text.rstrip()
        closing = _closing_lead(body) if not _unfinished(b.text, promise[5], unfinished_len, promise[9],
                                                                  _unfinished_ends(paths, language), promise[22], promise[31]) else None
        if closing is None:
            continue
        st, lead, _ = closing
        score = _closing_promise(lead, promise, caps) + _closing_after(blocks, i, promise[7], promise[14], promise[15], promise)
        if MODEL_FLOOR <= score < limit and not _recurs(text, b) and not promise[8].search(lead):
            out.append((offs[i] + st, offs[i] + len(body), score, lead_features(text, lead, blocks, i, promise, language, capitalised_nouns=caps)))
    return out


def _nested_items(blocks: list[Block], i: int) -> bool:
    """Block `i` is a list item and list items follow it: a lead-in inside it announces
    the items nested under it, which extraction sets after the item's whole text (its
    paragraphs after the nested list run on after the lead-in)."""
    return blocks[i].type == "list_item" and i + 1 < len(blocks) and blocks[i + 1].type == "list_item"


def _dash_sentence(lead: str, promise: tuple[re.Pattern[str], ...]) -> bool:
    """Whether a weak lead-in (a copula, a count, a presenting opening: the caller checks)
    closing its block on a spaced dash, before prose or nothing, lost what the dash
    announced: published text does not close a paragraph on a dash, as it closes one on a
    colon before items set as long paragraphs. A sentence of `STRANGER_WORDS` to
    `POINT_WORDS` words opening on a capital, not in the first person (an author's caption
    cut off: "… on my last visit to the Gardens —") and not naming a picture, table or code
    (`pictures`)."""
    lead = lead.strip()
    return (STRANGER_WORDS <= len(lead.split()) <= POINT_WORDS and (lead[:1].isupper() or lead[:1] in "¿¡")
            and not (lead_model.first_person(lead) or promise[8].search(lead)))


def _closing_lead(body: str) -> tuple[int, str, bool] | None:
    """The lead-in closing a block (its start, its words, whether a spaced dash closes it
    rather than a colon: "Good sources of iron include —"), or None."""
    if body.endswith(":") and not body.endswith("::"):
        st = _sentence_start(body, len(body) - 1)
        return st, body[st:-1], False
    dash = _DASH_END.search(body, max(0, len(body) - 40)) if body[-1:] in "-–—" else None
    if dash is None:
        return None
    st = _sentence_start(body, dash.start())
    return st, body[st:dash.start()], True


def _inside_candidate(text: str, para: str, st: int, m: re.Match[str], score: float, limit: float) -> bool:
    """Whether the learned scorer weighs the lead-in `para[st:m.start()]` inside a
    paragraph: a weak promise before a sentence, or a lead-in with no promise word that is
    a stranger to its paragraph: a sentence of its own, of `STRANGER_WORDS` words or more,
    sharing no word with the sentences around it and standing once in the article (a
    lead-in whose list was lost, left between sentences on something else; one that
    explains on, "The goal is simple:", takes up the paragraph's words)."""
    if INSIDE_FLOOR <= score < limit:
        return True
    lead = para[st:m.start()]
    if not (MODEL_FLOOR <= score < INSIDE_FLOOR and para[:st].rstrip()[-1:] in ".!?"
            and len(lead.split()) >= STRANGER_WORDS):
        return False
    parts = _PARTS.split(_NEXT_SENTENCE.split(para[m.end():], maxsplit=1)[0])
    if len(parts) >= 3 and len(parts[0].split()) <= 4:  # "tools: WordPress for flexibility, Shopify for
        return False  # e-commerce, or ...": three parts or more opening on a short one run its list in
    return not _shares(lead, para[:st], para[m.end():]) and text.count(lead.strip()) < 2


def _inside_score(text: str, para: str, st: int, m: re.Match[str], promise: tuple[re.Pattern[str], ...],
                  limit: float) -> float:
    """The rule's score of the lead-in `para[st:m.start()]` whose colon `m` a sentence
    follows inside the paragraph: its promise, the prose after it, and a little more when
    it shares no words with the sentences around it and stands once in the article."""
    lead = para[st:m.start()]
    score = _promise_score(lead, promise) + _prose_after(para[m.end():], promise[7])
    if (score < limit <= score + _STRANGER and st > 0 and para[:st].rstrip()[-1:] in ".!?"
            and not _shares(lead, para[:st], para[m.end():]) and text.count(lead.strip()) < 2):
        score += _STRANGER
    return score


def _unfinished(text: str, pattern: re.Pattern[str], longest: int, bare: re.Pattern[str] | None = None,
                last_words: frozenset[str] = frozenset(), hedges: re.Pattern[str] | None = None,
                hedge_ends: frozenset[str] | None = None) -> re.Match[str] | None:
    """The block's ending on a word that needs what it announces ("includes the
    following."): a stop or a dash closes the block, so the word ends where the spaces
    before that stop begin, and the pattern is tried from `longest` characters before;
    with no stop at all, the block ends on the word itself (`bare`: "Other symptoms may
    include", "Zu den Risikofaktoren gehören"; read only where the block's last word ends
    one of them, `last_words`; past the `hedges` after it, "Zu den Nebenwirkungen gehören
    gelegentlich")."""
    body = text.rstrip()
    if body and bare is not None and body[-1].isalpha():
        if hedges is not None and (hedge_ends is None or body[body.rfind(" ") + 1:].lower() in hedge_ends):
            body = hedges.sub("", body)  # "gehören gelegentlich": the verb ends it (a hedge's last word ends the block)
        if body[body.rfind(" ") + 1:].lower() not in last_words:
            return None
        return bare.search(body, max(0, len(body) - longest - 1))
    if not body or body[-1] not in ".…-–—":
        return None
    word_end = len(body[:-1].rstrip())
    return pattern.search(text, max(0, word_end - longest))


def _promise_score(lead: str, promise: tuple[re.Pattern[str], ...]) -> float:
    """How surely the lead-in announces a list: the words it ends with, how it opens (a
    plural that names a class of items, `heads`, after at most `HEAD_AFTER` words, in a
    phrase: "Common causes of back pain:", "Es gibt verschiedene Formen der Erkrankung:";
    after a presenting opening, "Here are some ways ...:", it stays the weak promise that
    the learned scorer weighs), a count of items, a question word; a lead-in naming one remark
    (`remarks`: "An important note here:") promises nothing but with a strong ending. A lead-in of more than
    `lead_model.LABEL_WORDS` words (of letters: a date or a dash before a byline's label is
    none, "05/10/2018 - Publicado por:") ending on a preposition that needs what follows (`ends`:
    "Appelez sans attendre en cas de :"), a modal, a subordinator with at most its subject or a
    verb that needs its object (`transitives`: "Call 999 if the person has:") promises as
    surely as "include:". So does a lead-in whose subject points forward at its items
    (`_pointed_subject`: "Los siguientes medicamentos no deben tomarse con alcohol:")."""
    strong, weak, opens, counts, asks, *_ = promise
    lead = _unhedged(lead.strip(), promise)
    if promise[21].search(lead) and not (strong.search(lead) or promise[12].match(lead)):
        return _NONE  # "An important note here:": one remark announced (`remarks`), no items ("Warning signs …:" are)
    if (strong.search(lead) or promise[12].match(lead) and not opens.match(lead) and _headed_phrase(lead)
            or len(promise) > 26 and _pointed_subject(lead, promise)
            or (promise[16].search(lead) or promise[17].search(lead) or promise[18].search(lead)
                or promise[23].search(lead))
            and sum(1 for w in lead.split() if _LETTER.search(w)) > lead_model.LABEL_WORDS):
        return _STRONG
    return _WEAK if weak.search(lead) or opens.match(lead) or counts.search(lead) or asks.match(lead) else _NONE


def _answers_question(body: str, st: int, lead: str, promise: tuple[re.Pattern[str], ...],
                      blocks: list[Block] | None = None, i: int = 0, language: str | None = None) -> bool:
    """Whether the lead-in closing the block (at `st`) is a short answer to the question just
    before it in the block, handing over its items ("Which vaccines does your baby need? They
    are:", "Not sure what to pack? Here's a checklist:"): the question asks for them, so the
    lead-in promises them as "include:" does. Of `QUESTION_LEAD` words at most, not in the
    first person, naming no picture or table and no single remark. A count ("Why? Two reasons:")
    heads reasons set as paragraphs that take the question's words up; with the `blocks` after
    it, one whose question has rarer words (`QUESTION_ZIPF`) that none of the next `AHEAD`
    blocks takes up ("Struggling to sleep? Some tips:" before a paragraph on something else)
    hands items over that are gone."""
    words = lead.split()
    if not (0 < len(words) <= QUESTION_LEAD and body[:st].rstrip().endswith("?")
            and not (lead_model.first_person(lead) or promise[8].search(lead) or promise[21].search(lead))):
        return False
    if not promise[3].search(lead):
        return True
    return blocks is not None and _question_left(body, st, blocks, i, language)


def _question_left(body: str, st: int, blocks: list[Block], i: int, language: str | None) -> bool:
    """Whether the question ending just before `st` in block `i` has rarer words
    (`QUESTION_ZIPF`) that none of the next `AHEAD` blocks takes up: what answered it is gone."""
    before = body[:st].rstrip()[:-1]
    opening = _SENTENCE_OPEN.match(before)
    question = before[opening.end() if opening else 0:]  # the question alone, not the paragraph before it
    rare = {w.lower()[:6] for w in _CONTENT.findall(question) if zipf(w.lower(), language or "en") < QUESTION_ZIPF}
    below = " ".join(b.text for b in blocks[i + 1:i + 1 + AHEAD])[:600]
    return bool(rare) and not rare & {w.lower()[:6] for w in _CONTENT.findall(below)}


def _stop_answer(body: str, promise: tuple[re.Pattern[str], ...], blocks: list[Block], i: int,
                 language: str | None) -> bool:
    """Whether the block closes on a presenting sentence with a full stop (`opens`: "Here are a
    few ways.", "Voici quelques pistes.", "Aquí tiene algunas ideas.") of at most `QUESTION_LEAD`
    words, just after a question whose rarer words the blocks below do not take up: it hands
    over items as "Here are a few ways:" does (`_answers_question`), and they are gone."""
    st = _sentence_start(body, len(body) - 1)
    lead = body[st:-1].strip()
    if not (promise[2].match(lead) and body[:st].rstrip().endswith("?")):
        return False
    return (len(lead.split()) <= QUESTION_LEAD and not (lead_model.first_person(lead) or promise[8].search(lead))
            and _question_left(body, st, blocks, i, language))


def _pointed_subject(lead: str, promise: tuple[re.Pattern[str], ...]) -> bool:
    """Whether the lead-in opens on a subject that points forward at its items: a pointing
    word (`points`, not beside a word of time or place) opening it ("The following medicines
    should not …:", "Folgende Medikamente sollten …:"), or within `HEAD_AFTER` words after a
    plural determiner opening it (`plurals`: "Les médicaments suivants ne doivent pas …:",
    "Los siguientes medicamentos …:"); not an object further on ("Consider the following
    review …:", "including the following credit line:", one thing to come), nor a lead-in
    naming a picture or table or speaking in the first person."""
    pattern, not_words = promise[26]
    m = pattern.search(lead)
    if m is None or promise[8].search(lead) or lead_model.first_person(lead):
        return False
    before = lead[:m.start()].split()
    if before and not (len(before) <= HEAD_AFTER and promise[19].match(lead)):
        return False
    return _points_at(lead, promise[26])


def _unhedged(lead: str, promise: tuple[re.Pattern[str], ...]) -> str:
    """The lead-in without the adverbs of frequency or focus closing it (`hedges`: "sont
    généralement", "gehören gelegentlich"), so the verb or copula before them ends it."""
    if len(promise) > 31 and lead[lead.rfind(" ") + 1:].lower() not in promise[31]:
        return lead  # (no hedge's last word closes it: nothing to strip)
    return promise[22].sub("", lead) if len(promise) > 22 else lead


def _closing_promise(lead: str, promise: tuple[re.Pattern[str], ...], capitalised: bool = False) -> float:
    """`_promise_score` of a lead-in closing its block, where a phrase opening on a plural
    determiner ("Les bons réflexes en cas de piqûre :", "Las señales de un golpe de calor –",
    "Häufige Fehler beim Inhalieren –": `plurals`) with no copula names a class of items as
    surely as "Causes of ...:" (`heads`) does, unless it names a picture or table
    (`pictures`: "Les besoins en calcium figurent dans ce tableau :"). Not inside a paragraph, where such a subject
    opens a clause that runs on into what it introduces ("Viele Betroffene fragen sich: Muss
    ich …?"). One opening on `things` ("Things to avoid after a concussion —") is a weak
    promise. `capitalised`: the language writes its nouns with a capital (then capitals say
    nothing of a title)."""
    score = _promise_score(lead, promise)
    lead = lead.strip()
    if score < _STRONG and len(promise) > 32 and promise[32].match(lead):
        return _STRONG  # "Related pages:", "Weiterführende Links –": a label of links, whose links no prose can be
    if (score < _STRONG and promise[19].match(lead) and not (promise[14].search(lead) or promise[8].search(lead))
            and not promise[2].match(lead) and _headed_phrase(lead, capitalised)):
        return _STRONG
    if score < _WEAK and len(promise) > 30 and promise[30].search(lead) and len(lead.split()) <= POINT_WORDS:
        return _WEAK  # "This is what your GP will want to know:", "Mistakes worth avoiding —": things to know or do
        # named, a weak promise (before prose the learned scorer weighs it; a spaced dash closing it shows its list lost)
    if score < _WEAK and promise[20].match(lead) and _headed_phrase(lead, capitalised):
        return _WEAK  # "Things to avoid after a concussion —": the plainest class of items (`things`), a weak promise:
        # before prose the learned scorer weighs it with a colon ("Things that may help you sleep better:" heads an
        # item set as a paragraph that takes its topic up), and a spaced dash closing its block shows its list lost
    return score


def _headed_phrase(lead: str, capitalised: bool = False) -> bool:
    """A lead-in opening on a class of items (`heads`, no copula after it) is a promise when
    it is a phrase, not a label:
    more than `lead_model.LABEL_WORDS` words ("Tips:", "Next steps:" head their own text), at
    most `POINT_WORDS` (a longer one is a clause about its subject), not in the first person, and
    not in title case ("Benefits of Learning Music:", every longer word after the first
    capitalised, heads a section), which `capitalised` nouns do not tell."""
    words = lead.split()
    if not lead_model.LABEL_WORDS < len(words) <= POINT_WORDS or lead_model.first_person(lead):  # a long one is a
        return False  # clause on its subject ("And things just get weirder … from there, with …:"), no phrase naming
    # items; one in the first person is the author's ("There are two things I always pack –")
    longer = [w for w in words[1:] if len(w) >= 4]
    return capitalised or not longer or not all(w[:1].isupper() for w in longer)


_CONTENT = re.compile(r"[^\W\d_]{4,}")
_LETTER = re.compile(r"[^\W\d_]")  # a word holds one: a date or a dash before a label is none ("05/10/2018 - Publicado por:")


def _shares(lead: str, before: str, after: str, language: str | None = None) -> bool:
    """Whether the lead-in's words (their first 6 letters, words of 4 letters or more; with
    `language`, not its everyday words, "sind", "with", at `lead_model.RARE_ZIPF` or more)
    are in the sentence before it or the text after its colon: a lead-in the paragraph talks
    about; one planted or left in a paragraph on something else shares none."""
    words = {w.lower()[:6] for w in _CONTENT.findall(lead)
             if language is None or zipf(w.lower(), language) < lead_model.RARE_ZIPF}
    near = {w.lower()[:6] for w in _CONTENT.findall(before[-300:] + " " + after[:300])}
    return bool(words & near)


def _prose_after(rest: str, ordinal: re.Pattern[str] | None = None) -> float:
    """Within a paragraph: the colon is followed by a sentence of its own, not by the list
    run into the paragraph ("include: Nausea, headache, dizziness": short parts between
    commas, the first of four words or fewer; "Enterprises are now demanding AI-native,
    real-time, context-aware services." is a sentence whose adjectives the commas part), nor by a sentence opening on an ordinal ("Two reasons: First, ...": the items
    enumerated as sentences, `ordinals`). A short sentence is one when it ends on a full
    stop after four words or more and has no comma ("Ce temps est révolu."; questions in a
    row are a list of them), or on a colon (a lead-in of its own: "This program will
    output:", which no run-in item ends on); a stop after a day's number ("Bis 13. September") or before a
    small letter ("70 Mio. gesetzlich") ends no sentence."""
    sentence = _NEXT_SENTENCE.split(rest, maxsplit=1)[0]
    if ordinal is not None and ordinal.match(sentence.lstrip()):
        return -1.0
    parts = _PARTS.split(sentence)
    n = len(sentence.split())
    if n < 6 and not (n >= 4 and len(parts) == 1 and sentence.rstrip().endswith((".", ":"))):
        return -1.0
    if len(parts) > 1 and n / len(parts) <= 3.5 and len(parts[0].split()) <= 4 or _named_run(parts):
        return -1.0
    return _AFTER["prose"]


def _named_run(parts: list[str]) -> bool:
    """Three parts or more between commas, most opening on a capital: a run-in list of
    names or titles ("such as: Leave No Trace, Trip Planning, How to Pack, and more"); a
    sentence's clauses open on small letters (a name may open one)."""
    if len(parts) < 3:
        return False
    caps = sum(bool(_CAPITAL.match(p.strip())) for p in parts)
    return caps >= 3 and 3 * caps >= 2 * len(parts)


def _after_score(blocks: list[Block], i: int, ordinal: re.Pattern[str] | None = None,
                 copula: re.Pattern[str] | None = None, goes_on: re.Pattern[str] | None = None,
                 promise: tuple[re.Pattern[str], ...] | None = None) -> float:
    """What follows a lead-in: a quotation ("the following statement:") is what it
    announced, and so is a paragraph opening on an ordinal ("First, ...", "Erstens",
    `ordinals`): the items enumerated as paragraphs (`copula`, `goes_on`: `_list_like`).
    With the `promise` patterns, a caption or source line after the lead-in is read past
    (`_lines_skipped`), and a line opening on a question word before prose starts the next
    section (`_new_section`): the lead-in's items are gone."""
    j = _lines_skipped(blocks, i, promise)
    if j > i:
        return _after_score(blocks, j, ordinal, copula, goes_on)
    if i + 1 >= len(blocks):
        return _AFTER["end"]
    nxt = blocks[i + 1]
    if _new_section(blocks, i + 1, promise, copula, goes_on):
        return _AFTER["prose"]
    if nxt.type == "heading":
        return _AFTER["heading"]
    if (nxt.type != "paragraph" or _OPENS_QUOTE.match(nxt.text) or _list_like(blocks, i + 1, copula, goes_on)
            or ordinal is not None and ordinal.match(nxt.text)):
        return -1.0
    return _AFTER["prose"]


def _lines_skipped(blocks: list[Block], i: int, promise: tuple[re.Pattern[str], ...] | None) -> int:
    """The block after the caption or source lines that follow block `i` ("Table 2. Doses by
    weight", "Tabelle 1: …", "Source: …": `captions` before a number or a colon, a line of
    at most `POINT_WORDS` words), or `i` when none does: a caption names the table or list
    it stood above, it is no item of it, and what follows it says whether the items are there."""
    if promise is None or len(promise) < 26:
        return i
    j = i
    while (j + 1 < len(blocks) and blocks[j + 1].type in ("paragraph", "heading")
           and promise[24].match(t := blocks[j + 1].text.strip()) and len(t.split()) <= POINT_WORDS):
        j += 1
    return j


def _new_section(blocks: list[Block], j: int, promise: tuple[re.Pattern[str], ...] | None,
                 copula: re.Pattern[str] | None = None, goes_on: re.Pattern[str] | None = None) -> bool:
    """Whether block `j`, a heading or a short paragraph with no stop opening on a question
    word (`asks`: "When to call an ambulance", "Quand appeler le 15", "Qué beber") and no
    question mark, heads the next section before prose: items set as headings name things
    ("Fever", "Face drooping"), and questions set as items end on their question mark. A
    question of one sentence so opening ("When should I see a doctor?", "¿Cuándo ir al
    médico?") heads a section too when prose answers it and no other question follows that
    answer: questions set as items come in a row, or each after its answer (a FAQ)."""
    if promise is None or len(promise) < 26 or j + 1 >= len(blocks):
        return False
    t = blocks[j].text.strip()
    asked = t.endswith("?") and _sentence_start(t, len(t) - 1) == 0 and blocks[j].type == "paragraph"  # (a heading
    # after a lead-in may be its first item set as one)
    if (blocks[j].type not in ("paragraph", "heading") or not promise[25].match(t.lstrip("¿")) or len(t.split()) > 8
            or (t.endswith("?") or _SENTENCE_END.search(t)) and not asked or ":" in t):
        return False
    if asked and j + 2 < len(blocks) and _QUESTION_LINE.search(blocks[j + 2].text.strip()):
        return False
    nxt = blocks[j + 1]
    return (nxt.type == "paragraph" and bool(_SENTENCE_END.search(nxt.text.strip()))
            and not _list_like(blocks, j + 1, copula, goes_on) and not (asked and nxt.text.rstrip().endswith("?")))


_QUESTION_LINE = re.compile(r"\?[\"”’»)]*$")
_SENTENCE_OPEN = re.compile(r"(?:.*[.!?])\s*", re.S)  # up to the last stop before a lead-in: where its sentence opens
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.):]\s")  # "1. Prunes", "II) ...": a listicle's numbered section
_COUNT_OPENING = re.compile(r"^\d{1,2}\s+(?-i:[a-zß-ÿ])[^\W\d_]{2,}")  # "12 simple swaps"; not "4 The Creatives", an item's number
FIELD_WORDS = 8  # a form's label opening or closing on a field's noun is this short at most ("Name of your pharmacy:")
TITLE_WORDS = 10  # a title that counts its items ("Seven habits that protect your kidneys") is this short at most
TITLE_CHARS = 120  # (and no longer than this: a cheap test before the rest)


def _count_title(blocks: list[Block], i: int, promise: tuple[re.Pattern[str], ...], language: str | None,
                 capitalised: bool = False) -> bool:
    """Whether block `i` is a title counting items it no longer has: a heading or a line of
    at most `TITLE_WORDS` words with no stop, opening on a count before a word ("Seven habits
    that protect your kidneys", "Sechs Lebensmittel, die …", "12 simple swaps …", `counts`),
    not in the first person, before prose or closing the page, with only paragraphs below it and none of them
    numbered (a listicle's title before its numbered sections, or before items set as
    headings or a list, has its items), and sharing none of its rarer words with the text
    below (`_takes_up`: "Six Quick CTA checklists" before "These CTA checklists are …" tells
    its items as prose). Not the page's first block, its own title, nor one set in title case
    (its longer words capitalised, outside a language that capitalises its nouns), as an
    article's or a section's title is ("Three Must-Do River Cruises for the Entire Family")."""
    b = blocks[i]
    body = b.text.strip()
    overview = not (promise[3].match(body) or _COUNT_OPENING.match(body))  # (the caller saw a count or an overview)
    if (i == 0 or b.type not in ("paragraph", "heading") or not body[-1:].isalnum() or len(body.split()) > TITLE_WORDS
            or (_TITLE_STOP if overview else _ANY_STOP).search(body) or lead_model.first_person(body)):
        return False
    longer = [w for w in body.split()[1:] if len(w) >= 4]
    if not capitalised and longer and all(w[:1].isupper() for w in longer):
        return False
    below = blocks[i + 1:]
    if any(x.type != "paragraph" or _NUMBERED.match(x.text) or promise[7].match(x.text) for x in below):
        return False
    return (_after_score(blocks, i, promise[7], promise[14], promise[15], promise) in (_AFTER["prose"], _AFTER["end"])
            and not _takes_up(body, " ".join(x.text for x in below[:AHEAD]), language))


_TITLE_STOP = re.compile(r"[.!?;…]|:\S")  # a title naming an overview may set its topic before a colon ("Asthma inhalers: a quick guide")
QUESTION_ZIPF = 5.0  # a question's words rarer than this name what its items are about ("sleep" is not, "eligible" is)
TOPIC_ZIPF = 5.5  # a word of a lead-in naming an overview rarer than this (and of 4 letters or more) is its topic


def _overview(lead: str, promise: tuple[re.Pattern[str], ...], language: str | None) -> bool:
    """Whether the lead-in or title names an overview or a guide (`overviews`: "at a glance", "im
    Überblick", "en bref", "guía rápida") of a topic: a word of 4 letters or more outside the
    overview's words and rarer than `TOPIC_ZIPF` ("Hay fever remedies at a glance:", "Petit
    guide des vaccins du voyageur"), of at most `POINT_WORDS` words. With no topic ("In short:",
    "Kurz und knapp:", "En resumen:") it opens a summary told in prose. Not a clause with a copula
    (`copulas`, or a pronoun's "it's", "c'est"): it says what something is ("It's basically a checklist:")."""
    if len(promise) < 30 or len(lead.split()) > POINT_WORDS:  # a long sentence mentions "the basics" in passing
        return False
    m = promise[29].search(lead)
    if m is None or promise[14].search(lead) or _PRONOUN_COPULA.search(lead):
        return False  # "It's basically a checklist:", "Das ist ein Überblick": a clause saying what something is, no title
    rest = lead[:m.start()] + " " + lead[m.end():]
    return any(zipf(w.lower(), language or "en") < TOPIC_ZIPF for w in _CONTENT.findall(rest))


_PRONOUN_COPULA = re.compile(r"\b(?:it|that|this|what)['’]s\b|\bc['’]est\b", re.I)  # the copula a pronoun runs into
TITLE_ZIPF = 4.5  # a title's words rarer than this (wordfreq) name its subject ("checklists", "kidneys"), not its frame


def _takes_up(title: str, after: str, language: str | None) -> bool:
    """Whether the text after a title takes up one of its rarer words (`TITLE_ZIPF`; their
    first 6 letters, words of 4 letters or more, within 600 characters): the title's items
    are told in that prose."""
    words = {w.lower()[:6] for w in _CONTENT.findall(title) if zipf(w.lower(), language or "en") < TITLE_ZIPF}
    return bool(words & {w.lower()[:6] for w in _CONTENT.findall(after[:600])})


def _steps_told(blocks: list[Block], i: int, steps: tuple[re.Pattern[str], re.Pattern[str]]) -> bool:
    """Whether the paragraph after block `i` tells steps in time as prose: one sentence holds
    a first step's word (`steps_first`) and a later sentence a next step's (`steps_then`),
    or a sentence after the first opens on a next step's word, the first sentence telling
    the first step ("El técnico le coloca unos electrodos. Luego registra …"): what a
    pointer closing block `i` ("works as follows.") announced."""
    if i + 1 >= len(blocks) or blocks[i + 1].type != "paragraph":
        return False
    sentences = _NEXT_SENTENCE.split(blocks[i + 1].text)
    first = next((k for k, s in enumerate(sentences) if steps[0].search(s)), len(sentences))
    return (any(steps[1].search(s) for s in sentences[first + 1:])
            or any(steps[1].match(s.lstrip("\"“‘«„¿¡ ")) for s in sentences[1:]))


def _closing_after(blocks: list[Block], i: int, ordinal: re.Pattern[str] | None = None,
                   copula: re.Pattern[str] | None = None, goes_on: re.Pattern[str] | None = None,
                   promise: tuple[re.Pattern[str], ...] | None = None) -> float:
    """What follows a lead-in closing block `i`, as its score reads it: `_after_score`, but
    a paragraph opening on a quotation mark (and not set as list items) is weighed, not
    taken for what was announced: a promise of items ("are listed below:") before a
    quotation reaches the learned scorer, a lead-in to speech ("he said:") does not."""
    after = _after_score(blocks, i, ordinal, copula, goes_on, promise)
    i = _lines_skipped(blocks, i, promise)
    if after == -1.0 and blocks[i + 1].type == "paragraph" and _OPENS_QUOTE.match(blocks[i + 1].text) \
            and not _list_like(blocks, i + 1, copula, goes_on):
        return _AFTER["quote"]
    return after


def _list_like(blocks: list[Block], j: int, copula: re.Pattern[str] | None = None,
               goes_on: re.Pattern[str] | None = None) -> bool:
    """Block j starts a list set as paragraphs: a short unpunctuated line, a line with a
    list marker or table cells, a "Term: ..." or "Term. ..." line, an item that opens
    with a gerund ("Keeping your phone ..."), a question of one sentence (a list of
    questions; a paragraph of sentences that ends on one is prose) or another lead-in (of sub-lists),
    unpunctuated lines in a row, or short paragraphs in a row that do not read as a story
    going on ("But", "It", "The ...", and the language's own openings: `goes_on`)."""
    t = blocks[j].text.strip()
    n = len(t.split())
    ends = bool(_SENTENCE_END.search(t))
    if n <= 8 and not ends or _LIST_LINE.search(t) or t.endswith(":") or t.endswith("?") and not _NEXT_SENTENCE.search(t):
        return True
    nxt = blocks[j + 1] if j + 1 < len(blocks) and blocks[j + 1].type in ("paragraph", "list_item") else None
    if _term(t, copula, goes_on) or _GERUND.match(t) and (n <= ITEM_WORDS and not _GERUND_SUBJECT.match(t)
                                         or nxt is not None and _item_opening(nxt.text.strip())):
        return True  # a long paragraph opening on a gerund ("Arguing that ...") is prose unless its neighbour
        # opens as an item too (items set as paragraphs come in parallel runs)
    if nxt is None:
        return False
    if not ends and not _SENTENCE_END.search(nxt.text.strip()):
        return True
    return (n <= LIST_LINE_WORDS and len(nxt.text.split()) <= LIST_LINE_WORDS
            and not _goes_on(t, goes_on))


def _goes_on(t: str, goes_on: re.Pattern[str] | None) -> bool:
    """Whether the paragraph opens on a word that carries a story on: English's
    (`_GOES_ON`, which the learned scorer reads) or the language's (`goes_on`)."""
    return bool(_GOES_ON.match(t) or goes_on is not None and goes_on.match(t))


def _term(t: str, copula: re.Pattern[str] | None = None, goes_on: re.Pattern[str] | None = None) -> bool:
    """A "Term: ..." or "Term. ..." line; not a short sentence opening on a word that
    carries a story on ("It's a loop. You say something, ..."), nor a clause of
    `TERM_CLAUSE` words or more with a copula before its colon ("La bonne technique
    d'inhalation est essentielle : ..."): a term names a thing."""
    if not _TERM_LINE.match(t):
        return False
    head = re.match(_TERM_COLON, t) if copula is not None else None
    if head and len(head.group().split()) >= TERM_CLAUSE and copula.search(head.group()):
        return False
    return not (_goes_on(t, goes_on) and not re.match(_TERM_COLON, t))


def _item_opening(t: str) -> bool:
    return bool(_TERM_LINE.match(t) or _GERUND.match(t))


def _sentence_start(s: str, pos: int) -> int:
    """Where the sentence holding s[pos] starts (after the last stop or colon before it)."""
    start = 0
    for m in _SENTENCE_STOP.finditer(s, 0, pos):
        start = m.end()
    return start


@cache
def _promises(files: tuple[str, ...], language: str | None) -> tuple[re.Pattern[str], ...]:
    """(strong, weak) promise words at the end of a lead-in, (opens) at its start, (counts)
    before a word anywhere in it, (asks) at its start, (unfinished) ending a block with a
    stop or a dash, (shows) anywhere in it, (ordinals) opening the block after it, (pictures)
    anywhere in it, (unfinished) ending a block with no stop ("to include" excepted: "Foods
    to include" is a heading's whole thought), (forward) ending a sentence another
    sentence follows in its paragraph, (fronted) anywhere in a sentence, (heads) opening a
    lead-in with no copula after them, (runs on) unfinished words before a capital
    (`_run_on`), (copulas) anywhere, (goes_on) opening a paragraph that carries a story on
    (case-sensitive), (ends) a word that needs what follows it ending a lead-in ("en cas de :"),
    (modals), (subject only: `_subject_only`), (plurals) a plural determiner and a word opening
    a lead-in (`_closing_promise`), (things) opening a lead-in as `heads` do, read in
    `_closing_promise` only, (remarks) a word for one remark anywhere, (hedges), (transitives),
    (captions) opening a caption or source line (`_lines_skipped`), (asks) opening a line, for
    a section's heading (`_new_section`), and (points) the words pointing forward at items with
    those that make them time or place (`_points`: `_promise_score`), and (form_marks) a
    form field's mark in brackets closing a label ("Reason for your visit (optional):"), (form_fields)
    a short label opening or closing on a form field's noun ("Name of your pharmacy:", "Numéro de
    téléphone (portable de préférence) :"), (overviews) the words naming an overview or a guide
    ("at a glance", "im Überblick", "en bref", "guía rápida"), and (weak_phrases) things to do, know
    or expect named ("This is what …", "worth avoiding", "Das hilft", "à retenir", "que conviene
    evitar"), read in `_closing_promise` only, the last words of the `hedges` (the one test a
    text's last word passes before the hedges are stripped from it), and (link_labels) a label of
    links or further pages that is the whole lead-in ("Related pages", "Weiterführende Links",
    "Ressources utiles", "Enlaces de interés"), read in `_closing_promise` only; every language's
    when the article's is not known."""
    tables = _tables(files, language)

    def ending(key: str) -> re.Pattern[str]:
        words = sorted({w for t in tables for w in t.get(key, [])}, key=len, reverse=True)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(words) or '(?!)'})\W*$", re.I)

    def alternation(key: str) -> str:
        return "|".join(sorted({w for t in tables for w in t.get(key, [])}, key=len, reverse=True)) or "(?!)"

    return (ending("strong"), ending("weak"), re.compile(rf"(?:{alternation('opens')})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('counts')})\s+[^\W\d_]{{3,}}", re.I),
            re.compile(rf"(?:{alternation('asks')})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('unfinished')})\s*(?:[.…]|\s[-–—])\s*$", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('shows')})(?![\w-])", re.I),
            re.compile(rf"[\W\d]{{0,3}}(?:{alternation('ordinals')})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('pictures')})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?<!\bto )(?:{alternation('unfinished')})$", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('forward')})\s*[.…](?=\s+[¿¡\"“«„]?[A-ZÀ-ÖØ-Þ])", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('fronted')})(?![\w-])", re.I),
            re.compile(rf"(?:[^\W\d_]+\s+){{0,{HEAD_AFTER}}}(?:{alternation('heads')})(?![\w-])"
                       rf"(?!\s+(?:{alternation('copulas')})(?![\w-]))", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('unfinished')})(?=[ \t]+(?-i:[A-ZÀ-ÖØ-Þ]))", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('copulas')})(?![\w-])", re.I),
            re.compile(rf"(?:{alternation('goes_on')})(?:(?<=['’])|(?![\w'’-]))"), ending("ends"), ending("modals"),
            _subject_only(alternation("subordinators"), alternation("subjects"), capitalised_nouns(files, language)),
            re.compile(rf"(?:{alternation('plurals')})\s+[^\W\d_]", re.I),
            re.compile(rf"(?:[^\W\d_]+\s+){{0,{HEAD_AFTER}}}(?:{alternation('things')})(?![\w-])"
                       rf"(?!\s+(?:{alternation('copulas')})(?![\w-]))", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('remarks')})(?![\w-])", re.I),
            re.compile(rf"(?:[ \t]+(?:{alternation('hedges')}))+[ \t]*$", re.I), ending("transitives"),
            re.compile(rf"(?:{alternation('captions')})(?:\s*\d+[a-z]?(?![\w,])|\s*:)", re.I),
            re.compile(rf"(?:{alternation('asks')})(?![\w'’-])", re.I), _points(files, language),
            re.compile(rf"\(\s*(?:{alternation('form_marks')})\s*\)\s*[:*]*\s*$", re.I),
            re.compile(rf"^\s*(?:(?:{alternation('form_fields')})(?![\w-])[^:.!?()]{{0,40}}|[^:.!?()]{{0,30}}(?<![\w-])"
                       rf"(?:{alternation('form_fields')}))(?:\s*\([^)]{{0,40}}\))?\s*[:*]+\s*$", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('overviews')})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?:{alternation('weak_phrases')})(?![\w-])", re.I),
            frozenset(w.split()[-1].lower() for t in tables for w in t.get("hedges", [])),
            re.compile(rf"^\W*(?:{alternation('link_labels')})[\s:.…–—-]*$", re.I))


def _subject_only(subordinators: str, subjects: str, capitalised: bool) -> re.Pattern[str]:
    """A lead-in's ending in a clause that has at most its subject after its subordinator
    ("if:", "if you:", "if the wound:", "wenn Ihr Kind:"): the verb or its object is gone. In
    a language that capitalises its nouns the word after the subject is a noun (its verb, in
    lower case, ends a whole clause: "wenn Sie husten:")."""
    gap = r"(?:\s+|(?<=['’]))"  # a space, or none after an elision ("lorsqu'il", "l'enfant")
    word = r"(?-i:[A-ZÄÖÜ])[\w'’-]*" if capitalised else r"[^\W\d_][\w'’-]*"
    return re.compile(rf"(?<![\w'’-])(?:{subordinators})(?:{gap}(?:{subjects})(?:{gap}{word})?)?(?![\w'’-])\W*$", re.I)


def strong_promise(files: tuple[str, ...]) -> re.Pattern[str]:
    """The words ending a lead-in that surely announce items of the text ("include:", "the
    following:", "die folgenden:"), every language's: the cleaning keeps such a lead-in
    (`clean/leadins.py`), since the list it announces is the article's own."""
    return _promises(files, None)[0]


def _holding(text: str, offs: list[int], needles: tuple[str, ...]) -> set[int]:
    """The indices of the blocks (starting at `offs` in `text`) that hold one of the needles."""
    out: set[int] = set()
    for n in needles:
        at = text.find(n)
        while at >= 0:
            out.add(bisect_right(offs, at) - 1)
            at = text.find(n, at + 1)
    return out


@cache
def _points(files: tuple[str, ...], language: str | None, *keys: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """The language's words that point forward at items (`points`; with `keys`, those
    tables' entries, as the participles closing a sentence on where they stand,
    `points_closing`, beside them), and the words beside one that make it time or place
    (`points_not`, lower-cased)."""
    tables = _tables(files, language)
    words = sorted({w for t in tables for k in keys or ("points",) for w in t.get(k, [])}, key=len, reverse=True)
    return (re.compile(rf"(?<![\w-])(?:{'|'.join(words) or '(?!)'})(?![\w-])", re.I),
            frozenset(w.lower() for t in tables for w in t.get("points_not", [])))


@cache
def _steps(files: tuple[str, ...], language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The language's words telling a first step (`steps_first`) and a next one (`steps_then`)."""
    tables = _tables(files, language)

    def words(key: str) -> re.Pattern[str]:
        alt = "|".join(sorted({w for t in tables for w in t.get(key, [])}, key=len, reverse=True)) or "(?!)"
        return re.compile(rf"(?<![\w'’-])(?:{alt})(?![\w'’-])", re.I)

    return words("steps_first"), words("steps_then")


def _tables(files: tuple[str, ...], language: str | None) -> list[dict]:
    """The `[[promise]]` tables of the language; every language's when it has none."""
    tables = [t for t in lexicon.tables(files, "promise").values() if language is None or t.get("lang") == language]
    return tables or list(lexicon.tables(files, "promise").values())


@cache
def _unfinished_ends(files: tuple[str, ...], language: str | None) -> frozenset[str]:
    """The last words of the language's `unfinished` wordings, lower-cased."""
    return frozenset(w.split()[-1].lower() for t in _tables(files, language) for w in t.get("unfinished", []))


@cache
def _unfinished_words(files: tuple[str, ...], language: str | None) -> tuple[str, ...]:
    """The language's `unfinished` wordings in lower case and capitalised, as written (the
    blocks `_run_on` reads hold one)."""
    words = {w for t in _tables(files, language) for w in t.get("unfinished", []) if "(" not in w}  # (a pattern is no needle)
    return _minimal({v for w in words for v in (w.lower(), w[:1].upper() + w[1:])})


def _minimal(needles: set[str]) -> tuple[str, ...]:
    """The needles that hold no other needle: a block holding "includes" holds "include", so
    one search finds both (`_holding`: the same blocks with fewer scans of the text)."""
    return tuple(sorted(n for n in needles if not any(m != n and m in n for m in needles)))


@cache
def _points_needs(files: tuple[str, ...], language: str | None) -> tuple[str, ...]:
    """What every `points` wording of the language holds (`points_needs`, as written)."""
    return tuple({n for t in _tables(files, language) for n in t.get("points_needs", [])})


@cache
def _forward_needs(files: tuple[str, ...], language: str | None) -> tuple[str, ...]:
    """What every `forward` wording of the language holds (`forward_needs`, as written)."""
    return tuple({n for t in _tables(files, language) for n in t.get("forward_needs", [])})


@cache
def _limit(files: tuple[str, ...]) -> float:
    """The rule's threshold (`[[threshold]] dangling_list`), read once per set of rule files."""
    t = lexicon.tables(files, "threshold").get("dangling_list")
    return float(t["value"]) if t else 0.5


@cache
def _longest_unfinished(files: tuple[str, ...], language: str | None) -> int:
    """The length of the longest `unfinished` wording `_promises` reads (an upper bound)."""
    tables = _tables(files, language)
    return max((len(w) for t in tables for w in t.get("unfinished", [])), default=0)


def _flag(text: str, s: int, e: int, score: float) -> Flag:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Flag("dangling_list", s, e, text[s:e], "warning", _MESSAGE, rule="shape.dangling-list", score=round(min(score, 1.0), 2))
