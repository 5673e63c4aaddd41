"""ai_leftover on real article text: the assistant speaking of itself to the one who asked
(an offer to write more, its own data, its hope that the answer helps, a disclaimer before
its answer), in four languages; a writer's own closing and a patient's words are no chatbot's."""

from __future__ import annotations

import pytest

from ascurate.config import load_config

from .corpus_pages import CORPUS, ROOT, host_blocks, planted_flags

CFG = load_config("/nonexistent/ascurate.toml")


HOSTS = {"en": host_blocks(CORPUS / "health-dev" / "readability-webmd-1.gold.json"),
         "de": host_blocks(CORPUS / "bench" / "scrapinghub-57b4dafd18.gold.json"),
         "fr": host_blocks(CORPUS / "wcxb-dev" / "wcxb-0608.gold.json"),
         "es": host_blocks(ROOT / "bench" / "flagset" / "base" / "es-diabetes.txt")}


def ai_flags(language: str, extra: str) -> list:
    return planted_flags(HOSTS[language], extra, "ai_leftover", language, CFG)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "If you want, I can also draft a meta description and three title options."),
    ("en", "Keep in mind that my knowledge has a cutoff date and guidelines may have changed since."),
    ("en", "I hope this gives you a good starting point for your article!"),
    ("de", "Wenn du möchtest, kann ich noch eine Einleitung und ein Fazit ergänzen."),
    ("de", "Ich bin kein Arzt, aber hier sind einige allgemeine Hinweise."),
    ("de", "Bitte beachte, dass meine Daten nicht tagesaktuell sind."),
    ("fr", "Si vous le souhaitez, je peux aussi proposer un titre et une méta-description."),
    ("fr", "Je ne suis pas médecin, mais voici quelques informations générales."),
    ("es", "Si lo deseas, puedo redactar también una introducción y una conclusión."),
    ("es", "Ten en cuenta que mis datos tienen una fecha de corte y pueden no estar actualizados."),
    ("es", "No dudes en preguntarme si quieres más detalles."),
])
def test_the_assistant_speaking_of_itself_is_flagged(language, text):
    flags = ai_flags(language, text)
    assert len(flags) == 1 and flags[0].quote.strip(" .!:¡") == text.strip(" .!:¡")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I hope this guide helps you feel more confident about your first appointment."),
    ("en", "I can add a pinch of salt, but the recipe works without it."),
    ("de", "Ich bin keine Ärztin, aber ich kenne meinen Körper inzwischen sehr gut."),
    ("es", "Puedo caminar sin dolor desde la operación."),
])
def test_a_writers_closing_or_a_patients_words_are_not_a_chatbots(language, text):
    assert ai_flags(language, text) == []
