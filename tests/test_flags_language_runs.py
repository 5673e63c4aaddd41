"""foreign_text on sentences the per-sentence reading used to pass over: short sentences
that come as a run, German sentences whose capitalised nouns look like names, and a block
that ends without its stop (a list item)."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import SHORT_ARTICLES, planted_flags

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))


def foreign(lang: str, planted: str, block_type: str = "paragraph") -> list[str]:
    host = [Block("paragraph", p) for p in SHORT_ARTICLES[lang]]
    return [f.quote for f in planted_flags(host, planted, "foreign_text", lang, CFG, block_type, at=1)]


@pytest.mark.parametrize(("lang", "planted"), [
    ("es", "Cet article vous a plu ? Partagez-le avec vos proches."),
    ("en", "Vous avez aimé cet article ? Abonnez-vous à la newsletter."),
])
def test_a_run_of_short_foreign_sentences_is_read_together(lang, planted):
    assert foreign(lang, planted) == [planted]


def test_a_sentence_the_model_is_unsure_of_is_read_again_with_the_short_one_after_it():
    """"¿Le ha resultado útil este artículo?" has six words, too few for the model to be sure
    (0.90 Spanish); with the short sentence after it, the two are surely Spanish. An English
    sentence of as few words with its own function words is not read so."""
    planted = "¿Le ha resultado útil este artículo? Compártalo en sus redes sociales."
    assert foreign("en", planted) == [planted]
    assert foreign("en", "Was this article useful to you? Share it now.") == []


@pytest.mark.parametrize(("lang", "planted"), [
    ("es", "Alle Angaben ohne Gewähr, bitte fragen Sie Ihren Arzt."),
    ("en", "Alle Angaben ohne Gewähr. Fragen Sie bei Beschwerden Ihren Arzt oder Apotheker."),
])
def test_a_german_sentence_of_capitalised_nouns_is_foreign(lang, planted):
    assert foreign(lang, planted) == [planted]


@pytest.mark.parametrize("planted", [
    "Definitely voor herhaling vatbaar. Maybe EMF next?",  # one short Dutch phrase in an English run
    "Thanks, Anna. See you in Berlin!",
    "Robert Koch-Institut. Deutsches Ärzteblatt. Revista Española de Cardiología.",
])
def test_short_sentences_that_are_not_a_foreign_run(planted):
    assert foreign("en", planted) == []


@pytest.mark.parametrize(("lang", "planted", "kind"), [
    ("en", "Les symptômes disparaissent généralement en quelques jours sans traitement", "list_item"),
    ("es", "Drink plenty of fluids and get as much rest as you can", "paragraph"),
])
def test_a_foreign_sentence_without_its_stop_is_foreign(lang, planted, kind):
    assert foreign(lang, planted, kind) == [planted]


@pytest.mark.parametrize("planted", [
    "Deutsche Gesellschaft für Ernährung",  # a name
    "The Journal of Clinical Endocrinology and Metabolism",  # a title in capitals
    "Guía de práctica clínica sobre diabetes",  # a title with few of its language's function words
])
def test_a_name_or_title_without_a_stop_is_not_foreign(planted):
    assert foreign("es" if planted.startswith("The") else "en", planted) == []
