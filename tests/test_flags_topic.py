"""off_topic on real articles' own text (a hospital's mental-health services page, health-dev corpus; an
astronomy news story, bench corpus): a care-free sentence from elsewhere inside one of
their paragraphs, a short care-free paragraph, and the look-alikes that must stay
unflagged (a sentence of care, a sentence sharing a rare word with the story); the two
limits learned or calibrated on the article: a passage on a neighbouring health subject
(`care-lift`), and a low cover in an article whose every paragraph brings its own words."""

from __future__ import annotations

import json
from pathlib import Path

from ascurate import models
from ascurate.config import load_config
from ascurate.flags import detect, sentences
from ascurate.flags.topic import _talks_of_care
from ascurate.model import Block, join_blocks

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CFG = load_config("/nonexistent/ascurate.toml")


def blocks_of(gold: Path) -> list[Block]:
    d = json.loads(gold.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in d["main_content"].split("\n") if ln.strip()]


HEALTH = blocks_of(CORPUS / "health-dev" / "wcxb-1087.gold.json")  # a hospital's mental-health services page
NEWS = blocks_of(CORPUS / "bench" / "scrapinghub-f344ca5fb3.gold.json")  # an astronomy news story
FERRY = ("The ferry to the mainland sails twice a day in winter, and cars must be booked at least a week "
         "before the crossing.")
CARE = "Ask your doctor whether the symptoms you have could be a side effect of the treatment you are taking."


def inside(host: list[Block], sentence: str) -> list[Block]:
    """`sentence` after the first sentence of the host's first paragraph of two sentences or more."""
    k = next(i for i, b in enumerate(host) if len(sentences.spans(b.text)) >= 2)
    t = host[k].text
    cut = sentences.spans(t)[0][1]
    return [*host[:k], Block("paragraph", f"{t[:cut]} {sentence}{t[cut:]}"), *host[k + 1:]]


def topic_quotes(blocks: list[Block]) -> list[str]:
    return [f.quote for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "off_topic"]


def test_a_care_free_sentence_from_elsewhere_inside_a_paragraph_of_a_health_article():
    assert topic_quotes(HEALTH) == []
    assert topic_quotes(inside(HEALTH, FERRY)) == [FERRY]


def test_an_everyday_word_shared_with_a_health_article_does_not_keep_a_line_from_elsewhere():
    """"both" (Zipf above 5) is the only word the ferry line shares with the services page:
    it weighs too little to tie the line to the page; a rare word of the page ("ranging")
    still does."""
    both = ("The ferry to the mainland sails twice a day in winter, and both cars and bikes must be booked "
            "at least a week before the crossing.")
    ranging = ("The ferry to the mainland sails twice a day in winter, and fares ranging from cars to bikes "
               "must be booked a week before the crossing.")
    assert any(" both " in b.text for b in HEALTH) and any(" ranging " in b.text for b in HEALTH)
    found = [f for f in detect(join_blocks(inside(HEALTH, both)), inside(HEALTH, both), CFG, "en")
             if f.kind == "off_topic"]
    assert [(f.quote, f.rule) for f in found] == [(both, "topic.care-free-sentence")]
    assert topic_quotes(inside(HEALTH, ranging)) == []


def test_a_sentence_of_care_or_one_sharing_the_article_s_words_is_not_off_topic():
    """The ferry sentence shares "twice" with the news story ("twice as much water"): on a
    page that is not about health, where it is weighed against the story's own affinity,
    a shared rare word keeps it."""
    assert topic_quotes(inside(HEALTH, CARE)) == []
    assert topic_quotes(NEWS) == [] and topic_quotes(inside(NEWS, FERRY)) == []


def test_a_sentence_from_elsewhere_inside_a_paragraph_of_a_page_not_about_health():
    """On an astronomy news story, a sentence of a shop's sale is weighed against the
    story's own paragraphs (its affinity at most a tenth of theirs): off topic."""
    sale = "Our spring sale ends on Sunday, so grab garden chairs, parasols and barbecues at half price."
    found = [f for f in detect(join_blocks(inside(NEWS, sale)), inside(NEWS, sale), CFG, "en") if f.kind == "off_topic"]
    assert [(f.quote, f.rule) for f in found] == [(sale, "topic.outlier-sentence")]


def test_a_short_care_free_paragraph_on_a_health_article():
    """Ten to nineteen words with no word of care, on a health page, are weighed too."""
    sale = "Our spring sale ends on Sunday, so grab garden chairs, parasols and barbecues at half price."
    assert 15 <= len(sale.split()) < 20
    assert topic_quotes([*HEALTH[:4], Block("paragraph", sale), *HEALTH[4:]]) == [sale]
    host = blocks_of(CORPUS / "health-dev" / "wcxb-0142.gold.json")[:12]
    cottage = "Book your summer cottage now: sleeps six, dogs welcome, five minutes from the beach."
    assert 10 <= len(cottage.split()) < 15
    assert topic_quotes([*host[:4], Block("paragraph", cottage), *host[4:]]) == [cottage]


def test_a_passage_on_a_short_page_of_few_paragraphs_when_the_rest_is_twice_its_length():
    """A forum question on cast-iron pans, of 88 words and one prose paragraph: a paragraph
    on cats, whose words the page never uses, is off topic there."""
    pans = blocks_of(CORPUS / "wcxb-dev" / "wcxb-0563.gold.json")
    assert sum(len(b.text.split()) for b in pans) < 250
    cats = ("Cats are famously independent, but they still need daily play. A feather wand or a cardboard box "
            "keeps an indoor cat busy for hours.")
    assert topic_quotes(pans) == []
    assert topic_quotes([*pans[:1], Block("paragraph", cats), *pans[1:]]) == [cats]


def test_the_care_vocabulary_matches_whole_words_where_a_start_would_take_others():
    """"pain" is a word of care, "paint" is not; "pain" and "painful" are one word."""
    from ascurate.flags import lexicon

    def cares(text: str, language: str) -> set[str]:
        care = lexicon.care_words(lexicon.files(CFG), language)
        assert care is not None
        return set(care[0].findall(text.lower()))

    assert cares("Paint the hospitality suite, then check the GPS and the nursery.", "en") == set()
    assert cares("The pain was painful, so the GP sent her to hospital.", "en") == {"pain", "gp", "hospital"}
    assert cares("Herzlich willkommen! Sein Herz schlägt schneller.", "de") == {"herz"}
    assert cares("Une sangle pour le sac ; une prise de sang.", "fr") == {"sang"}


def test_a_paragraph_s_words_are_its_sentences_words_joined():
    """Each paragraph is tokenised once, sentence by sentence (`_windows`): its words and
    each long sentence's must be those of tokenising it whole, on the real articles and
    on a paragraph whose lower case is longer than itself ("İ") or whose sentences end in
    closing quotes and abbreviations."""
    from ascurate.flags.topic import _lower_words, _windows

    odd = Block("paragraph", "Dr. Smith flew to İstanbul last spring and wrote about the long queues at the old bazaar "
                "gates every single morning. “We waited,” she said, “for hours and hours on the crowded pier before "
                "anyone let us board the small boat.” Then it rained.")
    quoted = Block("paragraph", odd.text.replace("İ", "I"))
    for blocks in (HEALTH, NEWS, [odd, quoted]):
        paras = list(range(len(blocks)))
        found, said = _windows(blocks, paras, {i: len(b.text.split()) for i, b in enumerate(blocks)})
        assert found and said
        for i, a, b, ws in found:
            assert ws == _lower_words(blocks[i].text[a:b])
        for i, ws in said.items():
            assert ws == _lower_words(blocks[i].text)
    assert 0 not in said and 1 in said  # "İ" lower-cases to two characters: its paragraph is tokenised whole


HEAT = ("Staying hydrated during hot weather matters for older adults, who may not feel thirsty until they are "
        "already dehydrated and dizzy.")
COVER = ("Some employers offer private cover that pays for physiotherapy and counselling sessions as part of the "
         "benefits package for their staff.")
INSURERS = ("Private insurers often refuse cover for pre-existing conditions, or charge a higher premium once you "
            "declare them on the application.")
ROADS = ("The council will resurface the high street next month, so expect diversions for buses, taxis and delivery "
         "vans until the end of the summer.")


def after_first(host: list[Block], text: str) -> list[Block]:
    return [host[0], Block("paragraph", text), *host[1:]]


def test_a_neighbouring_health_subject_is_not_off_topic_in_a_health_article():
    """None of the three shares the article's rare words (each was flagged on words alone);
    their words go with talk of health in the corpora (the insurers' with one care word,
    "conditions"), a road works notice's do not."""
    assert topic_quotes(HEALTH) == []
    assert topic_quotes(after_first(HEALTH, HEAT)) == []
    assert topic_quotes(after_first(HEALTH, COVER)) == []
    assert topic_quotes(after_first(HEALTH, INSURERS)) == []
    assert topic_quotes(after_first(HEALTH, ROADS)) == [ROADS]


def test_the_care_lift_is_learned_in_english_and_carried_to_the_other_languages():
    card = models.card("care-lift")
    lifts = card["lifts"]["en"]
    assert lifts["sympto"] > 2.0 and lifts["sleep"] > 1.0 and lifts["mortga"] < 0.5 and lifts.get("ferry", 0.0) < 0.5
    # too little German, French or Spanish text in the corpora: their tables are carried over
    assert set(card["lifts"]) == {"en", "de", "fr", "es"} and set(card["carried"]) == {"de", "fr", "es"}
    assert _talks_of_care(["sleep", "adults", "weight", "colds"], 0, "en")
    assert _talks_of_care(["schlaf", "gewicht", "erwachsene"], 0, "de")
    assert not _talks_of_care(["bauzinsen", "makler", "wohnung"], 0, "de")


COFFEE = blocks_of(CORPUS / "wcxb-dev" / "wcxb-0463.gold.json")  # four paragraphs on an 18th-century treatise
DONATION = ("The PDR is a non-profit project kept alive by reader donations – no ads, no paywalls, just the generosity "
            "of our community. It’s a really exciting model, but we need your help to keep it thriving. Visit our "
            "support page to become a Friend and receive our themed postcard packs. Or give a one-off donation. Already "
            "a supporter? A huge thank you for making all this possible.")


def test_in_an_article_whose_paragraphs_each_bring_their_own_words_a_low_cover_is_no_outlier():
    """The page's donation appeal (kept by extraction, not in the gold text) shares 5% of its
    rare words with the essay, whose other paragraphs share 15% (median): a third of the
    article's own cover, no outlier. A road works notice shares none: still one."""
    assert topic_quotes([*COFFEE, Block("paragraph", DONATION)]) == []
    assert topic_quotes([*COFFEE, Block("paragraph", ROADS)]) == [ROADS]


GUIDE = blocks_of(CORPUS / "health-dev" / "wcxb-0073.gold.json")  # a health-dev guide to healthy eating
BAKERY = ("Our bakery now opens at seven on weekdays, and fresh sourdough, croissants and cinnamon buns are ready by "
          "half past, with coffee to take away at the counter.")
QUIZ = ("The new season of the quiz league starts in October. Teams of four meet in the back room of the pub, and the "
        "winners of each round choose the next theme.")


def limits_alone(blocks: list[Block]) -> list[str]:
    """off_topic as the hand limits flag paragraphs, with no model (`_off_topic`'s model None)."""
    from ascurate.flags import block_offsets
    from ascurate.flags.topic import _off_topic

    return [f.quote for f in _off_topic(join_blocks(blocks), blocks, block_offsets(blocks), "en", CFG, None)]


def test_the_learned_scorer_decides_on_paragraphs_the_limits_leave():
    """Passages written apart from the flagset share a few everyday words with a guide on
    eating ("fresh", "coffee", "four"): each of the limits on its own lets them pass, the
    model weighing them together (`topic-v1`) flags them, naming itself in the rule."""
    assert topic_quotes(GUIDE) == []
    for passage in (BAKERY, QUIZ):
        blocks = after_first(GUIDE, passage)
        assert passage not in limits_alone(blocks)
        found = [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "off_topic"]
        assert [(f.quote, f.rule) for f in found] == [(passage, "topic.model:topic-v1")]


def _bound_holds(model, pages: list[list[Block]]) -> int:
    """`_most` (the measurements not counted yet at the end of their ranges that add the
    most) is at least the model's probability on every paragraph weighed in `pages`; the
    number of paragraphs weighed."""
    import math

    from ascurate.flags import block_offsets, topic

    seen = 0
    for blocks in pages:
        _, rows = topic.readings(join_blocks(blocks), blocks, block_offsets(blocks), "en", CFG)
        for _, _, row in rows:
            x = row[:len(model.weights)]  # readings' rows hold the short model's measurements too
            cheap = [math.nan if f in topic._DEAR else v for f, v in zip(topic.SHORT_FEATURES, x, strict=False)]
            assert model.probability(x) <= topic._most(model, cheap) + 1e-12
            seen += 1
    return seen


def test_the_model_s_bound_is_never_below_its_probability():
    """A paragraph is dropped as soon as `_most` stays below the threshold: on every
    paragraph the model weighs in real articles, the bound is at least the probability."""
    from ascurate.flags import topic

    model = topic.load()
    assert model is not None and model.version == "topic-v1"
    pages = [HEALTH, NEWS, COFFEE, GUIDE, after_first(GUIDE, QUIZ), [*COFFEE, Block("paragraph", DONATION)]]
    assert _bound_holds(model, pages) >= 3


RALLY = "The vintage car rally leaves the market square at nine and ends at the harbour by noon."
PARKING = "Parking in the town centre is free on Sundays, and the multi-storey car park opens at eight."
FENCE = "Repaint the fence with two coats of wood stain before the first autumn frost arrives."
WATER = "Drink water instead of sugary sodas, and keep a bowl of fresh fruit on the kitchen table."


def test_a_short_paragraph_from_elsewhere_is_weighed_by_the_short_passage_model():
    """Paragraphs of 10 to 19 words are below the paragraph model's floor: the short-passage
    model (`topic-short-v2`) weighs them, so a one-line notice on cars or a chore set in a
    hospital's services page is flagged, naming that model; a short line on eating in a
    guide on eating is not."""
    for passage in (RALLY, PARKING, FENCE):
        blocks = after_first(HEALTH, passage)
        text = join_blocks(blocks)
        found = [(f.quote, f.rule) for f in detect(text, blocks, CFG, "en") if f.kind == "off_topic"]
        assert found == [(passage, "topic.model:topic-short-v2")]
    assert topic_quotes(after_first(GUIDE, WATER)) == []


def test_the_short_passage_model_s_bound_is_never_below_its_probability():
    """`_most` bounds the short-passage model too, on the short paragraphs it weighs."""
    from ascurate.flags import topic

    model = topic.load_short()
    assert model is not None and model.version == "topic-short-v2"
    assert _bound_holds(model, [after_first(GUIDE, p) for p in (RALLY, PARKING, FENCE, WATER, QUIZ)]) >= 3


def test_care_words_are_found_alike_with_and_without_the_endings_branch():
    """A text holding none of the roots' endings is read by the care pattern without that
    branch: the same words must come out as with the whole pattern, on real health pages
    and on a sentence where a word is found by its ending alone."""
    from ascurate.flags import lexicon, topic

    files = lexicon.files(load_config(None))
    care = topic._care(files, "en")
    assert care is not None and care[0] in topic._LEAN
    texts = [json.loads(p.read_text())["main_content"] for p in sorted((CORPUS / "health-dev").glob("*.gold.json"))]
    texts.append("Her tendinitis flared after the appendectomy, so the pain kept her home.")
    lean_used = 0
    for t in texts:
        whole = [(m.start(), m.group(), m.group(1) is not None) for m in care[0].finditer(t.lower())]
        got = [(m.start(), m.group(), m.group(1) is not None) for m in topic._care_matches(care, t)]
        assert got == whole
        lean_used += not any(e in t.lower() for e in topic._LEAN[care[0]][0])
    assert lean_used and "tendinitis" in {m.group() for m in topic._care_matches(care, texts[-1])}
