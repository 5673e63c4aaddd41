"""`ai_leftover` from the structure of a chat turn: what a chatbot says to the one who asked.

A chatbot's answer pasted into copy leaves the parts of its turn around the text it
wrote. Each part is a closed class of the language (`[[chat_words]]` in
`rules/notes.toml`), and a sentence is scored by the parts it holds together:
- the assistant as the agent of an operation on the text: a first-person word (or a
  phrase that makes the speaker the agent: "want me to", "que je", "soll ich",
  "¿quieres que") and, within a few words in the same clause, a verb of shortening,
  adapting, translating, expanding, adding ("I can shorten", "que je reformule",
  "kann ich daraus eine Checkliste machen"), weighed more when a modal of ability is that
  agent, not negated (`modal`: "I could", "ich kann", "je peux", "puedo"): the offer proper
  ("I could also rewrite this in a friendlier tone"; a writer's "I will elaborate on this in
  the section below" promises their own text); in Spanish a first-person present of such a
  verb carries the agent itself ("y lo reescribo");
- the requester addressed (`you`), asked what they wish in conditional or question form
  (`wish`: "if you'd like", "wenn du möchtest", "si vous voulez"), or told to say so
  (`ask`: "let me know", "sag Bescheid", "dites-moi", "avísame");
- a part of the copy or of the answer (`parts`: version, paragraph, table, tone);
- the answer handed over: a presenting phrase opening a clause (`present`: "Here is",
  "Hier ist", "Voici", "Aquí tienes") with an edited form (`edited`: "shorter",
  "überarbeitet", "remanié", "más breve") and a part, its clause ending on a colon (at the
  sentence's end, or before the text it announces inside a paragraph);
- the requester's request or input named by the one who answers it (`requested`: "as you
  asked", "per your request", "wie gewünscht", "comme tu me l'as demandé", "como me
  pediste", "the text you pasted"), beside the speaker's first person or the answer handed
  over: a page's "As requested by your GP, bring ..." has neither;
- a wish of luck for the requester's piece (`luck` before "your article", "ton article",
  "tu publicación": a part or piece with the requester's second person), the turn's close;
- an interjection opening the turn (`openers`: "Sure!", "Gerne!", "¡Claro!"), as its own
  sentence (it lends its weight to the next) or before a comma;
- a sign-off: the first person hoping (`hope`) that the answer helps (`useful`), or that a
  part of it suits the requester ("Ich hoffe, diese Version passt zu deinem Blog"); a writer
  names their own piece ("I hope this guide helps": `pieces`), unless the piece is the
  requester's (`requester`: "für Ihren Artikel"), says "I" again in it ("what I learned"),
  or writes in the first person elsewhere on the page: each takes the weight back;
- the assistant on itself (`self`): a phrase of identity with an AI noun ("as a language
  model", "je suis un modèle d'IA"), or its own knowledge or data (`own_data`) or its lack
  of access (`no_access`) with a word of their date or currency (`currency`: "my
  knowledge has a cutoff date", "no tengo acceso a datos en tiempo real"), or its denial
  of being a health professional before it offers general information (`disclaim`,
  `can`, `general`: "Je ne suis pas médecin, mais je peux vous présenter les traitements
  habituels"; a patient's "I'm not a doctor, but I know my body" offers nothing general).
An institution's "we"/"us" ("Let us know if you'd like a printed copy") is no assistant,
nor is a reader told to do something to their own text ("If you want to add a section,
...": the reader is the agent). Quoted speech is never read. A sentence at `THRESHOLD` or
more is flagged; adjacent flagged sentences of a block make one flag.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .. import rulebook
from ..model import Flag
from .alternation import at_word_start, grouped
from .view import ArticleView
from .voice import mask_quotes

OFFER = 2.0  # the assistant as the agent of an operation on the text
CAN_OFFER = 1.0  # that agent a modal of ability ("I could rewrite", "ich kann ... gestalten"): the offer proper
REQUESTED = 3.5  # the requester's request named beside the speaker's "I" or the answer handed over
LUCK = 3.0  # a wish of luck for the requester's piece ("Bonne chance pour ton article !")
PART = 1.0
YOU = 0.5  # "you" alone is every health page's reader
WISH = 1.0
ASK = 1.5
PRESENT = 1.0
EDITED = 1.5  # only beside a presenting phrase: "a shorter version" alone is a page's own offer
OPENER = 1.5
ANSWER = 1.0  # an opener whose sentence hands the answer over ("Of course — here's a version ...")
FOR_REQUESTER = 1.0  # the answer handed over for the requester's piece ("Here's an opening paragraph for your post:")
HOPE = 3.5
PIECE = -2.5  # a writer's hope for their own piece
SELF = 4.0
DISCLAIM = 4.0  # denying being a health professional, then offering general information (with `can` or a presenting phrase)
QUESTION = 0.5
COLON = 0.5
THRESHOLD = 4.0  # the lowest at which no tune trap is flagged (bench/flags.py; see docs/flags.md)
PAIR = 3.5  # two sentences side by side in a block, each this high and neither a turn alone, are one turn
# together (a writer telling their own work, "I would open the file and write the date", holds an offer and a part: 3.0)
_REST = OFFER + CAN_OFFER + max(QUESTION, COLON)  # the most an offer and its end add (a question or a colon)
AGENT_REACH = 5  # words at most between the agent and the operation
AGENT_REACH_VERB_FINAL = {"de": 8}  # German sets the verb at the clause's end ("kann ich noch eine Einleitung und ein Fazit ergänzen")
PRESENT_REACH = 4  # words at most before a presenting phrase in its clause
MAX_SENTENCE = 400
AUTHOR_BLOCKS = 2  # other first-person blocks that make a sign-off the writer's own
_IN_WORD = re.compile(r"\w")
_CLAUSE = re.compile(r"[,;:()–—]|\s-\s")
_WORD = re.compile(r"\w+")
_OPENER_ALONE_WORDS = 4
# without one of these a sentence holds at most `you`, `wish`, a part and a question mark:
# a reader addressed, below the threshold
_MARKERS = ("me", "agent", "ask", "present", "openers", "hope", "disclaim", "requested", "luck", "hope_opening")
_VERB_AGENT = frozenset({"es"})
_VERB_SECOND = frozenset({"de"})  # a language that sets the verb before its subject after a clause ("..., kürze ich")  # a language whose verb's ending says the first person ("lo reescribo")
# without an opener and one of these a sentence scores nothing before the offer is weighed, too
# little for the offer to be (`score`): one search for any of them stands for one a class
_SCORING = ("self", "currency", "disclaim", "parts", "hope", "you", "wish", "ask", "present", "requested", "luck", "ai_nouns",
            "hope_opening")
_ANY_SCORING = "any_scoring"  # the key of that search in `ChatWords`
_CLASSES = ("me", "agent", "you", "wish", "ask", "operations", "parts", "present", "edited", "openers", "hope", "useful",
            "self", "pieces", "requester", "own_data", "no_access", "currency", "disclaim", "can", "general", "requested", "luck", "modal",
            "identity", "ai_nouns", "hope_opening")
IDENTITY_REACH = 2  # words at most between a word of identity and its AI noun ("Being an AI", "As a large language model";
# "As for other options for AI, I ..." is no apposition)


@dataclass(frozen=True, slots=True)
class ChatWords:
    """One language's classes, each a pattern over the lower-cased sentence and, for entries
    written with a capital ("Sie"), one over the sentence as written."""

    lower: dict[str, re.Pattern[str]]
    cased: dict[str, re.Pattern[str]]
    language: str
    marker: re.Pattern[str]  # any part without which no sentence reaches the threshold (`_MARKERS`)
    marker_cased: re.Pattern[str]

    def find(self, key: str, low: str, raw: str) -> list[re.Match[str]]:
        out = list(self.lower[key].finditer(low))
        if key in self.cased:
            out += self.cased[key].finditer(raw)
        return out

    def has(self, key: str, low: str, raw: str) -> bool:
        return self.lower[key].search(low) is not None or (key in self.cased and self.cased[key].search(raw) is not None)


def _alternation(items: list[str]) -> re.Pattern[str]:
    """Whole words or phrases; a trailing `*` matches a word's start, a trailing apostrophe
    ("j'") the elided word before the next. Grouped on the entries' first letters, the test
    that no word character stands before a match made behind each (`at_word_start`)."""
    entries = _entries(items)
    return re.compile(at_word_start(entries, r"\w") if entries else "(?!)")


def _entries(items: list[str]) -> list[str]:
    """Each entry as a pattern (`_alternation`), longest first, without the test of the
    character before it."""
    parts = []
    for w in items:
        stem = re.escape(w.rstrip("*"))
        if w.endswith("*"):
            parts.append(stem + r"[\w-]*(?![\w-])")
        elif w.endswith("'"):
            parts.append(stem)
        else:
            parts.append(stem + r"(?![\w-])")
    parts.sort(key=len, reverse=True)
    return parts


@lru_cache(maxsize=32)
def chat_words(files: tuple[str, ...], language: str) -> ChatWords | None:
    tables = [t for t in rulebook.tables(files, "chat_words").values() if t.get("language") == language]
    if not tables:
        return None
    lower, cased = {}, {}
    keys = _MARKERS + (("operations",) if language in _VERB_AGENT else ())
    scan: dict[bool, list[str]] = {False: [], True: []}
    scoring: dict[bool, list[str]] = {False: [], True: []}
    for key in _CLASSES:
        entries = [_plain(w) for t in tables for w in t.get(key, [])]
        lower[key] = _alternation([w for w in entries if w == w.lower()])
        # an entry written with a capital ("wenn Sie möchten") opens a sentence with one too
        upper = [v for w in entries if w != w.lower() for v in dict.fromkeys((w, w[0].upper() + w[1:]))]
        if upper:
            cased[key] = _alternation(upper)
        for c, part in ((False, [w for w in entries if w == w.lower()]), (True, upper)):
            if key in keys:
                scan[c] += part
            if key in _SCORING:
                scoring[c] += part
    lower[_ANY_SCORING] = _alternation(scoring[False])
    if scoring[True]:
        cased[_ANY_SCORING] = _alternation(scoring[True])
    # the scan opens on the entries' letters (factored on them), not on a look-behind that
    # would be tried at every position: the character before a match is tested apart
    return ChatWords(lower, cased, language, *(re.compile(grouped(sorted(set(_entries(scan[c])), key=len, reverse=True))
                                                          or "(?!)") for c in (False, True)))


def _offer(w: ChatWords, low: str, raw: str, asked: bool = False) -> float:
    """The speaker as the agent of an operation on the text: a first-person word or an
    agent phrase, then an operation within `AGENT_REACH` words of the same clause (`OFFER`),
    more when that agent is a modal of ability not negated, or an agent phrase (`agent`) or
    a Spanish first-person verb puts the operation to the requester as a question
    (`CAN_OFFER`: "I could rewrite", "je peux adapter", `asked`: "Shall I add a short FAQ?",
    "Soll ich … ergänzen?", "¿Añado …?"; a writer's own "Where can I learn how to tailor
    content?" is no offer); 0 without."""
    ops = w.find("operations", low, raw)
    if not ops:
        return 0.0
    reach = AGENT_REACH_VERB_FINAL.get(w.language, AGENT_REACH)
    can = [m for m in w.find("modal", low, raw) if not _NEGATED.match(low, m.end()) and not low[:m.start()].endswith(("no ", "ne "))]
    modal = any(_within(low, m, op, reach) for m in can for op in ops)
    body = low.lstrip("¡¿\"'“«( ")
    lead = len(low) - len(body)
    if w.language in _VERB_AGENT and any(_first_person_es(m.group()) or (asked and m.start() == lead and m.group().endswith("o"))
                                         for m in ops):
        # (a verb opening a question is no participle: "¿Añado una sección …?")
        return OFFER + CAN_OFFER * (modal or asked)  # "y lo reescribo": the verb's ending is the agent
    offered = w.find("agent", low, raw)
    if asked and any(_within(low, a, op, reach) for a in offered for op in ops):
        return OFFER + CAN_OFFER  # "Shall I add …?", "Want me to shorten …?": the offer put as a question
    agents = w.find("me", low, raw) + offered
    if w.language in _VERB_SECOND and any(low.startswith(" ich", op.end()) for op in ops):
        return OFFER + CAN_OFFER * modal  # "formuliere ich den Abschnitt um": the verb before its subject
    if any(_within(low, a, op, reach) for a in agents for op in ops):
        return OFFER + CAN_OFFER * modal
    return 0.0


_NEGATED = re.compile(r"(?:'t|not|n't| not| nicht| kein| pas| no )")


def _within(low: str, a: re.Match[str], op: re.Match[str], reach: int) -> bool:
    """Whether the operation `op` follows the agent `a` within `reach` words of its clause."""
    if op.start() < a.end():
        return False
    between = low[a.end():op.start()]
    return _CLAUSE.search(between) is None and len(_WORD.findall(between)) <= reach


def _first_person_es(word: str) -> bool:
    """A Spanish first-person present ("reescribo", "añado", "traduzco"), not a participle
    ("adaptado") nor a noun of the class ("resumen")."""
    return word.endswith("o") and not word.endswith(("ado", "ido", "ito", "cho"))


def _identity(w: ChatWords, low: str, raw: str) -> bool:
    """Whether the sentence opens on an apposition naming the speaker an AI: a word of
    identity (`identity`: "as", "being", "als", "en tant que", "como") opening it, an AI
    noun (`ai_nouns`) within `IDENTITY_REACH` words of the same clause, and the speaker's
    first person (`me`) after the noun ("Being an AI, I can't …", "Als KI-Sprachmodell kann
    ich …", "Como modelo de IA, no puedo …"). "As a GP, I …" names no AI; "AI chatbots are
    used by …" has no speaker."""
    body = low.lstrip("¡¿\"'“«( ")
    lead = len(low) - len(body)
    ids = [m for m in w.find("identity", body, raw[lead:]) if m.start() == 0]
    if not ids:
        return False
    for n in w.find("ai_nouns", body, raw[lead:]):
        between = body[ids[0].end():n.start()]
        if n.start() >= ids[0].end() and _CLAUSE.search(between) is None and len(_WORD.findall(between)) <= IDENTITY_REACH:
            # the noun closes the apposition: a clause break after it ("As an AI, I"), or the
            # speaker right after its verb ("Als KI kann ich"); not "an AI researcher, I"
            closed = body[n.end():].lstrip()[:1] in (",", ":", "—", "–")
            return any(m.start() >= n.end() and (closed or _CLAUSE.search(body, n.end(), m.start()) is None
                                                  and len(_WORD.findall(body[n.end():m.start()])) <= 1)
                       for m in w.find("me", body, raw[lead:]))
    return False


def _presents(w: ChatWords, low: str, raw: str) -> tuple[bool, bool]:
    """(whether a presenting phrase ("Here is", "Voici", "Aquí tienes") opens its clause,
    whether that clause ends on a colon before a capital: the answer it announces follows in
    the same paragraph; "Here's the thing: they change" explains on in lower case)."""
    found, colon = False, False
    for m in w.find("present", low, raw):
        before = low[:m.start()]
        cut = max((c.end() for c in _CLAUSE.finditer(before)), default=0)
        cut = max(cut, before.rfind("!") + 1, before.rfind("¡") + 1)
        if len(_WORD.findall(before[cut:])) <= PRESENT_REACH:
            found = True
            stop = re.search(r"[.!?;:]", low[m.end():])
            after = raw[m.end() + stop.end():].lstrip(" \"'“«") if stop is not None and stop.group() == ":" else ""
            colon = colon or after[:1].isupper()  # the announced text begins: a new sentence, not the clause's explanation
    return found, colon


def _opens(w: ChatWords, low: str) -> tuple[bool, bool]:
    """(whether the sentence opens with an interjection before a stop or comma, whether it
    is that interjection alone)."""
    body = low.lstrip("¡¿\"'“«( ")
    m = w.lower["openers"].match(body)
    if m is None:
        return False, False
    rest = body[m.end():].lstrip()
    if not rest or rest[0] not in "!,.—–:":
        return False, False
    return True, len(_WORD.findall(body)) <= _OPENER_ALONE_WORDS and rest.rstrip(" !.") == ""


def _own_piece(w: ChatWords, low: str, raw: str) -> bool:
    """Whether the sentence names a piece (`pieces`: "this guide", "ce dossier") that is not
    the requester's ("your article", "Ihren Artikel": `requester` within two words before)."""
    return any(not _requester_before(w, raw, m.start()) for m in w.find("pieces", low, raw))


def _requesters_piece(w: ChatWords, low: str, raw: str) -> bool:
    """Whether the sentence names a piece of the requester's ("your post", "deinem Artikel":
    `requester` within two words before one of `pieces`)."""
    return any(_requester_before(w, raw, m.start()) for m in w.find("pieces", low, raw))


def _requester_before(w: ChatWords, raw: str, at: int) -> bool:
    """Whether one of the two words before `at` is the requester's (`requester`)."""
    near = " ".join(_WORD.findall(raw[max(0, at - 30):at])[-2:])
    return w.has("requester", near.lower(), near)


def _says_i_again(w: ChatWords, low: str, raw: str, hopes: list[re.Match[str]]) -> bool:
    """Whether a sentence that hopes says the first person again outside its hope ("I hope
    that by reflecting on what I learned, you ..."): the writer tells of their own doing; a
    chatbot's sign-off hopes and stops ("I hope this helps")."""
    return any(not any(h.start() <= m.start() < h.end() for h in hopes) for m in w.find("me", low, raw))


def score(w: ChatWords, sentence: str, author: bool = False, after_opener: bool = False) -> tuple[float, bool]:
    """(the sentence's score as a chat turn, whether it is an opening interjection alone).
    `author`: the article speaks in the first person elsewhere, so a sign-off is its
    writer's ("I hope you found these tips useful" closing a blog post). `after_opener`: an
    interjection stood alone before it ("Sure! Here's ..."), which lends its weight apart."""
    raw = mask_quotes(_plain(sentence))
    low = raw.lower()
    if len(low) != len(raw):
        low = raw  # (a letter whose lower case is longer: read as written)
    opener, alone = _opens(w, low)
    if alone:
        return OPENER, True
    if not opener and _REST < THRESHOLD and not w.has(_ANY_SCORING, low, raw):
        return 0.0, False  # (nothing before the offer, so the offer is not weighed: the test below)
    s = OPENER if opener else 0.0
    me = w.has("me", low, raw)
    if me and (w.has("self", low, raw) or (w.has("currency", low, raw) and (
            w.has("own_data", low, raw) or w.has("no_access", low, raw))) or _identity(w, low, raw)):
        s += SELF
    presents, colon_inside = _presents(w, low, raw)
    if w.has("disclaim", low, raw) and w.has("general", low, raw) and (presents or w.has("can", low, raw)):
        s += DISCLAIM
    has_part = w.has("parts", low, raw)
    s += PART * has_part
    hopes = w.find("hope", low, raw)
    body = low.lstrip("¡¿\"'“«( ")
    if not hopes and (m := w.lower["hope_opening"].match(body)) is not None:
        hopes = [m]  # "Hope that's useful!": the sign-off's dropped "I"
    you = w.has("you", low, raw)
    if hopes and (w.has("useful", low, raw) or (has_part and you)):
        s += HOPE
        if author or _own_piece(w, low, raw) or _says_i_again(w, low, raw, hopes):
            s += PIECE
    if you:
        s += YOU
    if w.has("wish", low, raw):
        s += WISH
    if w.has("ask", low, raw):
        s += ASK
    if w.has("requested", low, raw) and (presents or w.has("me", low, raw)):
        s += REQUESTED
    if w.has("luck", low, raw) and you and (has_part or _requesters_piece(w, low, raw)):
        s += LUCK
    if presents:
        s += PRESENT + ANSWER * (opener or after_opener) + FOR_REQUESTER * _requesters_piece(w, low, raw)
        if has_part and w.has("edited", low, raw):
            s += EDITED
    if s + _REST < THRESHOLD:
        return s, False  # (nothing the rest can add reaches the threshold)
    end = raw.rstrip(" \"'”»)")
    s += _offer(w, low, raw, asked=end.endswith("?"))
    if end.endswith("?"):
        s += QUESTION
    elif end.endswith(":") or colon_inside:
        s += COLON
    return s, False


def is_turn(files: tuple[str, ...], language: str, sentence: str) -> bool:
    """Whether one sentence reads as a chatbot's turn on its own (an opening interjection
    alone lends nothing here): `mixed_voice` asks, since the assistant's "I" is not the
    page's voice."""
    w = chat_words(files, language)
    return w is not None and score(w, sentence)[0] >= THRESHOLD


def chat_turns(v: ArticleView) -> list[Flag]:
    """Sentences of paragraphs, list items and headings that read as a chatbot's turn. Only
    sentences holding a part of `_MARKERS` are read (found in one scan of the article), and
    the sentence after an interjection standing alone."""
    w = chat_words(v.files, v.language or "en")
    if w is None:
        return []
    return markdown_debris(v) + _turns(v, w)


def _turns(v: ArticleView, w: ChatWords) -> list[Flag]:
    """`chat_turns`' sentences, in the language's chat words `w`."""
    low = _plain(v.lower if v.aligned else v.text)
    marks = [m.start() for m in w.marker.finditer(low) if not (m.start() and _IN_WORD.match(low, m.start() - 1))]
    if w.cased:
        raw = _plain(v.text)
        marks += [m.start() for m in w.marker_cased.finditer(raw) if not (m.start() and _IN_WORD.match(raw, m.start() - 1))]
    if not marks:
        return []
    marked: dict[int, list[int]] = {}
    for pos in sorted(marks):
        i = bisect_right(v.offs, pos) - 1
        marked.setdefault(i, []).append(pos - v.offs[i])
    flags: list[Flag] = []
    voiced: set[int] | None = None  # blocks in the first person: computed when a sign-off needs them
    for i, at in marked.items():
        b = v.blocks[i]
        if b.type not in ("paragraph", "list_item", "heading"):
            continue
        lent = 0.0  # an interjection alone lends its weight to the next sentence
        lent_from: int | None = None
        run: tuple[int, int, float] | None = None
        half: tuple[int, float] | None = None  # the sentence before, a part of a turn short of one (`PAIR`)
        for s, e in v.spans(i):
            if e - s > MAX_SENTENCE or not (lent or any(s <= p < e for p in at)):
                lent, lent_from, half = 0.0, None, None
                if run:
                    flags.append(_flag(v, i, run))
                    run = None
                continue
            sentence = b.text[s:e]
            author = False
            if w.lower["hope"].search(_plain(sentence.lower())) or w.lower["hope_opening"].match(_plain(sentence.lower()).lstrip()):
                if voiced is None:
                    voiced = _voiced(v, w)
                author = len(voiced - {i}) >= AUTHOR_BLOCKS
            sc, alone = score(w, sentence, author, after_opener=bool(lent))
            if alone:
                lent, lent_from = sc, s
                continue
            total = sc + lent
            start = lent_from if lent and lent_from is not None else s
            lent, lent_from = 0.0, None
            if total < THRESHOLD and not (total >= PAIR and (half is not None or run)):
                if run:
                    flags.append(_flag(v, i, run))
                    run = None
                half = (start, total) if total >= PAIR else None
                continue
            if half is not None and not run:  # a half of a turn beside this sentence is part of it
                start = half[0]
            total, half = max(total, THRESHOLD), None
            run = (run[0], e, max(run[2], total)) if run else (start, e, total)
        if run:
            flags.append(_flag(v, i, run))
    return flags


# markdown a chatbot's answer is written in, left as text in a block of its own: a heading's
# hashes ("## Final Thoughts"), a code fence ("```", "```markdown"), a label set in bold with
# its colon ("**Version B (shorter):**"). Not a single "#": a code comment or a hashtag.
_MARKDOWN = re.compile(r"#{2,6}[ \t]+[^\W_].{0,80}|```[\w+-]*|\*\*[^*\n]{1,60}(?::\*\*|\*\*[ \t]?:)")
# the same syntax run into a paragraph, where the block's line breaks were lost: a heading's
# hashes and its first word, a bold label with its colon, or a rule ("***", "---") standing
# between two sentences or closing the paragraph ("… Pollen. ## Fazit Das …"); only after a
# sentence's end (or opening the block), never inside a sentence, so a C macro's "a ## b" or
# a bold word in a sentence ("a list of **all** your medicines") is not read
_MARKDOWN_INLINE = re.compile(r"(?:^|(?<=[.!?:…]))[ \t]+(#{2,6}[ \t]+[^\W_][\w'’-]*|\*\*[^*\n]{1,60}(?::\*\*|\*\*[ \t]?:))"
                              r"|(?<=[.!?…])[ \t]+(\*\*\*|---)(?=[ \t]+[A-ZÀ-Ý¿¡]|[ \t]*$)")  # a rule only after a sentence:
# one opening a block frames a line of its own ("*** Follow me on Instagram ***")
# a page that names the syntax (a guide to markdown, a README's help) shows it as its subject
_ON_MARKDOWN = re.compile(r"\b(?:markdown|readme)\b", re.I)
MARKDOWN_MAX = 2  # blocks of it on a page at most: a page written in markdown throughout (a README, a code page) is one


def markdown_debris(v: ArticleView) -> list[Flag]:
    """Blocks (paragraphs, headings, list items) that are nothing but a chatbot answer's
    markdown syntax (`_MARKDOWN`), or paragraphs and list items with such syntax run in
    after a sentence's end (`_MARKDOWN_INLINE`), on a page that holds at most
    `MARKDOWN_MAX` of them and does not name markdown: the page was rendered, and these
    lines came pasted from an answer."""
    if "##" not in v.text and "**" not in v.text and "```" not in v.text and "***" not in v.text and "---" not in v.text:
        return []
    spans: list[tuple[int, int]] = []
    for i, b in enumerate(v.blocks):
        if b.type not in ("paragraph", "heading", "list_item"):
            continue
        body = b.text
        if _MARKDOWN.fullmatch(body.strip()):
            s = len(body) - len(body.lstrip())
            spans.append((v.offs[i] + s, v.offs[i] + len(body.rstrip())))
        elif b.type != "heading" and ("##" in body or "**" in body or "***" in body or "---" in body):
            # (read with a space before the block, so one opening it stands after a space too)
            spans += [(v.offs[i] + m.start(g) - 1, v.offs[i] + m.end(g) - 1) for m in _MARKDOWN_INLINE.finditer(" " + body)
                      for g in (1, 2) if m.group(g)]
    if not spans or len(spans) > MARKDOWN_MAX:
        return []
    cuts = [0, *(x for span in spans for x in span), len(v.text)]
    if any(_ON_MARKDOWN.search(v.text, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)):
        return []  # (named outside the syntax itself: "```markdown" names its fence's language)
    out = []
    for start, end in spans:
        out.append(Flag("ai_leftover", start, end, v.text[start:end], "blocking",
                        "Markdown left over from a chatbot's answer (a heading's hashes, a code fence or a bold "
                        "label, as the answer was written), pasted into a page that renders its own.",
                        suggestion="", rule="ai.markdown-debris"))
    return out


def _plain(s: str) -> str:
    """The text with typographic apostrophes as straight ones (same length)."""
    return s.replace("’", "'").replace("ʼ", "'") if "’" in s or "ʼ" in s else s


def _voiced(v: ArticleView, w: ChatWords) -> set[int]:
    """The paragraphs and list items that say "I" outside quotation marks."""
    return {i for i, b in enumerate(v.blocks) if b.type in ("paragraph", "list_item")
            and w.lower["me"].search(mask_quotes(_plain(v.block_lower(i))))}


def _flag(v: ArticleView, i: int, run: tuple[int, int, float]) -> Flag:
    s, e, sc = run
    start, end = v.offs[i] + s, v.offs[i] + e
    return Flag("ai_leftover", start, end, v.text[start:end], "blocking",
                "Text left over from a chatbot's answer (it speaks to the one who asked: an offer to change the "
                "text, the answer handed over, a sign-off, or the assistant on itself).",
                suggestion="", rule="ai.chat-turn", score=round(min(sc / (THRESHOLD + 2.0), 1.0), 2))
