"""`off_topic`: a paragraph about something else than the article around it.

Each prose paragraph is compared with the rest of the article by the cosine of their
word vectors, each word weighted by how rare it is in the language at large (wordfreq:
weight = `RARE_ZIPF` minus the word's Zipf frequency, so "the", "time" and "people" count
for almost nothing and "uric" or "spondylitis" for much). Words are cut to their first
`STEM` letters, so inflected forms meet in all four languages. A passage on pets or
travel that shares a few everyday words with a health page stays far from it; a
sub-topic (diet on a gout page) shares the article's rare words. The score needs two things
low: the share of the paragraph's weighted words found elsewhere in the article, and
its similarity against the article's typical paragraph similarity (in an article of
fewer than three prose paragraphs, the share alone, and strict, and only where the rest
of the article holds `FEW_REST` times the paragraph's words). Inside a paragraph of two sentences or more, a sentence of 15 words or more
is weighed too: almost none of its rare words elsewhere, and an affinity (how much it is
made of the article's over-used words) far below that of the article's own paragraphs
(`topic.outlier-sentence`; on a health article against a fixed limit,
`topic.care-free-sentence`, and there a sentence of 10 to 14 words too, or an item of a
list made of sentences, when it neither advises the reader nor leans towards health,
`topic.care-free-short-sentence`; a sentence enumerating the page's own examples, naming
a form of medicine or a recurring hour of the day, `[[routine]]`, is not weighed; nor is a
paragraph naming a form of medicine, `[[medicine_forms]]`: a carer's day). Words alone do not
tell a related health subject (blood pressure on a migraine page, a helpline run by
nurses) from another subject, so a paragraph that uses the care vocabulary of health
pages (`[[care_words]]` in `rules/shapes.toml`: doctor, symptom, treatment...; and words
built on a Greek or Latin root of medicine, `[[care_roots]]`: haemo-, neuro-, -itis) is never
off topic, nor is one whose words go with talk of health in the corpora though it names
none (sleep, weight, insurance cover: the `care-lift` lexicon learned from them in
English, carried over to German, French and Spanish through bilingual dictionaries). A paragraph whose cover is not far below the article's typical paragraph's is no
outlier either: in a round-up every paragraph brings its own words. Nor is a paragraph in
the author's own voice or one tied to the text before it: one that says "I" outside
quotation marks (an aside, `mixed_voice`'s to judge), quotes someone it names, or opens
with a word pointing back (`[[cohesion]]`: "But", "This", "It", "Cela"): a passage from
elsewhere has nothing before it to point at.

No one of these measurements tells a paragraph from elsewhere alone: one sharing a few
everyday words with its host ("weekend", "club", "fresh") passes each limit by a little.
Where the learned scorer is shipped (`topic-v<N>`, `models/train_topic.py`: a logistic
regression trained on the flagset's tune families against the published articles'
paragraphs) it decides on paragraphs instead of the limits, weighing the same
measurements together with the limits' score among them (`FEATURES`); the vetoes above
stay rules in front of it, and sentences inside a paragraph are left to the limits. A
second model (`topic-short-v<N>`) decides on paragraphs of `MODEL_MIN_WORDS` to
`MIN_WORDS` words, which the limits leave alone, on the same measurements and three more
(`SHORT_FEATURES`): whether the passage gives the reader advice (a health page's own
digressions in everyday words do: "drink water", "walk the dog"), and its care lift and
neighbours' share below the veto's limits.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter

from .. import models
from ..config import Config
from ..model import Block, Flag
from . import lexicon, logistic, sentences
from .alternation import grouped
from .glued import glue_settings, zipf
from .logistic import Model
from .voice import mask_quotes, person_patterns

MIN_PARAGRAPHS = 3  # fewer prose paragraphs leave too little "rest" to compare with (tune families and published pages: 5 -> 3 found 3 more tune plants for 1 more false flag)
MIN_WORDS = 20  # a shorter paragraph says too little to be about something else
# where the short-passage scorer is shipped (`topic-short-v<N>`), paragraphs of MODEL_MIN_WORDS
# to MIN_WORDS words are weighed by it (the paragraph scorer never saw them: trained on them,
# its threshold is held up by short health lines on other subjects' pages)
MODEL_MIN_WORDS = 10
MIN_CONTEXT_WORDS = 10  # paragraphs this long count towards the article's typical similarity
STEM = 6
RARE_ZIPF = 6.0  # a word this frequent or more carries no topic
# at a score of 0.5: at most this share of the paragraph's (rarity-weighted) words occur
# elsewhere in the article, and its similarity is at most this share of the typical one.
# At the threshold (0.6) a paragraph needs cover <= 0.08 and similarity <= 0.12 of the
# typical one: a grid over both, chosen on the tune families' recall against the false
# flags on 879 published articles (same tune recall as 0.104/0.08, 22 false flags
# instead of 30); the held-out families were not read for it
MAX_COVER = 0.10
MAX_RATIO = 0.15
# and its cover at most this share of the article's typical cover (the median over its other
# prose paragraphs): where every paragraph brings its own words (a round-up, a short page of
# asides) a low cover is the norm, not an outlier (tune plants at most 0.26 of it; 0.34 on a
# published donation appeal set among three unrelated paragraphs)
MAX_COVER_SHARE = 0.3
MAX_NAMES = 0.5  # above this share of its rarity weight in names, a paragraph names people or places, no subject
# with fewer than MIN_PARAGRAPHS prose paragraphs there is no typical similarity: a paragraph
# is weighed by its cover alone (at most FEW_COVER at a score of 0.5, 0.016 at the threshold)
# when the rest of the article's blocks (lists, headings, short lines) hold FEW_REST times
# the paragraph's words or more: the passage is the minority, so it is the one off the
# subject (against a floor of 250 words in all: 6 more tune plants, on pages of 85 to 190
# words, for no more false flags; 1 and 1.5 times find as many, 3 times 4 fewer)
FEW_COVER = 0.02
FEW_REST = 2
# on a health article (at least HEALTH_SHARE of its prose paragraphs use the care vocabulary)
# a paragraph of HEALTH_MIN_WORDS or more (ten: a one-line advert or aside; 15 missed them, and
# 10 flags no more published paragraphs) with no care word at all is weighed by its cover and
# its affinity (below), at most HEALTH_COVER and HEALTH_AFFINITY at a score of 0.5 (0.15 and
# 0.8 at the threshold); and a sentence of SENTENCE_MIN_WORDS or more inside a paragraph, with
# no care word, by the same two at most SENTENCE_COVER and SENTENCE_AFFINITY (0.01 and 0.3 at
# the threshold): a grid on the tune families (those planted inside paragraphs among them) against
# the false flags on the published articles; the held-out families were not read for it
HEALTH_SHARE = 0.3
HEALTH_MIN_WORDS = 10
HEALTH_COVER = 0.19
HEALTH_AFFINITY = 1.0
SENTENCE_MIN_WORDS = 15
SENTENCE_COVER = 0.0125
# on a health article a stem shared with the rest of the article counts towards a care-free
# sentence's cover only where it weighs SHARED_FLOOR or more in the sentence (Zipf 5 or
# rarer): a short line from elsewhere shares an everyday word with any long page ("week",
# "jours", "cada", "unser") and one of them, weighing little, held its cover above the limit
# (tune plants +5 on seed 20, +4 to +7 on seeds 21-23, 3 copies; no tune trap, host or
# published flag more; 0.5 and 1.5 find as many; on pages of other subjects it added 3
# published false flags, so it holds on health articles only)
SHARED_FLOOR = 1.0
SENTENCE_AFFINITY = 0.375
# on a health article a care-free sentence of SHORT_SENTENCE_MIN_WORDS to SENTENCE_MIN_WORDS
# words inside a paragraph (a one-line aside from elsewhere: a match result, a recipe's step,
# a shop's offer) is weighed by the same limits, and only where nothing in
# it leans towards health or the reader: no advice to the reader (`[[advice]]`: a health
# page's own asides in everyday words advise, "drink water", "walk the dog"), a care lift of
# at most SHORT_SENTENCE_LIFT (`care-lift-v2`, carried to de/fr/es), and none of its rare
# words of the same family as a rare word of the rest of the article (one holding the other:
# "surinfection" and "infection", "Pollenflugkalender" and "Pollen", which the six-letter
# stems of the cover do not meet). A grid on the tune families (seeds 20 and 22, 2 copies)
# against the tune traps and the host sentences; the held-out families were not read for it
SHORT_SENTENCE_MIN_WORDS = 10
# and so is an item of a list made of sentences (a run of ITEM_RUN items or more, each a sentence
# of SHORT_SENTENCE_MIN_WORDS or more): one line from elsewhere set among a list's items
ITEM_RUN = 3
_STOPS = (".", "!", "?", "…")
SHORT_SENTENCE_LIFT = 0.2
# these short lines are weighed on an article leaning to health too (LEAN_ONE of its prose
# paragraphs use a word of care and LEAN_TWO two or more: a health page just under
# HEALTH_SHARE, the French anaemia page at 2 of 7), its longer sentences as on any other
# article (with the health limits on long sentences too, 8 more false flags on the
# published articles: a history of tea, a food page); and so is a paragraph of
# SHORT_SENTENCE_MIN_WORDS to MIN_WORDS words standing alone (`topic.care-free-short-paragraph`:
# the limits and gates of a short line, beside the short-passage model). A grid on the tune
# families (seeds 20 and 22) against the tune traps, host sentences and the published
# articles; the held-out families were not read for it
LEAN_ONE = 0.3
LEAN_TWO = 0.2
# nor one that enumerates (`_enumerates`: ENUMERATION_ITEMS parts or more after a comma of
# ENUMERATION_WORDS words at most, not clauses: foods rich in a vitamin,
# trees whose pollen flies, the page's own examples; a longer care-free sentence too, unless
# it gives the reader advice: a shop's offer or a recipe from elsewhere lists and advises,
# "grab sofas, rugs and lamps", "marinate the lamb in yoghurt, garlic and cumin", while the
# page's own examples describe: "Hasel und Erle fliegen schon im Februar, Gräser im Mai, ..."),
# nor one with a word of care inside a
# longer word ("surinfection", "asymptomatic", "Hautkrebs": a stem of CARE_INSIDE letters or
# more of `[[care_words]]` after the word's start)
ENUMERATION_ITEMS = 2
ENUMERATION_WORDS = 7
CARE_INSIDE = 6
# on any other article of MIN_PARAGRAPHS prose paragraphs, a care-free sentence inside a
# paragraph is weighed by its cover (SENTENCE_COVER) and its affinity against the article's
# own: at most SENTENCE_RATIO times the median affinity of its prose paragraphs at a score
# of 0.5 (0.08 at the threshold). Calibrated on the article, the limit holds on pages of
# any subject, where an absolute one does not (a grid on the tune families against the
# false flags on the published articles: 0.1 found 2 more tune plants for 2 more false
# flags, 0.15 as many for 6, an absolute affinity of 0.2 as many for 7; the held-out
# families were not read for it)
SENTENCE_RATIO = 0.1
# a passage that talks of health is not off topic, though its words are not the article's
# (sleep on a diabetes page, insurance cover for existing conditions): its care lift (the
# rarity-weighted mean, over its stems, of how much more often the corpora's paragraphs
# holding the stem use a care word; 0 for a stem they do not know: `care-lift-v2`, learned
# in English) at least CARE_LIFT, or CARE_LIFT_ONE when it uses one care word (two make it about
# health outright). Each limit halfway between the tune traps above the tune plants and the
# highest tune plant (0.56 and 0.47 with no care word; 0.52 and 0.33 with one); the
# held-out families were not read for it
CARE_LIFT = 0.52
CARE_LIFT_ONE = 0.43
# where no lift table of the language's own is learned (German, French, Spanish), a passage with this share of its
# rarity weight in words of the neighbouring subjects of care (`[[care_neighbours]]`) or of
# care itself (`[[care_words]]`: the English table gives them its highest lifts, "symptom",
# "infection") talks of health: a sleep or lifestyle line on a health page (tune traps 1 -> 0;
# the plants on pets, travel or shopping that name sleep once hold well under a tenth)
NEIGHBOUR_SHARE = 0.25
# and with one word of care, this share (as the English lift's limit is lower with one care
# word): a line of complaints on a German, French or Spanish health page ("Les symptômes
# apparaissent progressivement : fatigue, pâleur, essoufflement") names one word of care and
# the body's complaints (tune plants 156/202 unchanged, tune traps flagged 2 -> 1 of 70, on the
# de/fr/es base health pages 7 -> 5 flags; 0.05 lost 2 tune plants, "au cœur du centre historique")
NEIGHBOUR_SHARE_ONE = 0.1
# and the English table carried over to the language through bilingual dictionaries
# (`care-lift-v2`, `carried`) reaching CARRIED_LIFT, with a word of care or without (the
# word's own lift, "cœur" 2.6, already lifts a figure of speech: "au cœur du village ... grand
# jardin pour les familles" 0.38). Carried, a lift is lower than one learned (a word the
# dictionaries lack reads as 0): on the tune texts of de/fr/es the plants' median is 0.17,
# the traps' 0.50. Alone in place of the word starts it lost tune plants and flagged more
# tune traps (290 and 15 of 220 against 294 and 12, seed 20: "Selbsthilfegruppe",
# "síntomas" are not in the dictionaries); beside them, 292 and 11 (seed 22, 3 copies: 424
# and 17 of 330 against 427 and 23), and on the tuned whole pages and host pages it drops
# Spanish and French clean-page flags ("El exceso de peso, la falta de actividad física ...",
# "La viande rouge, ... La vitamine C ..."). 0.45 and 0.5 found as many tune plants, 0.4
# three fewer; the held-out families were not read for it
CARRIED_LIFT = 0.45
# a care-free line (a sentence, an item or a short paragraph weighed by the care-free limits)
# holding one word that goes with talk of health on its own, a care lift of STRONG_LIFT or more
# ("diet", "brain", "sleep", "stress", "weight": 115 of the 6,835 English stems), is about
# health, however rare and far from the article its other words are ("Takeaways, crisps and
# processed meats are where most of the salt in our diet comes from"): the mean lift of the veto
# above is drowned by the rare words of a short line. Only where the table is learned from the
# language's own paragraphs (English): carried through dictionaries, single words carry other
# senses ("Senado", "institutos" lost plants at 1.3). Tuned, 2 copies, seeds 20-23: plants
# 2,105 -> 2,098 of 3,536, traps 133 -> 118 of 2,224; host flags and published alarms unchanged
# (1.3: 17 traps fewer for the same plants, but "insurance", 1.36, let the seed diabetes page's
# travel-insurance advert through). Only on the care-free limits of health pages and pages
# leaning to health (on other pages a line of health may well be the one off the subject); the
# held-out families were not read for it
STRONG_LIFT = 1.4
# where the language closes up its compounds (German: `compounds = "closed"` in its
# `[[care_neighbours]]`), a word of COMPOUND_MIN letters or more is read by its later parts
# too (`_tails`: ends of the word of COMPOUND_PART letters or more that are words at
# COMPOUND_ZIPF or more): its care lift is at least its head's ("Zusatzversicherung" as
# "Versicherung", "Reiserücktrittsversicherung") where the head has a stem's `STEM` letters
# (the lift of a shorter one is a short word's, of many senses: "Fassanstich" is no "Stich"),
# and a part opening with a neighbour's start is a neighbour's word ("eingeschlafen": "schlafen")
COMPOUND_MIN = 9
COMPOUND_PART = 4
COMPOUND_ZIPF = 3.0
# and where no lift table of the language's own is learned, a passage using a word of care that another block of
# the article uses too ("Beschwerden", "síntomas") is about the article's own
# condition (`_shares_care`): the lift would have known its other words (triggers, early signs),
# the share of a word list does not (of the tune plants only one family names a word of care,
# in a figure of speech: "im Herzen der Altstadt", "en el corazón del casco antiguo")
# where the learned scorer is shipped (`topic-v<N>`, models/train_topic.py) it decides on the
# paragraphs instead of the limits above, their score one of its measurements (`FEATURES`),
# once the vetoes editors can read (care words, care lift, a tie to the text before, names,
# quotation, too few words) have let them through and the shared-word bound of the
# paragraph's cover is at most MODEL_COVER; sentences inside a paragraph: the limits alone
NAME = "topic"
SHORT_NAME = "topic-short"
FEATURES = ("cover", "similarity", "cover_share", "affinity", "affinity_share", "care_word", "log_words",
            "few", "health", "rule_score", "nearest", "neighbours", "rarity", "minority", "bridge",
            "cohesion")
# the short-passage model weighs one measurement more: whether the passage gives the reader
# advice (`_advice`: the second person, a verb of advice or need, an imperative). A health
# page's digressions in everyday words ("drink water", "walk the dog") do, passages from
# elsewhere mostly do not; the model learns how much that is worth
SHORT_FEATURES = FEATURES + ("advice", "lift", "near")
MODEL_COVER = 0.15
BACKGROUND_FLOOR = 1.0  # the Zipf frequency a word wordfreq does not know is taken to have
MAX_WEIGHTS = 200_000  # words whose weight is kept, per language
_CITES = re.compile(r"\bet al\b|\bdoi\b|\d{4};\d")
_SPEECH = re.compile(r"^\s*(?:[\"“”‘'«„]|[QA]:|[QA]\.\s)")
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s")  # an item of the article's own numbered list (a listicle's "14. Crack open ...")


def off_topic(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config) -> list[Flag]:
    return _off_topic(text, blocks, offs, language, cfg, load(), load_short())


def readings(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config
             ) -> tuple[list[Flag], list[tuple[int, int, list[float]]]]:
    """The rule's flags and, for training the models, every passage a model would weigh
    (`_off_topic`'s rows: start, end and `SHORT_FEATURES`, of which the paragraph model
    reads `FEATURES`), the models left out."""
    rows: list[tuple[int, int, list[float]]] = []
    return _off_topic(text, blocks, offs, language, cfg, None, None, rows), rows


def _off_topic(text: str, blocks: list[Block], offs: list[int], language: str | None, cfg: Config,
               model: Model | None, short: Model | None = None,
               rows: list[tuple[int, int, list[float]]] | None = None) -> list[Flag]:
    learned = model is not None or rows is not None  # the model (or its training) weighs every candidate
    floor = MODEL_MIN_WORDS if short is not None and model is not None or rows is not None else MIN_WORDS
    idx = [i for i, b in enumerate(blocks) if b.type in ("paragraph", "list_item", "quote", "heading")]
    split = {i: blocks[i].text.split() for i in idx if blocks[i].type == "paragraph"}
    paras = [i for i in split if _prose(blocks[i].text, split[i], MIN_CONTEXT_WORDS)]
    few = len(paras) < MIN_PARAGRAPHS  # too few to know the typical similarity: the cover alone, and strict
    files = lexicon.files(cfg)  # (read once: each call looks at the rules folder)
    if not paras or language not in lexicon.languages(files):
        return []
    care = _care(files, language)
    sizes = {i: len(split[i]) for i in paras}
    if rows is None and sum(n >= MIN_WORDS for n in sizes.values()) < MIN_PARAGRAPHS:
        # a short paragraph is weighed against an article of full paragraphs only (the model
        # is trained on every short paragraph: this leaves it fewer to judge, never more)
        floor = MIN_WORDS
    both = {i: _care_counts(care, blocks[i].text) for i in paras}
    cares = {i: n for i, (n, _) in both.items()}
    # a health article: its care-free passages are weighed more leniently. Told by the care
    # words alone: the medical roots only keep a passage (a page of anaemia's haemoglobin
    # counted as a health article lets the short-passage model flag its editor's note)
    health = not few and care is not None and sum(n >= care[1] for _, n in both.values()) >= HEALTH_SHARE * len(paras)
    # an article leaning to health (LEAN_ONE of its prose paragraphs name a word of care and
    # LEAN_TWO two: a health page just under the bar) has its short lines weighed as a health
    # article's (below); its longer sentences, as any other article's
    lean = health or not few and care is not None and sum(n >= 1 for _, n in both.values()) >= LEAN_ONE * len(paras) \
        and sum(n >= care[1] for _, n in both.values()) >= LEAN_TWO * len(paras)
    article_words = sum(len(split[i]) if i in split else len(blocks[i].text.split()) for i in idx)
    # too short, someone's words (a quotation, an interview's answer), or about health (a
    # related condition or advice on care, not a passage from elsewhere): never off topic,
    # and on most health pages no paragraph is left to weigh. With few paragraphs the rest
    # of the article must be the larger part by far, or which part is off the subject?
    cands = [i for i in paras if (sizes[i] >= MIN_WORDS or health and sizes[i] >= HEALTH_MIN_WORDS and not cares[i]
                                  or learned and sizes[i] >= floor)
             and not _SPEECH.match(blocks[i].text) and not (care and cares[i] >= care[1])
             and not (few and not learned and article_words - sizes[i] < FEW_REST * sizes[i])]
    windows, said = _windows(blocks, paras, sizes, SHORT_SENTENCE_MIN_WORDS if lean else SENTENCE_MIN_WORDS) \
        if not few else ([], {})
    if lean:
        windows += _items(blocks, SHORT_SENTENCE_MIN_WORDS, care)
        alone = {i for i in paras if SHORT_SENTENCE_MIN_WORDS <= sizes[i] < MIN_WORDS
                 and not _SPEECH.match(blocks[i].text) and not _NUMBERED.match(blocks[i].text)}
        windows += [(i, 0, len(blocks[i].text), _lower_words(blocks[i].text)) for i in sorted(alone)]
    else:
        alone = set()
    if not cands and not windows:
        return []
    if len(_weights(language)) >= MAX_WEIGHTS:
        _weights(language).clear()
        _positive(language).clear()
    words = {i: ws if (ws := said.get(i)) is not None else _lower_words(blocks[i].text) for i in idx}
    limit = lexicon.threshold_in(files, "off_topic")
    # the words a passage shares, as words, with another block are a part of the stems it
    # shares (its cover's lower bound), counted before any vector: a passage whose bound
    # is already too high cannot be flagged, and most articles stop here
    df = _block_counts(words)
    shared = _shared_weights(df, language)
    cands = [i for i in cands if _may_be_outlier(words[i], shared, df, language, MODEL_COVER if learned else
                                                 2 * (HEALTH_COVER if health and not cares[i] else MAX_COVER) * (1 - limit))]
    tied = _tied(files, language)
    own_care: dict[int, set[str]] = {}  # each block's words of care, read when first asked
    # a short paragraph (one only the short-passage model weighs) the vetoes below would drop
    # is dropped before any vector: short ones are many, and rarely share a word
    cands = [i for i in cands if sizes[i] >= MIN_WORDS or health and not cares[i]
             or not (tied(blocks[i].text) or _names(blocks[i].text, language, files)
                     or _talks_of_care(words[i], cares[i], language, files))]
    lines = []
    bound = 2 * SENTENCE_COVER * (1 - limit)
    forms = lexicon.word_starts(files, "medicine_forms", language)
    routine = lexicon.word_starts(files, "routine", language)
    for i, a, b, ws in windows:
        # (on a health article the bound counts shared words of any weight: no bound of the floored cover)
        # (and so does a short line's on an article leaning to health)
        if (health or i in alone or len(blocks[i].text[a:b].split()) < SENTENCE_MIN_WORDS
                or _may_be_outlier(ws, shared, df, language, bound)) and not _cares(care, blocks[i].text[a:b]) \
                and not _names_any(blocks[i].text[a:b], forms, routine) \
                and (v := _vector(ws, language)):
            lines.append((i, a, b, ws, v))
    if not cands and not lines:
        return []
    vecs = {i: _vector(words[i], language) for i in idx}
    total: Counter[str] = Counter()
    for v in vecs.values():
        total.update(v)
    total_sq = sum(w * w for w in total.values())
    sims, covers = {}, {}
    for i in paras:
        v = vecs[i]
        sims[i] = _rest_similarity(v, total, total_sq)
        covers[i] = _cover(v, total)
    typical = statistics.median(sims.values())
    if typical <= 0 and not few:
        return []
    counts = _stem_counts(words, language) if health or lines or cands and learned else None
    article = _Article(few, health, typical, article_words, paras, covers, idx, vecs, counts, language, None, words)
    flags = []
    for i in cands:
        # how far below the article's typical similarity, and how little of its rare
        # vocabulary the rest of the article uses: both must be low
        minority = article_words - sizes[i] >= FEW_REST * sizes[i]  # with few paragraphs, the rule's condition
        score = (1.0 - max(covers[i] / (2 * MAX_COVER), sims[i] / typical / (2 * MAX_RATIO)) if not few
                 else 1.0 - covers[i] / (2 * FEW_COVER) if minority else 0.0) if sizes[i] >= MIN_WORDS else 0.0
        if score >= limit and not few \
                and covers[i] > MAX_COVER_SHARE * statistics.median(covers[j] for j in paras if j != i):
            score = 0.0  # no outlier in an article of outliers (the care-free limits below may still hold)
        rule, aff = "topic.rare-word-outlier", None
        if health and counts is not None and not cares[i] and score < limit:
            aff = _affinity(words[i], counts, language)
            care_free = 1.0 - max(covers[i] / (2 * HEALTH_COVER), aff / (2 * HEALTH_AFFINITY))
            if care_free > score:
                score, rule = care_free, "topic.care-free-outlier"
        s, e = offs[i], offs[i] + len(blocks[i].text)
        if model is not None:  # the model decides, the limits' score one of its measurements
            m = short if sizes[i] < MIN_WORDS and short is not None else model
            x = _cheap_features(article, i, words[i], covers[i], sims[i], cares[i], score)
            if m is short:
                x += _short_features(files, language, blocks[i].text, words[i])
            score, rule, limit_i = _decide(m, article, i, words[i], vecs[i], x), f"topic.model:{m.version}", m.threshold
        else:
            limit_i = limit
        if score < limit_i and rows is None or tied(blocks[i].text) or _names(blocks[i].text, language, files) \
                or _talks_of_care(words[i], cares[i], language, files) \
                or cares[i] and not _learned(language) and _shares_care(care, blocks, idx, i, own_care) \
                or _names_any(blocks[i].text, forms):
            continue
        if rows is not None:
            rows.append((s, e, _features(article, i, words[i], vecs[i],
                                         _cheap_features(article, i, words[i], covers[i], sims[i], cares[i], score))
                         + _short_features(files, language, blocks[i].text, words[i])))
        if score >= limit_i:
            flags.append(Flag("off_topic", s, e, text[s:e], "warning",
                              f"This paragraph shares little of the article's distinctive vocabulary ({covers[i]:.0%} "
                              f"of its rare words occur elsewhere): a teaser or a passage from another page?",
                              rule=rule, suggestion="", score=round(min(score, 1.0), 2)))
    flagged = {f.start for f in flags}
    most = None  # the affinity a sentence may have at a score of 0.5
    page: Counter[str] | None = None  # the article's rare words, for the families of a short sentence's words
    for i, a, b, ws, v in lines:
        if offs[i] in flagged or counts is None:
            continue
        sentence = blocks[i].text[a:b]
        short = len(sentence.split()) < SENTENCE_MIN_WORDS or i in alone
        sick = health or short  # (short lines are weighed on articles leaning to health only)
        cover = _cover(v, total, SHARED_FLOOR if sick else 0.0)
        if cover / (2 * SENTENCE_COVER) > 1.0 - limit:
            continue  # the affinity cannot save it: no need to count
        if most is None and not sick:
            most = SENTENCE_RATIO * statistics.median(_affinity(words[j], counts, language) for j in paras)
        score = 1.0 - max(cover / (2 * SENTENCE_COVER),
                          _affinity(ws, counts, language) / (2 * (SENTENCE_AFFINITY if sick else most) + 1e-12))
        if health and not short and score >= limit and _enumerates(sentence) and not _advice(files, language, sentence):
            continue  # the page's own examples, enumerated
        if short and score >= limit:
            if page is None:
                page = _rare_words(words, language)
            if _advice(files, language, sentence) or _enumerates(sentence) \
                    or _family_shared(ws, page, language) or _care_inside(files, language, sentence) \
                    or (_care_measures(ws, language, files) or (1.0, 1.0))[0] > SHORT_SENTENCE_LIFT:
                continue
        if score >= limit and not tied(sentence) and not _names(sentence, language, files) \
                and not _talks_of_care(ws, _cares(care, sentence), language, files) \
                and not (sick and _strong_care_word(ws, language)):
            s, e = offs[i] + a, offs[i] + b
            flags.append(Flag("off_topic", s, e, text[s:e], "warning",
                              "This sentence uses none of the article's distinctive vocabulary (and no word of care): "
                              "a line from another page?",
                              rule=("topic.care-free-short-paragraph" if i in alone else "topic.care-free-short-sentence"
                                    if short else "topic.care-free-sentence") if sick else "topic.outlier-sentence",
                              suggestion="",
                              score=round(min(score, 1.0), 2)))
    return flags


@cache
def load_short() -> Model | None:
    """The shipped short-passage model (`topic-short`, for paragraphs of `MODEL_MIN_WORDS` to
    `MIN_WORDS` words; None when not shipped: they are then left to the limits)."""
    return logistic.load(SHORT_NAME, SHORT_FEATURES)


@cache
def load() -> Model | None:
    """The shipped topic model (None when no card is shipped, or it was trained on other
    features: the rule then works alone)."""
    return logistic.load(NAME, FEATURES)


@dataclass(slots=True)
class _Article:
    """What the model's features compare a passage with: the article's regime (few
    paragraphs, health), its typical similarity and cover, its blocks' vectors and stem
    counts (for the affinity)."""

    few: bool
    health: bool
    typical: float
    words: int
    paras: list[int]
    covers: dict[int, float]
    idx: list[int]
    vecs: dict[int, dict[str, float]]
    counts: tuple[Counter[str], int] | None
    language: str
    affinity: float | None = None  # the median affinity of its prose paragraphs, counted when first needed
    words_of: dict[int, list[str]] | None = None


_DEAR = ("affinity", "affinity_share", "nearest", "neighbours", "rarity", "bridge", "cohesion")
# counted in this order, the model's bound read again before each stage: the article's median
# paragraph affinity and the similarity with every other block cost the most
_STAGES = (("affinity", "neighbours", "rarity", "bridge", "cohesion"), ("affinity_share", "nearest"))
# the range each of them can take (`_features` clamps the affinities)
_RANGES = {"affinity": (0.0, 3.0), "affinity_share": (0.0, 3.0), "nearest": (0.0, 1.0), "neighbours": (0.0, 1.0),
           "rarity": (0.0, 1.0), "bridge": (0.0, 1.0), "cohesion": (0.0, 1.0)}


def _cheap_features(art: _Article, i: int, ws: list[str], cover: float, sim: float, cares: int,
                    score: float) -> list[float]:
    """A paragraph's measurements in `FEATURES` order, those the article's vectors already
    give: its cover and similarity, each also against the article's typical paragraph,
    whether it uses a care word, its length, the article's regime (few paragraphs, health),
    the limits' own score, whether the rest of the article outweighs it; the others
    (`_DEAR`) are NaN until `_features` counts them."""
    others = [art.covers[j] for j in art.paras if j != i]
    med = statistics.median(others) if others else 0.0
    n = max(len(ws), 1)
    x = dict.fromkeys(FEATURES, math.nan)
    x.update(cover=cover, similarity=_clamp(sim / art.typical if art.typical > 0 else sim, -0.5, 2.0),
             cover_share=_clamp(cover / med if med > 0 else 1.0, 0.0, 3.0), care_word=float(cares > 0),
             log_words=math.log(n), few=float(art.few), health=float(art.health),
             rule_score=_clamp(score, -1.0, 1.0), minority=float(art.words - n >= FEW_REST * n))
    return list(x.values())


def _features(art: _Article, i: int, ws: list[str], v: dict[str, float], x: list[float],
              names: tuple[str, ...] = _DEAR) -> list[float]:
    """`x` (`_cheap_features`) with the measurements `names` counted: its affinity (absolute
    and against the median paragraph's), its highest similarity with any other block and
    with the blocks beside it, the mean rarity of its words, how alike the blocks before
    and after it are, and how much it repeats its own rare words."""
    x = list(x)
    for name in names:
        x[FEATURES.index(name)] = _dear(art, i, ws, v, name)
    return x


def _dear(art: _Article, i: int, ws: list[str], v: dict[str, float], name: str) -> float:
    """One of the `_DEAR` measurements of paragraph `i`."""
    if name in ("affinity", "affinity_share"):
        counts = art.counts
        aff = _affinity(ws, counts, art.language) if counts is not None else 0.0
        if name == "affinity":
            return _clamp(aff, 0.0, 3.0)
        if art.affinity is None and counts is not None and art.words_of is not None:
            art.affinity = statistics.median(_affinity(art.words_of[j], counts, art.language) for j in art.paras)
        return _clamp(aff / art.affinity if art.affinity else 1.0, 0.0, 3.0)
    if name == "nearest":
        return max((_cosine(v, art.vecs[j]) for j in art.idx if j != i), default=0.0)
    if name == "rarity":
        weights = _weights(art.language)
        return sum(max((weights.get(w) or stem_weight(w, art.language))[1], 0.0) for w in ws) / (RARE_ZIPF * len(ws)) \
            if ws else 0.0
    if name == "cohesion":
        return _cohesion(ws, art.language)
    pos = art.idx.index(i)
    before = art.vecs[art.idx[pos - 1]] if pos > 0 else {}
    after = art.vecs[art.idx[pos + 1]] if pos + 1 < len(art.idx) else {}
    if name == "bridge":
        return _cosine(before, after)  # the text around it goes on without it
    near: Counter[str] = Counter(before)
    near.update(after)
    return _cosine(v, near)  # "neighbours"


def _decide(model: Model, art: _Article, i: int, ws: list[str], v: dict[str, float], x: list[float]) -> float:
    """The model's probability that paragraph `i` is off topic, or 0 as soon as its bound
    (`_most`) shows that the measurements not counted yet cannot lift it to the threshold."""
    for stage in _STAGES:
        if _most(model, x) < model.threshold:
            return 0.0
        x = _features(art, i, ws, v, x, stage)
    return model.probability(x)


def _most(model: Model, x: list[float]) -> float:
    """The highest probability the model can give a paragraph whose `_DEAR` measurements
    are not counted yet (NaN in `x`): each at the end of its range that adds the most."""
    z = model.bias
    for f, v, w, m, sc in zip(SHORT_FEATURES[:len(x)], x, model.weights, model.mean, model.scale, strict=True):
        if v != v:  # NaN: a measurement not counted yet
            lo, hi = _RANGES[f]
            z += max(w * (lo - m) / sc, w * (hi - m) / sc)
        else:
            z += w * (v - m) / sc
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def _short_features(files: tuple[str, ...], language: str, s: str, ws: list[str]) -> list[float]:
    """The short-passage model's measurements beyond `FEATURES`: advice to the reader
    (`_advice`), and the care lift and neighbours' share the veto `_talks_of_care` holds
    to a limit (below it, how near to health the passage still is)."""
    lift, near = _care_measures(ws, language, files) or (0.0, 0.0)
    return [_advice(files, language, s), lift, near]


def _advice(files: tuple[str, ...], language: str, s: str) -> float:
    """1.0 when a passage gives the reader advice (`[[advice]]`): it addresses the reader in
    the second person, uses a verb of advice or need, or a sentence opens with an
    imperative; else 0.0."""
    test = _advice_test(files, language)
    return 1.0 if test is not None and test(s) else 0.0


@cache
def _advice_test(files: tuple[str, ...], language: str):
    """The test `_advice` applies for a language (None when `[[advice]]` has no table for it)."""
    t = lexicon.for_language(files, "advice", language)
    if not t:
        return None

    def words(key: str) -> str:
        return "|".join(sorted(map(re.escape, t.get(key, [])), key=len, reverse=True))

    said = re.compile(r"(?<![\w'’-])(?:" + words("address") + "|" + words("modals") + r")(?![\w'’-])", re.I) \
        if t.get("address") or t.get("modals") else None
    cased = re.compile(r"(?<=[^\W\d_,;:] )(?:" + words("address_cased") + r")(?![\w'’-])") \
        if t.get("address_cased") else None
    openers = set(t.get("openers", []))
    determiners = set(t.get("determiners", []))
    ends = tuple(t.get("verb_ends", []))
    seconds = tuple(t.get("second_ends", []))

    def opens_imperative(sentence: str) -> bool:
        clauses = [_ADVICE_WORD.findall(c) for c in _CLAUSE.split(sentence.lower())]
        if any(ws and len(ws[0]) > 4 and ws[0].endswith(ends) and ws[0] not in openers for ws in clauses if ends):
            return True
        ws = clauses[0]
        return len(ws) > 1 and ws[0] not in openers and (
            bool(determiners) and ws[1] in determiners
            or bool(seconds) and len(ws[1]) > 4 and ws[1].endswith(seconds) and not ws[0].endswith(seconds))

    def test(s: str) -> bool:
        if said is not None and said.search(s) or cased is not None and cased.search(s):
            return True
        return any(opens_imperative(s[a:b]) for a, b in sentences.spans(s))
    return test


_ADVICE_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_CLAUSE = re.compile(r"[,;:]")


def _cohesion(ws: list[str], language: str) -> float:
    """The share of a passage's rarity weight in stems it uses twice or more (a paragraph
    that develops its subject repeats its words; the model weighs how much)."""
    weights = _weights(language)
    stems = Counter()
    for w in ws:
        stem, weight = weights.get(w) or stem_weight(w, language)
        if weight > 0:
            stems[stem] += weight
    seen = Counter((weights.get(w) or stem_weight(w, language))[0] for w in ws)
    mass = sum(stems.values())
    return sum(x for k, x in stems.items() if seen[k] > 1) / mass if mass else 0.0


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two sparse vectors (0 when either is empty)."""
    if len(b) < len(a):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    na, nb = sum(w * w for w in a.values()), sum(w * w for w in b.values())
    return dot / math.sqrt(na * nb) if na > 0 and nb > 0 else 0.0


def _rest_similarity(v: dict[str, float], total: Counter[str], total_sq: float) -> float:
    """The cosine of a passage's vector with the rest of the article's (`total`: every
    block's, the passage's among them)."""
    own_sq = sum(w * w for w in v.values())
    dot = sum(w * total[k] for k, w in v.items())
    rest_norm = math.sqrt(max(total_sq - 2 * dot + own_sq, 1e-12))
    return (dot - own_sq) / (math.sqrt(own_sq) * rest_norm) if own_sq else 1.0


def _cares(care: tuple[re.Pattern[str], int] | None, s: str) -> int:
    """How many distinct words of the care vocabulary a text uses."""
    return len({m.group() for m in _care_matches(care, s)}) if care else 0


def _care_counts(care: tuple[re.Pattern[str], int] | None, s: str) -> tuple[int, int]:
    """How many distinct words of care a text uses (`_care`: medical roots among them), and
    how many of the care vocabulary alone (`[[care_words]]`, the pattern's first group)."""
    if care is None:
        return 0, 0
    found = {m.group(): m.group(1) is not None for m in _care_matches(care, s)}
    return len(found), sum(found.values())


@cache
def _care(files: tuple[str, ...], language: str) -> tuple[re.Pattern[str], int] | None:
    """The care vocabulary (`lexicon.care_words`) with the language's medical roots
    (`[[care_roots]]`: a word starting or ending in one, "Hämoglobin", "Neurodermitis",
    matched as its root): no list of care words holds every body part, condition and
    specialty, and the roots name them in the four languages alike. A match is the word
    start, the root or the word ending in it, lower case."""
    care = lexicon.care_words(files, language)
    roots = lexicon.for_language(files, "care_roots", language) if care is not None else None
    if care is None or not roots:
        return care

    # one alternation behind one test of the word's start (the care words' group first, so
    # that group 1 still tells a listed word), the roots' starts factored as the care words are
    parts = [care[0].pattern.removeprefix(r"(?<![\w-])")]
    if roots.get("starts"):
        parts.append(grouped(sorted(map(re.escape, roots["starts"]), key=len, reverse=True)))
    if roots.get("ends"):
        parts.append(r"[^\W\d_]+(?:" + "|".join(map(re.escape, roots["ends"])) + r")(?!\w)")
    whole = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")
    if roots.get("ends"):  # the same pattern without the endings' branch, for a text where no word can take it
        _LEAN[whole] = (tuple(roots["ends"]), re.compile(r"(?<![\w-])(?:" + "|".join(parts[:-1]) + ")"))
    return whole, care[1]


_LEAN: dict[re.Pattern[str], tuple[tuple[str, ...], re.Pattern[str]]] = {}


def _care_matches(care: tuple[re.Pattern[str], int], s: str) -> Iterator[re.Match[str]]:
    """The care pattern's matches in `s`, lower-cased. A word ending in a root ("…itis") is
    found by reading every word to its end; where the text holds none of the endings, the
    pattern without that branch gives the same matches, at a fraction of the cost."""
    low = s.lower()
    lean = _LEAN.get(care[0])
    if lean is not None and not any(e in low for e in lean[0]):
        return lean[1].finditer(low)
    return care[0].finditer(low)


@cache
def _care_lifts(language: str) -> dict[str, float]:
    """The care lift of each stem (`care-lift` model; empty for a language it has no table for)."""
    try:
        return models.card("care-lift")["lifts"].get(language, {})
    except KeyError:
        return {}


def _shares_care(care: tuple[re.Pattern[str], int] | None, blocks: list[Block], idx: list[int], i: int,
                 seen: dict[int, set[str]]) -> bool:
    """Whether a passage uses a word of care that another block of the article uses too
    ("Beschwerden", "síntomas", "infection" in a paragraph of triggers or early signs): it
    speaks of the article's own condition in the article's words of health, whatever its
    other words. Counted as words of care, not by rarity: the words of health are common
    words of the language and weigh little in the cover (`seen`: each block's words of care,
    filled as asked)."""
    if care is None:
        return False

    def of(j: int) -> set[str]:
        if j not in seen:
            seen[j] = {m.group() for m in _care_matches(care, blocks[j].text)}
        return seen[j]

    mine = of(i)
    return bool(mine) and any(mine & of(j) for j in idx if j != i)


def _talks_of_care(ws: list[str], cares: int, language: str, files: tuple[str, ...] = ()) -> bool:
    """Whether a passage talks of health (a neighbouring subject, not another one): the
    rarity-weighted mean care lift of its distinct stems reaches `CARE_LIFT`, or
    `CARE_LIFT_ONE` with one word of the care vocabulary. Where the corpora are too small
    for a lift table of the language's own (German, French, Spanish), either of two: the
    English table carried over through dictionaries reaches `CARRIED_LIFT`, or the share of the passage's rarity weight in words of the
    neighbouring subjects of care (`[[care_neighbours]]`: sleep, diet, exercise, insurance
    cover) or of care itself (`[[care_words]]`, as the English lift ranks them highest)
    reaches `NEIGHBOUR_SHARE` (`NEIGHBOUR_SHARE_ONE` with one word of care): the
    dictionaries miss words ("síntomas", "Selbsthilfegruppe") and carry a sense of another
    subject ("presión" as tyre pressure), so neither holds alone."""
    measures = _care_measures(ws, language, files)
    if measures is None:
        return False
    lift, near = measures
    starts = _neighbours(files, language) if language in _carried() or not _care_lifts(language) else None
    if starts is not None and near >= (NEIGHBOUR_SHARE_ONE if cares else NEIGHBOUR_SHARE):
        return True
    if language in _carried():
        return lift >= CARRIED_LIFT
    return bool(_care_lifts(language)) and lift >= (CARE_LIFT_ONE if cares else CARE_LIFT)


def _strong_care_word(ws: list[str], language: str) -> bool:
    """Whether a line holds a word that goes with talk of health on its own (`care-lift` of
    `STRONG_LIFT` or more, in a language whose table is learned from its own paragraphs:
    "diet", "brain", "sleep"), however rare and far from health its other words are."""
    if not _learned(language):
        return False
    lifts = _care_lifts(language)
    weights = _weights(language)
    for w in ws:
        sw = weights.get(w)
        if sw is None:
            sw = weights[w] = stem_weight(w, language)
        if sw[1] > 0 and lifts.get(sw[0], 0.0) >= STRONG_LIFT:
            return True
    return False


def _care_measures(ws: list[str], language: str, files: tuple[str, ...] = ()) -> tuple[float, float] | None:
    """A passage's rarity-weighted mean care lift (`care-lift`) and the share of its rarity
    weight in the word starts of `[[care_neighbours]]` or of care (0 where the language has
    no neighbours' table); None when the language has neither, or no word of weight."""
    lifts = _care_lifts(language)
    carried = language in _carried()
    starts = _neighbours(files, language) if carried or not lifts else None
    if not lifts and starts is None:
        return None
    care = _care(files, language) if starts is not None else None
    closed = _closed_compounds(files, language)
    weights = _weights(language)
    mass = lift = near = 0.0
    for w in set(ws):
        sw = weights.get(w)
        if sw is None:
            sw = weights[w] = stem_weight(w, language)
        if sw[1] > 0:
            mass += sw[1]
            x = lifts.get(sw[0], 0.0)
            tails = _tails(w, language, closed) if closed and len(w) >= COMPOUND_MIN else ()
            if tails:  # a compound is a kind of its head: "Zusatzversicherung" an insurance
                x = max(x, lifts.get(tails[0][:STEM], 0.0) if len(tails[0]) >= STEM else 0.0)
            lift += sw[1] * x
            if starts is not None and (w.startswith(starts) or care is not None and care[0].match(w) is not None
                                       or any(t.startswith(starts) for t in tails)):
                near += sw[1]
    return (lift / mass, near / mass) if mass > 0 else None


@cache
def _closed_compounds(files: tuple[str, ...], language: str) -> frozenset[str] | None:
    """Where the language closes up its compounds (`compounds = "closed"` in its
    `[[care_neighbours]]`: German), so that a compound is read by its parts: the verb
    particles that open a particle verb, no compound ("überschritten": `verb_particles` in
    its `[[glue]]`); None where it does not."""
    t = lexicon.for_language(files, "care_neighbours", language) if files else None
    if not t or t.get("compounds") != "closed":
        return None
    settings = glue_settings(files, language)
    return settings["particles"] if settings else frozenset()


_TAILS: dict[tuple[str, str], tuple[str, ...]] = {}


def _tails(w: str, language: str, particles: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The later parts of a closed compound, longest first: each end of the word after its
    first `COMPOUND_PART` letters that is itself a word of `COMPOUND_PART` letters or more at
    Zipf `COMPOUND_ZIPF` or more ("zusatzversicherung": "versicherung"; "eingeschlafen":
    "schlafen"), where the part before it is none of `particles` (a particle verb,
    "überschritten"). The first is the compound's head, which says what the whole is."""
    key = (w, language)
    out = _TAILS.get(key)
    if out is None:
        if len(_TAILS) >= MAX_WEIGHTS:
            _TAILS.clear()
        out = _TAILS[key] = tuple(w[k:].lstrip("-") for k in range(COMPOUND_PART, len(w) - COMPOUND_PART + 1)
                                  if w[k] != "-" and w[:k].rstrip("-") not in particles
                                  and zipf(w[k:].lstrip("-"), language) >= COMPOUND_ZIPF)
    return out


@cache
def _carried() -> frozenset[str]:
    """The languages whose care-lift table was carried over from English through
    dictionaries (`carried` on the card), not learned from their own paragraphs."""
    try:
        return frozenset(models.card("care-lift").get("carried", ()))
    except KeyError:
        return frozenset()


def _learned(language: str) -> bool:
    """Whether a language's care lift was learned from its own paragraphs (English)."""
    return bool(_care_lifts(language)) and language not in _carried()


@cache
def _neighbours(files: tuple[str, ...], language: str) -> tuple[str, ...] | None:
    """The word starts of the neighbouring subjects of care for a language (`[[care_neighbours]]`)."""
    t = lexicon.for_language(files, "care_neighbours", language) if files else None
    return tuple(t["starts"]) if t and t.get("starts") else None


def _cover(v: dict[str, float], total: Counter[str], floor: float = 0.0) -> float:
    """The share of a passage's rarity weight in stems the rest of the article also uses
    (`total` holds every block's vector, the passage's among them), counting only stems
    that weigh `floor` or more in the passage."""
    mass = sum(v.values())
    return sum(w for k, w in v.items() if total[k] - w > 1e-9 and w >= floor) / mass if mass else 1.0


def _windows(blocks: list[Block], paras: list[int], sizes: dict[int, int], min_words: int = SENTENCE_MIN_WORDS
             ) -> tuple[list[tuple[int, int, int, list[str]]], dict[int, list[str]]]:
    """Sentences inside paragraphs of two sentences or more that may be a line from
    elsewhere: `min_words` long or more and nobody's words (the caller asks for no care word), with
    their words (`sizes`: each paragraph's words split at spaces); and the words of each
    paragraph split into sentences, as the sentences' words joined: a word (a run of
    letters) never crosses a sentence's edge (space before it, space or the end after it),
    so each letter is read once."""
    out = []
    words: dict[int, list[str]] = {}
    for i in paras:
        t = blocks[i].text
        if sizes[i] <= min_words or _NUMBERED.match(t):
            continue  # no room for a long sentence and another, or one of the article's numbered items
        quoted = _quoted_until(t)  # a sentence inside the quotation the paragraph opens with is the speaker's
        spans = sentences.spans(t)
        if len(spans) < 2:
            continue  # one sentence: the paragraph's to judge
        low = t.lower()
        same = len(low) == len(t)  # one letter for one: offsets in `low` are offsets in `t`
        joined: list[str] = []
        for a, b in spans:
            ws = _TOKEN.findall(low, a, b) if same else _lower_words(t[a:b])
            joined += ws
            # (n words take 2n - 1 characters at least: a shorter sentence is not split)
            if b - a >= 2 * min_words - 1 and len((sentence := t[a:b]).split()) >= min_words \
                    and not _SPEECH.match(sentence) and b > quoted:
                out.append((i, a, b, ws))
        if same:
            words[i] = joined
    return out, words


@cache
def _inside_pattern(files: tuple[str, ...], language: str) -> re.Pattern[str] | None:
    """`[[care_words]]` matched anywhere in a word, not at its start only."""
    care = lexicon.care_words(files, language)
    return re.compile(care[0].pattern.replace(r"(?<![\w-])", "", 1)) if care is not None else None


def _care_inside(files: tuple[str, ...], language: str, s: str) -> bool:
    """Whether a word of care of `CARE_INSIDE` letters or more stands inside a longer word
    of the text, after its start ("surinfection", "asymptomatic", "Hautkrebs")."""
    pattern = _inside_pattern(files, language)
    if pattern is None:
        return False
    low = s.lower()
    return any(len(m.group()) >= CARE_INSIDE and m.start() > 0 and low[m.start() - 1].isalpha()
               for m in pattern.finditer(low))


def _enumerates(s: str) -> bool:
    """Whether a sentence enumerates: `ENUMERATION_ITEMS` or more of its parts after a comma
    are short (`ENUMERATION_WORDS` words at most: items, "Gräser im Mai, Kräuter im
    Spätsommer", "la sed intensa, el cansancio y la visión borrosa"), not clauses ("…
    statt, Standplätze kosten fünf Euro und werden vorher vergeben, …")."""
    return sum(len(part.split()) <= ENUMERATION_WORDS for part in s.split(",")[1:]) >= ENUMERATION_ITEMS


def _rare_words(words: dict[int, list[str]], language: str) -> Counter[str]:
    """The article's words of `STEM` letters or more weighing `SHARED_FLOOR` or more (Zipf 5
    or rarer), with how often it uses each."""
    weights = _weights(language)
    out: Counter[str] = Counter()
    for ws in words.values():
        for w in ws:
            if len(w) >= STEM:
                sw = weights.get(w)
                if sw is None:
                    sw = weights[w] = stem_weight(w, language)
                if sw[1] >= SHARED_FLOOR:
                    out[w] += 1
    return out


def _names_any(line: str, *starts: re.Pattern[str] | None) -> bool:
    """Whether a line holds a word of any of these word-start patterns (None: the language
    has no such table), read in lower case once."""
    low = None
    for p in starts:
        if p is not None:
            low = line.lower() if low is None else low
            if p.search(low):
                return True
    return False


def _family_shared(ws: list[str], page: Counter[str], language: str) -> bool:
    """Whether a rare word of a passage and another rare word the rest of the article uses
    are of one family, one holding the other ("surinfection" and "infection",
    "Pollenflugkalender" and "Pollen"): a compound or a prefixed word the cover's
    six-letter stems do not meet (`page`: `_rare_words` of the article, the passage's own
    words among them)."""
    own = Counter(ws)
    mine = [w for w in own if w in page]
    rest = [p for p, n in page.items() if n > own[p]]
    return any(p != w and (p in w or w in p) for w in mine for p in rest)


def _items(blocks: list[Block], min_words: int, care: tuple[re.Pattern[str], int] | None = None
           ) -> list[tuple[int, int, int, list[str]]]:
    """The items of a list made of sentences (a run of `ITEM_RUN` list items or more) that
    read as a sentence of `min_words` or more (a stop at its end, mostly words in lower case,
    no number of its own, nobody's words), as `_windows` gives its sentences: one item may be
    a line from elsewhere among the others."""
    out: list[tuple[int, int, int, list[str]]] = []
    run: list[int] = []
    for i in range(len(blocks) + 1):
        if i < len(blocks) and blocks[i].type == "list_item":
            run.append(i)
            continue
        for j in run if len(run) >= ITEM_RUN else ():
            t = blocks[j].text.rstrip()
            if t.endswith(_STOPS) and _prose(t, t.split(), min_words) and not _NUMBERED.match(t) \
                    and not _SPEECH.match(t):
                # an item of two sentences or more that uses a word of care: each sentence of
                # `min_words` or more (a line from elsewhere closing an item), as `_windows` reads
                # a paragraph's
                spans = sentences.spans(t) if t.count(" ") >= 2 * min_words - 1 and _cares(care, t) else []
                out += [(j, a, b, _lower_words(t[a:b])) for a, b in spans
                        if len(t[a:b].split()) >= min_words and not _SPEECH.match(t[a:b])] \
                    if len(spans) > 1 else [(j, 0, len(t), _lower_words(t))]
        run = []
    return out


_CLOSING = {"“": "”", "„": "“”", "«": "»", "‘": "’", "\"": "\"", "'": "'", "”": "”"}


def _quoted_until(t: str) -> int:
    """Where the quotation a paragraph opens with ends (someone's words: a quoted testimony,
    an interview's answer), 0 when it opens with none; the paragraph's end when the
    quotation is not closed before it, or when it opens with an interview's "Q:"/"A:"."""
    m = _SPEECH.match(t)
    if not m:
        return 0
    mark = t[m.end() - 1]
    if mark not in _CLOSING:
        return len(t)
    ends = [j for c in _CLOSING[mark] if (j := t.find(c, m.end())) >= 0]
    return min(ends) + 1 if ends else len(t)


def _stem_counts(words: dict[int, list[str]], language: str) -> tuple[Counter[str], int]:
    """How often each stem occurs in the article's blocks, and their number of words."""
    weights = _weights(language)
    counts = Counter(weights[w][0] for ws in words.values() for w in ws)
    return counts, sum(map(len, words.values()))


def _affinity(ws: list[str], counts: tuple[Counter[str], int], language: str) -> float:
    """How much a passage is made of the article's own words, against the language at
    large: the mean, over its words, of the log of how much more often the rest of the
    article uses the word's stem than the language does (wordfreq), when it does more. A
    passage on the article's subject scores one or more (its words are the article's
    over-used ones); a passage from elsewhere that shares a few everyday words, near 0."""
    weights = _weights(language)
    total, n = counts
    own = Counter(weights[w][0] for w in ws)
    rest = max(n - len(ws), 1)
    gain = 0.0
    for w in ws:
        stem, weight = weights[w]
        c = total[stem] - own[stem]
        if c > 0:
            background = 10 ** (max(RARE_ZIPF - weight, BACKGROUND_FLOOR) - 9)
            gain += max(0.0, math.log(c / rest / background))
    return gain / len(ws) if ws else 0.0


@cache
def _tied(files: tuple[str, ...], language: str):
    """A test of whether a paragraph is tied to the article's own thread: it opens with a
    word pointing back (`[[cohesion]]`) or with an item number (one of the article's own
    numbered items, each of which may be about something else), says "I" outside quotation
    marks, or quotes someone with a word of attribution (`[[person]]`)."""
    t = lexicon.for_language(files, "cohesion", language)
    words = sorted((w for w in (t or {}).get("openers", [])), key=len, reverse=True)
    articles = set((t or {}).get("pronoun_only", []))  # a pronoun pointing back, or an article before a noun
    # a near demonstrative before a noun of time ("This season", "Cet hiver") points at the present
    now = "|".join(sorted(map(re.escape, (t or {}).get("now", [])), key=len, reverse=True))
    near = set((t or {}).get("now_after", [])) if now else set()
    alts = [re.escape(w) + (r"(?![\w'’-])(?!(?-i:\s+[A-ZÄÖÜ]))" if w in articles else r"(?![\w'’-])")
            + (rf"(?!\s+(?:{now})(?![\w'’-]))" if w in near else "") for w in words]
    opens = re.compile(r"^\W*(?:" + "|".join(alts) + ")", re.I) if words else None
    person = person_patterns(files, language)

    def tied(s: str) -> bool:
        if opens and opens.match(s) or _NUMBERED.match(s):
            return True
        if person is None:
            return False
        first, _, attribution, _ = person
        if any(q in s for q in "“„«\"") and attribution.search(s):
            return True
        return first.search(s) is not None and first.search(mask_quotes(s)) is not None
    return tied


_NAME = re.compile(r"(?<=[^\W\d_] )[A-ZÀ-ÖØ-Þ][^\W\d_'’-]{2,}")  # a capitalised word inside a sentence


def _names(s: str, language: str, files: tuple[str, ...]) -> bool:
    """Whether most of the paragraph's rarity weight is in names (capitalised words inside
    its sentences: "Many thanks to Tengyu Ma, Andrew Whitaker ..."): people and places named
    are not a subject, and an article names each once. Not where every noun takes a
    capital (German: `capitalised_nouns` in `[[glue]]`)."""
    settings = glue_settings(files, language)
    if settings is None or settings["capitalised_nouns"]:
        return False
    weights = _weights(language)
    total = sum(w for x in _lower_words(s) if (w := (weights.get(x) or stem_weight(x, language))[1]) > 0)
    named = sum(w for x in _NAME.findall(s) if (w := (weights.get(x.lower()) or stem_weight(x.lower(), language))[1]) > 0)
    return total > 0 and named / total > MAX_NAMES


def _lower_words(s: str) -> list[str]:
    low = s.lower()
    return _TOKEN.findall(low) if len(low) == len(s) else [w.lower() for w in _TOKEN.findall(s)]


def _block_counts(words: dict[int, list[str]]) -> Counter[str]:
    """In how many blocks each word occurs."""
    return Counter(chain.from_iterable(map(set, words.values())))  # one count, not one a block


def _shared_weights(df: Counter[str], language: str) -> tuple[dict[str, float], dict[str, float]]:
    """The words that occur in more than one block and carry weight, with their weight:
    looked up once an article, not once a passage (the everyday words every passage
    shares, "the", "with", weigh nothing and are left out of every intersection); and every
    word of the article with its weight where positive, else 0 (`_positive`, the language's
    table, read once here into a table of the article's own)."""
    positive = _positive(language)
    known = positive.get
    own, shared = {}, {}
    for w, n in df.items():
        x = known(w)
        if x is None:
            sw = _weights(language).get(w)
            if sw is None:
                sw = _weights(language)[w] = stem_weight(w, language)
            x = positive[w] = max(sw[1], 0.0)
        own[w] = x
        if n > 1 and x > 0:
            shared[w] = x
    return shared, own


def _may_be_outlier(ws: list[str], shared: tuple[dict[str, float], dict[str, float]], df: Counter[str],
                    language: str, bound: float) -> bool:
    """Whether a passage's cover may be `bound` or less (`shared`: `_shared_weights`). First
    a lower bound of it from set operations and look-ups made once an article: the words it
    shares with another block weigh at least their weight once each, and the passage at
    most the sum of its words' weights (a repeated word counts 1 + log n times, at most n),
    so their share is at least the first over the second; this rules most passages out,
    then `_shared_bound`."""
    weights, positive = shared
    common = weights.keys() & ws
    if common and sum(map(weights.__getitem__, common)) > (bound + 1e-9) * sum(map(positive.__getitem__, ws)) + 1e-9:
        return False
    return _shared_bound(ws, df, language) <= bound + 1e-9


def _shared_bound(ws: list[str], df: Counter[str], language: str) -> float:
    """A lower bound of a passage's cover: the share of its rarity weight (counted as
    `_vector` counts it) in words that another block uses as they are (the passage's own
    block counts once in `df`); the rest of a shared word's stem is left out."""
    weights = _weights(language)
    mass = shared = 0.0
    for w, n in Counter(ws).items():
        sw = weights.get(w)
        if sw is None:
            sw = weights[w] = stem_weight(w, language)
        weight = sw[1]
        if weight > 0:
            x = weight if n == 1 else weight * (1 + math.log(n))
            mass += x
            if df[w] > 1:
                shared += x
    return shared / mass if mass else 0.0


def _vector(words: list[str], language: str) -> dict[str, float]:
    """Word stems weighted by rarity, with sublinear counts."""
    weights = _weights(language)
    vec: dict[str, float] = {}
    for w, n in Counter(words).items():
        sw = weights.get(w)
        if sw is None:
            sw = weights[w] = stem_weight(w, language)
        stem, weight = sw
        if weight > 0:
            vec[stem] = vec.get(stem, 0.0) + (weight if n == 1 else weight * (1 + math.log(n)))
    return vec


@cache
def _positive(language: str) -> dict[str, float]:
    """A word's weight where positive, else 0 (`_weights`' second part, kept alongside it
    for the sums of `_may_be_outlier`)."""
    return {}


@cache
def _weights(language: str) -> dict[str, tuple[str, float]]:
    """A word's stem and weight, kept per language for the process (a dict look-up is
    what a word costs once seen)."""
    return {}


def stem_weight(word: str, language: str) -> tuple[str, float]:
    """A word's stem and rarity weight (English counts too: loanwords, names of drugs)."""
    return word[:STEM], RARE_ZIPF - max(zipf(word, language), zipf(word, "en") if language != "en" else 0.0)


def _prose(s: str, words: list[str], min_words: int) -> bool:
    """Ordinary sentences, not a byline, a reference or a list of names (`words`: the
    text split at spaces)."""
    if len(words) < min_words:
        return False
    lower = sum(map(str.islower, map(itemgetter(0), words)))
    # the citation pattern only where one of its parts can be (most paragraphs have none)
    return lower / len(words) >= 0.5 and not (("et al" in s or "doi" in s or ";" in s) and _CITES.search(s))
