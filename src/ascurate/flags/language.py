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

import re
from functools import lru_cache

from ..model import Flag
from . import sentences
from .glued import frequencies
from .view import ArticleView

MIN_WORDS = 6
_TERMINAL = (".", "!", "?", "…", ":", ";")
words_in = sentences.WORD.findall  # (text, start, end): the words of text[start:end], no copy made
_CLOSERS = "”\"’»)] "
MIN_PROB = 0.95
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
          "come ma o se tuo suo sua tua ai",
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
    code, prob = _identifier().classify(sentence)
    if code == language or prob < MIN_PROB or lower < MIN_LOWER and code not in CAPITALISED_NOUNS:
        return None
    theirs = _share(words, code, _ALL)  # "de", "la", "para" are Spanish too, though not only Spanish
    if theirs is not None and theirs < (MIN_FOREIGN_SHARE if ended else UNENDED_FOREIGN_SHARE):
        return None
    return code, float(prob)


def foreign_text(v: ArticleView) -> list[Flag]:
    language, text = v.language, v.text
    if not language:
        return []
    flags: list[Flag] = []
    own = _FUNCTION.get(language)
    for k, (b, off) in enumerate(zip(v.blocks, v.offs, strict=True)):
        if b.type not in ("paragraph", "list_item", "quote") or cites(b.text):
            continue  # a reference entry is cited in its own language, and split into "sentences" at each stop
        run: list[tuple[int, int, str, float]] = []
        low = v.block_lower(k)
        plain = own is not None and len(low) == len(b.text)  # lower() kept every offset
        short: list[tuple[int, int]] = []  # a run of short sentences not in the article's language
        for s, e in v.spans(k):
            if plain:  # the cheap test on the lower-cased words, before any other work
                lowered = words_in(low, s, e)
                if not lowered or sum(map(own.__contains__, lowered)) / len(lowered) > MAX_OWN_SHARE:
                    short = []
                    if run:
                        flags.append(_flag(text, off, run, language))
                        run = []
                    continue
            words = sentences.words(b.text[s:e])
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
            elif not joined and len(words) < UNENDED_WORDS and _share(words, language) == 0.0:
                short = [(s, e)]  # a sentence too short for the model to be sure of, with none of the article
                # language's function words, is read again with the short one after it ("¿Le ha resultado
                # útil este artículo? Compártalo en sus redes sociales.")
            if not found and run and (not words or _share(words, language) != 0.0):
                flags.append(_flag(text, off, run, language))  # a sentence with none of the article
                run = []  # language's function words (a list of names) does not end a run
        if run:
            flags.append(_flag(text, off, run, language))
    return flags


def _flag(text: str, off: int, run: list[tuple[int, int, str, float]], language: str) -> Flag:
    s, e = off + run[0][0], off + run[-1][1]
    codes = sorted({r[2] for r in run})
    return Flag("foreign_text", s, e, text[s:e], "warning",
                f"This passage is in another language ({', '.join(codes)}) than the article ({language}).",
                rule="language.sentence-language", suggestion=None, score=round(min(r[3] for r in run), 3))
