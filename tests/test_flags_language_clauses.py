"""foreign_text on what the per-sentence reading passed over: a clause of another language
inside a sentence of the article's (a sentence half translated), a sentence in a language
close to another (the model unsure which, sure it is not the article's), and a sentence the
model is unsure of that the short one before it settles."""

from __future__ import annotations

import dataclasses

import pytest

from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import SHORT_ARTICLES, planted_flags

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))


def foreign(lang: str, planted: str) -> list[str]:
    host = [Block("paragraph", p) for p in SHORT_ARTICLES[lang]]
    return [f.quote for f in planted_flags(host, planted, "foreign_text", lang, CFG, at=1)]


@pytest.mark.parametrize(("lang", "planted", "clause"), [
    ("en", "Rest your voice for a few days und trinken Sie viel warmen Tee mit Honig.",
     "und trinken Sie viel warmen Tee mit Honig"),
    ("de", "Die Kapseln should be swallowed whole with a glass of water und nicht zerkaut werden.",
     "should be swallowed whole with a glass of water"),
    ("fr", "Appliquez la crème on clean, dry skin twice a day pendant une semaine.", "on clean, dry skin twice a day"),
    ("es", "Después de la operación you may feel tired for a few weeks, lo cual es normal.",
     "you may feel tired for a few weeks"),
])
def test_a_clause_left_untranslated_inside_a_sentence_is_flagged(lang, planted, clause):
    assert foreign(lang, planted) == [clause]


@pytest.mark.parametrize(("lang", "planted"), [
    # a name of another language opens on a capital
    ("en", "The study was run by the Institut national de la santé et de la recherche médicale in Paris."),
    # a motto or a title cited in quotation marks or brackets
    ("de", "Der Leitsatz „eat less, move more and sleep well every night“ hängt im Wartezimmer."),
    ("fr", "Le service a pour devise (stay safe and look after each other) depuis la pandémie."),
    # a sentence of the article's language with loanwords and names
    ("en", "Patients can book online through the NHS App or call the surgery during opening hours."),
    ("de", "Das Team nutzt Software wie Microsoft Teams und Zoom für die Videosprechstunde."),
])
def test_a_quoted_or_named_phrase_of_another_language_is_no_clause(lang, planted):
    assert foreign(lang, planted) == []


def test_a_sentence_in_a_language_close_to_another_is_foreign():
    """The model reads it as 0.81 Spanish, 0.19 Portuguese and no German: surely not the
    article's language, though not surely which other."""
    planted = "Si está embarazada, consulte antes a su matrona o a su médico."
    assert foreign("de", planted) == [planted]
    assert foreign("es", planted) == []


def test_a_sentence_the_model_is_unsure_of_is_read_with_the_short_one_before_it():
    planted = "This field is required. Please enter a valid email address."
    assert foreign("fr", planted) == [planted]


def test_a_sentence_that_opens_on_a_long_foreign_name_is_not_foreign():
    """0.94 French, 0.04 English: the model unsure of it, and it says "the" and "for"."""
    assert foreign("en", "Institut national de la santé et de la recherche médicale is the French body "
                         "for health research.") == []
