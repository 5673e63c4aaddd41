"""The learned lead-in scorer (flags/lead_model.py, models/leads-v8.json): a weak lead-in
before prose is a lost list when the block structure says so; one before list items set
as paragraphs is not; the shipped card is complete."""

from __future__ import annotations

import pytest

from ascurate import models
from ascurate.flags import detect, lead_model
from ascurate.model import Block, join_blocks

from .test_flags_notes import CFG, CONTEXT

MODEL_RULE = f"shape.{models.MODEL_VERSIONS['leads']}"
PROSE = ("Gout attacks often begin at night, when the joint is cooler and uric acid crystallises more easily. "
         "Most people find that the pain peaks within a day and then eases over a week or so, although the joint "
         "can stay stiff and tender for longer. Doctors usually confirm the diagnosis with a blood test.")


def dangling(lang: str, blocks: list[Block]):
    text = join_blocks(blocks)
    return [(f.rule, f.quote) for f in detect(text, blocks, CFG, lang) if f.kind == "dangling_list"]


@pytest.mark.parametrize(("lang", "lead"), [
    ("en", "Here are some ways to cope at home:"),
    ("en", "There are three things you can do:"),
    ("de", "Hier sind einige Tipps für zu Hause:"),
    ("es", "Estos son algunos consejos:"),
])
def test_a_weak_lead_in_before_prose_is_flagged_by_the_model(lang, lead):
    after = PROSE if lang == "en" else f"{CONTEXT[lang][1]} {CONTEXT[lang][0]}"
    blocks = [Block("paragraph", CONTEXT[lang][0]), Block("paragraph", lead), Block("paragraph", after)]
    assert dangling(lang, blocks) == [(MODEL_RULE, lead)]


def test_a_weak_lead_in_before_items_set_as_paragraphs_is_not():
    blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", "Here are some ways to cope at home:"),
              Block("paragraph", "Rest the joint and raise it."), Block("paragraph", "Hold an ice pack on it for 20 minutes."),
              Block("paragraph", "Drink plenty of water."), Block("paragraph", PROSE)]
    assert dangling("en", blocks) == []


def test_a_strong_lead_in_stays_the_rule_s():
    lead = "Typical warning signs include the following:"
    blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead), Block("paragraph", PROSE)]
    assert dangling("en", blocks) == [("shape.dangling-list", lead)]


def test_the_shipped_card_says_how_it_was_made():
    card = models.card("leads")
    assert list(card["features"]) == list(lead_model.FEATURES)
    assert len(card["weights"]) == len(card["mean"]) == len(card["scale"]) == len(lead_model.FEATURES)
    assert 0 < card["threshold"] < 1 and card["command"].startswith("python -m ascurate.models.train_leads")
    assert card["cv"]["published_per_page"] <= card["cv"]["budget_per_page"]
    assert card["cv"]["traps_flagged"].startswith("0/")


def test_a_recurring_label_is_no_lost_list():
    """"What we like:" closing a block in every review card is a label: the same lead-in
    that is flagged alone before prose is not when it closes two blocks of the article."""
    lead = "Here are some ways to cope at home:"
    alone = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead), Block("paragraph", PROSE)]
    assert dangling("en", alone) == [(MODEL_RULE, lead)]
    twice = [*alone, Block("paragraph", CONTEXT["en"][1]), Block("paragraph", lead), Block("paragraph", PROSE)]
    assert dangling("en", twice) == []


@pytest.mark.parametrize(("lang", "lead", "kind", "rule"), [
    ("en", "Before your first appointment, bring:", "paragraph", MODEL_RULE),
    ("en", "To get ready for the test, you will need to:", "heading", MODEL_RULE),
    ("de", "Für die Übungen brauchen Sie:", "paragraph", MODEL_RULE),
    ("fr", "Pour faire les exercices, vous aurez besoin de :", "heading", "shape.dangling-list"),
])
def test_a_lead_in_without_promise_words_before_prose_is_weighed_by_the_model(lang, lead, kind, rule):
    """No promise word ("bring:", "brauchen Sie:"): the block structure alone (a lead-in
    closing a block, prose after it) makes it a candidate the scorer weighs (leads-v2 read
    only weak promises and never saw these). A French preposition before the colon ("de :",
    `ends`) is a strong promise the rule flags alone."""
    after = PROSE if lang == "en" else f"{CONTEXT[lang][1]} {CONTEXT[lang][0]}"
    blocks = [Block("paragraph", CONTEXT[lang][0]), Block(kind, lead), Block("paragraph", after)]
    assert dangling(lang, blocks) == [(rule, lead)]
    items = [Block("list_item", "A list of the medicines you take"), Block("list_item", "Comfortable clothes")]
    assert dangling(lang, [*blocks[:2], *items, blocks[2]]) == []


@pytest.mark.parametrize(("lang", "lead"), [
    ("fr", "Voici quelques conseils pour la première semaine :"),
    ("de", "Hier sind einige Tipps für die erste Woche:"),
])
def test_a_weak_lead_in_inside_a_paragraph_is_weighed_by_the_model(lang, lead):
    """Between two sentences of a paragraph the rest of the paragraph is what follows a
    weak lead-in: the scorer reads it as it reads the next block. With no promise word
    ("Pour les exercices, une seule règle compte :") a colon inside a paragraph runs on
    into its explanation, which takes the lead's words up: not weighed (only a stranger
    to the sentences around it is)."""
    paragraph = f"{CONTEXT[lang][0]} {lead} {CONTEXT[lang][1]} {CONTEXT[lang][0]}"
    assert dangling(lang, [Block("paragraph", paragraph)]) == [(MODEL_RULE, lead)]
    plain = (f"{CONTEXT['fr'][0]} Pour les exercices, une seule règle compte : Les exercices ne doivent "
             f"jamais faire mal. {CONTEXT['fr'][1]}")
    assert dangling("fr", [Block("paragraph", plain)]) == []


def test_what_follows_a_lead_in_is_weighed_by_the_rare_words_it_takes_up():
    """A lead-in with no promise word before a paragraph on something else is a lost list;
    before a paragraph that takes its topic up ("sleep") it heads an item set as a
    paragraph (leads-v3 flagged neither: it counted shared word starts, "that" as much as
    "sleep")."""
    lead = "Things that may help you sleep better:"
    item = ("Sleep comes more easily in a cool, dark and quiet bedroom. Keep screens out of the room and go to bed "
            "at the same time every night, even at weekends, so that your body learns when to expect sleep.")
    around = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead)]
    assert dangling("en", [*around, Block("paragraph", PROSE), Block("paragraph", CONTEXT["en"][1])]) == [(MODEL_RULE, lead)]
    assert dangling("en", [*around, Block("paragraph", item), Block("paragraph", CONTEXT["en"][1])]) == []


def test_rare_taken_counts_the_lead_s_rare_words_not_its_everyday_ones():
    """`rare_taken`: the share of the lead's rarity weight (wordfreq) whose stems the next
    block uses; a block sharing only "that" and "high" takes up almost nothing of "Foods
    that are high in potassium", one naming potassium most of it."""
    from ascurate.config import load_config
    from ascurate.flags import lexicon
    from ascurate.flags.shape import _promises, lead_features

    promise = _promises(lexicon.files(load_config("/nonexistent/ascurate.toml")), "en")
    lead = "Foods that are high in potassium:"
    at = lead_model.FEATURES.index("rare_taken")

    def taken(after: str) -> float:
        blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead), Block("paragraph", after)]
        return lead_features(join_blocks(blocks), lead[:-1], blocks, 1, promise, "en")[at]

    assert taken("Prices that are high this year have kept many families from the coast, and hotels say so.") < 0.15
    assert taken("Potassium is found in bananas, dried apricots and potatoes, and most diets hold enough of it.") > 0.5


@pytest.mark.parametrize("label", ["Kids:", "Eating out:", "Who It's Best For:", "Augmented Reality (AR) Integration:"])
def test_a_label_heading_its_own_text_is_no_lost_list(label):
    """A label of a few words or in title case heads the paragraph after it (a product card's
    "Who It's Best For:", a section's "Kids:"); a lead-in promising items is a phrase set in
    small letters (`lead_label`, `lead_caps`, new in leads-v5)."""
    item = ("Families with small children get the most out of it, since the seats fold flat and the boot "
            "takes a buggy without any trouble at all.")
    blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", label), Block("paragraph", item),
              Block("paragraph", CONTEXT["en"][1])]
    assert dangling("en", blocks) == []


def test_capitals_say_nothing_where_every_noun_takes_one():
    """`lead_caps` is the share of the lead's words after its first that open on a capital,
    0 in a language that capitalises its nouns (German)."""
    from ascurate.config import load_config
    from ascurate.flags import lexicon
    from ascurate.flags.shape import _promises, capitalised_nouns, lead_features

    files = lexicon.files(load_config("/nonexistent/ascurate.toml"))
    at = lead_model.FEATURES.index("lead_caps")

    def caps(lead: str, lang: str) -> float:
        blocks = [Block("paragraph", CONTEXT[lang][0]), Block("paragraph", lead), Block("paragraph", CONTEXT[lang][1])]
        return lead_features(join_blocks(blocks), lead[:-1], blocks, 1, _promises(files, lang), lang,
                             capitalised_nouns=capitalised_nouns(files, lang))[at]

    assert caps("Who It's Best For:", "en") == 1.0
    assert caps("Foods that are high in potassium:", "en") == 0.0
    assert capitalised_nouns(files, "de") and not capitalised_nouns(files, "en")
    assert caps("Lebensmittel mit viel Kalium:", "de") == 0.0


def _candidates(lang: str, blocks: list[Block]) -> list[str]:
    from ascurate.flags import block_offsets
    from ascurate.flags.shape import candidates

    text = join_blocks(blocks)
    return [text[s:e] for s, e, _, _ in candidates(text, blocks, block_offsets(blocks), lang, CFG)]


QUOTE = ("“We know we have arrived late, but the captain had a lot of traffic to deal with,” the airline said in a "
         "statement, adding that passengers would be offered vouchers.")


def test_a_promise_of_items_before_a_quotation_is_weighed():
    """A quotation after a lead-in is mostly what it announced ("she explains:"), so the rule
    takes it for the list; a lead-in promising items ("are listed below:", "The usual reasons
    for a delay are:") before one reaches the scorer (`next_quote`, new in leads-v6), and a
    lead-in to speech with no promise word does not (the code before leads-v6 read neither)."""
    for lead in ("The most common complications are listed below:", "The usual reasons for a delay are:"):
        blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead), Block("paragraph", QUOTE)]
        assert _candidates("en", blocks) == [lead]
    speech = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", "A spokesperson told reporters:"),
              Block("paragraph", QUOTE)]
    assert _candidates("en", speech) == [] and dangling("en", speech) == []


def test_a_lead_in_naming_a_picture_is_not_weighed():
    """"Here is a picture of the spiral:" announces one picture, which extraction drops, not
    items (`pictures` in `[[promise]]`); the same lead-in promising steps is weighed (the
    code before leads-v6 weighed both, and leads-v5 flagged the picture on a published page)."""
    picture = "Here is a picture of the spiral, in case you have trouble visualizing:"
    steps = "Here are some steps you can take at home:"
    for lead, expected in ((picture, []), (steps, [steps])):
        blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", lead), Block("paragraph", PROSE)]
        assert _candidates("en", blocks) == expected
    blocks = [Block("paragraph", CONTEXT["en"][0]), Block("paragraph", picture), Block("paragraph", PROSE)]
    assert dangling("en", blocks) == []


@pytest.mark.parametrize(("lang", "lead"), [
    ("en", "For the home exercises, you'll need:"),
    ("de", "Für die Übungen brauchen Sie:"),
    ("fr", "Pour faire les exercices, vous aurez besoin de :"),
    ("es", "Para hacer los ejercicios necesitará:"),
])
def test_a_lead_in_ending_on_what_you_need_is_a_weak_promise(lang, lead):
    """"you'll need:", "brauchen Sie:", "besoin de :", "necesitará:" announce the things
    needed (on the published pages every such lead-in closing a block heads its list):
    between two sentences it has nothing to do with, or before prose, it dangles (the code
    before read no promise in it and left it); before its items it does not."""
    paragraph = f"{CONTEXT[lang][0]} {lead} {CONTEXT[lang][1]} {CONTEXT[lang][0]}"
    assert [q for _, q in dangling(lang, [Block("paragraph", paragraph)])] == [lead]
    items = [Block("list_item", "A mat"), Block("list_item", "Two light weights")]
    assert dangling(lang, [Block("paragraph", CONTEXT[lang][0]), Block("paragraph", lead), *items,
                           Block("paragraph", CONTEXT[lang][1])]) == []
