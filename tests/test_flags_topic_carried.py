"""off_topic's care lift in German, French and Spanish: the English table carried over
through bilingual dictionaries (`care-lift-v2`, `models/train_care_lift.py`), so a line on
a neighbouring subject of care that names none of the `[[care_neighbours]]` word starts
(weight, physical activity, risk, the body's defences) still talks of health, while a line
on money or a flea market does not."""

from __future__ import annotations

import dataclasses
import gzip

import pytest

from ascurate.config import load_config
from ascurate.flags import lexicon
from ascurate.flags.topic import _lower_words, _talks_of_care
from ascurate.models import card
from ascurate.models.train_care_lift import _B64, carried, entries

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)


def talks_of_care(lang: str, text: str) -> bool:
    return _talks_of_care(_lower_words(text), 0, lang, FILES)


def test_the_shipped_table_carries_english_lifts_to_german_french_and_spanish():
    found = card("care-lift")
    assert set(found["carried"]) == {"de", "fr", "es"}
    lifts = found["lifts"]
    assert lifts["fr"]["sommei"] > 1.0 and lifts["es"]["dieta"] > 1.0 and lifts["de"]["ernähr"] > 0.5
    assert lifts["de"].get("zinsen", 0.0) < lifts["de"]["ernähr"]


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El exceso de peso y la falta de actividad física aumentan el riesgo."),
    ("fr", "Le manque d'activité physique et le poids en excès augmentent le risque."),
    ("de", "Eine ausgewogene Kost mit viel Obst und Gemüse stärkt die Abwehrkräfte."),
    ("es", "Una dieta equilibrada y beber agua a menudo refuerzan las defensas del cuerpo."),
])
def test_a_line_on_health_in_words_no_list_names_talks_of_health(lang, text):
    assert talks_of_care(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Bauzinsen sind den dritten Monat in Folge gesunken."),
    ("fr", "Le marché aux puces se tiendra dimanche sur la place de l'église."),
])
def test_a_line_on_another_subject_does_not(lang, text):
    assert not talks_of_care(lang, text)


def _dictd(path, entries_: list[tuple[str, str]]) -> None:
    """A dictd dictionary (`.index` and `.dict.dz`) of these (headword, entry text) pairs."""
    def b64(n: int) -> str:
        out = ""
        while True:
            out = _B64[n % 64] + out
            n //= 64
            if not n:
                return out
    data, index = b"", []
    for head, body in entries_:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    path.with_name(path.name + ".index").write_text("\n".join(index) + "\n", encoding="utf-8")
    path.with_name(path.name + ".dict.dz").write_bytes(gzip.compress(data))


def test_the_trainer_carries_a_lift_through_both_dictionaries_and_cognates(tmp_path):
    _dictd(tmp_path / "freedict-deu-eng", [
        ("Schlaf", "Schlaf /ʃlaːf/ <masc, n, sg>\nsleep, somnus\n see: {Schlafe}\n"),
        ("Zinsen", "Zinsen /ˈtsɪnzən/ <pl>\n1. interest\n2. [fin.] rate charged by a lender for money\n"),
    ])
    _dictd(tmp_path / "freedict-eng-deu", [("garden", "garden /ɡˈɑːdən/\nGarten <masc>\n")])
    assert dict(entries(tmp_path / "freedict-deu-eng"))["Zinsen"] == ["interest", "rate charged by a lender for money"]
    lifts = carried("de", {"sleep": 1.45, "somnus": 0.0, "garden": 0.58, "intere": 0.1, "vitami": 1.2}, tmp_path)
    # "sleep" is the common translation: "somnus" (rare in English) hardly pulls it down
    assert 1.3 < lifts["schlaf"] <= 1.45
    assert lifts["garten"] == 0.58  # read from the English-German dictionary
    assert lifts["zinsen"] == 0.1  # the explanation of five words is no translation
    assert lifts["vitami"] == 1.2  # "Vitamine", in no dictionary here: a cognate of an English stem
