"""The learned note scorer (flags/note_model.py, models/notes-v4.json): notes with no
address that the rule cannot read, in four languages, and reader-facing look-alikes it
must leave alone; the rule's flags stay on top; the shipped card is complete."""

from __future__ import annotations

import pytest

from ascurate import models
from ascurate.flags import detect, note_model
from ascurate.model import Block, join_blocks

from .test_flags_notes import CFG, flags_in

MODEL_RULE = f"editorial.{models.MODEL_VERSIONS['notes']}"


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Placeholder quote until the consultant approves the wording."),
    ("en", "Still waiting on the press office to confirm this figure."),
    ("de", "Platzhalter, das Zitat ist noch nicht freigegeben."),
    ("fr", "Citation en attente de validation par le médecin."),
    ("es", "¿Este párrafo sigue siendo correcto? Hay que confirmar la cifra con la fuente."),
])
def test_notes_with_no_address_are_flagged_by_the_model(lang, note):
    flags = flags_in(lang, note)
    assert [(f.kind, f.rule, f.quote) for f in flags] == [("editorial_note", MODEL_RULE, note)]
    assert flags[0].score >= note_model.load().threshold


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Need a good source of protein? Try beans, lentils and eggs."),
    ("en", "Not sure whether you need to see a doctor? Call your local pharmacy for advice."),
    ("en", "The first line of treatment is usually a statin, as the figure below shows."),
    ("de", "Sie sind nicht sicher, ob Sie zum Arzt müssen? Fragen Sie in Ihrer Apotheke."),
    ("fr", "Vous n'êtes pas sûr de devoir consulter ? Demandez conseil à votre pharmacien."),
    # a reader told to check their own figures
    ("en", "Check your blood sugar before each meal and write the figure down."),
    ("fr", "Vérifiez votre tension chaque matin et notez le chiffre."),
    ("es", "Compruebe su glucosa antes de cada comida y anote la cifra."),
])
def test_reader_questions_and_words_about_figures_are_not_notes(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


def test_the_rule_keeps_what_it_finds():
    """An addressed note is the rule's flag, whatever the model thinks of it."""
    flags = flags_in("en", "Priya: can you trim this paragraph to 80 words before we publish?")
    assert [f.rule for f in flags] == ["editorial.addressed-note"]


def test_words_of_the_copy_that_the_article_is_about_weigh_less():
    """On a page about photography, "photo" is the subject, not the copy: the same sentence
    scores lower where the article writes its words throughout."""
    sentence = "Is this photo caption still right?"
    lone = flags_in("en", sentence)
    assert [f.rule for f in lone] == [MODEL_RULE]
    blocks = [Block("paragraph", "Photo captions help readers. A good caption names who is in the photo and "
                                 "where it was taken; a photo caption can also credit the photographer."),
              Block("paragraph", sentence),
              Block("paragraph", "Keep each caption short, and check every photo credit before you share it.")]
    about = [f for f in detect(join_blocks(blocks), blocks, CFG, "en") if f.kind == "editorial_note"]
    assert about == []


@pytest.mark.parametrize(("lang", "note"), [
    ("fr", "Chiffre à revoir, il ne correspond pas à l'étude."),
    ("es", "Este porcentaje no cuadra con el informe, revisar."),
    ("de", "Prozentangabe bitte noch mal mit der Studie abgleichen."),
])
def test_a_check_of_a_figure_with_no_address_is_a_note(lang, note):
    """A request to check a number against its source, in no one's name (the scorer's, new in notes-v2:
    `checks`, `check_copy` and `infinitive` signals)."""
    assert [f.rule for f in flags_in(lang, note)] == [MODEL_RULE]


def test_an_email_address_is_no_mention():
    """"@Lektorat" addresses a colleague; "info@example.org" is a contact line."""
    from ascurate.flags import block_offsets
    from ascurate.flags.notes import units, words_for

    w = words_for(CFG, "de")
    at = note_model.FEATURES.index("mention")
    for text, mention in (("@Lektorat: Schreibweise des Wirkstoffs bitte vereinheitlichen.", 1.0),
                          ("Fragen zur Anmeldung bitte an info@example.org schicken.", 0.0)):
        blocks = [Block("paragraph", text)]
        rows = [u.features(text) for u in units(text, blocks, block_offsets(blocks), w)]
        assert [r[at] for r in rows if r] == [mention]


def test_lexicon_matches_words_starts_phrases_and_cased_entries():
    lex = note_model.Lexicons.of({"requests": ["can you", "please"], "editorial": ["paragraph*"],
                                  "you_formal": ["Sie"]})
    toks = ["Can", "you", "cut", "these", "paragraphs", "please", "Sie", "sie"]
    marks = lex.marks(toks, [t.lower() for t in toks])
    bits = {k: [i for i, m in enumerate(marks) if m & b] for k, b in lex.bit.items()}
    assert bits == {"requests": [0, 5], "editorial": [4], "you_formal": [6]}


def test_the_shipped_card_says_how_it_was_made():
    card = models.card("notes")
    assert list(card["features"]) == list(note_model.FEATURES)
    assert len(card["weights"]) == len(card["mean"]) == len(card["scale"]) == len(note_model.FEATURES)
    assert 0.5 < card["threshold"] < 1 and card["command"].startswith("python -m ascurate.models.train_notes")
    cv = card["cv"]
    assert cv["published_per_page"] <= cv["budget_per_page"] and cv["traps_flagged"].startswith("0/")
    assert "notes" in models.MODEL_VERSIONS


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "Happy to cut this section if we're short of space."),
    ("en", "I'd maybe move this paragraph up, it explains the rest."),
    ("de", "Die Tabelle oben ist noch vom letzten Jahr, bitte aktualisieren."),
    ("fr", "Je couperais bien ce passage, il répète l'intro."),
    ("es", "Creo que sobra este párrafo, repite lo de la entrada."),
])
def test_a_note_in_a_register_the_article_does_not_use_is_flagged(lang, note):
    """A person the article never speaks in ("I'd", "je"), a colleague's hedge
    ("happy to", "maybe", "creo") or a pointer at a place in the copy ("oben"):
    the scorer's register signals, with no address and no question."""
    assert [f.rule for f in flags_in(lang, note)] == [MODEL_RULE]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "As explained above, most people recover within a week."),
    ("en", "The table below shows the recommended amounts for children."),
    ("de", "Die Tabelle unten zeigt die empfohlenen Mengen für Kinder."),
    ("fr", "Le tableau ci-dessous indique les quantités recommandées pour les enfants."),
    ("es", "Como se explica más arriba, la mayoría se recupera en una semana."),
])
def test_text_that_points_readers_at_the_document_is_no_note(lang, text):
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


def _sentences() -> list[str]:
    """Every sentence of the health-dev articles' gold text, and lead-ins at the edges of the
    cheap test before `_LEAD` (a hyphen before a dash, a bracketed role, no separator)."""
    from ascurate.flags import sentences

    from .test_flags_view import _articles

    out = ["Sam- can you fix this:", "Sam- – can you", "Dr. Lee (editor): cut", "Priya:cut this", "Emma — can you",
           "Well-known fact, Emma?", "Legal team, are we OK?", "No separator at all.", "(Tariq — check)", "", " ,",
           " [Nadia: cut]", "<<Sam: check>>", "One Two Three Four: cut", "One Two Three Four Five: cut",
           "One Two Three Four -cut", "One Two Three Four - cut", "One Two Three Fo-ur - cut", "A B C D (ed): cut",
           "A B C D E (ed): cut", "Anna-Lena - cut", "A. B. C. D.: cut", "A ' B, cut", "Sam . : cut", "Ann  \t Lee—cut"]
    for blocks in _articles():
        out += [b.text[s:e] for b in blocks for s, e in sentences.spans(b.text)]
    return out


def test_the_cheap_tests_before_the_address_patterns_find_what_the_patterns_find():
    from ascurate.flags import notes

    def same(a, b) -> bool:
        return (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))

    for s in _sentences():
        assert same(notes._lead(s), notes._LEAD.match(s)), s
        assert same(notes._aside(s), notes._ASIDE.match(s)), s
        comma = s.rfind(",")
        assert same(notes._TRAIL.match(s, comma) if comma >= 0 else None, notes._TRAIL.search(s)), s


def test_the_lists_of_an_articles_vocabulary_are_those_of_each_word(monkeypatch):
    from collections import Counter

    from ascurate.flags import notes

    w = notes.words_for(CFG, "en")
    vocabulary = Counter(x for s in _sentences()[:3000] for x in s.split())
    plain = {t: m for t in vocabulary if (m := w.lexicon._lists_of(t))}
    assert plain and w.lexicon.marked(vocabulary.keys()) == plain
    fresh = note_model.Lexicons(w.lexicon.lists)
    monkeypatch.setattr(fresh, "MEMO", 50)  # a worker's memory of tokens, full: forgotten, looked up again
    assert fresh.marked(vocabulary.keys()) == plain == {t: fresh.word(t) for t in plain}


@pytest.mark.parametrize(("lang", "note"), [
    ("de", "Grafik kommt noch, bis dahin bitte den Kasten unten stehen lassen."),
    ("fr", "Encadré sur les effets secondaires encore à venir, en attente du pharmacien."),
    ("es", "Recuadro sobre efectos secundarios todavía pendiente, hasta que conteste la farmacéutica."),
])
def test_a_part_of_the_document_still_to_come_is_a_note(lang, note):
    """A part of the document the article does not otherwise name ("Kasten", "encadré") with
    the text unfinished ("noch", "encore", "todavía"): notes-v4's about-the-text signals (notes-v3
    flagged none of these)."""
    assert [f.rule for f in flags_in(lang, note)] == [MODEL_RULE]


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Den Rasen im Herbst vertikutieren, Laub entfernen und die Beete mulchen, sobald es kälter wird."),
    ("en", "Check the label before you buy, and keep the receipt until the guarantee runs out."),
    ("fr", "Vérifier la pression des pneus chaque mois et garder la notice jusqu'à la prochaine révision."),
])
def test_instructions_about_things_that_are_not_the_text_are_no_notes(lang, text):
    """Infinitives, check words and "until" about a lawn, a receipt or tyres: a verb of
    acting on the copy ("prüfen", "check") names no text."""
    assert [f for f in flags_in(lang, text) if f.kind == "editorial_note"] == []


def test_the_scorer_completes_a_row_only_where_it_can_reach_the_threshold():
    """`note_model.probability` bounds the features read against the rest of the article
    before computing them: on real articles, with notes the model flags set in them, it gives
    the complete row's probability wherever that reaches the threshold, and None only below it."""
    from ascurate.flags import notes
    from ascurate.flags.view import block_offsets

    from .test_flags_view import _articles

    model = note_model.load()
    w = notes.words_for(CFG, "en")
    planted = ["Placeholder quote until the consultant approves the wording.",
               "Still waiting on the press office to confirm this figure.", "Is this photo caption still right?"]
    reached = bounded = 0
    for blocks in _articles():
        blocks = blocks + [Block("paragraph", p) for p in planted]
        text = join_blocks(blocks)
        for u in notes.units(text, blocks, block_offsets(blocks), w):
            x = u.features(text)
            if x is None:
                continue
            full, p = model.probability(x), u.probability(text, model)
            if full >= model.threshold:
                assert p == full, text[u.start:u.end]
                reached += 1
            else:
                assert p is None or p == full, text[u.start:u.end]
                bounded += p is None
    assert reached >= len(planted) and bounded > 300
