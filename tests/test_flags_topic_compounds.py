"""off_topic reads a German compound by its parts: its care lift is at least its head's
("Zusatzversicherung" is an insurance, as "Versicherung" lifts), and a part opening with a
neighbour of care's start is that neighbour's word ("Mittagsschlaf": "schlaf"); a particle
verb ("überschritten") is no compound. A paragraph naming a form of medicine is not weighed,
as a sentence naming one is not. Texts written for these tests."""

from __future__ import annotations

import dataclasses

from ascurate.config import load_config
from ascurate.flags import detect, lexicon
from ascurate.flags.topic import (
    SHORT_SENTENCE_LIFT,
    _care_measures,
    _closed_compounds,
    _lower_words,
    _tails,
    _talks_of_care,
)
from ascurate.model import Block, join_blocks

CFG = dataclasses.replace(load_config("/nonexistent/ascurate.toml"), languages=("en", "de", "fr", "es"))
FILES = lexicon.files(CFG)

INSURANCE = "Eine private Zahnzusatzversicherung übernimmt oft einen Teil der Kosten für neue Kronen."
NAP = "Ein kurzer Mittagsschlaf von zwanzig Minuten macht viele Menschen am Nachmittag wacher."


def test_a_compound_is_read_by_its_head_and_a_particle_verb_is_not_split():
    particles = _closed_compounds(FILES, "de")
    assert particles is not None and "über" in particles
    assert _tails("zusatzversicherung", "de", particles)[0] == "versicherung"
    assert "schlaf" in _tails("mittagsschlaf", "de", particles)
    assert not any(t.startswith("schritt") for t in _tails("überschritten", "de", particles))
    assert _closed_compounds(FILES, "fr") is None  # French writes its compounds apart


def test_an_insurance_compound_lifts_as_insurance_and_a_nap_is_a_neighbour_of_care():
    lift, _ = _care_measures(_lower_words(INSURANCE), "de", FILES)
    assert lift > SHORT_SENTENCE_LIFT
    assert _talks_of_care(_lower_words(NAP), 0, "de", FILES)


ZAHNFLEISCH = [
    Block("heading", "Parodontitis: wenn das Zahnfleisch blutet", 2),
    Block("paragraph", "Parodontitis ist eine chronische Entzündung des Zahnhalteapparats. Sie beginnt meist mit "
                       "einer Zahnfleischentzündung, die Bakterien im Zahnbelag auslösen, und bleibt lange schmerzfrei."),
    Block("paragraph", "Typische Anzeichen sind Zahnfleischbluten beim Putzen, Mundgeruch und freiliegende Zahnhälse. "
                       "Ohne Behandlung lockern sich die Zähne, weil der Kieferknochen zurückgeht."),
    Block("paragraph", "Die Zahnärztin entfernt bei der Behandlung die Beläge unter dem Zahnfleisch und glättet die "
                       f"Wurzeln. {INSURANCE} Danach folgen Kontrollen alle drei bis sechs Monate."),
    Block("paragraph", "Rauchen und ein schlecht eingestellter Diabetes erhöhen das Risiko deutlich. Wer gründlich "
                       "putzt und Zahnseide benutzt, beugt einer Parodontitis am besten vor."),
]


def test_an_insurance_line_on_a_german_health_page_is_not_off_topic():
    text = join_blocks(ZAHNFLEISCH)
    assert [f.quote for f in detect(text, ZAHNFLEISCH, CFG, "de") if f.kind == "off_topic"] == []


CARER = ("Twice a week, after her shift at the bakery, Lena drives across town to her grandfather's flat, cooks him "
         "supper, tidies the kitchen and checks that he has swallowed his pills before she heads home.")
HEART = [
    Block("heading", "Living with heart failure", 2),
    Block("paragraph", "Heart failure means the heart muscle cannot pump blood around the body as well as it should. "
                       "It is a long-term condition that usually gets slowly worse, although treatment keeps many "
                       "people well for years."),
    Block("paragraph", "The main symptoms are breathlessness, tiredness and swollen ankles, and some people wake at "
                       "night short of breath."),
    Block("paragraph", CARER),
    Block("paragraph", "Treatment usually combines medicines that ease the strain on the heart, such as ACE inhibitors "
                       "and beta blockers, with diuretics that clear excess fluid. A specialist nurse reviews the doses."),
    Block("paragraph", "Your doctor may suggest a heart rehabilitation programme of gentle exercise and advice. Call "
                       "your GP or the heart failure team if your symptoms get worse or your weight rises suddenly."),
]


def test_a_paragraph_naming_a_form_of_medicine_is_a_patients_or_carers_day_not_off_topic():
    """As a sentence naming tablets or pills is never weighed, nor is a paragraph: a carer's
    day told in everyday words names the pills, not the treatment."""
    text = join_blocks(HEART)
    assert [f.quote for f in detect(text, HEART, CFG, "en") if f.kind == "off_topic"] == []
