"""Plain-text input: which lines (paragraphs) of a page saved as text are page furniture.

A `.txt` scrape has no markup to tell a menu, a share row or a comment thread from the
article; the phrase rules catch the wordings they list, and this model judges every
line by its text and its neighbours': length, punctuation, stop-word share, capitals,
separators (`|` `·` `›` `★`), relative times ("3 days ago") and counts ("12 comments"),
interface verbs (share, reply, like, subscribe, log in), and position in the page.

Context carries what phrases cannot: a widget or a comment thread is a run of short
lines without sentence ends, names and times between a few short bodies, far from the
article's prose; so each line also sees its neighbours two lines away, the run of short
lines it stands in, its distance to the nearest prose line and the times, dates and
interface words around it. It also sees how much of its vocabulary comes back in the
three lines below it, the three above and the rest of the page: a subheading's words
return in its section and an article's lines share its subject, while a widget line
between two paragraphs ("Most read this week", "Link copied to clipboard") speaks of
something else, in any wording.

A second model reads the first one's scores in context (stacking): a widget is a group
of lines, and a line the first model is unsure of (a newsletter's sentence, a disclaimer,
a related article's title) goes with the confident furniture around it, or stays inside
the article's run of confident content; it also sees how much of the line's vocabulary
the page's confident content shares (an article's lines share its subject's words; a
disclaimer or a newsletter box speaks of something else).

The models are LightGBM text files in `ascurate/models/` (`textlines-v7.txt` and
`textlines-v7-context.txt`, card `textlines-v7.json` with version, features, threshold
and cross-validation figures), trained by `python -m ascurate.models.train_textlines` on
the corpora's HTML pages rendered to text (one line per block element, labelled by the
gold main content), the seeds, and article text with planted furniture of the tuned
families of `bench/furnitureset`, each such page also once more with two of those
families' lines standing alone between two of its paragraphs (the shape the models read
worst: in the rendered corpora such a line is nearly always a subheading). Removals read `model.textlines` with the score.

After the models, the lists the article introduces stay (`list_items`), also when a widget
the rules take stands between a lead-in and its items (`lists_rejoined`): a lead-in ending
in ":" and its short items, or a bulleted list the model keeps the most of; one-word
items read as a menu to the models, and a lead-in left without its items reads as a
dangling list. The list's own shape bounds it, not the model's scores: its bullets, a
widget's marked lines (interface words, counts, the page speaking of itself) standing
inside it with the items going on after them, and at most one heading line of a widget
that follows it.

A line naming a teller with an age ("Testimonio: Marta, 45 años") above a run of
first-person sentences, one of which the model keeps, is the story's label and stays with
the whole story (`story_labels`): the model reads the label as a byline and a story's short
sentence as a widget's line.

A row of links or buttons standing as a line of its own ("Print | Save | Share", "A+ · A-
· Kontrast · Vorlesen", "Zustimmung (50) · Entgegnen") goes whatever the model's score
(`link_rows`): short labels without figures split by a widget's separators are a widget's
shape in any wording, and the model, reading such a line between two paragraphs, takes it
for a subheading. Commas, dashes, figures and code symbols are an article's (a list on one
line, a title, a table's row, a formula). A widget's counted line ("20 personas han
comentado", "63 frühere Notizen aufklappen", "Kommentare der Community (18)") at the edge of
a run of lines the model takes goes with them (`counted_edges`): a count heading a few
words, or a count in brackets ending them, is a thread's or a widget's tally, and the
model, reading it beside the article's prose, keeps it as a heading.

A widget run into the end of a line the model keeps (a scraper that drops a block break
saves "... 11,000 deaths. Share: Bluesky | Threads" as one line) is split off where the
line's last part, after a sentence end, does not end as a sentence, scored as a line of
its own, and cut as a span when it reads as furniture (`glued_tails`): prose ends as a
sentence, a share row, a tag line or a rating does not.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from functools import cache
from typing import Any

from .. import models
from ..model import Block, Removal
from .result import Cleaned

MODEL_NAME = "textlines-v7"
RULE = "model.textlines"

_WORD = re.compile(r"\w+")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "this", "that", "these", "those", "it", "its", "it's", "they", "them", "their", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "not", "no", "can", "could", "may", "might", "will", "would", "should", "do", "does", "did", "has", "have", "had", "than", "then", "so", "if", "into", "about", "over", "after", "before", "more", "most", "such", "also", "very", "you", "your", "we", "our", "he", "she", "his", "her", "i", "my", "me", "us", "all", "any", "some", "each", "other", "only", "just", "both"]
    + ["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "für", "auf", "im", "dem", "des", "le", "la", "les", "et", "est", "un", "une", "des", "du", "en", "pour", "que", "qui", "dans", "el", "los", "las", "y", "es", "un", "una", "que", "por", "para", "con", "del", "de", "il", "lo", "gli", "e", "di", "che", "per", "non", "het", "een", "van", "en", "op", "te", "dat"])
_SEPARATORS = re.compile(r"[|·•›»«‹★☆>/→◆▸►✓✔]")
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|[smhdwy])\s+ago\b"
    r"|\b(?:yesterday|just now|today at|an? (?:hour|day|week|month|year) ago)\b"
    r"|\b\d{1,2}\s?(?:h|d|w|mo)\b(?:\s+ago)?\s*$|\b(?:vor|il y a|hace) (?:\d+|einer?m?|une?) \w+|\b(?:gestern|hier|ayer)\b", re.I)
_COUNT = re.compile(r"\b\d[\d,.]*[kKmM]?\s*(?:comments?|repl(?:y|ies)|likes?|shares?|views?|votes?|points?|"
                    r"followers?|reviews?|ratings?|answers?|responses?|upvotes?|minutes? read|min read)\b", re.I)
_INTERFACE = re.compile(
    r"\b(?:share|shares|shared|tweet|pin it|reply|replies|like|likes|upvote|downvote|subscribe|sign up|sign in|"
    r"log ?in|log out|register|follow|email|print|comment|comments|cookies?|accept|newsletter|menu|search|home|"
    r"skip to|advertisement|sponsored|read more|learn more|see more|view all|load more|next|previous|prev|"
    r"back to top|go to top|privacy policy|terms of (?:use|service)|all rights reserved|copyright|contact us|"
    r"about us|facebook|twitter|instagram|linkedin|pinterest|whatsapp|youtube|reddit|download|click here|"
    r"submit|post comment|required fields?|cancel|loading|toggle|close|open|posted by|written by|edited|"
    r"teilen|antworten|abonnieren|anmelden|abmelden|drucken|kommentare?|weiterlesen|startseite|datenschutz|"
    r"partager|répondre|s'inscrire|imprimer|commentaires?|accueil|lire aussi|connexion|"
    r"compartir|responder|suscr[ií]bete|suscribirse|imprimir|comentarios?|inicio|iniciar sesi[oó]n)\b", re.I)
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w+\.\w+")
_DATE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                   r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                   r"\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}:\d\d\s*(?:am|pm)?)\b", re.I)
_DATE_ONLY = re.compile(r"^\W*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}\.?\s(?:de\s)?[^\W\d]+\.?\s"
                        r"(?:de\s)?\d{4}|[^\W\d]+\.?\s\d{1,2},?\s\d{4})\W*$")
# the page speaking of itself ("this article", "diese Seite", "cette fiche", "esta guía"):
# widgets, disclaimers and newsletter boxes talk about the page or the site, an article
# about its subject
_PAGE_DEIXIS = re.compile(
    r"\b(?:this|our|these)\s+(?:page|article|post|site|website|story|content|information|newsletter|email|"
    r"team|editors?|partners?|readers?|community)s?\b"
    r"|\b(?:diese[rsnm]?|unser(?:e[rsnm]?)?)\s+(?:Seite|Artikel|Beitrag|Text|Website|Inhalte?|Informationen|"
    r"Newsletter|Redaktion|Leser\w*)\b"
    r"|\b(?:cet(?:te)?|ce|ces|notre|nos)\s+(?:page|article|site|contenus?|informations?|lettre|newsletter|"
    r"rédaction|lecteurs?)s?\b"
    r"|\b(?:est[ea]s?|nuestr[oa]s?)\s+(?:página|artículo|sitio|web|contenidos?|informaci[oó]n|boletín|"
    r"redacci[oó]n|lectores?)s?\b", re.I)
# the publisher's voice: first person plural (an article rarely speaks as "we" line after line)
_WE = frozenset(["we", "our", "us", "we're", "we'll", "wir", "uns", "unser", "unsere", "unseren", "unserem",
                 "unserer", "nous", "notre", "nos", "nosotros", "nuestro", "nuestra", "nuestros", "nuestras"])
# the reader addressed: second person
_YOU = frozenset(["you", "your", "you're", "yours", "sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "du", "dein",
                  "vous", "votre", "vos", "tu", "ton", "ta", "tes", "tú", "usted", "tu", "tus", "su", "te"])
# answers and controls a widget offers: yes/no, ratings, feedback, sign-up, its labels
_WIDGET_WORDS = frozenset(
    ["yes", "no", "ja", "nein", "oui", "non", "sí", "si", "helpful", "useful", "hilfreich", "nützlich", "utile",
     "útil", "feedback", "rate", "rating", "ratings", "notez", "valora", "inbox", "e-mail", "email", "mail",
     "courriel", "correo", "subscribe", "subscribers", "abonnieren", "abonner", "abonnez", "suscríbete",
     "suscribirse", "tags", "tagged", "keywords", "topics", "schlagwörter", "themen", "mots-clés", "thèmes",
     "etiquetas", "temas", "related", "ähnliche", "similaires", "relacionados", "hinweis"])
_ITEM_SPLIT = re.compile(r"\s*[,;|·•›»/]\s*|\s+[-–—]\s+")
_LIST_SPLIT = re.compile(r"\s*[|·•›»/]\s*|\s+[-–—]\s+")  # not commas: a sentence has them
_LABEL = re.compile(r"^\W*[^\W\d][\w'’-]*(?:\s+[\w'’-]+){0,3}\s*:\s+\S")
_HASHTAG = re.compile(r"(?:^|\s)#\w")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]]*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")

_OWN = ("tokens", "chars", "sentence_end", "ends_colon", "punct_share", "commas_per_token", "digit_share",
        "upper_share", "title_share", "stop_share", "separators", "relative_time", "counts", "interface_share",
        "interface_count", "urlish", "date", "bullet", "sentences", "mean_word_len", "repeats", "non_word_share",
        "date_only", "question", "name_like", "prose", "page_deixis", "we_share", "you_share", "widget_words",
        "short_items", "items", "label_colon", "hashtags", "symbols", "first_upper", "numbered")
_NEIGHBOURS = ("tokens", "sentence_end", "stop_share", "interface_share", "title_share", "separators",
               "page_deixis", "widget_words", "question")
_FAR = ("tokens", "sentence_end", "relative_time", "name_like")  # two lines away
_WINDOW = ("tokens", "sentence_end", "interface_share", "stop_share", "relative_time", "date", "name_like",
           "counts", "prose", "page_deixis", "widget_words", "short_items")  # means over three lines either side
FEATURES: tuple[str, ...] = (
    *_OWN,
    *(f"prev_{n}" for n in _NEIGHBOURS), *(f"next_{n}" for n in _NEIGHBOURS),
    *(f"prev2_{n}" for n in _FAR), *(f"next2_{n}" for n in _FAR),
    *(f"win_{n}" for n in _WINDOW),
    "short_run", "short_run_at", "title_run", "title_run_at", "prose_before", "prose_after",
    "position", "from_end", "index", "lines", "page_tokens", "token_share", "before_longest", "after_longest",
    "echo_below", "echo_above", "echo_page",
)
# the second model's features: the first model's furniture score ("first") around the line
CONTEXT: tuple[str, ...] = (
    "first", "prev_first", "next_first", "prev2_first", "next2_first", "win_first_mean", "win_first_max",
    "furniture_above", "furniture_below", "content_above", "content_below", "outside_body", "page_first_mean",
    "page_furniture_share", "echo", "echo_content",
)
CONTEXT_FEATURES: tuple[str, ...] = (*FEATURES, *CONTEXT)
_SURE_FURNITURE = 0.5  # first-model scores: a line at least this is taken as furniture in context
_SURE_CONTENT = 0.2  # and at most this, as the article's content
_ECHO_MIN = 5  # characters: words this long carry a page's subject in any of its languages
_SHORT = 6  # tokens: a line this short without a sentence end is a label, a name, a button
_TITLE = 10  # tokens: a line this short not ending in a full stop is a title, a question, a link
_PROSE = 15  # tokens: a line this long that ends as a sentence is the article's kind of line
_FAR_CAP = 10.0
_PLAIN = str.maketrans(dict.fromkeys("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "))  # no symbol


def _own(line: str) -> dict[str, float]:
    words = _WORD.findall(line)
    n = len(words)
    letters = "".join(filter(str.isalpha, line))
    low = [w.lower() for w in words]
    interface = len(_INTERFACE.findall(line))
    return {
        "tokens": math.log1p(n),
        "chars": math.log1p(len(line)),
        "sentence_end": float(bool(_SENTENCE_END.search(line.rstrip()))),
        "ends_colon": float(line.rstrip().endswith(":")),
        "punct_share": sum(map(line.count, ".,;:!?")) / max(1, len(line)),
        "commas_per_token": line.count(",") / max(1, n),
        "digit_share": sum(map(str.isdigit, line)) / max(1, len(line)),
        "upper_share": sum(map(str.isupper, letters)) / max(1, len(letters)),
        "title_share": sum(w[:1].isupper() for w in words) / max(1, n),
        "stop_share": sum(w in _STOP for w in low) / max(1, n),
        "separators": float(len(_SEPARATORS.findall(line))),
        "relative_time": float(bool(_RELATIVE_TIME.search(line))),
        "counts": float(len(_COUNT.findall(line))),
        "interface_share": interface / max(1, n),
        "interface_count": float(interface),
        "urlish": float(bool(_URLISH.search(line))),
        "date": float(bool(_DATE.search(line))),
        "bullet": float(bool(_BULLET.match(line))),
        "sentences": float(len(re.findall(r"[.!?。！？](?:\s|$)", line))),
        "mean_word_len": sum(map(len, words)) / max(1, n),
        "repeats": 0.0,
        "non_word_share": (len(line) - sum(map(str.isalnum, line)) - sum(map(str.isspace, line))) / max(1, len(line)),
        "date_only": float(bool(_DATE_ONLY.match(line))),
        "question": float(line.rstrip().endswith("?")),
        "name_like": float(0 < n <= 4 and not any(w in _STOP for w in low) and not _SENTENCE_END.search(line.rstrip())
                           and all(w[:1].isupper() or not w.isalpha() for w in words)),
        "prose": float(n >= _PROSE and bool(_SENTENCE_END.search(line.rstrip()))),
        "page_deixis": float(len(_PAGE_DEIXIS.findall(line))),
        "we_share": sum(w in _WE for w in low) / max(1, n),
        "you_share": sum(w in _YOU for w in low) / max(1, n),
        "widget_words": float(sum(w in _WIDGET_WORDS for w in low)),
        "short_items": _short_items(line),
        "items": _items(line),
        "label_colon": float(bool(_LABEL.match(line))),
        "hashtags": float(len(_HASHTAG.findall(line))),
        "symbols": float(sum(unicodedata.category(c) in ("So", "Sm", "Sk") for c in line.translate(_PLAIN))),
        "first_upper": float(bool(words) and words[0][:1].isupper()),
        "numbered": float(bool(_NUMBERED.match(line))),
    }


def _items(line: str) -> float:
    """Separator-delimited parts of a line, when it has three or more ("A » B » C")."""
    parts = [p for p in _LIST_SPLIT.split(line) if p.strip()]
    return float(len(parts)) if len(parts) >= 3 else 0.0


def _short_items(line: str) -> float:
    """Items of a list written on one line ("Tags: a, b, c", "Home › Health › Asthma"):
    how many separator-delimited parts of at most three words it has, when it has three."""
    parts = [p for p in _ITEM_SPLIT.split(line.split(":", 1)[-1]) if p.strip()]
    if len(parts) < 3:
        return 0.0
    return float(sum(len(p.split()) <= 3 for p in parts))


def line_features(lines: list[str]) -> list[list[float]]:
    """One row of FEATURES per line of a page (lines in page order)."""
    own = [_own(ln) for ln in lines]
    seen = Counter(ln.strip().lower() for ln in lines)
    for f, ln in zip(own, lines, strict=True):
        f["repeats"] = float(seen[ln.strip().lower()] - 1)
    n = len(lines)
    tokens = [len(_WORD.findall(ln)) for ln in lines]
    page_tokens = max(1, sum(tokens))
    longest = max(range(n), key=tokens.__getitem__) if n else 0
    empty = dict.fromkeys(_OWN, -1.0)
    short = [t <= _SHORT and not f["sentence_end"] for t, f in zip(tokens, own, strict=True)]
    run_start, run_len = _runs(short)  # runs of short lines: menus, widgets, threads' names and times
    # runs of title-like lines (questions and headlines too): teaser and related lists
    title_start, title_len = _runs([t <= _TITLE and not ln.rstrip().endswith(".") for t, ln in zip(tokens, lines,
                                                                                                   strict=True)])
    prose_before, prose_after = [_FAR_CAP] * n, [_FAR_CAP] * n
    last = None
    for i, f in enumerate(own):
        if last is not None:
            prose_before[i] = min(_FAR_CAP, float(i - last))
        if f["prose"]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if last is not None:
            prose_after[i] = min(_FAR_CAP, float(last - i))
        if own[i]["prose"]:
            last = i
    echo_below, echo_above, echo_page = _echoes(lines)
    window = [[f[k] for f in own] for k in _WINDOW]  # columns, for the means over three lines either side
    rows = []
    for i, f in enumerate(own):
        prev = own[i - 1] if i > 0 else empty
        nxt = own[i + 1] if i + 1 < n else empty
        prev2 = own[i - 2] if i > 1 else empty
        nxt2 = own[i + 2] if i + 2 < n else empty
        lo, hi = max(0, i - 3), min(n, i + 4)
        row = [f[k] for k in _OWN]
        row += [prev[k] for k in _NEIGHBOURS] + [nxt[k] for k in _NEIGHBOURS]
        row += [prev2[k] for k in _FAR] + [nxt2[k] for k in _FAR]
        row += [sum(col[lo:hi]) / (hi - lo) for col in window]
        row += [math.log1p(run_len[i]), float(i - run_start[i]) if run_len[i] else -1.0,
                math.log1p(title_len[i]), float(i - title_start[i]) if title_len[i] else -1.0,
                prose_before[i], prose_after[i]]
        row += [i / max(1, n - 1), float(n - 1 - i), float(min(i, 50)), math.log1p(n), math.log1p(page_tokens),
                tokens[i] / page_tokens, float(i < longest), float(i > longest),
                echo_below[i], echo_above[i], echo_page[i]]
        rows.append(row)
    return rows


def _stems(line: str) -> set[str]:
    return {w[:_ECHO_MIN] for w in _WORD.findall(line.lower()) if len(w) >= 4 and w not in _STOP and not w.isdigit()}


def _echoes(lines: list[str]) -> tuple[list[float], list[float], list[float]]:
    """Per line, the share of its word stems (first five letters) found in the three lines
    below it, in the three above, and anywhere else on the page (-1 for a line without
    one): a subheading's words come back in the section under it and an article's lines
    share its subject, while a widget line between two paragraphs ("Most read this week",
    "Link copied to clipboard") speaks of something else."""
    stems = [_stems(ln) for ln in lines]
    seen: Counter[str] = Counter()
    for st in stems:
        seen.update(st)
    below, above, page = [], [], []
    for i, st in enumerate(stems):
        if not st:
            below.append(-1.0)
            above.append(-1.0)
            page.append(-1.0)
            continue
        after = set().union(*stems[i + 1:i + 4])
        before = set().union(*stems[max(0, i - 3):i])
        below.append(len(st & after) / len(st))
        above.append(len(st & before) / len(st))
        page.append(sum(seen[w] > 1 for w in st) / len(st))
    return below, above, page


def _runs(flags: list[bool]) -> tuple[list[int], list[int]]:
    """For each line, where the run of flagged lines it stands in starts and how long it is
    (0 for a line not flagged)."""
    n = len(flags)
    start, length = [0] * n, [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and flags[j]:
            j += 1
        for k in range(i, max(j, i + 1)):
            start[k], length[k] = i, max(1, j - i) if flags[i] else 0
        i = max(j, i + 1)
    return start, length


def context_features(lines: list[str], rows: list[list[float]], first: list[float]) -> list[list[float]]:
    """One row of CONTEXT_FEATURES per line: its own features (`rows`) and the first
    model's scores (`first`) around it."""
    n = len(lines)
    sure = [s >= _SURE_FURNITURE for s in first]
    content = [s <= _SURE_CONTENT for s in first]
    above, below = [0] * n, [0] * n  # confident furniture lines directly above / below
    for i in range(1, n):
        above[i] = above[i - 1] + 1 if sure[i - 1] else 0
    for i in range(n - 2, -1, -1):
        below[i] = below[i + 1] + 1 if sure[i + 1] else 0
    near_above, near_below = [_FAR_CAP] * n, [_FAR_CAP] * n  # distance to confident content
    last = None
    for i in range(n):
        if last is not None:
            near_above[i] = min(_FAR_CAP, float(i - last))
        if content[i]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if last is not None:
            near_below[i] = min(_FAR_CAP, float(last - i))
        if content[i]:
            last = i
    first_content = next((i for i in range(n) if content[i]), n)
    last_content = next((i for i in range(n - 1, -1, -1) if content[i]), -1)
    words = [{w for w in _WORD.findall(ln.lower()) if len(w) >= _ECHO_MIN and not w.isdigit()} for ln in lines]
    seen: Counter[str] = Counter()
    seen_content: Counter[str] = Counter()
    for ws, c in zip(words, content, strict=True):
        seen.update(ws)
        if c:
            seen_content.update(ws)
    page_mean = sum(first) / max(1, n)
    page_share = sum(sure) / max(1, n)
    out = []
    for i, row in enumerate(rows):
        win = [first[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i] or [-1.0]
        ws = words[i]
        echo = sum(seen[w] > 1 for w in ws) / len(ws) if ws else -1.0
        echo_content = (sum(seen_content[w] > int(content[i]) for w in ws) / len(ws)) if ws else -1.0
        out.append([*row, first[i], first[i - 1] if i > 0 else -1.0, first[i + 1] if i + 1 < n else -1.0,
                    first[i - 2] if i > 1 else -1.0, first[i + 2] if i + 2 < n else -1.0,
                    sum(win) / len(win), max(win), float(min(above[i], 10)), float(min(below[i], 10)),
                    near_above[i], near_below[i], float(i < first_content or i > last_content), page_mean,
                    page_share, echo, echo_content])
    return out


def _model() -> tuple[Any, dict[str, Any]]:
    return models.trained_on("textlines", FEATURES, "python -m ascurate.models.train_textlines")


@cache
def _context_model() -> Any:
    """The second (context) model named by the card, or None for a card without one."""
    import lightgbm

    found = _model()[1].get("context")
    if not found:
        return None
    if list(found["features"]) != list(CONTEXT_FEATURES):
        raise RuntimeError(f"{MODEL_NAME}: the context model was trained on other features; "
                           "retrain it (python -m ascurate.models.train_textlines)")
    return lightgbm.Booster(model_file=str(models.HERE / found["file"]))


def furniture_scores(lines: list[str]) -> list[float]:
    """Each line's probability of being page furniture: the first model's, then the
    context model's reading of them."""
    if not lines:
        return []
    booster, _ = _model()
    rows = line_features(lines)
    first = [1.0 - float(p) for p in booster.predict(rows, num_threads=1)]
    second = _context_model()
    if second is None:
        return first
    return [1.0 - float(p) for p in second.predict(context_features(lines, rows, first), num_threads=1)]


def threshold() -> float:
    """A line whose furniture score is at least this goes (model card)."""
    return float(_model()[1]["threshold"])


MAX_SHARE = 0.95  # a page the model would remove (almost) all of is one it cannot read
# scripts written without spaces between words: the model's features (tokens, stop words)
# assume spaced text, and it has seen none of them in training
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _readable(text: str) -> bool:
    """Text the model can read: letters, spaced (not Chinese, Japanese, Thai...)."""
    letters = sum(c.isalpha() for c in text)
    return bool(letters) and len(_UNSPACED.findall(text)) <= 0.3 * letters


def judge(blocks: list[Block]) -> dict[int, float]:
    """Furniture scores of the blocks the model would remove, by block index. A page in a
    script without spaces (Chinese, Japanese, Thai...), or one the model would remove
    whole, is one it cannot read: it removes nothing and the rules alone judge the page."""
    text = "".join(b.text for b in blocks)
    if not _readable(text):
        return {}
    scores = furniture_scores([b.text for b in blocks])
    limit = threshold()
    listed = list_items(blocks, scores, limit) | story_labels(blocks, scores, limit)
    out = {i: s for i, s in enumerate(scores) if s >= limit and i not in listed}
    out.update({i: max(limit, scores[i]) for i in link_rows(blocks) if i not in out})
    out.update({i: max(limit, scores[i]) for i in counted_edges(blocks, out) if i not in listed})
    if sum(len(blocks[i].text) for i in out) > MAX_SHARE * len(text):
        return {}
    return out


# a row of links or buttons: parts split by a widget's separators ("Print | Save | Share",
# "A+ · A- · Kontrast · Vorlesen"), after an optional label ("Partager sur :")
_ROW_SPLIT = re.compile(r"\s*[|·•›»▸►]\s*")
_ROW_LABEL = re.compile(r"^\W*[^\W\d][\w'’-]*(?:\s+[\w'’-]+){0,3}\s*:\s+(?=\S)")
_ROW_TALLY = re.compile(r"\s*\(\d[\d.,]*\)\s*$")  # "Zustimmung (50)": a button's count
_ROW_CODE = re.compile(r"[{}\[\]$%\\=<>]")  # code and formulas ("{ ROW | ROWS }") are no widget
_ROW_PARTS = 3
_ROW_WORDS = 4  # words in one part: a link's or a button's label ("Send to a friend")


def _link_row(text: str) -> bool:
    """A row of links or buttons: one line without a sentence end, split by a widget's
    separators (not commas or dashes: a sentence and a title have them) into
    `_ROW_PARTS` parts or more (two when a part carries a count in brackets: "Zustimmung
    (50) · Entgegnen"), each a label of at most `_ROW_WORDS` words with no figure (a table
    row, a score, a date has them) and no code symbol."""
    text = text.strip()
    if "\n" in text or _SENTENCE_END.search(text) or text.endswith(":") or _ROW_CODE.search(text):
        return False
    body = _ROW_LABEL.sub("", text, count=1)
    if not _ROW_SPLIT.search(body):
        return False
    split = [p for p in _ROW_SPLIT.split(body) if p.strip()]
    parts = [_ROW_TALLY.sub("", p) for p in split]
    if len(parts) < _ROW_PARTS and not (len(parts) == 2 and any(map(_ROW_TALLY.search, split))):
        return False
    return all(1 <= len(_WORD.findall(p)) <= _ROW_WORDS and not any(map(str.isdigit, p)) for p in parts)


def link_rows(blocks: list[Block]) -> set[int]:
    """Rows of links or buttons standing as lines of their own (`_link_row`): a share row,
    a text-size toolbar, a comment's buttons, a jump menu. The model reads such a line
    standing alone between two of the article's paragraphs as a subheading; its shape is a
    widget's in any wording. A table's rows are not read: a block of several lines, or a
    line beside another of three cells or more (a table saved a row a line; a widget's row
    stands between the article's lines, a thread's author and body)."""
    cells = [len(_ROW_SPLIT.findall(b.text)) for b in blocks]
    return {i for i, b in enumerate(blocks) if b.type != "table" and _link_row(b.text)
            and not any(0 <= j < len(blocks) and cells[j] >= _ROW_PARTS - 1 for j in (i - 1, i + 1))}


_EDGE_WORDS = 6  # a widget's counted line: "20 personas han comentado", "Kommentare der Community (18)"
_EDGE_RUN = 2  # taken lines in a row beside it: a widget or a thread, not one stray line
# a count heading the line, then words ("63 frühere Notizen aufklappen"), or a count in
# brackets ending it ("Kommentare der Community (18)"): not a price, a rating, a measure
_COUNTED = re.compile(r"^\d{1,3}(?:[.,]\d{3})*\s+[^\W\d][^\d]*\s[^\W\d][^\d]*$|^[^\d]*[^\W\d][^\d]*\s\(\d[\d.,]*\)$")


def counted_edges(blocks: list[Block], taken: Collection[int]) -> set[int]:
    """A widget's counted line at the edge of a run of lines the model takes: a thread's
    or a widget's tally ("20 personas han comentado", "63 frühere Notizen aufklappen",
    "Kommentare der Community (18)") that the model, reading it beside the article's
    prose, keeps. A line of at most `_EDGE_WORDS` words without a sentence end, a count
    heading words or a count in brackets ending them (`_COUNTED`), whose `_EDGE_RUN` lines
    above or below are all taken."""
    out = set()
    n = len(blocks)
    for i, b in enumerate(blocks):
        text = b.text.strip()
        if (i in taken or "\n" in text or len(_WORD.findall(text)) > _EDGE_WORDS or _SENTENCE_END.search(text)
                or not _COUNTED.match(text)):
            continue
        above = i >= _EDGE_RUN and all(j in taken for j in range(i - _EDGE_RUN, i))
        below = i + _EDGE_RUN < n and all(j in taken for j in range(i + 1, i + 1 + _EDGE_RUN))
        if above or below:
            out.add(i)
    return out


_ITEM_TOKENS = 12  # a list item under a lead-in: a few words ("Fiebre", "hormigueo o entumecimiento en las manos")
_MAX_ITEMS = 15
_MIN_LIST = 3  # bulleted lines that make a list
_TALLY = re.compile(r"\(\d[\d.,]*\)|^\W*\d[\d.,]*\s+\w+\W*$")  # "Utile (68)", "71 réponses": a widget's counts
_WORD_SLASH = re.compile(r"(?<=\w)/(?=\w)")  # "fatiga/sensación", "und/oder": a word's alternative, not a separator
_ANSWERS = frozenset(["yes", "no", "ja", "nein", "oui", "non", "sí", "si"])
_LEAD_TOKENS = 3
_SURE_WIDGET = 0.9  # a line scored at least this after items the model keeps ends an unbulleted list
_GAP = 4  # lines: a widget standing inside a list, the list's items going on after it
_PARALLEL = 3  # tokens: an item after such a widget is at most this longer than the list's longest
_LEAD_MAX = 0.8  # a lead-in scored at least this is the model's sure furniture, not the article's  # a lead-in is a clause ("Los síntomas más comunes son:"), not a widget's label ("Share this:")


def _byline(text: str) -> bool:
    """A post's byline or a widget's tally: a time, a date, a count or separators ("Tom H ·
    4d ago", "Utile (68)"). The line right above one heads a thread or a widget, even a
    list's only line; above a widget marked by its words alone ("Share this article") it may
    be the list's one item."""
    return bool(_RELATIVE_TIME.search(text) or _DATE.search(text) or _COUNT.search(text) or _TALLY.search(text)
                or _SEPARATORS.search(_WORD_SLASH.sub(" ", text)))


def _item_like(block: Block) -> bool:
    """A line that can be an item of a list: bulleted, or a few words; never a line with
    a widget's marks (interface words, times, dates, counts, links, separators) or without a
    letter ("87" over "SHARES": a widget's count, not an item)."""
    text = block.text
    if not any(map(str.isalpha, text)) or _byline(text) or _INTERFACE.search(text) or _URLISH.search(text) \
            or _PAGE_DEIXIS.search(text) or _widget_marked(_WORD.findall(text.lower())):
        return False
    return block.type == "list_item" or len(_WORD.findall(text)) <= _ITEM_TOKENS


def _widget_marked(words: list[str]) -> bool:
    """A widget's word ("helpful", "tags", "related"), or answers ("Yes", "No") as half the
    line: "no" and "si" are also words of any Spanish or French sentence."""
    marks = [w for w in words if w in _WIDGET_WORDS]
    return any(w not in _ANSWERS for w in marks) or 2 * len(marks) >= max(1, len(words))


def _lead_in(block: Block) -> bool:
    """A clause ending in ":" that speaks of the subject, not of the page or its widgets."""
    text = block.text.rstrip()
    return (text.endswith(":") and len(_WORD.findall(text)) >= _LEAD_TOKENS and not _INTERFACE.search(text)
            and not _URLISH.search(text) and not _PAGE_DEIXIS.search(text)
            and not _widget_marked(_WORD.findall(text.lower())))


def _goes_on(block: Block, score: float, bulleted: bool, kept_before: bool) -> bool:
    """Whether a list's run of items goes on with this line: an item-like line, not a label
    of its own (":"), bulleted if the run is; in an unbulleted run, not a line the model is
    sure of after items it keeps (the list has ended; a widget follows). Bullets bound a
    bulleted run themselves."""
    return (_item_like(block) and not block.text.rstrip().endswith(":") and (block.type == "list_item" or not bulleted)
            and (bulleted or not (score >= _SURE_WIDGET and kept_before)))


def _resumed(blocks: list[Block], scores: list[float], kept: list[bool], start: int, end: int,
             bulleted: bool) -> list[int]:
    """The items of a list that go on after a widget standing inside it (a share row, a
    rating, a tag line): after at most `_GAP` lines the model takes that all carry a
    widget's marks, the run goes on as it began (`_goes_on`), with items as long as the
    list's, up to a line the model keeps (the article goes on; a widget's own list runs
    into more furniture)."""
    n = len(blocks)
    k = end
    while (k < n and k - end < _GAP and not kept[k] and not _item_like(blocks[k])
           and not blocks[k].text.rstrip().endswith(":")):  # a label ("Tags:") heads its own items
        k += 1
    longest = max(len(_WORD.findall(blocks[m].text)) for m in range(start, end))
    first = k
    while (k < n and k - first + end - start < _MAX_ITEMS
           and _goes_on(blocks[k], scores[k], bulleted, any(kept[start:end]) or any(kept[first:k]))
           and len(_WORD.findall(blocks[k].text)) <= longest + _PARALLEL):
        k += 1
    if first == end or k == first or k >= n or not kept[k]:
        return []
    return list(range(first, k))


def list_items(blocks: list[Block], scores: list[float], limit: float) -> set[int]:
    """The lines of the lists the article introduces, to keep whatever the model's score.
    One-word lines look like a menu to the model, and a lead-in whose items it takes goes
    with them, but a lead-in that speaks as the article owns its list: a line ending in ":"
    the model is not sure is furniture ("Los síntomas más comunes son:"), kept or right
    under a kept line (a taken one needs two items), and the run of item-like lines under
    it ("Fiebre" / "Tos seca"). The run may start after one sentence the model takes (an
    ad, a disclaimer); it stops at a line with a widget's marks, at another line ending in
    ":" ("Jump to:"), at the first unbulleted line under bulleted items, and, unbulleted,
    at a line the model is sure of after items it keeps (the list has ended; a widget
    follows). A widget standing inside the list (a share line, a rating) does not end it:
    the items go on after it (`_resumed`). When they do not, the taken line right above
    the widget's marked lines is its heading ("Join the conversation"), unless it is the
    list's only item above a widget marked by its words alone (not a byline, `_byline`), or
    the widget is a label with its own items ("Tags:"); a bulleted
    run is bounded by its bullets. A run to the page's last line is its footer, not a
    list. A run of bulleted lines the model keeps the most of is kept whole: a list is one
    unit. Rules still speak first (a share row under "Share this:" is theirs)."""
    out: set[int] = set()
    n = len(blocks)
    kept = [s < limit for s in scores]
    for i in range(n):
        if scores[i] >= _LEAD_MAX or not _lead_in(blocks[i]) or not (kept[i] or (i > 0 and kept[i - 1])):
            continue
        j = i + 1
        if (j + 1 < n and not kept[j] and len(_WORD.findall(blocks[j].text)) > _ITEM_TOKENS
                and _item_like(blocks[j + 1])):
            j += 1  # one sentence of furniture between the lead-in and its list (a short one heads a widget)
        start = j
        bulleted = j < n and blocks[j].type == "list_item"
        while j < n and j - start < _MAX_ITEMS and _goes_on(blocks[j], scores[j], bulleted, any(kept[start:j])):
            j += 1
        items = list(range(start, j))
        if items:
            resumed = _resumed(blocks, scores, kept, start, j, bulleted)
            if (not resumed and not bulleted and j < n and not kept[j] and not _item_like(blocks[j])
                    and (len(items) > 1 or _byline(blocks[j].text)) and not kept[j - 1]
                    and not blocks[j].text.rstrip().endswith(":")):
                items.pop()  # a widget's heading ("Join the conversation") sits right above its marked lines
            items += resumed
        if len(items) >= (1 if kept[i] else 2) and j < n:  # a run to the page's end is its footer
            out.update(items)
            out.add(i)
    i = 0
    while i < n:  # a bulleted list the model keeps the most of is the article's, whole
        j = i
        while j < n and blocks[j].type == "list_item" and _item_like(blocks[j]):
            j += 1
        if j - i >= _MIN_LIST and 2 * sum(kept[i:j]) > j - i:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


# a name and an age ("Julie, 33 ans", "Raj, 54"), not a clock time ("Walsh, 10:41")
_AGED_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]+,\s*\d{1,3}(?![\w.,%:])")
# the teller's own words: the first person singular (`_WORD` splits "J'ai" and "I'm")
_FIRST_PERSON = frozenset(["i", "me", "my", "myself", "mine", "ich", "mich", "mir", "mein", "meine", "meinen",
                           "meinem", "meiner", "meines", "je", "j", "m", "moi", "mon", "ma", "mes", "yo", "mi",
                           "mis", "mí", "conmigo"])
_STORY_LABEL_TOKENS = 8
_STORY_TOKENS = 6
_STORY_LINES = 3  # a story's lines read under its label for one the model keeps


def story_labels(blocks: list[Block], scores: list[float], limit: float) -> set[int]:
    """Labels of a testimony the article tells ("Témoignage : Julie, 33 ans", "Patient story:
    Raj, 54", "Historia de Ramón, 68 años"), to keep whatever the model's score: a short
    line without a sentence end naming someone with an age, above the story, a run of up
    to `_STORY_LINES` sentences in the first person singular of which the model keeps one;
    the story's other lines stay with it. The model reads such a label as a byline or a
    heading of a widget, and a story's short sentence as a widget's line; without them the
    rest reads as an aside in the author's voice. A byline's marks (a date, a time, a
    count, separators) are not a label's."""
    out: set[int] = set()
    for i in range(len(blocks) - 1):
        text = blocks[i].text.strip()
        if (scores[i] < limit or len(_WORD.findall(text)) > _STORY_LABEL_TOKENS
                or _SENTENCE_END.search(text) or not _AGED_NAME.search(text) or _byline(text)
                or _INTERFACE.search(text) or _URLISH.search(text)):
            continue
        story = i + 1
        while story < min(len(blocks), i + 1 + _STORY_LINES) and _first_person_sentence(blocks[story].text.strip()):
            story += 1
        if any(scores[j] < limit for j in range(i + 1, story)):
            out.update(range(i, story))
    return out


def _first_person_sentence(text: str) -> bool:
    """A sentence of `_STORY_TOKENS` words or more in the first person singular."""
    words = [w.lower() for w in _WORD.findall(text)]
    return len(words) >= _STORY_TOKENS and bool(_SENTENCE_END.search(text)) and any(w in _FIRST_PERSON for w in words)


def lists_rejoined(indexed: list[tuple[int, Block]], taken: dict[int, float]) -> dict[int, float]:
    """`taken` (the lines `judge` takes, by block index) without the items of the lists whose
    lead-in a widget the rules took parted from them: `judge` reads the page whole, so a
    comment thread or a box standing between "Good sources of iron include:" and its items
    ("red meat", "beans and lentils") hides them from the lead-in, and the model, reading
    short lines under a widget, takes them; on the page the rules leave (`indexed`, with its
    block indices) the lead-in heads them again, and `list_items` reads them as it reads
    any list. Only lines right after such a gap are read anew."""
    if not taken:
        return taken
    limit = threshold()
    scores = [taken.get(i, 0.0) for i, _ in indexed]
    listed = list_items([b for _, b in indexed], scores, limit)
    gaps = {k for k in range(1, len(indexed)) if indexed[k][0] != indexed[k - 1][0] + 1}  # a removal before k
    back = set()
    for k in sorted(listed):
        if indexed[k][0] in taken and (k in gaps or k - 1 in back) and k - 1 in listed:
            back.add(k)
    return {i: s for i, s in taken.items() if i not in {indexed[k][0] for k in back}}


def remove(i: int, block: Block, score: float, out: Cleaned) -> None:
    out.removed.append(Removal(block.text, RULE, block=i, detail=f"score {score:.2f}"))


# a sentence's end and the space after it, before the next part of the line: not after an
# abbreviation ("St. Louis", "Dr. Smith", "L.A. Auto Show"), not before a lower-case word or a
# number (the sentence goes on: "vinegar)", "3.5mm")
_BREAK = re.compile(r"(?<![\s(][A-Z][a-z]\.)(?<![\s(.][A-Z]\.)(?<=[.!?…])[\"'”’»)\]]*\s+(?=[^\s\da-zà-ÿ])")


def _glue_points(text: str) -> list[int]:
    """Where a widget run into the end of a paragraph may start: a line whose last part,
    after a sentence end and at least a short sentence of prose, does not end as a
    sentence and has two words or more ("... in the United States. Share: Bluesky |
    Threads"); also the part before it when that is title-short (a widget's question: "Was
    this helpful? Yes No"). Prose ends as a sentence; a share row, a tag line, a byline or
    a rating does not. A part that ends in ":" (a lead-in) or in a stop word other than an
    answer (a sentence cut short: "The other choice is to") is the article's."""
    text = text.rstrip()
    if _SENTENCE_END.search(text) or text.endswith(":"):
        return []
    breaks = [m.end() for m in _BREAK.finditer(text)]
    words = _WORD.findall(text[breaks[-1]:].lower()) if breaks else []
    if (not breaks or len(_WORD.findall(text[:breaks[-1]])) < _SHORT or len(text[breaks[-1]:].split()) < 2
            or (words and words[-1] in _STOP and words[-1] not in _ANSWERS)):
        return []
    if (len(breaks) > 1 and len(_WORD.findall(text[breaks[-2]:breaks[-1]])) <= _TITLE
            and len(_WORD.findall(text[:breaks[-2]])) >= _SHORT):
        return breaks[-2:]
    return breaks[-1:]


def glued_tails(blocks: list[Block], taken: Collection[int] = ()) -> dict[int, tuple[int, float]]:
    """Widgets run into the end of a line the model keeps, as a scraper that drops a block
    break saves a share row, a tag line or a rating after the paragraph's last sentence: by
    block index, the offset where such a tail starts and its furniture score. Each
    candidate (`_glue_points`) is split off and the page, with its pieces as lines of their
    own, is scored again; the tail goes when its pieces, to the line's end, all score as
    furniture (a piece before the tail goes only with it). `taken`: blocks removed whole."""
    if not _readable("".join(b.text for b in blocks)):
        return {}
    lines: list[str] = []
    pieces: dict[int, list[tuple[int, int]]] = {}  # block: (line on the split page, offset) of each piece after the head
    for i, b in enumerate(blocks):
        points = [] if i in taken else _glue_points(b.text)
        if not points:
            lines.append(b.text)
            continue
        bounds = [0, *points, len(b.text)]
        lines.append(b.text[:points[0]].rstrip())
        pieces[i] = []
        for start, end in zip(bounds[1:-1], bounds[2:], strict=True):
            pieces[i].append((len(lines), start))
            lines.append(b.text[start:end].strip())
    if not pieces:
        return {}
    scores = furniture_scores(lines)
    limit = threshold()
    out: dict[int, tuple[int, float]] = {}
    for i, parts in pieces.items():
        cut = None
        for line, start in reversed(parts):  # from the line's end back: the tail is what runs to it
            if scores[line] < limit:
                break
            cut = (start, scores[line])
        if cut is not None:
            out[i] = cut
    return out


def cut_tail(i: int, block: Block, kept: Block, tail: tuple[int, float], out: Cleaned) -> Block:
    """`kept` (block `i` after the rules) without the glued tail `glued_tails` found in
    `block`, when the rules left that tail as it was."""
    start, score = tail
    cut = block.text[start:]
    if not kept.text.endswith(cut) or not kept.text[:-len(cut)].strip():
        return kept
    out.removed.append(Removal(cut, RULE, block=i, start=start, end=len(block.text), detail=f"score {score:.2f}"))
    return Block(kept.type, kept.text[:-len(cut)].rstrip(), kept.level)
