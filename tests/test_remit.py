"""A site speaking of its own pages (clean/remit.py): disclaimers by their word classes,
in four languages, and the referral line beside them; the article's own advice, which
reads alike, stays."""

from __future__ import annotations

import pytest

from ascurate.clean import clean
from ascurate.config import load_config
from ascurate.model import Block

from .corpus_pages import CORPUS

CFG = load_config("/nonexistent/ascurate.toml")
LATER = ("Exercise such as walking, swimming or yoga strengthens the muscles that support the spine and "
         "makes a new episode of pain less likely in the following year.")
ARTICLE = ("Most people with back pain get better within a few weeks by staying active, taking simple pain relief "
           "and avoiding long periods of bed rest, and only a few need a scan or a specialist.")

DISCLAIMERS = [  # wordings no other rule lists (tuned families of bench/furnitureset)
    "Unsere Texte ersetzen keine ärztliche Untersuchung.",
    "Die Inhalte dieser Seite wurden sorgfältig recherchiert, stellen jedoch keine medizinische Beratung dar.",
    "The material here is written for general education and may not suit your circumstances.",
    "We publish this guide to help you prepare for appointments, not to diagnose or treat anything.",
    "Les auteurs et l'éditeur ne peuvent être tenus responsables des conséquences d'une automédication fondée sur ces pages.",
    "Information donnée à titre indicatif seulement.",
    "La información de HealthPlus se ofrece con carácter general y no pretende reemplazar la relación con su médico.",
    "Contenido únicamente informativo.",
    # the risk left to the reader, liability declined by a verb, the site's pages named by a possessive
    "You use the information in these pages at your own risk.",
    "Die Nutzung der Informationen auf DocAnswers erfolgt auf eigene Verantwortung.",
    "Eine Haftung für die Inhalte dieser Seite ist ausgeschlossen.",
    "DocAnswers décline toute responsabilité quant à l'usage qui pourrait être fait des informations publiées sur ses pages.",
    "MediGuide no se hace responsable del uso que los lectores hagan de la información publicada en sus páginas.",
    "Unsere Artikel wollen aufklären, nicht behandeln.",
]

LOOK_ALIKES = [  # the article's advice, and real articles' sentences naming their own page
    "This information cannot tell you whether your own mole is harmless, so show any mole that changes shape "
    "or colour to your GP within two weeks.",
    "Eine Tabelle im Internet kann nicht sagen, ob Ihr Blutdruck behandelt werden muss; das entscheidet Ihre Ärztin.",
    "Aucun test en ligne ne peut confirmer une allergie : seul un allergologue peut poser le diagnostic.",
    "Estos remedios caseros no sustituyen la consulta si el dolor aparece con rigidez de cuello.",
    "This page gives general information about asthma and its treatment.",
    "This guide can't guarantee protection from all types of cyber attack, but the steps below reduce the risk.",
    "Code is a liability, not an asset, as this post from Jeff argues.",
    "If you need to replace the original values in your feed, check out this guide on fixing common errors.",
    "This piece of advice can be difficult for many people, but I cannot stress enough how important it is.",
    "The patient and their doctor share responsibility for the decision, and their own risk factors matter.",
    "Les patients prennent leurs traitements à leurs propres risques lorsqu'ils ne suivent pas les conseils.",
    "Sus pacientes asumen su propio riesgo cuando abandonan el tratamiento antes de tiempo.",
    "Die Krankenkasse lehnt die Kostenübernahme für diese Behandlung oft ab, wenn kein Attest vorliegt.",
]


@pytest.mark.parametrize("text", DISCLAIMERS)
def test_a_disclaimer_in_wordings_no_rule_lists_goes_by_what_it_does(text):
    res = clean([Block("paragraph", ARTICLE), Block("paragraph", text)], CFG)
    assert [b.text for b in res.blocks] == [ARTICLE]
    assert [r.reason for r in res.removed] == ["furniture.site-remit"]
    assert text in res.metadata["disclaimer"]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_the_article_s_own_advice_and_a_page_naming_itself_stay(text):
    res = clean([Block("paragraph", ARTICLE), Block("paragraph", text)], CFG)
    assert res.removed == [] and [b.text for b in res.blocks] == [ARTICLE, text]


def test_a_disclaimer_sentence_ending_a_real_paragraph_is_cut_and_the_paragraph_kept():
    text = f"{ARTICLE} Dieser Beitrag dient ausschließlich Ihrer Information und ist kein Ersatz für einen Arztbesuch."
    res = clean([Block("paragraph", text)], CFG)
    assert [b.text for b in res.blocks] == [ARTICLE]
    assert [(r.reason, r.start) for r in res.removed] == [("furniture.site-remit", len(ARTICLE) + 1)]


def test_a_referral_line_goes_only_beside_the_disclaimer_it_closes():
    referral = "Ask a pharmacist or doctor before you start, stop or combine any medicine."
    boxed = clean([Block("paragraph", ARTICLE), Block("paragraph", DISCLAIMERS[2]), Block("paragraph", referral),
                   Block("paragraph", "In an emergency, phone the emergency services rather than searching your symptoms online."),
                   Block("paragraph", LATER)], CFG)
    assert [b.text for b in boxed.blocks] == [ARTICLE, LATER]
    assert [r.detail for r in boxed.removed if r.block in (2, 3)] == ["beside the site's disclaimer"] * 2
    alone = clean([Block("paragraph", ARTICLE), Block("paragraph", referral), Block("paragraph", LATER)], CFG)
    assert alone.removed == []


def test_a_planted_disclaimer_box_goes_from_a_real_html_page_and_the_article_stays():
    """health-dev wcxb-0027 with a German disclaimer box (two paragraphs under class names
    that say nothing) after its last paragraph: both lines go, the gold's sentences stay."""
    from ascurate.pipeline import curate_document

    from .corpus_pages import document, fold

    doc, g = document("health-dev", "wcxb-0027")
    end = "You will still receive the benefits of meditation.</p>"
    assert end in doc.content
    box = ['Die Informationen auf dieser Seite dienen der allgemeinen Aufklärung und passen nicht auf jeden Einzelfall.',
           "Bitte sprechen Sie mit Ihrer Ärztin oder Ihrem Arzt, bevor Sie etwas an Ihrer Behandlung ändern."]
    doc.content = doc.content.replace(end, end + '<div class="k3v"><p>' + "</p><p>".join(box) + "</p></div>", 1)
    art = curate_document(doc, CFG)
    assert not any(fold(t) in fold(art.text) for t in box)
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_a_sentence_that_continues_a_disclaimer_in_its_paragraph_goes_with_it():
    """"CareNotes makes no warranty …" names no publication, so no rule reads it alone; right
    after the disclaimer sentence cut from its paragraph it is the same act and goes too; a
    referral in the imperative closes a disclaimer the same way. The article's sentences
    beside a disclaimer, and a warranty sentence away from one, stay."""
    for rest in ("CareNotes makes no warranty that it is complete or current for your situation.",
                 "Consultez un professionnel de santé avant de prendre toute décision."):
        text = f"{DISCLAIMERS[8]} {rest}"
        res = clean([Block("paragraph", ARTICLE), Block("paragraph", text)], CFG)
        assert [b.text for b in res.blocks] == [ARTICLE], rest
        assert [r.detail for r in res.removed][-1] == "continues the disclaimer beside it"
        assert rest in res.metadata["disclaimer"]
    mixed = f"{LATER} {DISCLAIMERS[8]} Swimming is gentle on the joints and can be done all year."
    res = clean([Block("paragraph", mixed)], CFG)
    assert [b.text for b in res.blocks] == [f"{LATER} Swimming is gentle on the joints and can be done all year."]
    apart = "The manufacturer gives no warranty for the device once it has been opened and used."
    res = clean([Block("paragraph", ARTICLE), Block("paragraph", apart)], CFG)
    assert res.removed == []


def test_the_publication_gate_decides_every_sentence_as_the_alternatives_alone_do():
    """The site-remit pattern looks for a publication noun once before its alternatives,
    each of which names the publication: a speed gate that must decide every sentence as
    the alternatives alone do, on the disclaimers, the look-alikes and every sentence of
    the health corpora's gold texts (and it must find the disclaimers)."""
    import json
    import re

    from ascurate import rulebook
    from ascurate.clean import remit
    from ascurate.clean.rules import sentences

    paths = rulebook.rule_paths(CFG)
    gated = remit.rules(paths)[0].pattern
    tables = rulebook.tables(paths, remit.SECTION)
    plain = re.compile(r"^(?:" + "|".join(remit._language(t)[0] for t in tables.values()) + r")", re.I | re.S | re.U)
    texts = [*DISCLAIMERS, *LOOK_ALIKES]
    for gold in sorted(path for name in ("seeds", "health-dev", "bench") for path in (CORPUS / name).glob("*.gold.json")):
        text = json.loads(gold.read_text(encoding="utf-8")).get("main_content") or ""
        texts += [line[s:e] for line in text.split("\n") for s, e in sentences(line)]
    assert len(texts) > 5000
    assert [bool(gated.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert all(gated.search(d) for d in DISCLAIMERS)
