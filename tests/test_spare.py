"""A leftover on a line of its own stays for the editor when a cleaning model would remove it
(flags/spare.py), on a real article's text."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ascurate.clean import clean, textlines
from ascurate.config import load_config
from ascurate.extract import extract_text
from ascurate.flags import spare
from ascurate.model import Block, Document
from ascurate.pipeline import curate_document

from .corpus_pages import CORPUS, host_blocks

CFG = load_config(Path("/nonexistent/ascurate.toml"))
ES_HOST = Path(__file__).resolve().parents[1] / "bench" / "flagset" / "base" / "es-diabetes.txt"
FR_HOST = ES_HOST.parent / "fr-varicelle.txt"
HOST = CORPUS / "health-dev" / "readability-medicalnewstoday.gold.json"
AI_LINE = "I am an AI assistant, so please consult a healthcare professional."
NOTE_LINE = "Sophie, I think this para repeats the intro; OK to cut?"


def _model_cuts(blocks: list[Block]) -> dict[str, str]:
    """The lines the text-line model takes, read alone: what the spare step is there to undo
    (`clean` itself keeps a lone line written as the article writes, `textlines.lone_lines`)."""
    return {blocks[i].text: textlines.RULE for i in textlines.judge(blocks)}


def _scrape() -> str:
    """The article saved as text, the way the seeds are: a share row on top, a note and a
    chatbot's line among the paragraphs, a feedback widget at the end."""
    paras = [b.text for b in host_blocks(HOST)][:12]
    lines = ["The 'a-ha!' moment", "", "Share this article", "Facebook", "Twitter", "Email", ""]
    for i, p in enumerate(paras):
        lines += [p, ""]
        lines += [NOTE_LINE, ""] if i == 4 else []
        lines += [AI_LINE, ""] if i == 8 else []
    return "\n".join(lines + ["Was this page helpful?", "Yes", "No"])


def test_the_text_line_model_alone_removes_the_chatbot_line() -> None:
    ex = extract_text(_scrape())
    cut = _model_cuts(ex.blocks)
    assert cut.get(AI_LINE) == "model.textlines"  # what the spare step is there to undo


def test_a_leftover_the_model_would_remove_stays_and_is_flagged() -> None:
    art = curate_document(Document("page.txt", _scrape(), "text", "0" * 64), CFG)
    assert AI_LINE in art.text and NOTE_LINE in art.text
    assert any(f.kind == "ai_leftover" and AI_LINE.startswith(f.quote[:20]) for f in art.flags)
    assert art.status == "needs_review"
    assert {"rule": "model.textlines", "text": AI_LINE} in [
        {k: s[k] for k in ("rule", "text")} for s in art.metadata["spared"]]
    removed = {r.text for r in art.removed}
    assert {"Yes", "No", "Facebook"} <= removed  # furniture the model or rules take still goes
    assert AI_LINE not in removed


def test_clean_spares_what_its_caller_names_among_any_models_removals() -> None:
    """`clean(spare=)` reads the boilerplate model's removals as it reads the text-line
    model's (the pipeline passes it for plain text only: see flags/spare.py)."""
    host = host_blocks(HOST)[:6]
    blocks = [*host[:3], Block("paragraph", "Note to Andrés: this figure is from 2018, do we have a newer one?"),
              Block("paragraph", "Get the best of our stories delivered daily"), *host[3:]]
    drops = {3: 0.2, 4: 0.1}
    without = clean(blocks, CFG, model_drops=drops)
    with_spare = clean(blocks, CFG, model_drops=drops, spare=partial(spare.leftovers, cfg=CFG))
    assert [r.reason for r in without.removed if r.block == 3] == ["model.boilerplate"]
    assert blocks[3].text in [b.text for b in with_spare.blocks]
    assert [b.text for b in with_spare.blocks].index(blocks[3].text) == 3  # in its place
    assert [r.text for r in with_spare.removed] == [blocks[4].text]
    assert with_spare.metadata["spared"][0]["rule"] == "model.boilerplate"


def test_only_kinds_that_need_no_context_keep_a_line() -> None:
    """In the page's language: a Spanish note on a Spanish page (the kept blocks say which)."""
    host = [Block("paragraph", ln) for ln in (ES_HOST).read_text(encoding="utf-8").split("\n") if ln]
    lines = [Block("paragraph", t) for t in (
        "Yo lo tengo desde hace años y mi médico nunca me escuchó.",  # a reader's comment: first person
        "Read the full story in our weekly newsletter.",  # a widget in English on any page
        "Nota para Andrés: este dato es de 2018, ¿tenemos uno más reciente?",
        "Se recomienda tomar entre y miligramos al día.",
    )]
    # after the article, each beside another removed line: none stands alone among kept prose
    n = len(host)
    assert spare.leftovers(list(enumerate(lines, n)), list(enumerate(host)), CFG) == {2, 3}



def test_words_doubled_from_a_lower_case_start_keep_their_line_a_name_or_label_does_not() -> None:
    """Doubled text on a line the model takes: words doubled from a lower-case start are the
    article's, typed twice, and stay for the editor; a card's name and title ("Ilhan Omar
    Ilhan Omar") or a button's label pasted beside itself opens on a capital and goes."""
    host = [Block("paragraph", ln) for ln in (ES_HOST).read_text(encoding="utf-8").split("\n") if ln]
    lines = [Block("paragraph", t) for t in (
        "Read more Read more",  # a button's label pasted beside itself
        "Marta Gómez Marta Gómez",  # a card's caption and its title
        "dolor de rodilla dolor de rodilla",  # the article's words typed twice
        "la varicelala varicela",
    )]
    n = len(host)
    assert spare.leftovers(list(enumerate(lines, n)), list(enumerate(host)), CFG) == {2, 3}


ASIDE = "My GP never once mentioned that this could happen to me."
FOREIGN = "Die Tabletten sollten unzerkaut mit einem Glas Wasser eingenommen werden."
LEAD = "Quelques conseils pour mieux dormir :"


def _asides_scrape() -> str:
    """The article saved as text with a first-person aside and a German sentence, each a
    line of its own between two of its paragraphs, and a reader's comment under it."""
    paras = [b.text for b in host_blocks(HOST)][:12]
    lines = ["The 'a-ha!' moment", ""]
    for i, p in enumerate(paras):
        lines += [p, ""]
        lines += [ASIDE, ""] if i == 3 else []
        lines += [FOREIGN, ""] if i == 7 else []
    return "\n".join(lines + ["2 Comments", "", "Jenny R.", "3 days ago",
                              "I had the same thing for years and nobody listened to me.", "Reply"])


def test_the_text_line_model_alone_removes_the_lone_asides() -> None:
    ex = extract_text(_asides_scrape())
    cut = _model_cuts(ex.blocks)
    assert cut.get(ASIDE) == cut.get(FOREIGN) == "model.textlines"  # what `asides` is there to undo


def test_a_lone_aside_among_kept_prose_stays_and_is_flagged_a_comment_goes() -> None:
    art = curate_document(Document("page.txt", _asides_scrape(), "text", "1" * 64), CFG)
    assert ASIDE in art.text and FOREIGN in art.text
    kinds = {f.kind for f in art.flags if f.severity != "info"}
    assert {"mixed_voice", "foreign_text"} <= kinds
    assert art.status == "needs_review"
    assert "I had the same thing for years and nobody listened to me." not in art.text  # a thread's part


def _french_scrape() -> str:
    """A French article saved as text, a list lead-in whose list was lost standing alone
    between two paragraphs, a share row above and a feedback widget below."""
    paras = [ln for ln in FR_HOST.read_text(encoding="utf-8").split("\n") if ln.strip()]
    lines = ["Partager : Facebook | X | E-mail", ""]
    for i, p in enumerate(paras):
        lines += [p, ""]
        lines += [LEAD, ""] if i == 2 else []
    return "\n".join(lines + ["Cet article vous a-t-il été utile ?", "Oui", "Non"])


def test_a_lone_lead_in_whose_list_is_gone_stays_and_is_flagged() -> None:
    ex = extract_text(_french_scrape())
    cut = _model_cuts(ex.blocks)
    assert cut.get(LEAD) == "model.textlines"
    art = curate_document(Document("page.txt", _french_scrape(), "text", "2" * 64), CFG)
    assert LEAD in art.text
    assert any(f.kind == "dangling_list" and f.quote.startswith("Quelques conseils") for f in art.flags)
    assert "Oui" not in art.text.split("\n")


def _french_scrape_by(widget: str, lead_first: bool) -> str:
    """The French article with a widget line the text-line model removes and the lost
    list's lead-in beside it: after the widget (`lead_first` false) or before it."""
    paras = [ln for ln in FR_HOST.read_text(encoding="utf-8").split("\n") if ln.strip()]
    pair = [LEAD, "", widget, ""] if lead_first else [widget, "", LEAD, ""]
    lines = ["Partager : Facebook | X | E-mail", ""]
    for i, p in enumerate(paras):
        lines += [p, ""]
        lines += pair if i == 2 else []
    return "\n".join(lines + ["Cet article vous a-t-il été utile ?", "Oui", "Non"])


def test_a_lead_in_after_a_removed_widget_stays_one_before_it_goes() -> None:
    """A lead-in's company is what follows it: a widget the model removes above it does not
    hide it, a widget below it (the lead-in then reads as the widget's own) does."""
    widget = "Écouter cet article"
    after = _french_scrape_by(widget, lead_first=False)
    ex = extract_text(after)
    cut = _model_cuts(ex.blocks)
    assert cut.get(LEAD) == cut.get(widget) == "model.textlines"
    art = curate_document(Document("page.txt", after, "text", "3" * 64), CFG)
    assert LEAD in art.text and widget not in art.text
    assert any(f.kind == "dangling_list" and f.quote.startswith("Quelques conseils") for f in art.flags)
    before = curate_document(Document("page.txt", _french_scrape_by(widget, lead_first=True), "text", "4" * 64), CFG)
    assert LEAD not in before.text and widget not in before.text


CUT_SHORT = "Les signes qui doivent alerter sont"


def test_a_lone_lead_in_cut_short_on_a_function_word_stays_and_is_flagged() -> None:
    """A lead-in without its colon, stopping on a copula where its list should follow, is read
    with the article as a colon's lead-in is: the model takes it, the article's dangling_list
    flags it, and it stays for the editor."""
    page = _french_scrape().replace(LEAD, CUT_SHORT)
    ex = extract_text(page)
    cut = _model_cuts(ex.blocks)
    assert cut.get(CUT_SHORT) == "model.textlines"
    art = curate_document(Document("page.txt", page, "text", "5" * 64), CFG)
    assert CUT_SHORT in art.text
    assert any(f.kind == "dangling_list" and f.quote.startswith("Les signes") for f in art.flags)
    assert art.status == "needs_review"
    assert "Oui" not in art.text.split("\n")


EDGE_FOREIGN = "Bei Kindern unter zwölf Jahren nur nach Rücksprache mit dem Arzt anwenden."
EDGE_WIDGET = "Recevez chaque semaine nos conseils santé dans votre boîte mail."


def _french_scrape_edge(line: str) -> str:
    """The French article with `line` right after its third paragraph and an audio player
    under it: the line stands at the edge of the article's prose, a widget on its other side."""
    paras = [ln for ln in FR_HOST.read_text(encoding="utf-8").split("\n") if ln.strip()]
    lines = ["Partager : Facebook | X | E-mail", ""]
    for i, p in enumerate(paras):
        lines += [p, ""]
        lines += [line, "", "Écouter", "", "▶ 0:00 / 3:21", "", "Vitesse 1x", ""] if i == 2 else []
    return "\n".join(lines + ["Cet article vous a-t-il été utile ?", "Oui", "Non"])


def test_a_sentence_at_the_edge_of_the_prose_is_read_for_the_articles_language() -> None:
    """A German sentence between a French paragraph and a player the model takes is not
    lone (one neighbour is furniture), but the paragraph above is its company: it stays and
    is flagged foreign_text. A French widget sentence in the same place is the article's
    language and voice, and goes with the player."""
    page = _french_scrape_edge(EDGE_FOREIGN)
    ex = extract_text(page)
    cut = _model_cuts(ex.blocks)
    assert cut.get(EDGE_FOREIGN) == cut.get("Écouter") == "model.textlines"
    art = curate_document(Document("page.txt", page, "text", "6" * 64), CFG)
    assert EDGE_FOREIGN in art.text and "Écouter" not in art.text
    assert any(f.kind == "foreign_text" and f.quote.startswith("Bei Kindern") for f in art.flags)
    assert art.status == "needs_review"
    widget = _french_scrape_edge(EDGE_WIDGET)
    assert _model_cuts(extract_text(widget).blocks).get(EDGE_WIDGET) == "model.textlines"
    art = curate_document(Document("page.txt", widget, "text", "7" * 64), CFG)
    assert EDGE_WIDGET not in art.text


UNFINISHED = "Les principaux symptômes comprennent"
POINTER = "Les gestes à adopter sont détaillés ci-dessous."
FORM_POINTER = "Inscrivez-vous ci-dessous."
TALLY = "63 ont trouvé cela pertinent"


def test_a_lead_in_ending_on_its_verb_stays_and_is_flagged() -> None:
    """A lead-in that stops on the verb that needs its items, with no colon and no function
    word at its end, is short and unfinished: it is read with the article for a lead-in
    whose list is gone, and stays."""
    page = _french_scrape().replace(LEAD, UNFINISHED)
    assert _model_cuts(extract_text(page).blocks).get(UNFINISHED) == "model.textlines"
    art = curate_document(Document("page.txt", page, "text", "8" * 64), CFG)
    assert UNFINISHED in art.text
    assert any(f.kind == "dangling_list" and f.quote.startswith("Les principaux") for f in art.flags)
    assert art.status == "needs_review"
    assert "Oui" not in art.text.split("\n")


def test_a_pointer_before_a_widgets_sentence_stays_the_sentence_goes() -> None:
    """A sentence pointing at items below, then a newsletter's sentence the model takes, then
    the article's prose: past one sentence of a widget, the prose is the pointer's company,
    and the pointer stays flagged; the widget's sentence still goes."""
    page = _french_scrape_by(EDGE_WIDGET, lead_first=True).replace(LEAD, POINTER)
    cut = _model_cuts(extract_text(page).blocks)
    assert cut.get(POINTER) == cut.get(EDGE_WIDGET) == "model.textlines"
    art = curate_document(Document("page.txt", page, "text", "9" * 64), CFG)
    assert POINTER in art.text and EDGE_WIDGET not in art.text
    assert any(f.kind == "dangling_list" and f.quote.startswith("Les gestes") for f in art.flags)


def test_a_widgets_short_lines_before_prose_go() -> None:
    """Short lines the model takes before the article's prose that promise no items (a form's
    pointer, a newsletter's sentence) are read for a lead-in and found none, and a widget's
    tally opening on its count (which dangling_list reads as a list's title) is not read:
    they go."""
    for line in (FORM_POINTER, EDGE_WIDGET, TALLY):
        page = _french_scrape().replace(LEAD, line)
        assert _model_cuts(extract_text(page).blocks).get(line) == "model.textlines"
        art = curate_document(Document("page.txt", page, "text", "a" * 64), CFG)
        assert line not in art.text
        assert not [f for f in art.flags if f.severity != "info"]
