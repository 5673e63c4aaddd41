"""off_topic's `advice` measurement (`[[advice]]` in rules/shapes.toml): whether a short
passage gives the reader advice, in the four languages, and what the short-passage model
makes of it (a health page's own digressions in everyday words advise the reader)."""

from __future__ import annotations

import pytest

from ascurate.config import load_config
from ascurate.flags import lexicon, topic

FILES = lexicon.files(load_config("/nonexistent/ascurate.toml"))

ADVICE = [
    ("en", "Brush the dog outdoors so that less dander stays in the house."),
    ("en", "Napping for more than half an hour during the day can make it harder to sleep at night."),
    ("en", "A short walk after dinner will help you sleep."),
    ("de", "Trinken Sie über den Tag verteilt genug Wasser."),
    ("de", "Wer viel sitzt, sollte regelmäßig aufstehen."),
    ("fr", "En cas de canicule, fermez les volets en journée."),
    ("fr", "Il faut boire souvent, même sans soif."),
    ("es", "Cambia los refrescos por agua en las comidas."),
    ("es", "Nadar o montar en bicicleta son buenas opciones para las articulaciones."),
    ("es", "Conviene acostarse siempre a la misma hora."),
]
STATEMENTS = [
    ("en", "The vintage car rally leaves the market square at nine and ends at the harbour by noon."),
    ("en", "Roadworks on the ring road start on Monday and last three weeks."),
    ("de", "Die Regionalbahn fährt wegen Bauarbeiten im Juni nur im Stundentakt."),
    ("de", "Sie fährt jeden Morgen mit dem Rad zur Arbeit."),  # "Sie" opening a sentence: she
    ("fr", "La fête du village se terminera par un feu d'artifice tiré depuis le stade."),
    ("es", "La feria del libro abre sus casetas el sábado en el parque."),
    ("es", "Durante las obras, la biblioteca abre solo por las mañanas."),
]


@pytest.mark.parametrize(("language", "text"), ADVICE)
def test_advice_to_the_reader_is_told_by_its_grammar(language: str, text: str) -> None:
    assert topic._advice(FILES, language, text) == 1.0


@pytest.mark.parametrize(("language", "text"), STATEMENTS)
def test_a_statement_about_something_gives_no_advice(language: str, text: str) -> None:
    assert topic._advice(FILES, language, text) == 0.0


def test_the_short_passage_model_weighs_advice_and_nearness_to_health_against_a_flag() -> None:
    """The shipped short-passage model reads advice, the care lift and the neighbours'
    share, and each lowers its probability: on the same passage, advice to the reader
    makes it less likely a passage from elsewhere."""
    model = topic.load_short()
    assert model is not None and model.version == "topic-short-v2"
    weights = dict(zip(topic.SHORT_FEATURES, model.weights, strict=True))
    assert weights["advice"] < 0 and weights["lift"] < 0 and weights["near"] < 0
    x = list(model.mean)
    at = topic.SHORT_FEATURES.index("advice")
    x[at] = 0.0
    plain = model.probability(x)
    x[at] = 1.0
    assert model.probability(x) < plain
