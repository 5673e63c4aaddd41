"""The text-line model (clean/textlines.py) on real plain-text input: the seeds, and a
health page rendered to text as a scraper saves it."""

from __future__ import annotations

import collections
import json
import re
import unicodedata
from importlib import resources

import numpy as np
import pytest

from ascurate.clean import textlines
from ascurate.config import load_config
from ascurate.extract import extract_text, load_html
from ascurate.model import Document
from ascurate.models import train_textlines
from ascurate.models.render import render_lines
from ascurate.pipeline import curate_document

from .corpus_pages import ROOT, document, fold, gold

CFG = load_config("/nonexistent/ascurate.toml")
_TOK = re.compile(r"\w+")


def recall(text: str, gold: str) -> float:
    """score.py's recall: the gold's 4-token shingles found in the text."""
    def sh(s):
        t = _TOK.findall(s)
        return collections.Counter(tuple(t[i:i + 4]) for i in range(len(t) - 3))
    p, g = sh(text), sh(gold)
    return sum((p & g).values()) / max(1, sum(g.values()))


def leak(text: str, gold: dict) -> float:
    snippets = [s for s in gold["without"] if fold(s) not in fold(gold["main_content"])]
    return sum(fold(s) in fold(text) for s in snippets) / max(1, len(snippets))


def test_the_card_describes_the_model():
    card = json.loads((resources.files("ascurate.models") / f"{textlines.MODEL_NAME}.json").read_text())
    assert card["version"] == textlines.MODEL_NAME and card["features"] == list(textlines.FEATURES)
    assert card["threshold"] in train_textlines.THRESHOLDS and card["cv"]["grouped_by"] == "site"
    assert "out-of-fold F1" in card["threshold_chosen"]
    assert card["context"]["features"] == list(textlines.CONTEXT_FEATURES)
    assert (resources.files("ascurate.models") / card["context"]["file"]).is_file()


def test_the_context_model_sees_the_first_models_scores_around_a_line():
    """A line the first model is unsure of, between confident furniture lines and outside the
    article's run of confident content, and one that shares the article's subject words."""
    lines = ["Home", "Health A-Z", "Gout is a painful form of arthritis caused by uric acid crystals.",
             "Uric acid builds up when the kidneys do not clear it, and crystals form in a joint.",
             "Get expert advice delivered to your inbox every week.", "Subscribe", "Privacy policy"]
    first = [0.9, 0.9, 0.05, 0.1, 0.45, 0.95, 0.9]
    names = list(textlines.CONTEXT_FEATURES)
    rows = [dict(zip(names, r, strict=True))
            for r in textlines.context_features(lines, textlines.line_features(lines), first)]
    box, article = rows[4], rows[3]
    assert box["first"] == 0.45 and box["furniture_below"] == 2 and box["furniture_above"] == 0
    assert box["outside_body"] == 1 and article["outside_body"] == 0
    assert article["echo_content"] > 0 and box["echo_content"] == 0  # "crystals", "arthritis"... vs "expert", "inbox"
    assert rows[0]["prev_first"] == -1 and rows[0]["furniture_below"] == 1


@pytest.mark.parametrize("name", ["000_12dd5c0043177de4", "003_528403d0cb010f64"])
def test_the_seeds_keep_their_content_and_lose_their_furniture(name):
    doc, gold = document("seeds", name)
    art = curate_document(doc, CFG)
    assert recall(art.text, gold["main_content"]) >= 0.99
    assert leak(art.text, gold) == 0
    assert all(fold(s) in fold(art.text) for s in gold["with"])


def test_a_rendered_health_page_loses_its_menus():
    """wcxb-0027 saved as text: its menu, "Advertisement" lines and footer are furniture."""
    html, gold = document("health-dev", "wcxb-0027")
    text = "\n\n".join(render_lines(load_html(html.content)))
    art = curate_document(Document("wcxb-0027.txt", text, "text", "1" * 64), CFG)
    model_cuts = [r for r in art.removed if r.reason == textlines.RULE]
    assert model_cuts and all(r.detail.startswith("score ") for r in model_cuts)
    assert "Find a Provider" not in art.text.split("\n") and "Advertisement" not in art.text.split("\n")
    assert leak(art.text, gold) < leak(text, gold)
    assert recall(art.text, gold["main_content"]) >= 0.9


def test_every_line_gets_a_row_of_features():
    rows = textlines.line_features(["Home", "Share this article", "Gout is a painful form of arthritis."])
    assert len(rows) == 3 and all(len(r) == len(textlines.FEATURES) for r in rows)


def test_a_page_the_model_cannot_read_keeps_its_text():
    """bench's Japanese page saved as text: no spaces between words, a shape the model never
    saw (the model does not judge scripts written without spaces), so it removes nothing."""
    html, gold = document("bench", "scrapinghub-f105de6e63")
    text = "\n\n".join(render_lines(load_html(html.content)))
    art = curate_document(Document("f105de6e63.txt", text, "text", "3" * 64), CFG)
    assert not [r for r in art.removed if r.reason == textlines.RULE]
    assert "Kindle for PC" in art.text and not (art.reject_reason or "").startswith("no main content")


def test_held_out_furniture_families_mostly_go_from_plain_text():
    """bench/furnitureset's held-out families (wordings neither the rules nor the model were
    tuned or trained on) planted in real articles saved as text: most of the furniture goes,
    the article stays."""
    import random
    import sys
    from pathlib import Path

    from ascurate.clean import clean
    from ascurate.extract import extract_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from furnitureset import generate as fs

    docs = fs.generate(23, copies=1, held=True)[::3]
    rng = random.Random(23)
    left = total = 0
    recalls = []
    for d in docs:
        ex = extract_text(fs.render_text(d, rng))
        text = "\n".join(b.text for b in clean(ex.blocks, CFG, ex.title, plain_text=True).blocks)
        left += sum(fold(s) in fold(text) for p in d.plants for s in p.snippets)
        total += sum(len(p.snippets) for p in d.plants)
        recalls.append(recall(text, d.gold["main_content"]))
    assert total > 80
    assert left / total <= 0.15  # all lines kept: 1.0
    assert sum(recalls) / len(recalls) >= 0.95


def test_the_page_speaking_of_itself_and_lists_on_one_line_are_features():
    """Family-level cues, in four languages: the page or site named ("this article",
    "diese Seite"...), widget words, a list of short items on one line, hashtags; and
    none of them on the article's own sentences."""
    names = list(textlines.FEATURES)

    def row(line: str) -> dict[str, float]:
        return dict(zip(names, textlines.line_features([line])[0], strict=True))

    for line in ("Was this article useful?", "War diese Seite hilfreich?", "Cette page vous a-t-elle été utile ?",
                 "¿Esta página te ha sido útil?"):
        assert row(line)["page_deixis"] == 1 and row(line)["widget_words"] >= 1, line
    assert row("Keywords: gout, uric acid, diet, joints")["short_items"] == 4
    assert row("Keywords: gout, uric acid, diet, joints")["label_colon"] == 1
    assert row("#gout #arthritis #health")["hashtags"] == 3
    prose = row("Gout is a painful form of arthritis, caused by uric acid crystals building up in a joint.")
    assert prose["page_deixis"] == prose["short_items"] == prose["hashtags"] == prose["label_colon"] == 0


def test_the_threshold_keeps_the_recall_bar_at_the_finest_step():
    """The trainer's operating point: the best F1 on health-dev and bench among the
    thresholds that keep MIN_RECALL of their content. A content line scored 0.555 and a
    furniture line scored 0.58 leave one good setting between them (0.56-0.58): lower
    loses the content line (recall 0.9), higher keeps the furniture."""
    content = [f"Gout attacks number {i} come on fast with a hot and swollen joint at night." for i in range(9)]
    furniture = "Sign up for our free weekly newsletter and get tips delivered to your inbox."
    lines = [*content[:4], furniture, *content[4:]]
    scores = np.array([0.1, 0.1, 0.555, 0.1, 0.58, 0.1, 0.1, 0.1, 0.1, 0.1])
    gold = {"main_content": "\n".join(content), "without": [furniture]}
    docs = [train_textlines.PageLines(corpus, f"{corpus}-1", f"{corpus}.example", "article", lines,
                                      train_textlines.label_lines(lines, gold["main_content"]), gold)
            for corpus in train_textlines.CHOSEN_ON]
    assert train_textlines.choose_threshold(docs, [scores, scores]) == 0.56


def test_a_line_sees_whether_its_words_come_back_around_it():
    """A health-dev article's own subheadings share words with its sections and its subject;
    widget lines planted between its paragraphs share none, whatever their wording."""
    lines = [ln for ln in gold("health-dev", "wcxb-0073")["main_content"].split("\n") if ln.strip()]
    planted = ["Most read this week", "Link copied to clipboard"]
    page = lines[:len(lines) // 2] + planted + lines[len(lines) // 2:]
    names = list(textlines.FEATURES)
    rows = {ln: dict(zip(names, r, strict=True)) for ln, r in zip(page, textlines.line_features(page), strict=True)}
    for ln in planted:
        assert rows[ln]["echo_below"] == rows[ln]["echo_above"] == rows[ln]["echo_page"] == 0, ln
    heads = [ln for ln in lines if len(ln.split()) <= 8 and not ln.rstrip().endswith(".")]
    assert len(heads) >= 5
    assert sum(rows[ln]["echo_page"] > 0 for ln in heads) >= 0.7 * len(heads)
    assert rows["Who created the Healthy Eating Plate?"]["echo_below"] == 1.0


def test_a_single_widget_line_between_two_paragraphs_goes_and_the_article_stays():
    """What stays most in plain text: one widget line planted mid-article (a share
    prompt, a teaser, a notice) between two real paragraphs, which reads like a subheading
    or a sentence of the article. Tuned families' lines in real articles: most go (every
    line kept: all stay); textlines-v5 left 13 of 39, v6 14, v7 (trained with such lines,
    `lone_lines`) 8; and the article keeps its text. Families of rounds after the model's
    training (round 15 on) are left out: their lines are the next model's to learn."""
    import random
    import sys
    from pathlib import Path

    from ascurate.clean import clean
    from ascurate.extract import extract_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from furnitureset import generate as fs

    docs = [d for d in fs.generate(29, copies=1, held=False)
            if any(p.position == "middle" and len(p.lines) == 1 and p.kind != "comment_thread" for p in d.plants)
            and all(p.round <= 14 for p in d.plants)]
    rng = random.Random(29)
    left = total = 0
    recalls = []
    for d in docs[:40]:
        ex = extract_text(fs.render_text(d, rng))
        text = fold("\n".join(b.text for b in clean(ex.blocks, CFG, ex.title, plain_text=True).blocks))
        middle = [p for p in d.plants if p.position == "middle"]
        left += sum(fold(s) in text for p in middle for s in p.snippets)
        total += sum(len(p.snippets) for p in middle)
        recalls.append(recall(text, fold(d.gold["main_content"])))
    assert total >= 30
    assert left / total <= 0.25
    assert sum(recalls) / len(recalls) >= 0.95


def test_training_plants_widget_lines_alone_between_two_paragraphs(tmp_path):
    """The trainer's extra pages (`lone_lines`): each planted page of the tuned families once
    more, with widget lines of other pages in its language standing alone between two of its
    paragraphs, labelled furniture and listed in the gold's `without`; the page's own lines
    and labels stay as they were."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from furnitureset import generate as fs

    fs.write(fs.generate(7, copies=1, held=False)[:40], tmp_path, "text", 7)
    planted = train_textlines.furniture_lines(tmp_path)
    extra = train_textlines.lone_lines(planted, 2)
    by_name = {d.name: d for d in planted}
    assert len(extra) >= 30 and sum(len(p.lines) for p in extra) - sum(len(by_name[p.name[:-5]].lines) for p in extra) >= 55
    widget_lines = {ln for d in planted for p in d.gold["planted"] for ln in p["lines"]}
    for page in extra:
        base = by_name[page.name.removesuffix("+lone")]
        k = len(page.lines) - len(base.lines)  # two, or one where the page has one such place
        assert k in (1, 2) and page.corpus == "furnitureset" and page.site == base.site
        added = [i for i in range(len(page.lines)) if page.lines[i] not in base.lines]
        assert len(added) == k and sorted(page.lines[i] for i in added) == sorted(page.gold["without"][-k:])
        for i in added:
            assert page.lines[i] in widget_lines and page.labels[i] == 0
            assert page.labels[i - 1] == page.labels[i + 1] == 1
            assert len(_TOK.findall(page.lines[i - 1])) >= 8 and len(_TOK.findall(page.lines[i + 1])) >= 8
        kept = [(ln, lab) for j, (ln, lab) in enumerate(zip(page.lines, page.labels, strict=True)) if j not in added]
        assert kept == list(zip(base.lines, base.labels, strict=True))
        assert page.name.split("-")[1] == base.name.split("-")[1]


def test_training_splits_short_content_sentences_out_of_paragraphs(tmp_path):
    """The trainer's other extra pages (`split_lines`): each page once more with short
    sentences of its paragraphs standing as lines of their own between two paragraphs (or
    as the article's last line), labelled content; the page's words and gold stay."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from furnitureset import generate as fs

    fs.write(fs.generate(7, copies=1, held=False)[::4], tmp_path, "text", 7)
    planted = train_textlines.furniture_lines(tmp_path)
    extra = train_textlines.split_lines(planted, 2)
    by_name = {d.name: d for d in planted}
    assert len(extra) >= 30
    langs = set()
    for page in extra:
        base = by_name[page.name.removesuffix("+split")]
        assert page.corpus == "furnitureset+split" and page.site == base.site and page.gold == base.gold
        assert _TOK.findall(" ".join(page.lines)) == _TOK.findall(" ".join(base.lines))
        added = [i for i, ln in enumerate(page.lines) if ln not in base.lines]
        assert added and len(page.lines) - len(base.lines) == len(added) // 2
        last = max(i for i, lab in enumerate(page.labels) if lab)
        for i in added:
            assert page.labels[i] == 1
        for i in added[::2]:  # a paragraph's two parts: the short sentence stands beside another paragraph
            short = [3 <= len(_TOK.findall(page.lines[j])) <= 18 for j in (i, i + 1)]
            assert _TOK.findall(page.lines[i] + " " + page.lines[i + 1]) in [_TOK.findall(b) for b in base.lines]
            assert (short[0] and page.labels[i - 1]) or (short[1] and (i + 1 == last or page.labels[i + 2]))
        langs.add(page.name.split("-")[1])
    assert langs >= {"en", "de", "fr", "es"}


def test_the_trainers_scores_are_score_pys_on_the_kept_text():
    """The trainer scores thousands of keep masks a run (31 thresholds, every page), from
    each page's line tokens and gold read once: the figures are those of the kept lines'
    text scored afresh, whatever lines are kept, on a real page rendered to text."""
    html, g = document("health-dev", "wcxb-0027")
    lines = render_lines(load_html(html.content))[1:]
    page = train_textlines.PageLines("health-dev", "wcxb-0027", "x", "article", lines,
                                     train_textlines.label_lines(lines, g["main_content"]), g)
    rng = np.random.default_rng(3)
    masks = [[True] * len(lines), [False] * len(lines), [bool(x) for x in page.labels],
             *([bool(x) for x in rng.random(len(lines)) < q] for q in (0.2, 0.5, 0.9))]
    snippets = [fold(s) for s in g["without"] if s and fold(s) not in fold(g["main_content"])]
    assert snippets
    for keep in masks:
        text = "\n".join(ln for ln, k in zip(lines, keep, strict=True) if k)
        p, r, left = train_textlines.page_figures(page, keep)
        t, gt = _TOK.findall(text), _TOK.findall(g["main_content"])
        sh, gsh = (collections.Counter(tuple(x[i:i + 4]) for i in range(len(x) - 3)) for x in (t, gt))
        tp = sum((sh & gsh).values())
        assert p == (tp / sum(sh.values()) if sh else None) and r == tp / sum(gsh.values())
        assert left == sum(s in fold(text) for s in snippets) / len(snippets)
    assert train_textlines.page_figures(page, masks[0])[2] > train_textlines.page_figures(page, masks[2])[2]


def test_character_counts_follow_every_script():
    """The line features count characters with str methods mapped over the line: digits,
    capitals among letters, symbols (emoji, stars, arrows, maths) and marks in any script."""
    line = "★★ Ünïcödé ① ½ → ¿Qué? ١٢ 3 +=<> «x» ™"
    row = dict(zip(textlines.FEATURES, textlines.line_features([line])[0], strict=True))
    assert row["symbols"] == sum(unicodedata.category(c) in ("So", "Sm", "Sk") for c in line) == 8
    assert row["digit_share"] == sum(c.isdigit() for c in line) / len(line)
    letters = [c for c in line if c.isalpha()]
    assert row["upper_share"] == sum(c.isupper() for c in letters) / len(letters)
    assert row["non_word_share"] == sum(not (c.isalnum() or c.isspace()) for c in line) / len(line)


_GRIPE = """La gripe en adultos: síntomas y cuidados

La gripe es una infección respiratoria causada por el virus de la influenza. Se contagia con facilidad en otoño e invierno, sobre todo en lugares cerrados donde muchas personas comparten el aire.

Los síntomas más comunes son:

Fiebre

Tos seca

Cansancio

Dolor de cabeza

La mayoría de las personas se recupera en una o dos semanas con reposo, líquidos abundantes y medicamentos para bajar la fiebre. Conviene consultar al médico si la fiebre dura más de tres días.

Para prevenirla, las autoridades sanitarias recomiendan lo siguiente:

- lavarse las manos con frecuencia
- taparse la boca al toser
- quedarse en casa si se está enfermo
- vacunarse cada otoño

Las personas mayores y las embarazadas tienen más riesgo de complicaciones, por lo que la vacuna anual es especialmente importante para ellas.

Comparte este artículo:

Facebook

WhatsApp

Copiar enlace
"""


def test_a_lead_in_keeps_the_short_items_of_its_list():
    """A lead-in ending in ":" and its one- or few-word items, each on its own line: the
    model alone reads the items as a menu (v7 takes "Fiebre", "Cansancio", "vacunarse cada
    otoño") and the lead-in left behind reads as a dangling list. The items stay, the page
    is clean, and the share row under "Comparte este artículo:" still goes."""
    doc = Document("gripe.txt", _GRIPE, "text", "gripe")
    article = curate_document(doc, CFG)
    text = fold(article.text)
    for item in ("Fiebre", "Tos seca", "Cansancio", "Dolor de cabeza", "lavarse las manos con frecuencia",
                 "vacunarse cada otoño"):
        assert fold(item) in text, item
    for widget in ("Comparte este artículo", "WhatsApp", "Copiar enlace"):
        assert fold(widget) not in text, widget
    assert article.status == "clean", [(f.rule, f.quote) for f in article.flags]


def test_list_items_stop_at_a_widget_and_need_a_lead_in_the_article_keeps():
    from ascurate.model import Block

    blocks = [Block("paragraph", "Eine Grippe beginnt meist plötzlich und dauert ein bis zwei Wochen."),
              Block("paragraph", "Zu den häufigsten Beschwerden zählen:"), Block("paragraph", "Fieber"),
              Block("paragraph", "Husten"), Block("paragraph", "Hilfreich (12)"), Block("paragraph", "Schwindel")]
    assert textlines.list_items(blocks, [0.0, 0.1, 0.7, 0.3, 0.9, 0.9], 0.5) == {1, 2, 3}
    assert textlines.list_items(blocks, [0.0, 0.6, 0.7, 0.3, 0.9, 0.9], 0.5) == {1, 2, 3}  # taken, two items
    assert textlines.list_items(blocks, [0.9, 0.6, 0.7, 0.3, 0.9, 0.9], 0.5) == set()  # taken, in furniture
    assert textlines.list_items(blocks, [0.0, 0.9, 0.7, 0.3, 0.9, 0.9], 0.5) == set()  # the model's sure furniture
    assert textlines.list_items(blocks, [0.0, 0.1, 0.3, 0.7, 0.9, 0.9], 0.5) == {1, 2}  # a widget's heading
    bulleted = [Block("list_item", w) for w in ("Fieber", "Husten", "Schwindel", "Übelkeit")]
    assert textlines.list_items(bulleted, [0.1, 0.1, 0.1, 0.9], 0.5) == {0, 1, 2, 3}
    assert textlines.list_items(bulleted, [0.1, 0.9, 0.9, 0.9], 0.5) == set()


_RISIKO = """Bluthochdruck: Ursachen und Vorbeugung

Bluthochdruck verursacht lange keine Beschwerden und wird deshalb oft erst spät erkannt. Unbehandelt schädigt er Gefäße, Herz und Nieren über viele Jahre.

Die Ärztin misst den Blutdruck an beiden Armen und wiederholt die Messung an mehreren Tagen, bevor sie die Diagnose stellt.

Zu den wichtigsten Risikofaktoren gehören:

Rauchen

Übergewicht

Diesen Beitrag teilen

Bewegungsmangel

Salzreiche Ernährung

Wer diese Risiken verringert, senkt seinen Blutdruck oft schon deutlich, bevor Medikamente nötig werden. Schon eine halbe Stunde Bewegung am Tag hilft den Gefäßen.

Medikamente kommen hinzu, wenn die Werte trotz veränderter Lebensweise hoch bleiben. Die Ärztin wählt sie nach Alter und Begleiterkrankungen aus.

Wer Tabletten gegen Bluthochdruck nimmt, sollte sie jeden Tag zur gleichen Zeit einnehmen und nicht eigenmächtig absetzen, auch wenn die Werte gut sind.
"""


def test_a_list_keeps_its_items_around_a_widget_inside_it():
    """A share line standing inside a list of one-word items: the model scores the items as
    surely furniture as the widget (v7: 0.91 to 0.96), and the list's run used to stop at
    the widget and hand the items above it to it as its heading, so the whole list went and
    its lead-in dangled. The items on both sides stay, the share line goes."""
    doc = Document("risiko.txt", _RISIKO, "text", "risiko")
    article = curate_document(doc, CFG)
    text = fold(article.text)
    for item in ("Zu den wichtigsten Risikofaktoren gehören", "Rauchen", "Übergewicht", "Bewegungsmangel",
                 "Salzreiche Ernährung"):
        assert fold(item) in text, item
    assert fold("Diesen Beitrag teilen") not in text
    assert article.status == "clean", [(f.rule, f.quote) for f in article.flags]


def test_list_items_go_on_after_a_widget_and_not_into_a_widgets_own_list():
    from ascurate.model import Block

    def para(*texts):
        return [Block("paragraph", t) for t in texts]

    lead = "Eine Grippe beginnt meist plötzlich und dauert bei Erwachsenen ein bis zwei Wochen."
    after = "Wer diese Beschwerden hat, sollte zu Hause bleiben und viel trinken, bis das Fieber sinkt."
    blocks = para(lead, "Zu den häufigsten Beschwerden zählen:", "Fieber", "Husten", "Diesen Beitrag teilen",
                  "Schwindel", "Gliederschmerzen", after)
    # items as sure as the widget: both sides of it stay, the widget does not
    assert textlines.list_items(blocks, [0.0, 0.3, 0.95, 0.95, 0.99, 0.95, 0.9, 0.0], 0.5) == {1, 2, 3, 5, 6}
    # nothing after the widget goes on as the list: the line right above it is the widget's heading
    ended = para(lead, "Zu den häufigsten Beschwerden zählen:", "Fieber", "Husten", "Bleiben Sie informiert",
                 "Hilfreich (12)", after)
    assert textlines.list_items(ended, [0.0, 0.3, 0.95, 0.95, 0.95, 0.99, 0.0], 0.5) == {1, 2, 3}
    # but not the list's only item above a widget marked by its words alone
    shared = para(lead, "Zu den häufigsten Beschwerden zählen:", "Fieber", "Diesen Beitrag teilen", after)
    assert textlines.list_items(shared, [0.0, 0.3, 0.95, 0.99, 0.0], 0.5) == {1, 2}
    # above a byline, even the only line heads the thread under it
    thread = para(lead, "Zu den häufigsten Beschwerden zählen:", "Erfahrungen anderer Betroffener", "Tom H · vor 4 Tagen",
                  after)
    assert textlines.list_items(thread, [0.0, 0.3, 0.95, 0.99, 0.0], 0.5) == set()
    # a label heads its own items ("Themen:" / tags): they are not the list's
    tagged = para(lead, "Zu den häufigsten Beschwerden zählen:", "Fieber", "Husten", "Themen:", "Grippe",
                  "Impfung", after)
    assert textlines.list_items(tagged, [0.0, 0.3, 0.3, 0.3, 0.9, 0.95, 0.95, 0.0], 0.5) == {1, 2, 3}
    # a widget's count ("87" over "SHARES") is not an item
    counted = para(lead, "Zu den häufigsten Beschwerden zählen:", "Fieber", "Husten", "87", "SHARES", after)
    assert textlines.list_items(counted, [0.0, 0.3, 0.3, 0.3, 0.88, 0.99, 0.0], 0.5) == {1, 2, 3}


def test_a_bulleted_list_is_bounded_by_its_bullets():
    """The last bullet scored as surely furniture as the newsletter box under it is still an
    item: a widget's heading is not one of the list's bullets."""
    from ascurate.model import Block

    blocks = [Block("paragraph", "Vor der Untersuchung sollten Sie einige Dinge bereitlegen, damit alles glatt läuft."),
              Block("paragraph", "Bringen Sie bitte Folgendes mit:"), Block("list_item", "den Überweisungsschein"),
              Block("list_item", "eine Liste Ihrer Medikamente"), Block("list_item", "Ihre Brille"),
              Block("heading", "Newsletter abonnieren"), Block("paragraph", "Die Untersuchung dauert etwa eine halbe "
                                                                              "Stunde und ist nicht schmerzhaft.")]
    assert textlines.list_items(blocks, [0.0, 0.1, 0.8, 0.2, 0.97, 0.99, 0.0], 0.5) == {1, 2, 3, 4}


def test_a_widget_glued_to_a_paragraphs_end_goes_and_the_paragraph_stays():
    """A scraper that drops a block break runs a share row, a tag line or a rating into the
    paragraph before it: the seed's own paragraphs with tuned families' widgets glued to
    their ends lose the widget and keep every sentence; the paragraphs that end as prose are
    not split."""
    _, g = document("seeds", "000_12dd5c0043177de4")
    paras = [p for p in g["main_content"].split("\n") if p.strip()]
    prose = [k for k, p in enumerate(paras) if len(p.split()) >= 15]
    glued = {prose[0]: "Share: Bluesky | Threads | Nextdoor | Mail", prose[2]: "Email · Print · Copy URL"}
    assert not any(textlines._glue_points(p) for p in paras)
    page = "\n\n".join([g["title"], *(f"{p} {glued[k]}" if k in glued else p for k, p in enumerate(paras))])
    art = curate_document(Document("glued.txt", page, "text", "4" * 64), CFG)
    cuts = [r for r in art.removed if r.reason == textlines.RULE and r.start is not None]
    assert {r.text for r in cuts} == set(glued.values())
    assert all(fold(w) not in fold(art.text) for w in glued.values())
    assert recall(art.text, g["main_content"]) >= 0.99
    assert all(fold(p) in fold(art.text) for p in paras if len(p.split()) > 8)


def test_a_line_that_ends_without_a_sentence_end_is_split_after_its_last_sentence():
    text = "Regular dental checks help find it early, when treatment works best. Was this helpful? Yes No"
    assert textlines._glue_points(text) == [text.index("Was"), text.index("Yes")]
    assert textlines._glue_points("Regular dental checks help find it early. Treatment works best.") == []
    assert textlines._glue_points("Too short. Share | Mail") == []  # a short line is judged whole


_THREAD_ES = ["30 respuestas", "Carlos_M", "12/01/2024", "¿Alguien sabe si es hereditario?", "Útil (10)", "Responder",
              "María", "19 de julio de 2021", "¿Esto también afecta a los niños?", "Útil (29)", "Responder",
              "Escribe una respuesta...", "Enviar"]
_THREAD_EN = ["82 replies", "Mike", "Member since 2019", "5 months ago", "Does anyone know if it runs in families?",
              "👍 72  💬 Reply", "Karen M. commented on 12 Jan 2024",
              "Has anyone else found that it gets worse in cold weather?", "Write a reply...", "Submit"]


@pytest.mark.parametrize(("base", "lead", "items", "thread"), [
    ("es-gripe.txt", "Entre las causas más comunes destacan:", ["El tabaco", "La falta de ejercicio",
                                                                "Una dieta rica en sal"], _THREAD_ES),
    ("seeds", "Good sources of iron include:", ["- red meat", "- beans and lentils", "- dried apricots"],
     _THREAD_EN),
])
def test_a_lead_in_keeps_its_items_across_a_thread_the_rules_take_between_them(base, lead, items, thread):
    """A comment thread saved between a lead-in and its items (one line each): the model,
    reading the page whole, takes the items under the thread's lines and leaves the lead-in
    dangling. The comment rules take the thread as one unit; on the page they leave, the
    lead-in heads its items again: the items stay, the thread goes, no dangling list."""
    if base == "seeds":
        paras = [p for p in document("seeds", "000_12dd5c0043177de4")[0].content.split("\n") if p.strip()]
    else:
        paras = [p for p in (ROOT / "bench" / "flagset" / "base" / base).read_text(encoding="utf-8").split("\n")
                 if p.strip()]
    text = "\n\n".join([*paras[:3], lead, *thread, *items, *paras[3:]]) + "\n"
    art = curate_document(Document(base, text, "text", "5" * 64), CFG)
    assert all(fold(item.lstrip("- ")) in fold(art.text) for item in items)
    assert not [line for line in thread if fold(line) in fold(art.text)]
    assert not [f for f in art.flags if f.kind == "dangling_list"], [(f.rule, f.quote) for f in art.flags]


@pytest.mark.parametrize(("base", "label", "story"), [
    ("fr-varicelle.txt", "Mon parcours : Karim, 36 ans", "J'ai découvert ma maladie de Crohn après des mois de douleurs."),
    ("es-diabetes.txt", "Testimonio: Marta, 45 años",
     "Me detectaron la diabetes en un análisis de rutina y al principio no me lo creía."),
])
def test_a_testimonys_label_stays_above_the_story_the_model_keeps(base, label, story):
    """A line naming a teller with an age, right above a first-person sentence the model
    keeps, is the story's label: the model takes it alone (a byline's shape), so the story
    would read as the author's aside. It stays, and the story under it is no mixed voice.
    The same line right above the article's own paragraph (third person) still goes."""
    paras = [p for p in (ROOT / "bench" / "flagset" / "base" / base).read_text(encoding="utf-8").split("\n")
             if p.strip()]
    for below, kept in (([story], True), ([], False)):
        text = "\n\n".join([*paras[:2], label, *below, *paras[2:]]) + "\n"
        blocks = extract_text(text).blocks
        at = [b.text for b in blocks].index(label)
        scores = textlines.furniture_scores([b.text for b in blocks])
        assert scores[at] >= textlines.threshold() > scores[at + 1]  # the model alone takes the label
        art = curate_document(Document(base, text, "text", "6" * 64), CFG)
        assert (label in art.text) is kept
        if kept:
            assert not [f for f in art.flags if f.kind == "mixed_voice"], [(f.rule, f.quote) for f in art.flags]


@pytest.mark.parametrize(("base", "label", "story", "kept"), [
    ("fr-varicelle.txt", "Témoignage : Inès, 52 ans",
     ["J'ai eu très peur au début.", "Après trois mois de traitement, je me sens beaucoup mieux et je dors enfin."], True),
    ("fr-asthme.txt", "Cas concret : Hugo, 29 ans",
     ["J'ai fait ma première crise au travail.", "Depuis, je garde toujours mon inhalateur dans ma poche."], True),
    ("de-asthma.txt", "Erfahrungsbericht: Lena, 34 Jahre",
     ["Ich hatte nachts kaum Luft bekommen.", "Seit der neuen Therapie schlafe ich wieder durch."], True),
    ("es-gripe.txt", "Historia de Carmen, 63 años",
     ["Pasé una semana en cama.", "Desde entonces me vacuno cada otoño sin falta."], False),
])
def test_a_testimony_stays_whole_with_its_label_when_the_model_keeps_one_of_its_lines(base, label, story, kept):
    """A story of two first-person sentences under its label, of which the model keeps one
    and takes the other (a short sentence reads as a widget's line to it): the label and
    the whole story stay, and nothing of it reads as the author's aside (no mixed_voice;
    with the label and the first line taken, the second was flagged). A story the model
    takes whole goes whole, its label with it."""
    paras = [p for p in (ROOT / "bench" / "flagset" / "base" / base).read_text(encoding="utf-8").split("\n")
             if p.strip()]
    text = "\n\n".join([*paras[:2], label, *story, *paras[2:]]) + "\n"
    blocks = extract_text(text).blocks
    at = [b.text for b in blocks].index(label)
    scores = textlines.furniture_scores([b.text for b in blocks])
    limit = textlines.threshold()
    assert scores[at] >= limit and any(s >= limit for s in scores[at + 1:at + 3])  # the model alone takes part of it
    assert any(s < limit for s in scores[at + 1:at + 3]) is kept
    art = curate_document(Document(base, text, "text", "7" * 64), CFG)
    assert all(line in art.text for line in [label, *story]) is kept
    assert not any(line in art.text for line in [label, *story]) or kept
    assert not [f for f in art.flags if f.severity != "info"], [(f.rule, f.quote) for f in art.flags]


@pytest.mark.parametrize("row", [
    "Schrift: Klein | Mittel | Groß",  # a text-size toolbar
    "Drucken · Merken · Per Mail senden · Teilen",  # a share row
    "Hilfreich (12) · Antworten",  # a comment's buttons with a count
    "Zum Inhalt springen › Symptome › Behandlung",  # a jump menu
    "Taille du texte : Petit | Moyen | Grand",
    "Imprimir | Guardar | Enviar a un amigo",
])
def test_a_row_of_links_has_a_rows_shape_in_any_wording(row):
    assert textlines._link_row(row)


def _planted_lines_left(shape) -> tuple[int, int, float]:
    """(lines left, lines, mean article recall) over the tuned families' planted furniture
    lines of `shape` that stand as lines of their own on seed 19's plain-text pages, after
    the text-line model and the rules."""
    import random
    import sys
    from pathlib import Path

    from ascurate.clean import clean

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from furnitureset import generate as fs

    rng = random.Random(19)
    left = total = 0
    recalls = []
    for d in fs.generate(19, held=False):
        lines = [s for p in d.plants if not p.content for s in p.snippets if shape(s)]
        if not lines:
            continue
        ex = extract_text(fs.render_text(d, rng))
        lines = [s for s in lines if any(fold(b.text) == fold(s) for b in ex.blocks)]
        if not lines:
            continue
        text = fold("\n".join(b.text for b in clean(ex.blocks, CFG, ex.title, plain_text=True).blocks))
        left += sum(fold(s) in text for s in lines)
        total += len(lines)
        recalls.append(recall(text, fold(d.gold["main_content"])))
    return left, total, sum(recalls) / len(recalls)


def test_planted_rows_of_links_go_from_plain_text_and_the_article_stays():
    """A row of links or buttons (short labels split by a widget's separators) standing
    alone between two paragraphs reads to the model as a subheading; its shape is a
    widget's whatever it says (`link_rows`). The tuned families' planted lines of that
    shape standing as lines of their own on seed 19's pages: the models and rules left 11
    of 411 (toolbars, share rows, a jump menu, a comment's buttons); now none stays, and
    the articles keep their text."""
    left, total, kept = _planted_lines_left(textlines._link_row)
    assert total >= 30
    assert left == 0
    assert kept >= 0.95


@pytest.mark.parametrize("line", [
    "Symptome: Husten, Fieber, Müdigkeit",  # commas: the article's own list on one line
    "Erwachsene | 500 mg | zweimal täglich",  # figures: a table's row
    "Asthma – Ursachen, Beschwerden und Behandlung",  # a dash: a title
    "Husten · Fieber",  # two labels and no count: too little to be a widget's row
    "Wer raucht, verliert | so die Studie | an Lungenfunktion.",  # a sentence
])
def test_a_line_with_a_separator_is_no_row_of_links_without_a_rows_shape(line):
    assert not textlines._link_row(line)


def test_a_widgets_count_at_the_edge_of_lines_the_model_takes_goes():
    """A thread's or a widget's counted line ("20 personas han comentado", "63 frühere
    Notizen aufklappen", "Kommentare der Community (18)") reads to the model, beside the
    article's prose, as a heading; at the edge of a run of lines the model takes it is that
    widget's (`counted_edges`). The tuned families' planted lines of that shape on seed 19's
    pages, as lines of their own: the models and rules left 10 of 248, now 2; the articles
    keep their text."""
    left, total, kept = _planted_lines_left(
        lambda s: bool(textlines._COUNTED.match(s.strip())) and len(textlines._WORD.findall(s)) <= textlines._EDGE_WORDS)
    assert total >= 200
    assert left <= 2
    assert kept >= 0.95
