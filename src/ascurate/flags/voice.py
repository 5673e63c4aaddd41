"""`mixed_voice`: a first-person aside or account spliced into third-person reference text.

Each sentence gets a grammatical person: first person singular (I, ich, je, yo and their
forms, `[[person]]` in `rules/shapes.toml`) outside quotation marks, or not. A question
("Can I ...?"), a lead-in to a quotation, a sentence attributed to someone ("..., says
Anna") and an interview (Q:/A:) speak for someone else. A run of first-person sentences
scores by how alone it is: an article otherwise without a first-person sentence gives
it its highest score; an article with first-person sentences elsewhere is written in
that voice (a blog post, a personal story) and nothing in it is mixed. So is an article
whose author speaks of the piece ("As I write this review"), and, on a page not about
health, one with a first-person section (more than three sentences in a run) or opening
in the first person: on a health page that is a patient's story spliced in. So is, on a
page not about health that addresses its reader ("you"), a first-person sentence of the
author's own use or advice ("I personally use one"): a review's or a how-to's voice.
On a page that quotes people often, an unmarked "I" may carry a quotation on: it weighs
less, but only inside a quotation left open in its paragraph or in the paragraph before
(`_near_quotation`). A sentence that reads as a chatbot's turn
(`chat.is_turn`: "Would you like me to shorten this?") speaks in the assistant's "I", not
the page's: it is neither an aside nor a sign of the author's voice. A household's story in the first person plural
("we waited", "wir mussten") counts as first person on a page with no other "we" (`_plural`).
On a page about health, a run whose verbs narrate (a past or perfect tense by the first
person: `_narration`) is told experience, as the words of experience are; elsewhere an
author tells what they did ("I've compiled five trends") in the page's own voice. On a
page about health a sentence that opens on its writer (the first person within its first
words: "Honestly, I keep a pack", "Ich kann nur sagen") weighs more whatever its tense:
reference text on health has no writer to speak of (`_opens_in_first_person`). A story
under a line that names its teller ("Living with it: Dev's experience") is a testimony
the page sets as such, attributed as a quotation is (`_labelled`).
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from functools import cache

from ..model import Flag
from . import lexicon
from .view import ArticleView

_INTERVIEW = re.compile(r"^(?:Q|A|Q\.|A\.|Question|Answer|Frage|Antwort|Question|Réponse|Pregunta|Respuesta)\s*[:.)-]\s", re.M)
# quotation pairs; ‘…’ only where ‘ opens (a lone ’ is an apostrophe)
_QUOTES = re.compile(r"“[^”]*(?:”|$)|„[^“”]*(?:[“”]|$)|«[^»]*(?:»|$)|\"[^\"]*(?:\"|$)|‘[^’]*’(?!\w)|(?<!\w)'[^']*'(?!\w)")
_EMBED = re.compile(r"pic\.twitter\.com/|https?://t\.co/|\(@\w{1,30}\)")
_QUOTE_MARKS = re.compile(r"[“„«\"‘]|(?<!\w)'")  # where a quotation can start
MIN_SENTENCES = 8  # too little text around a first-person sentence to call the rest third person
MAX_GAP = 1  # impersonal sentences a run may span
MAX_SHARE = 0.34  # above this share of first-person sentences, the article is a personal account
MAX_TURNS_READ = 4  # first-person sentences at most that are read for a chatbot's turn (`chat.is_turn`)
EMBED_LINES = 2  # lines of an embedded post that may stand above the one with its link
MAX_RUN = 3  # a longer first-person run reads as a section in the author's voice (a test report, a story)
MAX_OTHER_WE = 1  # "we" words beyond those of a household's story on a page written without a team's voice
SECOND_SHARE = 0.15  # second-person words a sentence from which a page addresses its reader (`_reviewers_voice`)
HEALTH_STEMS = 6  # word starts of the care vocabulary that make a page about health (`_own_section`)
_BASE, _RUN, _EXPERIENCE, _ALONE = 0.2, 0.25, 0.25, 0.3
_STRAY_PENALTY = 0.35  # per first-person sentence elsewhere in the article, per sentence of the run
_REFERENCE = 0.05  # on a page about health (reference text), for a sentence about the writer (`_opens_in_first_person`)
_BRACKETED = 0.05  # for a first-person sentence set apart in brackets (`_bracketed`)
_INTERRUPTED = 0.05  # for a third-person statement the first person breaks into after a bracket or a dash (`_interrupts`)
STATEMENT_WORDS = 3  # words of the statement before the bracket or dash that an aside interrupts
LABEL_WORDS = 10  # words at most of a line that labels the passage under it (`_labelled`): "Mi experiencia con
# la artrosis, por Luis, 70 años" has nine
OPENING_WORDS = 8  # the words of a sentence in which its first person makes the writer its subject
_QUOTING = 0.15  # share of sentences with a quotation above which an unmarked "I" may be a quote's
_QUOTING_PENALTY = 0.3
# a signature closing a reader's letter after its question: a dash and a few words, no
# question or exclamation ("? – Worried dad, Leeds", "? — Heike M., Köln")
_SIGNATURE = re.compile(r"(?<=[?»”\"])\s+[-–—]\s*[^\W\d_][^!?…\n]{0,40}$")
_SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)")
# what joins a word to its neighbour: letters, apostrophes and hyphens, the Unicode hyphen and
# the non-breaking one among them ("I‑PRIMO" is a name, not the pronoun)
_JOINERS = "\\w'’\u2010\u2011-"


def mask_quotes(s: str) -> str:
    """The text with quoted passages blanked (same length), an unclosed quotation to the end."""
    return _QUOTES.sub(lambda m: " " * len(m.group()), s) if _may_quote(s) else s


def _may_quote(s: str) -> bool:
    """Whether `s` holds a character a quotation (`_QUOTES`, `_QUOTE_MARKS`) opens on: most
    text has none, and a test for each is far cheaper than the patterns, whose branch opening
    on a look-behind makes the scan try every position."""
    return "“" in s or "„" in s or "«" in s or '"' in s or "‘" in s or "'" in s


def mixed_voice(v: ArticleView) -> list[Flag]:
    person = person_patterns(v.files, v.language or "en")
    if person is None:
        return []
    from ..clean import sentences  # (clean imports the flag rules' loader)
    from .chat import is_turn  # (chat reads quotations as this module does)

    first, experience, attribution, not_pronoun = person
    narration = _narration(v.files, v.language or "en")
    plural = _plural(v.files, v.language or "en")
    text, blocks, offs = v.text, v.blocks, v.offs
    said = _saying_blocks(v, first)
    household = None  # a household's "we" in a sentence set apart in brackets, on any page
    if plural is not None:
        told = [m.start() for p in plural[0] for m in p.finditer(text) if not (m.start() and _IN_WORD.match(text, m.start() - 1))]
        runs = v.runs  # (shared with the notes and glue: counted once an article)
        if told and _we_outside_quotes(v, runs, plural[1], len(told) + MAX_OTHER_WE) <= len(told) + MAX_OTHER_WE:
            said |= {bisect_right(offs, s) - 1 for s in told}
            plural = plural[2]
        else:
            # a page that says "we" elsewhere speaks for a team (a review's tests, a clinic's
            # news); a bracketed "(We tried the diet with our son …)" is set apart from that voice
            household = plural[2] if told else None
            said |= {k for k in (bisect_right(offs, s) - 1 for s in told) if "(" in blocks[k].text or "[" in blocks[k].text}
            plural = None
    if not said:
        return []  # no first person anywhere (most reference articles)
    # the blocks that say "I" first: when none of their sentences is first-person narration
    # (the word stands in a quotation, a question, a numeral's label), nothing is weighed
    narrated: dict[int, tuple[list[tuple[int, int, bool]], int]] = {}  # block -> its sentences, quotations
    headings = [i for i in said if blocks[i].type == "heading"]
    asking = _asking(v.files, v.language or "en") if headings else None
    if asking is not None and _health(v):
        for i in headings:
            if _told_heading(blocks[i].text, first, not_pronoun, asking, plural):
                narrated[i] = ([(offs[i], offs[i] + len(blocks[i].text), True)], 0)
    for i in sorted(said):
        b = blocks[i]
        if b.type not in ("paragraph", "list_item"):
            continue
        if _INTERVIEW.search(b.text):
            return []  # an interview speaks in the first person by design
        if any(_EMBED.search(blocks[j].text) for j in range(i, min(i + 1 + EMBED_LINES, len(blocks)))):
            continue  # an embedded social post: someone else's words, marked by its link or handle (on its last line)
        masked = mask_quotes(b.text)
        quoted = masked != b.text
        own: list[tuple[int, int, bool]] = []
        spans = sentences(b.text)
        signed = _SIGNATURE.search(b.text.rstrip())
        asked = b.text[:signed.start()] if signed else b.text
        introduced = i > 0 and not quoted and _introduces(blocks[i - 1].text, attribution)
        if introduced or len(spans) <= MAX_RUN + bool(signed) and asked.rstrip().endswith(("?", "?»", "?”", "?\"")):
            # a short paragraph that ends in a question is a reader's question ("I often get
            # headaches. Is it migraine?"), signed or not ("… Is this normal? – Worried dad,
            # Leeds": a letter to an advice column): its first person is the asker's; so is one under a
            # line that gives the floor to a speaker ("Die Studienleiterin sagte nach der Vorstellung:")
            narrated[i] = ([(offs[i] + s, offs[i] + e, False) for s, e in spans], 0)
            continue
        floor = 0  # sentences still spoken by someone given the floor in a sentence of the block (`_gives_floor`)
        for s, e in spans:
            raw = b.text[s:e].strip()
            if _gives_floor(masked[s:e], attribution, first, not_pronoun):
                floor = MAX_RUN + 1
            if floor:
                # "Eine Leserin fragt: Mein Vater, 82, vergisst oft zu trinken. Wie viel …?": the reader's
                # words, up to the question that ends them
                floor = 0 if raw.endswith(("?", "?»", "?”", "?\"")) else floor - 1
                own.append((offs[i] + s, offs[i] + e, False))
                continue
            fp = (not raw.endswith(("?", ":", "?»", "?”", "?\""))
                  and ((first.search(masked[s:e]) is not None
                        and first.search(not_pronoun.sub(" ", masked[s:e])) is not None)
                       or (plural is not None and plural.search(masked[s:e]) is not None)
                       or (household is not None and _set_apart(raw) and household.search(masked[s:e]) is not None))
                  and not (quoted and attribution.search(b.text[s:e])))
            own.append((offs[i] + s, offs[i] + e, fp))
        quotations = len(_QUOTES.findall(b.text)) if quoted else 0  # (a quotation is masked: none if nothing was)
        narrated[i] = (own, min(quotations, len(_SENTENCE_END.findall(b.text)) or 1))
    said_i = [(i, k) for i, (own, _) in narrated.items() for k, (*_, fp) in enumerate(own) if fp]
    if len(said_i) <= MAX_TURNS_READ:
        # a chatbot's line (ai_leftover's) speaks in the assistant's "I", not the page's voice (read
        # where first-person sentences are few: a page with many is in its author's voice anyway)
        for i, k in said_i:
            s, e, _ = narrated[i][0][k]
            if is_turn(v.files, v.language or "en", text[s:e]):
                narrated[i][0][k] = (s, e, False)
    if not any(fp for own, _ in narrated.values() for *_, fp in own):
        return []
    sents: list[tuple[int, int, bool]] = []  # (start, end, first-person narration)
    quoting = 0  # sentences with a quotation
    for i, b in enumerate(blocks):
        if b.type not in ("paragraph", "list_item") and i not in narrated:
            continue  # (a heading counts only where it tells in the first person: `_told_heading`)
        if i in narrated:
            sents += narrated[i][0]
            quoting += narrated[i][1]
            continue
        n = max(1, len(_SENTENCE_END.findall(b.text)))  # most blocks: counted, not split
        sents.extend([(offs[i], offs[i], False)] * n)  # places in the order of sentences, not spans
        if _may_quote(b.text) and _QUOTE_MARKS.search(b.text):
            quoting += min(n, len(_QUOTES.findall(b.text)))
    n_fp = sum(fp for *_, fp in sents)
    total = len(sents)
    if total < MIN_SENTENCES or n_fp == 0 or n_fp / total > MAX_SHARE:
        return []  # too short to tell, or written in the first person
    quoting_penalty = _QUOTING_PENALTY if quoting / total > _QUOTING else 0.0
    runs = _runs(sents)
    if _authors_voice(v, runs) or _reviewers_voice(v, runs, total):
        return []
    best: tuple[float, list[tuple[int, int, bool]]] | None = None
    reference = _health(v)
    for run in runs:
        n_run = sum(fp for *_, fp in run)
        if (n_run >= 2 or _aged_label(v, run) or _bylined(v, run)) and _labelled(v, run) or _bio_labelled(v, run):
            continue  # a story under a label naming its teller speaks for them, an author's bio under its byline or label
        strays = n_fp - n_run
        quote = text[run[0][0]:run[-1][1]]
        told = (experience.search(quote) or (plural is not None and plural.search(quote))
                or (household is not None and _bracketed(text, run) and household.search(quote))
                or (narration is not None and narration.search(quote) and reference))
        score = (_BASE + _RUN * (n_run >= 2) + _EXPERIENCE * bool(told)
                 + (_ALONE if strays == 0 else -_STRAY_PENALTY * strays / n_run)
                 - (quoting_penalty if _near_quotation(blocks, offs, run) else 0.0)
                 + (_REFERENCE if reference and _opens_in_first_person(text, run, first, not_pronoun) else 0.0)
                 + (_BRACKETED if _bracketed(text, run) else 0.0)
                 + (_INTERRUPTED if _interrupts(text, run, first, not_pronoun, _advice(v.files, v.language or "en")) else 0.0))
        if best is None or score > best[0]:
            best = (score, run)
    if best is None or best[0] < v.threshold("mixed_voice"):
        return []
    return [_flag(text, best[1], best[0])]


def _we_outside_quotes(v: ArticleView, runs, we_words: frozenset[str], budget: int) -> int:
    """The page's "we" words, those inside quotation marks left out when they would exceed
    `budget`: a speaker's "we" ("“We weren't looking for it,” says …") is the speaker's, not
    a team's voice on the page (each block masked apart, so an unclosed mark ends with its block)."""
    count = sum(runs.get(w, 0) for w in we_words)
    if count <= budget or not _may_quote(v.text):
        return count
    from .view import RUN
    return sum(1 for b in v.blocks if _may_quote(b.text) or any(w in b.text for w in we_words)
               for r in RUN.findall(mask_quotes(b.text) if _may_quote(b.text) else b.text) if r in we_words)


def _introduces(line: str, attribution: re.Pattern[str]) -> bool:
    """Whether a block gives the floor to a speaker for the block under it: it ends on a colon
    and attributes ("The study's lead author said after the results were presented:",
    "Die Studienleiterin sagte:"), so the next block, set with no quotation marks, is the
    speaker's words (one with its marks says where they end)."""
    line = line.rstrip()
    return line.endswith(":") and attribution.search(line) is not None


FLOOR_CHARS = 60  # characters at most before the colon of a sentence's lead-in to a speaker's words (`_gives_floor`)


def _gives_floor(sentence: str, attribution: re.Pattern[str], first: re.Pattern[str],
                 not_pronoun: re.Pattern[str]) -> bool:
    """Whether a sentence opens by giving the floor to someone before a colon ("A reader writes:
    I've had tinnitus …", "Eine Leserin fragt: Mein Vater …", "Un lecteur nous écrit :"): a
    short lead-in with a word of attribution and no first person of its own, so the first
    person after the colon is the speaker's, as in a quotation set without its marks."""
    colon = sentence.find(":")
    if colon < 0 or colon > FLOOR_CHARS:
        return False
    head = sentence[:colon]
    return attribution.search(head) is not None and first.search(not_pronoun.sub(" ", head)) is None


def _told_heading(heading: str, first: re.Pattern[str], not_pronoun: re.Pattern[str], asking: re.Pattern[str],
                  plural: re.Pattern[str] | None = None) -> bool:
    """Whether a heading on a page about health tells in the first person ("What finally worked
    for me", "Meine ersten Wochen mit dem Gips", "Ce qui m'a aidé"), or in a household's plural
    on a page with no other "we" (`plural`: "How we got our son to sleep"): a writer's story set
    as a section of reference text. A heading that asks ("When should I call my GP?", "Can I drink
    alcohol", "What to do if I miss a dose": `asking` in `[[person]]`) is an FAQ's question, the
    reader's first person."""
    if "?" in heading:
        return False
    masked = mask_quotes(heading)
    told = first.search(not_pronoun.sub(" ", masked)) is not None or (plural is not None and plural.search(masked) is not None)
    return told and asking.search(masked) is None


@cache
def _asking(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    t = lexicon.for_language(files, "person", language) or {}
    return re.compile(t["asking"]) if t.get("asking") else None


_AGE = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]+,\s*\d{1,3}(?![\w.,%])")  # a name and an age ("Paul, 61 ans", "Fatma, 41")


def _aged_label(v: ArticleView, run: list[tuple[int, int, bool]]) -> bool:
    """Whether the block right above a run of one sentence is a line giving a name and its age
    ("L'histoire de Paul, 61 ans", "Testimonio: Marta, 45 años"): a testimony's label, under
    which a story cut to one sentence (the rest cleaned away, or a short one) is still the
    teller's. A single sentence under another line may be an aside under the page's heading."""
    k = bisect_right(v.offs, run[0][0]) - 1
    if k == 0 or v.text[v.offs[k]:run[0][0]].strip():
        return False
    line = v.blocks[k - 1].text.strip()
    return len(line.split()) <= LABEL_WORDS and _AGE.search(line) is not None


def _bylined(v: ArticleView, run: list[tuple[int, int, bool]]) -> bool:
    """Whether the block right above a run is a byline: a short line whose first words hold a word
    of `byline` in `[[person]]` ("By Dr Tom Reid", "Ein Beitrag von Dr. Tom Reiter", "Par le Dr
    Thomas Renaud", "Por la Dra. Elena Ruiz"). The first person right under it ("I'm a sports doctor",
    "Je suis pédiatre") is the named author introducing themself, as under a testimony's label."""
    k = bisect_right(v.offs, run[0][0]) - 1
    if k == 0 or v.text[v.offs[k]:run[0][0]].strip():
        return False
    byline = _byline(v.files, v.language or "en")
    line = v.blocks[k - 1].text.strip()
    return byline is not None and len(line.split()) <= LABEL_WORDS and byline.match(line) is not None


def _bio_labelled(v: ArticleView, run: list[tuple[int, int, bool]]) -> bool:
    """Whether the block right above a run is a line that labels the author's own box (`bio_labels` in
    `[[person]]`, the whole line but its colon or question mark: "About me", "About the author", "Zur
    Person", "Über die Autorin", "Qui suis-je ?", "Sobre mí"): the first person under it is the author
    introducing themself, as under a byline. A label in the first person ("About me", "Sobre mí") opens
    the run itself."""
    label = _bio_label(v.files, v.language or "en")
    k = bisect_right(v.offs, run[0][0]) - 1
    if label is None or v.text[v.offs[k]:run[0][0]].strip():
        return False
    return any(0 <= j < len(v.blocks) and len(v.blocks[j].text.split()) <= LABEL_WORDS
               and label.fullmatch(v.blocks[j].text.strip()) is not None for j in (k - 1, k))


@cache
def _bio_label(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    t = lexicon.for_language(files, "person", language) or {}
    if not t.get("bio_labels"):
        return None
    return re.compile(rf"(?i:{'|'.join(sorted(t['bio_labels'], key=len, reverse=True))})\s*[:?]?")


@cache
def _byline(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    """A byline's opening: at most two words, then a word of `byline` before a capitalised word (a
    title or a name, after an article: "Par le Dr …", "Por la Dra. …")."""
    t = lexicon.for_language(files, "person", language) or {}
    if not t.get("byline"):
        return None
    words = "|".join(sorted((re.escape(w) for w in t["byline"]), key=len, reverse=True))
    return re.compile(rf"(?:[^\W\d_]+\s+){{0,2}}?(?i:{words})\s+(?:(?:the|le|la|el|der|die)\s+)?[A-ZÀ-ÖØ-Þ]")


def _labelled(v: ArticleView, run: list[tuple[int, int, bool]]) -> bool:
    """Whether the run opens its block under a label that names its teller ("Living with
    it: Dev's experience", "Le témoignage de Sophie"): a short line with no sentence end
    right above it holding a capitalised word, not the line's first, that the rest of the
    article never uses: a name given to this passage alone. A testimony so set is a
    section of the page, as a quotation with its attribution is; an account spliced in
    under the page's own heading is not (its heading's words are the article's)."""
    k = bisect_right(v.offs, run[0][0]) - 1
    if v.text[v.offs[k]:run[0][0]].strip():
        return False
    if k and _names_teller(v, v.blocks[k - 1].text, run):
        return True
    # the label may say the teller's "my" itself ("Mon parcours : Karim, 36 ans"): the run's first
    # block, when the story goes on under it
    below = v.offs[k] + len(v.blocks[k].text)
    story = [x for x in run if x[0] >= below]
    return any(fp for *_, fp in story) and _names_teller(v, v.blocks[k].text, story)


def _names_teller(v: ArticleView, line: str, run: list[tuple[int, int, bool]]) -> bool:
    """Whether `line` is a label naming the teller of the run under it (`_labelled`)."""
    label = line.strip()
    words = label.split()
    if not words or len(words) > LABEL_WORDS or label.endswith((".", "!", "?", "…", ";", ",")):
        return False
    inside = (label + " " + v.text[run[0][0]:run[-1][1]]).lower()
    # a capitalised word other than the line's first (which any line capitalises), or the first
    # when it is a possessive ("Kate's story"): a name
    named = " ".join(words[1:]) + (" " + words[0] if _POSSESSOR.search(words[0]) else "")
    for name in {w for w in _WORD.findall(named) if w[0].isupper()}:
        pattern = re.compile(rf"(?<!\w){re.escape(name.lower())}(?!\w)")
        if len(pattern.findall(v.lower)) == len(pattern.findall(inside)):
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")  # a run of letters ("Dev's": "Dev", "s")
_POSSESSOR = re.compile(r"^[^\W\d_]+['’]s$")  # "Kate's", "Dev’s"


_BRACKETS = {"(": ")", "[": "]"}


def _bracketed(text: str, run: list[tuple[int, int, bool]]) -> bool:
    """Whether a first-person sentence of the run stands whole in brackets ("(Full
    disclosure: I take it myself.)"): the writer sets it apart from the text it interrupts,
    as an aside is; reference text has no writer to set apart."""
    return any(fp and _set_apart(text[s:e]) for s, e, fp in run)


def _set_apart(sentence: str) -> bool:
    """Whether a sentence stands whole in brackets (the first closing bracket ends it: "(a)
    I ... (b)" is two)."""
    raw = sentence.strip().rstrip(".!?…")
    return raw[:1] in _BRACKETS and raw.find(_BRACKETS[raw[0]]) == len(raw) - 1


# an opening bracket, a spaced dash, a semicolon, a table's spaced bar or middle dot: where an aside breaks into a sentence
_BREAK = re.compile(r"\(|\s[-–—|·]\s|;\s")


@cache
def _advice(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    t = lexicon.for_language(files, "person", language) or {}
    return re.compile(rf"\b(?:{'|'.join(t['advice'])})\b") if t.get("advice") else None


def _interrupts(text: str, run: list[tuple[int, int, bool]], first: re.Pattern[str], not_pronoun: re.Pattern[str],
                advice: re.Pattern[str] | None = None) -> bool:
    """Whether the first person of a sentence of the run first speaks after an opening bracket, a
    spaced dash, a semicolon or a table's separator (" | ", " · ") that follows a statement of
    `STATEMENT_WORDS` words or more in no person ("Recovery usually takes six weeks – I was back on my
    bike in five", "Ibuprofen is best taken with food (I learnt that the hard way)", "Most flares settle
    in a week; mine take three", "Waiting time: 4–6 weeks · I waited five months"): the writer breaks
    into reference text with an aside of their own. An
    aside that gives the writer's advice (`advice`: "(I don't recommend coconut milk)") is the page's
    advisory voice, not an account spliced in."""
    for s, e, fp in run:
        if not fp:
            continue
        sentence = not_pronoun.sub(lambda x: " " * len(x.group()), mask_quotes(text[s:e]))
        m = first.search(sentence)
        if m is None:
            continue
        brk = None
        for b in _BREAK.finditer(sentence, 0, m.start()):
            brk = b
            break
        if brk is not None and len(sentence[:brk.start()].split()) >= STATEMENT_WORDS \
                and ")" not in sentence[brk.end():m.start()] \
                and not (advice is not None and advice.search(sentence, brk.end())):
            return True
    return False


def _opens_in_first_person(text: str, run: list[tuple[int, int, bool]], first: re.Pattern[str],
                           not_pronoun: re.Pattern[str]) -> bool:
    """Whether a first-person sentence of the run says "I" within its first `OPENING_WORDS`
    words ("Honestly, I keep a pack", "En tant que pharmacienne, je vérifie"): the
    sentence is about the writer. One word of the first person deep in a long sentence
    ("Having completed a degree there, I (Manoel) can attest") is a passing mention."""
    for s, e, fp in run:
        if not fp:
            continue
        m = first.search(not_pronoun.sub(lambda x: " " * len(x.group()), mask_quotes(text[s:e])))
        if m is not None and len(text[s:s + m.start()].split()) < OPENING_WORDS:
            return True
    return False


def _near_quotation(blocks: list, offs: list[int], run: list[tuple[int, int, bool]]) -> bool:
    """Whether a quotation may be carried on into the run: one opened and not closed
    before the run in its block or in the block before (a quotation that runs over
    paragraphs leaves each but the last open). A quotation closed before the run has
    ended, in its block ('"...," says Dr X. I had ...') or at the end of the block before:
    a speaker's next paragraph opens with a quotation mark again, so the unmarked "I" after
    it is the writer's."""
    first = max(0, bisect_right(offs, run[0][0]) - 1)
    if _open_quotation(blocks[first].text[:max(0, run[0][0] - offs[first])]):
        return True
    if first == 0:
        return False
    before = blocks[first - 1].text.rstrip()
    return _open_quotation(before)


def _open_quotation(s: str) -> bool:
    """Whether `s` ends inside a quotation: its last quotation mark opens one (“ „ « ‘,
    or an odd number of straight double quotes)."""
    if not _may_quote(s):
        return False
    last = max(s.rfind(c) for c in "“„«‘”»’\"")
    if last < 0:
        return False
    c = s[last]
    if c == '"':
        return s.count('"') % 2 == 1
    if c == "’":
        return False  # an apostrophe or a closing single quote
    if c == "„":
        return True
    if c == "“":  # German closes „ with “: an opening “ is one with no „ before it
        return s.rfind("„", 0, last) < 0 or s.rfind("“", 0, last) > s.rfind("„", 0, last)
    return c in "«‘"


def _authors_voice(v: ArticleView, runs: list[list[tuple[int, int, bool]]]) -> bool:
    """Whether the article is in its author's voice, so that no first person in it is
    mixed: the author speaks of the piece itself in a first-person sentence ("As I write
    this review", "In this article, I": `authorial` in `[[person]]`), or a run is a
    section of the author's own (`_own_section`)."""
    authorial = _authorial(v.files, v.language or "en")
    if authorial is not None and any(fp and authorial.search(v.text, s, e) for run in runs for s, e, fp in run):
        return True
    opening = next((i for i, b in enumerate(v.blocks) if b.type in ("paragraph", "list_item")), 0)
    return any(_own_section(v, run, opening) for run in runs)


def _own_section(v: ArticleView, run: list[tuple[int, int, bool]], opening: int) -> bool:
    """A run that reads as a section in the author's voice rather than an aside: more than
    `MAX_RUN` first-person sentences (a test report, a story), or two or more opening the
    article (the author introduces the piece), on a page that is not about health. On a
    health page (`HEALTH_STEMS` word starts of the care vocabulary, `[[care_words]]`: a
    quarter of health-dev pages have fewer, three quarters of other pages one at most) a
    long first-person account is a patient's story spliced into reference text (seed 003)."""
    n_run = sum(fp for *_, fp in run)
    if not (n_run > MAX_RUN or (n_run >= 2 and bisect_right(v.offs, run[0][0]) - 1 <= opening)):
        return False
    return not _health(v)


_HEALTH: weakref.WeakKeyDictionary[ArticleView, bool] = weakref.WeakKeyDictionary()  # `_health`, once an article


def _health(v: ArticleView) -> bool:
    """Whether the page is about health: `HEALTH_STEMS` word starts of `[[care_words]]` or more
    (read once an article: several tests of a page ask it)."""
    known = _HEALTH.get(v)
    if known is None:
        care = lexicon.care_words(v.files, v.language or "en")
        known = _HEALTH[v] = care is not None and len(set(care[0].findall(v.lower))) >= HEALTH_STEMS
    return known


def _reviewers_voice(v: ArticleView, runs: list[list[tuple[int, int, bool]]], total: int) -> bool:
    """Whether a first-person sentence is a reviewer's or a how-to writer's own voice: it
    reports the author's use of, taste for or advice on things ("I personally use one",
    "If I had to recommend a pair": `own_use` in `[[person]]`), and the page addresses its
    reader (`second` words, at least `SECOND_SHARE` a sentence) and is not about health (`_health`).
    An aside spliced into reference text tells of the body or the family ("I had", "my
    mother"), and health reference text addresses its reader too, so neither cue alone
    tells them apart. The reader's address is counted only where own use is found."""
    cues = _reviewer_cues(v.files, v.language or "en")
    if cues is None:
        return False
    own_use, second = cues
    if not any(fp and own_use.search(v.text, s, e) for run in runs for s, e, fp in run):
        return False
    return len(second.findall(v.text)) >= SECOND_SHARE * total and not _health(v)


@cache
def _reviewer_cues(files: tuple[str, ...], language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    t = lexicon.for_language(files, "person", language) or {}
    if not t.get("own_use") or not t.get("second"):
        return None
    return (re.compile(rf"\b(?:{'|'.join(t['own_use'])})\b"),
            re.compile(rf"(?<![{_JOINERS}])(?:{'|'.join(sorted(t['second'], key=len, reverse=True))})(?![{_JOINERS}])"))


@cache
def _plural(files: tuple[str, ...], language: str) -> tuple[list[re.Pattern[str]], frozenset[str], re.Pattern[str]] | None:
    """The first person plural of a household's story (`plural` in `[[person]]`): a plural
    subject with an everyday verb in the past ("we waited", "wir mussten", "nous avons dû",
    "tuvimos"), or "our" with a relative; and the words of the plural (`we_words`). A story
    counts as a first-person sentence and as told experience on a page that otherwise says
    "we" at most `MAX_OTHER_WE` times: reference text has no "we", a team's page has many.
    Returned as the patterns to scan with (an entry opening on a letter in both cases,
    "[Ww]e ...", is two, each opening on a literal the scan jumps to), the `we_words` and
    the whole alternation (to test a sentence)."""
    t = lexicon.for_language(files, "person", language) or {}
    if not t.get("plural") or not t.get("we_words"):
        return None
    scans = []
    for entry in t["plural"]:
        m = _CASES.match(entry)
        scans += [f"{m[1]}{m[3]}", f"{m[2]}{m[3]}"] if m else [entry]
    return ([re.compile(rf"{e}(?!\w)") for e in scans],
            frozenset(t["we_words"]),
            re.compile("(?:" + "|".join(f"(?:{w})" for w in t["plural"]) + r")(?!\w)"))


@cache
def _narration(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    """The tense of a told event (`narration` in `[[person]]`): a past or perfect verb by its
    first-person subject or object ("I skipped", "hat mir nie erklärt", "ne m'a jamais parlé",
    "he notado"). A first-person run that narrates is an account of experience, as the
    `experience` words are, from the verb's form rather than from a list of what people tell:
    reference text states what is, a spliced aside tells what happened to the writer."""
    t = lexicon.for_language(files, "person", language) or {}
    return re.compile("|".join(f"(?:{e})" for e in t["narration"])) if t.get("narration") else None


_CASES = re.compile(r"\[(\w)(\w)\](.*)", re.S)  # "[Ww]e ...": the word in both cases


@cache
def _authorial(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    t = lexicon.for_language(files, "person", language)
    words = (t or {}).get("authorial")
    return re.compile(rf"\b(?:{'|'.join(sorted(words, key=len, reverse=True))})\b") if words else None


def _runs(sents: list[tuple[int, int, bool]]) -> list[list[tuple[int, int, bool]]]:
    """Runs of first-person sentences, each spanning at most MAX_GAP impersonal ones."""
    groups: list[list[int]] = []
    for k, (*_, fp) in enumerate(sents):
        if not fp:
            continue
        if groups and k - groups[-1][-1] <= MAX_GAP + 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    return [sents[g[0]:g[-1] + 1] for g in groups]


def _saying_blocks(v: ArticleView, first: re.Pattern[str]) -> set[int]:
    """The blocks that say "I" somewhere (a first-person word never runs across a block's
    end). The words are looked for without the test of the character before them, which
    would make the scan try every position; that test is made on each word found, and a
    block found is not read further."""
    text, offs = v.text, v.offs
    word = _first_word(v.files, v.language or "en")
    if word is None:
        return {bisect_right(offs, m.start()) - 1 for m in first.finditer(text)}
    said: set[int] = set()
    pos = 0
    while (m := word.search(text, pos)) is not None:
        s = m.start()
        if s and _IN_WORD.match(text, s - 1):
            pos = s + 1  # the end of a longer word ("them"), not the pronoun
            continue
        k = bisect_right(offs, s) - 1
        said.add(k)
        if k + 1 >= len(offs):
            break
        pos = offs[k + 1]
    return said


_IN_WORD = re.compile(f"[{_JOINERS}]")  # what may not stand before a first-person word


@cache
def _first_word(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    """`person_patterns`'s first-person pattern without its opening test of the character before
    (`_IN_WORD`), so the scan skips to the letters the words start with; none for French,
    whose elided "j'" has a test of its own."""
    t = lexicon.for_language(files, "person", language)
    if t is None or language == "fr":
        return None
    return re.compile(rf"(?:{'|'.join(sorted(t['first'], key=len, reverse=True))})(?![{_JOINERS}])")


@cache
def person_patterns(files: tuple[str, ...], language: str) -> tuple[re.Pattern[str], ...] | None:
    """The `[[person]]` patterns of a language: first-person words, words of experience,
    words of attribution and what is no pronoun; shared with `off_topic`'s test of a
    passage tied to the author's voice."""
    t = lexicon.for_language(files, "person", language)
    if t is None:
        return None

    def alt(words: list[str]) -> str:
        return "|".join(sorted(words, key=len, reverse=True))

    first = re.compile(rf"(?<![{_JOINERS}])(?:{alt(t['first'])})(?![\w\u2010\u2011-])|(?<![\w\u2010\u2011-])(?:j|J|m)['’](?=\w)"
                       if language == "fr" else rf"(?<![{_JOINERS}])(?:{alt(t['first'])})(?![{_JOINERS}])")
    experience = re.compile(rf"\b(?:{alt(t['experience'])})\b")
    attribution = re.compile(rf"\b(?:{alt(t['attribution'])})\b", re.I)
    not_pronoun = re.compile(t.get("not_pronoun") or "(?!)")
    return first, experience, attribution, not_pronoun


def _flag(text: str, run: list[tuple[int, int, bool]], score: float) -> Flag:
    s, e = run[0][0], run[-1][1]
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    n = sum(fp for *_, fp in run)
    return Flag("mixed_voice", s, e, text[s:e], "warning",
                f"A first-person passage ({n} sentence{'s' * (n > 1)}) in an article otherwise written in the third "
                "person: spliced from another source, or a quotation without its attribution?",
                rule="voice.first-person-run", score=round(min(score, 1.0), 2))
