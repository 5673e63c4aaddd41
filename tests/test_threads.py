"""Reader discussions found by their markup go as one unit (clean/threads.py); content
made of records of the same shape stays."""

from __future__ import annotations

import html

from ascurate import rulebook
from ascurate.clean import clean, threads
from ascurate.config import load_config
from ascurate.extract import extract
from ascurate.model import Document
from ascurate.pipeline import curate_document

from .corpus_pages import ROOT

CFG = load_config("/nonexistent/ascurate.toml")
ARTICLE = [t for t in (ROOT / "bench" / "flagset" / "base" / "fr-asthme.txt").read_text(encoding="utf-8").split("\n")
           if t.strip()]

# a WordPress-like thread in Italian, a language whose wordings the comment rules do not list
COMMENTS = [("Giulia", "marzo 2023 alle 9:12", "Grazie, finalmente una spiegazione chiara della malattia.", []),
            ("Marco B.", "aprile 2023 alle 18:40", "Anche mio figlio soffre di questo disturbo da anni.",
             [("Giulia", "aprile 2023 alle 20:02", "Ti capisco, per noi la terapia inalatoria ha funzionato.")]),
            ("Sara", "maggio 2023 alle 7:55", "Qualcuno sa se il pediatra può prescriverla direttamente?", [])]


def _comment(name: str, when: str, body: str, replies: list) -> str:
    inner = "".join(_comment(*r, []) for r in replies)
    return (f'<li class="c"><article class="cb"><footer class="cm"><div class="ca"><img src="/a.png" alt="">'
            f'<b>{name}</b></div><div class="cd"><a href="#"><time>{when}</time></a></div></footer>'
            f'<div class="cc"><p>{html.escape(body)}</p></div><div class="r"><a href="#">Rispondi</a></div></article>'
            + (f'<ol class="children">{inner}</ol>' if inner else "") + "</li>")


THREAD = ('<div id="x1"><h2>4 pensieri su questo articolo</h2><ol class="l">'
          + "".join(_comment(*c) for c in COMMENTS)
          + '</ol><div class="f"><h3>Lascia un commento</h3><form action="/p" method="post">'
          '<p><label>Commento</label><textarea name="c"></textarea></p><p><input type="submit" value="Invia"></p>'
          "</form></div></div>")

# content made of records: the same markup, what a discussion has besides missing
FAQ = ('<div class="q"><h2>Questions fréquentes</h2>'
       + "".join(f'<div class="i"><h3>{q}</h3><div class="a"><p>{a}</p></div></div>' for q, a in (
           ("L'asthme est-il contagieux ?", "Non. Il ne se transmet pas d'une personne à l'autre."),
           ("Peut-on faire du sport ?", "Oui, avec un traitement bien suivi la plupart des sports sont possibles."),
           ("Faut-il un traitement à vie ?", "Le traitement de fond s'adapte au contrôle des symptômes.")))
       + "</div>")
STEPS = ('<div class="s"><h2>Utiliser un inhalateur</h2>'
         + "".join(f'<div class="st"><div class="n"><img src="/s{k}.png" alt=""></div><div class="h">Étape {k}</div>'
                   f'<div class="t"><p>{t}</p></div></div>' for k, t in enumerate((
                       "Retirez le capuchon et secouez l'inhalateur quelques secondes.",
                       "Videz doucement vos poumons, loin de l'embout.",
                       "Inspirez lentement en appuyant une seule fois, puis retenez votre souffle."), 1))
         + "</div>")
REFERENCES = ('<div class="r"><h2>Références</h2><ol>'
              + "".join(f"<li>{r}</li>" for r in (
                  "Global Initiative for Asthma. Global strategy for asthma management and prevention, 2023.",
                  "Haute Autorité de santé. Asthme de l'adulte : guide du parcours de soins, 2021.",
                  "Reddel HK, Bacharier LB, Bateman ED, et al. Eur Respir J 2022; 59: 2102730."))
              + "</ol></div>")


def _page(*widgets: str) -> str:
    paras = "".join(f"<p>{html.escape(t)}</p>" for t in ARTICLE[1:])
    return (f'<!DOCTYPE html><html lang="fr"><head><title>{html.escape(ARTICLE[0][:60])}</title></head><body>'
            f'<div class="w"><article class="m"><h1>{html.escape(ARTICLE[0][:60])}</h1>{paras}'
            + "".join(widgets) + "</article></div></body></html>")


def _markup_cuts(art) -> list:
    return [r for r in art.removed if r.reason == threads.RULE and "page's markup" in (r.detail or "")]


def test_a_thread_in_a_language_no_rule_knows_goes_as_one_unit_by_its_markup():
    art = curate_document(Document("t.html", _page(THREAD), "html", "t"), CFG)
    cuts = _markup_cuts(art)
    assert len(cuts) == 1
    assert "a comment form" in cuts[0].detail and "nested replies" in cuts[0].detail
    for _, _, body, replies in COMMENTS:
        assert body not in art.text and body in cuts[0].text
        assert all(r[2] not in art.text for r in replies)
    assert all(t in art.text for t in ARTICLE[1:])


def test_faq_steps_and_references_in_records_of_the_same_shape_are_no_discussion():
    page = _page(FAQ, STEPS, REFERENCES)
    ex = extract(Document("c.html", page, "html", "c"))
    assert not ex.threads
    art = curate_document(Document("c.html", page, "html", "c"), CFG)
    assert not _markup_cuts(art)


def test_a_page_whose_records_are_its_content_keeps_them():
    """On a forum the posts are the content; the unit is found, and not cut."""
    doc = Document("f.html", _page(THREAD), "html", "f")
    ex = extract(doc)
    units = threads.indices(ex.threads, ex.blocks)
    assert units
    kept = clean(ex.blocks, CFG, ex.title, threads=units, page_type="forum")
    assert not [r for r in kept.removed if "page's markup" in (r.detail or "")]
    cut = clean(ex.blocks, CFG, ex.title, threads=units, page_type="article")
    assert len([r for r in cut.removed if "page's markup" in (r.detail or "")]) == 1


def test_one_kind_of_evidence_needs_an_author_line_the_rules_know():
    """Records with the same controls after each body and nothing else a discussion has:
    a unit only when the comment rules read one author line as one."""
    def page(meta: str) -> str:
        items = "".join(f'<div class="k"><div class="h">{meta.format(n=n)}</div><div class="b"><p>{b}</p></div>'
                        f'<div class="z"><a href="#">Plus</a></div></div>'
                        for n, b in ((2, "Mon fils a les mêmes crises chaque printemps, surtout quand les pollens de "
                                         "bouleau arrivent, et son traitement de fond a dû être renforcé deux fois."),
                                     (5, "Très bon résumé de la maladie. Notre pneumologue nous avait expliqué la même "
                                         "chose sur la technique d'inhalation, mais jamais aussi clairement."),
                                     (9, "Depuis que je fais contrôler mon souffle tous les six mois chez le médecin, "
                                         "je n'ai plus eu de crise sévère et je dors beaucoup mieux.")))
        return _page(f'<div class="g">{items}</div>')
    rules = rulebook.load(CFG, "comment")
    for meta, cut in (("Claire · il y a {n} jours", True), ("Chapitre {n}", False)):
        ex = extract(Document("e.html", page(meta), "html", "e"))
        units = threads.indices(ex.threads, ex.blocks)
        assert units and units[0][1].shown[1:] == ["the same controls after each body"]
        res = clean(ex.blocks, CFG, ex.title, threads=units)
        assert bool([r for r in res.removed if "page's markup" in (r.detail or "")]) is cut, meta
        assert threads.role_text(meta.format(n=3), rules) == ("meta" if cut else None)


def test_the_replies_controls_count_as_the_discussion_s_own():
    """Two comments, one answered, no form and no avatars: the top records alone show one
    control row, the reply a second; a reply whose first line is an author's (a name) is one
    of the discussion's records too, so the same controls after two bodies and the nested
    reply make two kinds, and the thread goes. A reply that copies its record is none."""
    def record(name: str, body: str, controls: bool, inner: str = "") -> str:
        row = '<div class="z"><button type="button">Utile</button><button type="button">Rispondi</button></div>'
        return (f'<li class="k"><div class="h"><span>{name}</span></div><div class="b"><p>{body}</p></div>'
                + (row if controls else "") + (f'<ol class="y">{inner}</ol>' if inner else "") + "</li>")
    reply = record("Marco B.", "Anche a noi il pediatra ha detto esattamente la stessa cosa.", True)
    page = _page('<div class="g"><h3>Le voci dei lettori</h3><ol class="x">'
                 + record("Giulia", "Grazie, finalmente una spiegazione chiara della malattia.", True, reply)
                 + record("Sara", "Qualcuno sa se il pediatra può prescriverla direttamente?", False)
                 + "</ol></div>")
    art = curate_document(Document("r.html", page, "html", "r"), CFG)
    cuts = _markup_cuts(art)
    assert len(cuts) == 1
    assert "the same controls after each body" in cuts[0].detail and "nested replies" in cuts[0].detail
    assert "spiegazione chiara" not in art.text and "stessa cosa" not in art.text
    assert all(t in art.text for t in ARTICLE[1:])


def test_a_card_rendered_twice_inside_itself_is_no_reply():
    """A product card whose markup holds a second copy of itself (a mobile rendering), with
    a button after each copy: no discussion."""
    card = ('<li class="k"><div class="h"><span>Soft Wool</span></div><div class="b"><p>Superfine fibres have a '
            'luxurious feel and keep you warm on cold mornings.</p></div><div class="z"><button type="button">Add'
            '</button></div>{inner}</li>')
    page = _page('<div class="g"><ol class="x">' + card.format(inner='<ol class="y">' + card.format(inner="") + "</ol>")
                 + card.replace("Soft Wool", "Merino Blend").replace("Superfine", "Blended").format(inner="")
                 + "</ol></div>")
    ex = extract(Document("p.html", page, "html", "p"))
    assert not any("nested replies" in u.shown for u in ex.threads or [])


def test_an_author_line_of_two_glued_spans_is_read_field_by_field():
    """A name and a time in two spans with nothing between them read "Jürgenvor 2 Stunden"
    in the page's joined text, which no comment rule knows; read from the markup, the line
    is two fields, "Jürgen vor 2 Stunden", an author line: with the nested reply that makes
    two kinds of evidence, and the thread goes. The same records with a chapter's title in
    its two spans stay (one kind only)."""
    def page(lead: str, reply_lead: str) -> str:
        def record(who: str, body: str, inner: str = "") -> str:
            return (f'<li class="k"><div class="h">{who}</div><div class="b"><p>{body}</p></div>'
                    + (f'<ol class="y">{inner}</ol>' if inner else "") + "</li>")
        reply = record(reply_lead, "Bei uns hat der Kinderarzt genau dasselbe gesagt, danke für den Hinweis.")
        return _page('<div class="g"><ol class="x">'
                     + record(lead, "Weiß jemand, ob die Inhalation auch bei kleinen Kindern hilft?", reply)
                     + "</ol></div>")
    art = curate_document(Document("g.html", page("<span>Jürgen</span><span>vor 2 Stunden</span>",
                                                  "<span>Petra</span><span>gestern</span>"), "html", "g"), CFG)
    cuts = _markup_cuts(art)
    assert len(cuts) == 1 and "author lines" in cuts[0].detail and "nested replies" in cuts[0].detail
    assert "kleinen Kindern" not in art.text and "Kinderarzt" not in art.text
    assert all(t in art.text for t in ARTICLE[1:])
    kept = curate_document(Document("h.html", page("<span>Chapitre</span><span>un</span>",
                                                   "<span>Chapitre</span><span>deux</span>"), "html", "h"), CFG)
    assert not _markup_cuts(kept)


# a thread whose records have no element of their own: lines in <p>s, or one <p> split by <br>
FLAT = [("Petra · 3. März 2023", "Bei meinem Sohn hat die Inhalation mit Kochsalz die Nächte ruhiger gemacht."),
        ("Klaus M. · 12.01.2024", "Weiß jemand, ob man das Spray vor dem Sport nehmen soll?"),
        ("Sabine K. · 19. Juli 2021", "Danke, endlich versteht man, wozu der Peak-Flow-Wert gut ist.")]


def _flat_thread(br: bool, controls: str = "Hilfreich ({n}) · Antworten", lines: list | None = None) -> str:
    rows = ["Stimmen unserer Leser (3)"] + [x for n, (who, body) in enumerate(lines or FLAT, 2)
                                           for x in (who, body, controls.format(n=n))]
    if br:
        return '<div class="q"><p class="w">' + "<br>".join(html.escape(x) for x in rows) + "</p></div>"
    return '<div class="q">' + "".join(f'<p class="k{n}">{html.escape(x)}</p>' for n, x in enumerate(rows)) + "</div>"


def test_a_thread_of_flat_lines_goes_by_its_records_own_signs():
    """No element per record: the lines themselves repeat an author line by its shape, a
    body and the same control line, which the comment rules call one; in <p>s or split by
    <br> in one paragraph, the thread goes as one unit, and the article stays."""
    for br in (False, True):
        art = curate_document(Document("f.html", _page(_flat_thread(br)), "html", "f"), CFG)
        cuts = _markup_cuts(art)
        assert len(cuts) == 1, br
        assert "3 flat records" in cuts[0].detail and "comment controls" in cuts[0].detail
        assert all(body not in art.text for _, body in FLAT)
        assert all(t in art.text for t in ARTICLE[1:])


def test_flat_records_without_a_comment_s_signs_stay():
    """An events list has the same shape (a date, a text, the same link after each) and a
    count over it, but its repeated line is no control of a comment and its dates no
    author's lines: no strong evidence, no cut."""
    events = [("12.03.2024", "Vortrag über Asthma bei Kindern im Rathaus, der Eintritt ist frei."),
              ("Dr. Anna Berg", "Lungenfunktionstest ohne Anmeldung in der Apotheke am Markt."),
              ("19.07.2024", "Wanderung der Selbsthilfegruppe mit einer Atemtrainerin.")]
    page = _page(_flat_thread(False, "Zum Kalender", events))
    ex = extract(Document("e.html", page, "html", "e"))
    units = threads.indices(ex.threads, ex.blocks)
    assert units and units[0][1].shown[1:] == ["the same controls after each body", "a count over the records"]
    art = curate_document(Document("e.html", page, "html", "e"), CFG)
    assert not [r for r in art.removed if r.reason == threads.RULE]


def _flat(rows: list[str]) -> str:
    return '<div class="q">' + "".join(f'<p class="k{n}">{html.escape(x)}</p>' for n, x in enumerate(rows)) + "</div>"


def test_flat_records_whose_author_lines_differ_record_by_record_go():
    """A flat thread mixes author lines: a name over a time (two lines) in one record, a name
    and a date in one line in the next; read record by record, its records show the same
    controls after each body, which the comment rules call controls, and the thread goes.
    An events list read the same way (a speaker over a date) has no comment's sign: the
    markup does not cut it."""
    rows = ["Opiniones (4)",
            "Elena G. · 12/01/2024", "¿Alguien sabe si se puede usar el spray antes de hacer deporte?",
            "Me gusta (1) · Responder",
            "Lucía", "hace 2 horas", "A mi hijo le pasó lo mismo y el inhalador con cámara le fue muy bien.",
            "Me gusta (4) · Responder",
            "Carlos_M · 03/02/2024", "Gracias, por fin entiendo para qué sirve el medidor de flujo.",
            "Me gusta (2) · Responder",
            "Invitado · ayer", "Yo también tengo asma desde pequeña y nadie me lo había explicado así.",
            "Me gusta (0) · Responder"]
    art = curate_document(Document("m.html", _page(_flat(rows)), "html", "m"), CFG)
    cuts = _markup_cuts(art)
    assert len(cuts) == 1 and "4 flat records" in cuts[0].detail and "comment controls" in cuts[0].detail
    assert "inhalador" not in art.text and "medidor" not in art.text and "pequeña" not in art.text
    assert all(t in art.text for t in ARTICLE[1:])
    events = ["Termine",
              "Dr. Anna Berg", "19.07.2024", "Vortrag über Asthma bei Kindern im Rathaus, der Eintritt ist frei.",
              "Zum Kalender",
              "12.03.2024", "Lungenfunktionstest ohne Anmeldung in der Apotheke am Markt.", "Zum Kalender",
              "Prof. Uwe Kern", "02.10.2024", "Wanderung der Selbsthilfegruppe mit einer Atemtrainerin.",
              "Zum Kalender"]
    ex = extract(Document("n.html", _page(_flat(events)), "html", "n"))
    units = threads.indices(ex.threads, ex.blocks)
    assert units and units[0][1].shown[0].endswith("flat records")
    kept = curate_document(Document("n.html", _page(_flat(events)), "html", "n"), CFG)
    assert not _markup_cuts(kept)


def test_two_flat_records_under_a_count_go_by_their_author_lines():
    """Two flat records, one control line: no control repeats, but the heading counts the
    records ("Leserstimmen (2)") and the comment rules know the author lines, so the thread
    goes. Without the count the author lines are one kind of evidence alone, and it stays."""
    rows = ["Petra · vor einer Woche", "Mein Vater hatte dasselbe, erst die zweite Meinung brachte Klarheit.",
            "Antworten | Missbrauch melden",
            "Klaus M. · gestern", "Endlich eine Seite, die die Laborwerte so erklärt, dass man sie versteht."]
    art = curate_document(Document("c.html", _page(_flat(["Leserstimmen (2)", *rows])), "html", "c"), CFG)
    cuts = _markup_cuts(art)
    assert len(cuts) == 1 and "a count over the records" in cuts[0].detail and "author lines" in cuts[0].detail
    assert "zweite Meinung" not in art.text and "Laborwerte" not in art.text
    assert all(t in art.text for t in ARTICLE[1:])
    kept = curate_document(Document("d.html", _page(_flat(["Leserstimmen", *rows])), "html", "d"), CFG)
    assert not _markup_cuts(kept)
