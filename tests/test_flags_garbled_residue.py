"""garbled_text on export residue in real article text: a mojibake lead byte that lost its
continuation ("KäseÂ und"), and HTML character references left as text ("&nbsp;",
"&#8217;"); names, chemical formulas, an ampersand in prose and a page about HTML are not
damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascurate.config import load_config
from ascurate.model import Document
from ascurate.pipeline import curate_document

from .test_flags_garbled import CFG, garbled  # the same host articles and planting


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("de", "Milch, JoghurtÂ und Hartkäse liefern besonders viel Calcium.", "JoghurtÂ"),
    ("fr", "Prenez le sirop le soirÂ avant le coucher.", "soirÂ"),
    ("es", "Beba agua a lo largo del díaÂ aunque no tenga sed.", "díaÂ"),
    ("en", "Elderly people are most at riskÂ in a heatwave.", "riskÂ"),
])
def test_a_stray_lead_byte_glued_to_a_word_is_mojibake(language, sentence, quote):
    """A no-break space read as windows-1252 is "Â" and itself; once the space is normalised
    the capital Â stays glued to the lower-case word before it, which ftfy cannot undo and
    the lead-and-continuation test does not see."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.mojibake")]


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("fr", "Les enfants retournent Ã l'école dès que la fièvre est tombée.", "Ã"),
    ("es", "La dosis m\ufffdxima es de un comprimido cada ocho horas.", "m\ufffdxima"),
    ("en", "Wash the wound with clean water and cover it \ufffd then see a nurse.", "\ufffd"),
])
def test_a_lone_lead_byte_or_a_replacement_character_is_mojibake(language, sentence, quote):
    """"à" is two bytes, the second a no-break space: read as windows-1252 and the space
    normalised, a lone "Ã" stands where the word was; a byte that decoded to nothing is
    U+FFFD. Either way a character the reader needs is gone."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.mojibake")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "L'ÂGE DU PATIENT est noté en haut de la fiche, en majuscules."),  # capitals: a word in capitals
    ("es", "El centro colabora con la Universidad de SÃO PAULO desde 2019."),  # a name in capitals
    ("en", "The Ângela Ferreira clinic in Porto opened a new asthma service."),  # a capital that opens a name
])
def test_a_capital_lead_letter_that_opens_a_word_or_stands_in_capitals_is_no_mojibake(language, sentence):
    assert [f for f in garbled(language, sentence) if f.rule == "glue.mojibake"] == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Most people feel better within 2&ndash;3 days of starting treatment.", "2&ndash;3"),
    ("fr", "Demandez l&#8217;avis de votre pharmacien avant de prendre ce sirop.", "l&#8217;avis"),
    ("de", "Die Wirkung hält etwa 4&nbsp;Stunden an.", "4&nbsp;Stunden"),
    ("es", "La consulta abre los lunes &amp; los jueves por la tarde.", "&amp;"),
])
def test_an_html_character_reference_left_in_prose_is_garbled(language, sentence, quote):
    """Text escaped twice by an export shows its references: no reader should see "&nbsp;"."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.html-entity")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Johnson & Johnson and AT&T sponsor the R&D programme; both are named in the report."),
    ("en", "Write &copy; in your template; the browser shows the copyright sign: {{ footer }} uses it."),
])
def test_an_ampersand_in_prose_or_a_reference_in_code_is_not_html_residue(language, sentence):
    assert [f for f in garbled(language, sentence) if f.rule == "glue.html-entity"] == []


def test_a_plain_text_line_with_a_stray_lead_byte_stays_and_sends_the_page_to_review():
    """A short line that the text-line model would remove as furniture stays once the flag
    reads it as damage (flags/spare.py), and the page is not published clean."""
    page = "\n\n".join([
        "Calcium: wie viel brauchen wir?",
        "Calcium ist wichtig für Knochen und Zähne. Erwachsene brauchen etwa 1000 Milligramm am Tag, "
        "Jugendliche etwas mehr, und im Alter steigt der Bedarf wieder an.",
        "KäseÂ und Joghurt liefern viel Calcium.",
        "Vitamin D hilft dem Körper, Calcium aufzunehmen. Im Winter bildet die Haut oft zu wenig davon, "
        "sprechen Sie daher mit Ihrer Ärztin über einen Test.",
        "Wer keine Milch verträgt, kann auf angereicherte Pflanzendrinks, grünes Gemüse und "
        "calciumreiches Mineralwasser ausweichen.",
    ]) + "\n"
    art = curate_document(Document("calcium.txt", page, "text", "calcium"), load_config(Path("/nonexistent.toml")))
    assert art.status == "needs_review"
    assert [(f.quote, f.rule) for f in art.flags if f.kind == "garbled_text"] == [("KäseÂ", "glue.mojibake")]


GRIPE = ("Gripe: síntomas y tratamiento\n\n"
         "La gripe es una infección respiratoria causada por virus que circulan sobre todo en invierno. "
         "Los síntomas aparecen de golpe: fiebre alta, dolor muscular, cansancio y tos seca.\n\n"
         "La vacunaciÃ³n anual es la mejor forma de prevenirla, sobre todo en personas mayores de 65 años "
         "y en quienes tienen enfermedades crónicas.\n\n"
         "La mayoría de las personas se recupera en una semana con reposo, líquidos y paracetamol si hay "
         "fiebre. Consulte a su médico si tiene dificultad para respirar.\n")


def _curated(name: str, data: bytes, fmt: str = "text"):
    from ascurate.ingest import document_from_bytes

    (doc,) = document_from_bytes(name, data, fmt, CFG)
    return doc, curate_document(doc, CFG)


def test_a_mojibake_word_pasted_into_a_page_decoded_right_is_left_and_flagged():
    """One mis-decoded word among words whose accents read right is no encoding of the page:
    text pasted from a broken source. Repairing it on reading left an `info` note only and
    the page was published clean; left as it is, it is damage for an editor to see."""
    doc, art = _curated("gripe.txt", GRIPE.encode("utf-8"))
    assert doc.repaired == () and "vacunaciÃ³n" in doc.content
    assert art.status == "needs_review"
    assert [(f.quote, f.rule, f.severity) for f in art.flags if f.kind == "garbled_text"] == [
        ("vacunaciÃ³n", "glue.mojibake", "warning")]


def test_a_page_stored_mis_decoded_throughout_is_repaired_and_its_no_break_spaces_noted():
    """Every non-ASCII word mis-decoded: the page's encoding, repaired on reading with an
    `info` note. A no-break space mis-decoded ("Â" and the space) is part of its word, so
    the repair of "Milchprodukte\\xa0wie" is noted too, not made silently."""
    page = ("Calcium: wie viel brauchen wir?\n\nCalcium ist wichtig für Knochen und Zähne. Gute Quellen sind "
            "Milchprodukte\xa0wie Käse und Joghurt, aber auch grünes Gemüse.\n\nWer keine Milch verträgt, "
            "kann auf angereicherte Pflanzendrinks und calciumreiches Mineralwasser ausweichen.\n")
    saved = page.encode("utf-8").decode("cp1252", "replace").encode("utf-8")
    doc, art = _curated("calcium.txt", saved)
    assert "Milchprodukte\xa0wie" in doc.repaired and "Zähne" in doc.content
    assert art.status == "clean"


def test_mojibake_quoted_in_a_text_about_encodings_is_neither_repaired_nor_flagged():
    page = ("Character sets\n\nTwenty years ago, if you wanted to build a website with international text, you "
            "were in for pain. The default encoding was latin1, and UTF-8 support was a minefield. I lost count "
            "of how many times I saw \"Ã¤\" instead of \"ä\" because something somewhere had the wrong character "
            "set. Today the café down the road has a menu in Zürich German and nobody notices.\n\n"
            "Most of that pain is gone now, and the tools have caught up with the languages people write in.\n")
    doc, art = _curated("charsets.txt", page.encode("utf-8"))
    assert '"Ã¤"' in art.text
    assert [f for f in art.flags if f.kind == "garbled_text"] == []


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("en", "Take the capsules aftermeals with a full glass of water.", "aftermeals"),
    ("en", "Always take ibuprofen withmilk or a small snack.", "withmilk"),
    ("en", "Ask your pharmacist foradvice before buying cough medicine.", "foradvice"),
    ("de", "Die Tabletten werden mitetwas Wasser geschluckt.", "mitetwas"),
    ("es", "El jarabe se toma entrecomidas, nunca en ayunas.", "entrecomidas"),
])
def test_a_function_word_that_builds_no_words_glued_to_the_next_is_glue(language, sentence, quote):
    """"with", "for", "after", "mit", "entre" are function words, not prefixes: on the published
    pages no unknown word starts with one of them, where "on", "in", "über" and "sur" build
    words ("onboarded", "überaktiv"); so they no longer block the split as prefix heads do."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.split-word")]


@pytest.mark.parametrize(("language", "sentence", "quote"), [
    ("fr", "Pendant la fièvre, il faut boirebeaucoup et se reposer.", "boirebeaucoup"),
    ("es", "Se recomienda caminarmedia hora al día después de comer.", "caminarmedia"),
])
def test_two_common_words_closed_up_where_compounds_are_written_apart_are_glue(language, sentence, quote):
    """French and Spanish write compounds apart or hyphenated ("pomme de terre",
    "arco iris"): two common content words closed up into an unknown token are damage
    there, where English and German close compounds up ("raincover", "Blutzuckermessung"; English's
    compounds of care aside, `care_compounds`: "stomachpain" is glue)."""
    flags = garbled(language, sentence)
    assert [(f.quote, f.rule) for f in flags] == [(quote, "glue.split-word")]


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "Put the raincover on the pram before the walk to the clinic."),  # English closes compounds up (not those of care)
    ("de", "Die Blutzuckermessung gehört bei Diabetes zum Alltag."),
    ("fr", "Le portefeuille et le parapluie sont restés dans la salle d'attente."),  # closed words French knows
    ("es", "Lleve el paraguas y el sacacorchos en la maleta."),
])
def test_closed_compounds_of_a_language_that_writes_them_closed_or_knows_them_are_not_glue(language, sentence):
    assert [f for f in garbled(language, sentence) if f.rule == "glue.split-word"] == []
