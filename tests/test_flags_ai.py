"""ai_leftover on real article text: the assistant speaking of itself to the one who asked
(an offer to write more, its own data, its hope that the answer helps, a disclaimer before
its answer), in four languages; a writer's own closing and a patient's words are no chatbot's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _host(path: Path) -> list[Block]:
    lines = (json.loads(path.read_text(encoding="utf-8"))["main_content"] if path.suffix == ".json"
             else path.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in lines.split("\n") if ln.strip()]


HOSTS = {"en": _host(CORPUS / "health-dev" / "readability-webmd-1.gold.json"),
         "de": _host(CORPUS / "bench" / "scrapinghub-57b4dafd18.gold.json"),
         "fr": _host(CORPUS / "wcxb-dev" / "wcxb-0608.gold.json"),
         "es": _host(ROOT / "bench" / "flagset" / "base" / "es-diabetes.txt")}


def ai_flags(language: str, extra: str) -> list:
    host = HOSTS[language]
    blocks = host[:3] + [Block("paragraph", extra)] + host[3:]
    return [f for f in detect(join_blocks(blocks), blocks, CFG, language) if f.kind == "ai_leftover"]


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
