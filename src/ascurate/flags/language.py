"""`foreign_text`: sentences in another language than the article.

Every sentence of `MIN_WORDS` words or more in a paragraph, list item or quote is read
by py3langid, whose model ships in its package (loaded once per process, on the first
candidate sentence, the model being xz-compressed; restricted to
`LANGUAGES`; langdetect still names the article's language). The model reads only the
sentences that pass the cheap tests below, not every sentence (`bench/sentence_language.py`
measures the model). Names, citations, code and
loanwords fool any model on one sentence, so a sentence counts as foreign only when the
model is sure (`MIN_PROB`), it is running text (it ends as a sentence does, has
lower-case words and no citation or code), not every word of it is a common word of
the article's language (wordfreq, `COMMON_ZIPF`), it uses
few of the article language's function words and, where its own language's are known,
enough of those (a block that cites, such as a reference entry, is not read): a German sentence in an English article says "die", "und", "Sie" and
hardly ever "the". Sentences too short for the model to be sure of are read together with
the short one after them (a run of short sentences, or one of fewer than `UNENDED_WORDS`
words with none of the article language's function words: boilerplate in another language
comes so). Consecutive foreign sentences of one block make one flag, scored with
the model's probability. `bench/sentence_language.py` compares the candidate models.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..model import Flag
from . import lexicon, sentences
from .glued import frequencies, zipf
from .view import ArticleView

MIN_WORDS = 6
_TERMINAL = (".", "!", "?", "…", ":", ";")
words_in = sentences.WORD.findall  # (text, start, end): the words of text[start:end], no copy made
_CLOSERS = "”\"’»)] "
MIN_PROB = 0.95  # how sure the model must be that a sentence is not in the article's language
MIN_TOP_PROB = 0.6  # ... and, of the language it is in, how sure at least (`read_language`)
# running text is mostly lower-case words (names, titles and headings are not) ...
MIN_LOWER = 0.4
# ... but a language that writes every noun with a capital has fewer ("Alle Angaben ohne
# Gewähr, bitte fragen Sie Ihren Arzt.": 3 of 9): a sentence the model reads as one of
# these needs only this share
MIN_LOWER_CAPITALISED = 0.25
CAPITALISED_NOUNS = frozenset({"de"})
# a block's last sentence without its stop (a list item, a line pasted without it) is read
# when it is running text all the same: long, mostly lower-case words, and its language's
# function words (a title or a name in a list is short, has capitals and few: "Deutsche
# Gesellschaft für Ernährung", "Guía de práctica clínica sobre diabetes")
UNENDED_WORDS = 8
UNENDED_LOWER = 0.6
UNENDED_FOREIGN_SHARE = 0.2
MAX_OWN_SHARE = 0.12  # share of the article language's function words a foreign sentence may use
MIN_FOREIGN_SHARE = 0.12  # ... and of its own language's, where known
# a sentence whose words all have this Zipf frequency or more in the article's language is
# in that language: the model is not asked (a third of the sentences that reach it on
# published pages; none of the planted foreign sentences is one, bench/flags.py)
COMMON_ZIPF = 3.5
LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "ro", "cs", "tr", "ru"]
# a citation's parts, each tried only where its words are: "et al", a DOI, a year before a
# volume or page ("2019;12", "2019. 3:"; the first digit opens the pattern so the scan skips
# to digits, the test that no word character stands before it comes after it), a web address
_ET_AL = re.compile(r"\bet al\b")
_DOI = re.compile(r"\bdoi\b")
_YEAR_CITE = re.compile(r"\d(?:\d{3};\s?\d|(?<!\w\d)\d{3}\)?[.;:]\s?\d+\s?[:(])")
_WEB = re.compile(r"https?://")
_CODE = re.compile(r"[{}<>=;`]|\w\(\)|\b\w+_\w+\b|\b[a-z]+[A-Z]\w*\b")
FUNCTION_WORDS = {  # the short words every running sentence of a language needs
    "en": "the of and to in is are was were for with that this it be by on as at from or an not have has had "
          "can you your they their we our he she his her which who will may should would do does if but all "
          "any some most more than about into there these those its them been after before over under "
          "without within because so what when how other such only also very just",
    "de": "der die das den dem des und ist sind war nicht mit für auf sich ein eine einen einem einer es sie "
          "wir ihr ihre ihren ihrem bei von zu zum zur im auch wird werden kann können oder wenn dass als "
          "nach wie noch nur schon aber sehr mehr über unter durch ohne vom beim diese dieser dieses wurde "
          "in an am um bis so",
    "fr": "le la les des du de un une et est sont pas pour avec sans sur dans en à ce cette ces qui que il elle ils "
          "nous vous leur leurs se au aux ou mais par plus si peut être votre vos sa son ses ne été fait",
    "es": "el la los las de del y en es son un una por con para que se su sus al lo le como pero más o si "
          "no está están puede hay este esta ya muy sin sobre entre también cuando ha han usted",
    "it": "il lo la gli le di del della e è sono un una per con che non si al alla dei delle nel nella più "
          "come ma o se tuo suo sua tua ai a da in su tra",
    "pt": "o a os as de do da dos das e é são um uma para com que não se ao em no na mais como mas ou seu "
          "sua nos nas pelo pela",
    "nl": "de het een en van is zijn niet met voor op dat die als je u uw bij ook er aan of maar dan te om "
          "zo hoe wat wordt worden",
}
_ALL = {k: frozenset(v.split()) for k, v in FUNCTION_WORDS.items()}
# a word that is a function word in another language too ("an", "die", "de") tells nothing
_FUNCTION = {k: v - frozenset().union(*(o for c, o in _ALL.items() if c != k)) for k, v in _ALL.items()}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(LANGUAGES)
    return ident


def _share(words: list[str], code: str, table: dict[str, frozenset[str]] = _FUNCTION) -> float | None:
    fw = table.get(code)
    return None if fw is None else sum(map(fw.__contains__, map(str.lower, words))) / len(words)


def _all_common(words: list[str], language: str) -> bool:
    """Every word at `COMMON_ZIPF` or more in the article language's word frequencies
    (wordfreq); a language without a list has no common words."""
    freq = frequencies(language)
    floor = 10 ** (COMMON_ZIPF - 9)
    return bool(freq) and all(freq.get(w.lower(), 0.0) >= floor for w in words)


def cites(text: str) -> bool:
    """A citation, a DOI or a web address in `text` (each pattern runs only where its words
    are: most text has none)."""
    return ("www." in text or "http" in text and _WEB.search(text) is not None
            or "et al" in text and _ET_AL.search(text) is not None
            or "doi" in text and _DOI.search(text) is not None
            or _YEAR_CITE.search(text) is not None)


def read_language(text: str, language: str, unsure: bool = True) -> tuple[str, float] | None:
    """(the model's first language, how sure it is that `text` is not in `language`) when it
    is surely not: the article language's probability at most 1 - `MIN_PROB`, and the first
    language at least `MIN_PROB`, or, with `unsure` (the text says none of the article
    language's own function words), at least `MIN_TOP_PROB`: languages close to each other
    share the rest ("Si está embarazada, consulte antes a su matrona" is 0.81 Spanish, 0.19
    Portuguese, and no German; a sentence of an English article that opens on a long French
    name, "Institut national de la santé et de la recherche médicale is …", 0.94 French, says
    "the" and "for")."""
    ranked = _identifier().rank(text)
    code, prob = ranked[0]
    if code == language:
        return None
    if language not in LANGUAGES:
        return (code, float(prob)) if prob >= MIN_PROB else None
    sure = 1.0 - next(p for c, p in ranked if c == language)
    return (code, float(sure)) if sure >= MIN_PROB and prob >= (MIN_TOP_PROB if unsure else MIN_PROB) else None


def sentence_language(sentence: str, words: list[str], language: str) -> tuple[str, float] | None:
    """(language, probability) when the sentence is surely in another language than `language`."""
    own = _share(words, language)
    if own is not None and own > MAX_OWN_SHARE:
        return None  # the cheap test first: most sentences are plainly in the article's language
    ended = sentence.rstrip(_CLOSERS).endswith(_TERMINAL)
    lower = sum(w[0].islower() for w in words) / len(words)
    if not ended and (lower < UNENDED_LOWER or len(words) < UNENDED_WORDS):
        return None  # a title or a name in a list, not a sentence of running text
    if lower < MIN_LOWER_CAPITALISED or cites(sentence) or len(_CODE.findall(sentence)) >= 2:
        return None  # names, titles, references or code
    if _all_common(words, language):
        return None  # every word a common word of the article's language: written in it
    found = read_language(sentence, language, unsure=not own)
    if found is None:
        return None
    code, prob = found
    if lower < MIN_LOWER and code not in CAPITALISED_NOUNS:
        return None
    theirs = _share(words, code, _ALL)  # "de", "la", "para" are Spanish too, though not only Spanish
    if theirs is not None and theirs < (MIN_FOREIGN_SHARE if ended else UNENDED_FOREIGN_SHARE):
        return None
    return code, float(prob)


# a clause of another language inside a sentence of the article's (a sentence half translated:
# "Die Kapseln should be swallowed whole with a glass of water und nicht zerkaut werden.")
CLAUSE_MARGIN = 1.0  # Zipf: a word leans to a language whose word list has it this much more often than the others'
CLAUSE_OWN_WORDS = 2  # words leaning to the article's language the sentence has besides the clause
_QUOTED = re.compile(r"[\"“”„«»‹›()\[\]]|(?<!\w)['‘’]|['‘’](?!\w)")


def foreign_text(v: ArticleView) -> list[Flag]:
    language, text = v.language, v.text
    if not language:
        return []
    flags: list[Flag] = []
    own = _FUNCTION.get(language)
    clauses = _clause_reader(v, language)
    for k, (b, off) in enumerate(zip(v.blocks, v.offs, strict=True)):
        if b.type not in ("paragraph", "list_item", "quote") or cites(b.text):
            continue  # a reference entry is cited in its own language, and split into "sentences" at each stop
        run: list[tuple[int, int, str, float]] = []
        low = v.block_lower(k)
        plain = own is not None and len(low) == len(b.text)  # lower() kept every offset
        short: list[tuple[int, int]] = []  # a run of short sentences not in the article's language
        mixed: list[tuple[int, int, list[str] | None]] = []  # sentences of the article's language, maybe not all of them
        for s, e in v.spans(k):
            if plain:  # the cheap test on the lower-cased words, before any other work
                lowered = words_in(low, s, e)
                if not lowered or sum(map(own.__contains__, lowered)) / len(lowered) > MAX_OWN_SHARE:
                    if len(lowered) >= MIN_WORDS + CLAUSE_OWN_WORDS:
                        mixed.append((s, e, lowered))
                    short = []
                    if run:
                        flags.append(_flag(text, off, run, language))
                        run = []
                    continue
            words = sentences.words(b.text[s:e])
            if len(words) < MIN_WORDS and run and not short and _share(words, run[-1][2], _ALL) and not _share(words, language):
                run.append((s, e, *run[-1][2:]))  # a short sentence after a foreign one, in its language, goes with it
                continue
            if len(words) < MIN_WORDS:
                # short sentences are read together ("Cet article vous a plu ? Partagez-le avec
                # vos proches."): boilerplate in another language comes as a run of them
                short.append((s, e))
                if len(short) < 2 or len(words := sentences.words(b.text[short[0][0]:e])) < MIN_WORDS:
                    continue
                s, parts, short, joined = short[0][0], short, [], True
            else:
                parts, short, joined = [*short, (s, e)], [], False
            found = sentence_language(b.text[s:e], words, language)
            if not found and not joined and len(parts) > 1:
                # the short sentences before it, read with it ("This field is required. Please enter
                # a valid email address."): the model is surer of more words, if each says a word of it
                found = sentence_language(b.text[parts[0][0]:e], sentences.words(b.text[parts[0][0]:e]), language)
                if found and all(_share(sentences.words(b.text[x:y]), found[0], _ALL) for x, y in parts[:-1]):
                    s, parts = parts[0][0], parts[-1:]
                else:
                    found = None
            if found and len(parts) > 1:
                # a short sentence belongs to the run only if it says a word of the run's language
                # ("Maybe EMF next?" after a Dutch phrase does not)
                said = [bool(_share(sentences.words(b.text[x:y]), found[0], _ALL)) for x, y in parts]
                if joined and not all(said):
                    found = None
                elif not joined:  # the short sentences just before a long one that are in its language
                    first = len(parts) - 1
                    while first > 0 and said[first - 1]:
                        first -= 1
                    s = parts[first][0]
            if found:
                run.append((s, e, *found))
            elif not joined and len(words) >= MIN_WORDS + CLAUSE_OWN_WORDS:
                mixed.append((s, e, None))
            elif not joined and len(words) < UNENDED_WORDS and _share(words, language) == 0.0:
                short = [(s, e)]  # a sentence too short for the model to be sure of, with none of the article
                # language's function words, is read again with the short one after it ("¿Le ha resultado
                # útil este artículo? Compártalo en sus redes sociales.")
            if not found and run and (not words or _share(words, language) != 0.0):
                flags.append(_flag(text, off, run, language))  # a sentence with none of the article
                run = []  # language's function words (a list of names) does not end a run
        if run:
            flags.append(_flag(text, off, run, language))
        if clauses and mixed:
            flags += clauses(k, mixed, [f for f in flags if f.start >= off])
    return sorted(flags, key=lambda f: f.start)


def _clause_reader(v: ArticleView, language: str):
    """`clauses(k, sentences, flags)`: the clauses of another language inside sentences
    (start, end, lower-case words or None) of block k that no flag covers: a run of
    `MIN_WORDS` words or more none of which leans to the article's language (wordfreq: its
    Zipf `CLAUSE_MARGIN` above every other word list's), more than half of them leaning away
    from it (another list has them that much more often, or the article language's has them
    not at all), in a sentence with `CLAUSE_OWN_WORDS` words or more that lean to it, opening
    in lower case, not quoted nor in brackets (a title, a motto or a proverb cited: "the
    proverb „An apple a day keeps the doctor away“"), that the model reads as surely another
    language (`read_language`) with that language's function words. None for a language
    without a word list."""
    if language not in _FUNCTION or not frequencies(language):
        return None
    others = tuple(sorted(lexicon.languages(v.files) - {language}))
    strong = _leaning_words(language, others)

    def clauses(k: int, candidates: list[tuple[int, int, list[str] | None]], found: list[Flag]) -> list[Flag]:
        b, off = v.blocks[k], v.offs[k]
        flags = []
        for s, e, words in candidates:
            if words is None:
                words = sentences.words(b.text[s:e].lower())
            # the cheap test: a clause says none of the common words that lean to the article's language
            mine = list(map(strong.__contains__, words))
            n = sum(mine)
            if n < CLAUSE_OWN_WORDS or len(words) - n < MIN_WORDS or not _has_gap(mine):
                continue
            if any(f.start < off + e and off + s < f.end for f in found):
                continue
            lean = [1 if m else _lean(w, language, others) for w, m in zip(words, mine, strict=True)]
            for i, j in _lean_runs(lean):
                clause = _clause(b.text, s, e, i, j, language)
                if clause is not None:
                    cs, ce, code, prob = clause
                    flags.append(Flag("foreign_text", off + cs, off + ce, v.text[off + cs:off + ce], "warning",
                                      f"This part of the sentence is in another language ({code}) than the article "
                                      f"({language}).", rule="language.clause-language", suggestion=None,
                                      score=round(prob, 3)))
                    break
        return flags
    return clauses


def _has_gap(mine: list[bool]) -> bool:
    """Whether `MIN_WORDS` words in a row are not among the article language's leaning words."""
    gap = 0
    for m in mine:
        gap = 0 if m else gap + 1
        if gap >= MIN_WORDS:
            return True
    return False


def leaning_words(language: str, files: tuple[str, ...]) -> frozenset[str]:
    """`_leaning_words` of a language under a set of rule files (warmed in the forkserver)."""
    return _leaning_words(language, tuple(sorted(lexicon.languages(files) - {language})))


@lru_cache(maxsize=8)
def _leaning_words(language: str, others: tuple[str, ...]) -> frozenset[str]:
    """The article language's common words (Zipf 3 or more) that lean to it (`_lean`): most
    words of its sentences, looked up as a set."""
    floor = 10 ** (3.0 - 9)
    tables = [frequencies(o) for o in others]
    out = []
    for w, f in frequencies(language).items():
        if f < floor:
            break  # (the table gives its common words first)
        z = math.log10(f) + 9
        best = max((t.get(w, 0.0) for t in tables), default=0.0)
        if best <= 0.0 or z >= math.log10(best) + 9 + CLAUSE_MARGIN:
            out.append(w)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _lean(word: str, language: str, others: tuple[str, ...]) -> int:
    """1 when a (lower-case) word leans to the article's language, -1 when away from it, else 0."""
    z = zipf(word, language)
    best = max(zipf(word, o) for o in others)
    if z >= best + CLAUSE_MARGIN:
        return 1
    return -1 if z == 0.0 or best >= z + CLAUSE_MARGIN else 0


def _lean_runs(lean: list[int]) -> list[tuple[int, int]]:
    """(i, j) of each run of words lean[i:j] that may be a clause of another language."""
    out, n, i = [], len(lean), 0
    while i < n:
        if lean[i] == 1:
            i += 1
            continue
        j = i
        while j < n and lean[j] != 1:
            j += 1
        if j - i >= MIN_WORDS and 2 * lean[i:j].count(-1) > j - i and lean.count(1) >= CLAUSE_OWN_WORDS:
            out.append((i, j))
        i = j
    return out


def _clause(block: str, s: int, e: int, i: int, j: int, language: str) -> tuple[int, int, str, float] | None:
    """(start, end, language, probability) of words i to j of the sentence block[s:e] when
    they are a clause of another language."""
    toks = [(m.start(), m.end()) for m in sentences.WORD.finditer(block, s, e)]
    if j > len(toks):
        return None  # (lower-casing moved a word boundary)
    cs, ce = toks[i][0], toks[j - 1][1]
    before = toks[i - 1][1] if i else s
    after = toks[j][0] if j < len(toks) else e
    # (a clause inside a sentence opens in lower case: a capital there opens a name, "the
    # Institut national de la santé et de la recherche médicale"; and so does one that opens the
    # sentence: "Institut national de la santé et de la recherche médicale is …")
    if not block[cs].islower() or _QUOTED.search(block, before, after) is not None:
        return None
    found = read_language(block[cs:ce], language)
    if found and (_share(sentences.words(block[cs:ce]), found[0], _ALL) or 0.0) >= MIN_FOREIGN_SHARE:
        return cs, ce, *found
    return None


def _flag(text: str, off: int, run: list[tuple[int, int, str, float]], language: str) -> Flag:
    s, e = off + run[0][0], off + run[-1][1]
    codes = sorted({r[2] for r in run})
    return Flag("foreign_text", s, e, text[s:e], "warning",
                f"This passage is in another language ({', '.join(codes)}) than the article ({language}).",
                rule="language.sentence-language", suggestion=None, score=round(min(r[3] for r in run), 3))
