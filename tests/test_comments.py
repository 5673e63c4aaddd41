"""Reader-comment threads go as one unit with one removal (clean/comments.py)."""

from __future__ import annotations

import sys

import pytest

from ascurate import rulebook
from ascurate.clean import clean, comments
from ascurate.clean.comments import RULE, role
from ascurate.config import load_config
from ascurate.extract import load_html
from ascurate.extract.adapter import word_seam
from ascurate.model import Block, Document
from ascurate.models.render import render_lines
from ascurate.pipeline import curate_document

from .corpus_pages import CORPUS, ROOT, document, fold, gold

CFG = load_config("/nonexistent/ascurate.toml")
RULES = rulebook.load(CFG, "comment")


@pytest.mark.parametrize("rule", [r for r in RULES if r.get("role") != "byline"], ids=lambda r: r.id)
def test_comment_rule_examples(rule):
    for ex in rule.examples:
        assert role(Block("paragraph", ex), RULES) == rule.get("role"), ex
    for ex in rule.counter_examples:
        assert role(Block("paragraph", ex), RULES) is None, ex


@pytest.mark.parametrize("rule", [r for r in RULES if r.get("role") == "byline"], ids=lambda r: r.id)
def test_a_byline_is_no_part_of_a_thread(rule):
    """Its examples are no part at all (though "By … | date" reads as a comment's meta line);
    its counter-examples, comments' meta lines, stay parts."""
    for ex in rule.examples:
        assert rule.pattern.search(ex) and role(Block("paragraph", ex), RULES) is None, ex
    for ex in rule.counter_examples:
        assert role(Block("paragraph", ex), RULES) is not None, ex


def test_a_byline_a_few_paragraphs_above_a_comment_form_takes_no_article_with_it():
    """A byline read as an author line started a thread that ran to the comment form three
    paragraphs below and took them (bench/pages.py, a Spanish page)."""
    host = (ROOT / "bench" / "flagset" / "base" / "es-diabetes.txt").read_text(encoding="utf-8").split("\n")
    article = [Block("paragraph", t) for t in host if t.strip()][:4]
    byline = Block("paragraph", "Por Ana G. | Actualizado el 19 de julio de 2021")
    form = [Block("paragraph", t) for t in ("Escribe tu comentario", "Acepto la política de privacidad", "Enviar")]
    res = clean([article[0], byline, *article[1:], *form], CFG)
    kept = [b.text for b in res.blocks]
    assert all(b.text in kept for b in article)
    assert not any(r.reason == RULE for r in res.removed)



def test_a_count_of_answers_opens_the_next_thread_and_takes_no_article_with_it():
    """"58 Antworten" heads a second widget, as "58 replies" does; read as the reply button
    "Antworten", it was a control three article paragraphs after the first widget's last
    "Melden", and the thread ran through them (bench/pages.py, a German page)."""
    host = (ROOT / "bench" / "flagset" / "base" / "de-asthma.txt").read_text(encoding="utf-8").split("\n")
    article = [Block("paragraph", t) for t in host if len(t.split()) > 12][:5]
    first = [Block("paragraph", t) for t in ("23 Kommentare", "Klaus M. · vor 63 Tagen",
                                             "Bei mir hat leider nichts davon gewirkt. Hat jemand noch einen Tipp?",
                                             "Antworten", "Petra am 12.01.2024", "Sehr hilfreich, danke!", "Melden")]
    second = [Block("paragraph", t) for t in ("58 Antworten", "Anna_B", "19. Juli 2021", "Weiß jemand, ob das erblich ist?",
                                              "Hilfreich (97)", "Antworten")]
    assert role(second[0], RULES) == "header"
    res = clean([*article[:2], *first, *article[2:], *second], CFG)
    kept = [b.text for b in res.blocks]
    assert all(b.text in kept for b in article)
    assert [r.reason for r in res.removed].count(RULE) == 2

ARTICLE = [Block("paragraph", "Ankylosing spondylitis is a chronic inflammatory disease that mainly affects the "
                              "spine and can cause the vertebrae to fuse over time."),
           Block("paragraph", "Regular exercise and physical therapy help keep the spine flexible.")]
THREAD = [Block("heading", "3 thoughts on “Living with AS”", 2),
          Block("paragraph", "Maria Lopez says:"), Block("paragraph", "March 3, 2021 at 4:12 pm"),
          Block("paragraph", "Thank you for this, my rheumatologist said the same thing about swimming."),
          Block("paragraph", "Reply"),
          Block("paragraph", "Dan K. 2 days ago"),
          Block("paragraph", "Has anyone tried yoga for the stiffness in the morning? It helps me a bit."),
          Block("paragraph", "Reply"),
          Block("heading", "Leave a Reply", 3),
          Block("paragraph", "Your email address will not be published. Required fields are marked *"),
          Block("paragraph", "Comment *"), Block("paragraph", "Name *"), Block("paragraph", "Email *"),
          Block("paragraph", "Save my name, email, and website in this browser for the next time I comment."),
          Block("paragraph", "Post Comment")]


def test_a_thread_goes_as_one_unit_with_one_removal():
    res = clean(ARTICLE + THREAD, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE]
    threads = [r for r in res.removed if r.reason == RULE]
    assert len(threads) == 1 and len(res.removed) == 1
    assert threads[0].block == len(ARTICLE) and "Has anyone tried yoga" in threads[0].text


def test_a_forum_page_keeps_its_posts():
    res = clean(ARTICLE + THREAD, CFG, page_type="forum")
    assert not any(r.reason == RULE for r in res.removed)


def test_prose_mentioning_comments_and_replies_stays():
    blocks = ARTICLE + [Block("paragraph", "Comments from the study authors suggest the effect is small."),
                        Block("paragraph", "Reply to the survey was voluntary and anonymous for all participants.")]
    assert [b.text for b in clean(blocks, CFG).blocks] == [b.text for b in blocks]


MEDITATION_END = "You will still receive the benefits of meditation.</p>"


def _planted(markup: str) -> tuple[object, dict, list]:
    """health-dev wcxb-0027 curated with `markup` after its last paragraph: the article, its
    gold and its comment-thread removals."""
    doc, g = document("health-dev", "wcxb-0027")
    assert MEDITATION_END in doc.content
    doc.content = doc.content.replace(MEDITATION_END, MEDITATION_END + markup, 1)
    art = curate_document(doc, CFG)
    return art, g, [r for r in art.removed if r.reason == RULE]


def _goes_as_one_thread(markup: str, inside: tuple[str, ...], planted: tuple[str, ...]) -> None:
    """`markup` planted in wcxb-0027 leaves as one thread removal holding each of `inside`;
    none of `planted` stays, and the gold's own text does."""
    art, g, threads = _planted(markup)
    assert len(threads) == 1 and all(t in threads[0].text for t in inside)
    for text in planted:
        assert text not in art.text
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_a_thread_planted_in_a_real_page_leaves_with_one_record():
    """health-dev wcxb-0027 with a comment thread and form after its last paragraph, under
    class names that say nothing (as the issue's new-user trial planted them)."""
    thread = ('<div class="q7"><h3>3 Comments</h3>'
              '<div class="c1"><p>Maria Lopez says:</p><p>March 3, 2021 at 4:12 pm</p>'
              '<p>Thank you for this, my therapist said the same thing about breathing.</p><p>Reply</p></div>'
              '<div class="c1"><p>Dan K. 2 days ago</p><p>Has anyone tried humming before sleep? It helps.</p>'
              '<p>Reply</p></div><div class="z3"><h3>Leave a Reply</h3>'
              '<p>Your email address will not be published. Required fields are marked *</p>'
              '<p>Comment *</p><p>Name *</p><p>Email *</p><p>Post Comment</p></div></div>')
    _goes_as_one_thread(thread, ("humming before sleep", "Post Comment"),
                        ("Maria Lopez says:", "humming before sleep", "Reply", "Your email address", "Post Comment"))


def test_a_real_thread_in_a_plain_text_scrape_goes_as_one():
    """wcxb-4622 saved as text: "4 comments", then "Palash Goyal says:", its date, its body..."""
    html, g = document("wcxb-dev", "wcxb-4622")
    text = "\n\n".join(render_lines(load_html(html.content)))
    art = curate_document(Document("wcxb-4622.txt", text, "text", "2" * 64), CFG)
    threads = [r for r in art.removed if r.reason == RULE]
    assert len(threads) == 1
    assert threads[0].text.startswith("4 comments") and threads[0].text.endswith("really shows this school cares!!")
    assert "says:" not in art.text and "Very insightful" not in art.text


def test_a_plain_text_comment_thread_goes_too():
    """The seed page with a comment thread appended, saved as text."""
    doc, g = document("seeds", "000_12dd5c0043177de4")
    thread = "\n\n".join(b.text for b in THREAD)
    doc.content = doc.content.rstrip() + "\n\n" + thread + "\n"
    art = curate_document(doc, CFG)
    assert "Has anyone tried yoga" not in art.text and "Post Comment" not in art.text
    assert len([r for r in art.removed if r.reason == RULE]) == 1
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_a_thread_of_names_short_times_and_vote_buttons_goes_as_one():
    """A thread with no "comments" header: an unnamed heading, names alone on their line,
    "12h"-style times, vote buttons, as a plain-text scrape saves it."""
    doc, g = document("seeds", "000_12dd5c0043177de4")
    thread = ["Conversation", "Ana", "12h", "Thank you, my rheumatologist said the same thing about swimming.",
              "▲ 14 ▼ Reply", "Jo Pike", "3d ago edited", "Has anyone tried yoga for the morning stiffness?",
              "♥ 2  Reply", "Newest", "Oldest"]
    doc.content = doc.content.rstrip() + "\n\n" + "\n\n".join(thread) + "\n"
    art = curate_document(doc, CFG)
    threads = [r for r in art.removed if r.reason == RULE]
    assert len(threads) == 1 and threads[0].text.startswith("Conversation\nAna")
    assert "yoga" not in art.text and "Reply" not in art.text
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_teasers_with_dates_are_no_thread():
    """A related-posts list, each title with its date: dates alone never make a thread."""
    blocks = ARTICLE + [Block("heading", "You may also like", 2),
                        Block("paragraph", "Transfer Guide: How to Apply"), Block("paragraph", "May 30, 2023"),
                        Block("paragraph", "Applying to College: A Complete Guide"), Block("paragraph", "May 6, 2023"),
                        Block("paragraph", "Apply Like a Pro"), Block("paragraph", "April 18, 2023")]
    assert not [r for r in clean(blocks, CFG).removed if r.reason == RULE]


def test_a_thread_saved_without_blank_lines_goes_as_one():
    """The same thread as a scraper saves it with single line breaks: the text reader keeps
    its short lines apart, so the thread is found as one unit, not read as one paragraph."""
    doc, g = document("seeds", "000_12dd5c0043177de4")
    doc.content = doc.content.rstrip() + "\n\n" + "\n".join(b.text for b in THREAD) + "\n"
    art = curate_document(doc, CFG)
    assert "Has anyone tried yoga" not in art.text and "Maria Lopez" not in art.text
    assert len([r for r in art.removed if r.reason == RULE]) == 1
    assert all(fold(s) in fold(art.text) for s in g["with"])


def test_a_thread_run_together_in_one_html_block_goes():
    """health-dev wcxb-0027 with a Q&A thread (a tuned family of the planted-furniture set)
    in the middle, each line its own <div> or <span>: the extractor joins them with nothing
    between ("42 questionsQuestion from dave_r · 1 week agoThanks…"; two spans side by side
    with a blank: "Ask your question Submit"), and the thread goes from that block with one
    removal, its last two lines too, while the article around it stays."""
    lines = ["42 questions", "Question from dave_r · 1 week ago", "Thanks for the clear information, very useful.",
             "healthnut99 asked 12h", "Can I take this with my blood pressure tablets?",
             "Answered by Rosa P. yesterday", "Does anyone know if it runs in families?",
             "Question from Mike · a year ago", "My GP never explained any of this to me.", "Ask your question", "Submit"]
    tags = ["span" if len(ln.split()) <= 3 else "div" for ln in lines]  # short lines as spans, as widgets have them
    widget = '<div class="rbr">' + "".join(f'<{t} class="q{k}">{ln}</{t}>' for k, (t, ln) in enumerate(zip(tags, lines,
                                                                                                      strict=True))) + "</div>"
    _goes_as_one_thread(widget, ("blood pressure tablets",),
                        ("dave_r", "blood pressure tablets", "runs in families", "Ask your question"))


def test_prose_run_together_with_a_thread_keeps_the_prose():
    """What a run-together block holds besides the thread stays, with the removal's offsets."""
    prose = "Walking after meals lowers blood sugar in most people with type 2 diabetes."
    block = Block("paragraph", prose + "3 CommentsJane Miller says:Thank you, this helped my dad.ReplyTom wrote: thanks")
    out = clean([*ARTICLE, block], CFG)
    assert out.blocks[-1].text == prose
    (cut,) = [r for r in out.removed if r.reason == RULE]
    assert block.text[cut.start:cut.end] == cut.text and cut.text.startswith("3 Comments")


def test_camel_case_prose_is_no_thread():
    """Glue-like joins in ordinary prose ("iPhone", "McDonald", "COVID19") split nothing."""
    block = Block("paragraph", "Apps on the iPhone and at McDonald's kiosks asked about COVID19 symptoms. "
                               "Posted reports said: users replied within 3 days.")
    out = clean([*ARTICLE, block], CFG)
    assert out.blocks[-1].text == block.text and not [r for r in out.removed if r.reason == RULE]


@pytest.mark.parametrize("name", ["wcxb-2911", "wcxb-2894"])
def test_a_listing_with_times_and_a_model_number_stay_whole(name):
    """A job listing run together ("3 days ago4. Reflex is hiring") has author/time-like
    pieces but no widget part, and "SM7dB" is no relative time: neither is a thread."""
    doc, _ = document("wcxb-dev", name)
    art = curate_document(doc, CFG)
    assert not any(r.reason == RULE for r in art.removed)


def test_a_spanish_thread_run_together_in_one_html_block_goes():
    """health-dev wcxb-0027 with a Spanish reader thread (a tuned family's wordings: "Comentarios
    (3)", "hace una semana", "Responder · Compartir · Reportar", "Inicia sesión para comentar")
    whose lines the extractor joins: its parts in Spanish make it a thread like the English one."""
    lines = ["Comentarios (3)", "Lucía · hace una semana", "¿Esto también afecta a los niños?",
             "Responder · Compartir · Reportar", "Invitado · hace 3 días", "Me pasa lo mismo desde hace años.",
             "Útil (40)", "Inicia sesión para comentar"]
    widget = '<div class="k9">' + "".join(f'<span class="u{k}">{ln}</span>' for k, ln in enumerate(lines)) + "</div>"
    _goes_as_one_thread(widget, ("afecta a los niños",), ("Lucía", "afecta a los niños", "Compartir", "Inicia sesión"))


def test_a_german_and_a_french_thread_go_as_one_each():
    """The parts of reader threads in German and French: a count in brackets, "antwortete
    gestern", "a répondu il y a une semaine", "Antworten · Teilen · Melden", "Utile (4)", the
    German comment form's notice."""
    german = [Block("paragraph", "Kommentare (4)"), Block("paragraph", "Klaus M. antwortete gestern"),
              Block("paragraph", "Meine Hausärztin hat mir genau das Gleiche gesagt."),
              Block("paragraph", "Antworten · Teilen · Melden"), Block("paragraph", "Petra · vor 3 Tagen"),
              Block("paragraph", "Gibt es dazu auch Studien aus Deutschland?"), Block("paragraph", "Hilfreich (3)"),
              Block("paragraph", "Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * "
                                 "markiert.")]
    french = [Block("paragraph", "12 réponses"), Block("paragraph", "Sophie a répondu il y a une semaine"),
              Block("paragraph", "Article très clair, je le partage avec ma sœur."), Block("paragraph", "Utile (4)"),
              Block("paragraph", "Nicolas · hier"), Block("paragraph", "Chez moi les symptômes empirent en hiver, "
                                                                        "c'est normal ?"),
              Block("paragraph", "Répondre · Partager · Signaler"), Block("paragraph", "Connectez-vous pour commenter")]
    for thread in (german, french):
        res = clean(ARTICLE + thread, CFG)
        assert [b.text for b in res.blocks] == [b.text for b in ARTICLE]
        assert [r.reason for r in res.removed] == [RULE]


def test_an_author_line_with_an_initial_keeps_the_thread_going():
    """"By Karen M. on 2022-11-05" is an author line though its name ends in an initial, and
    "Was this story helpful? Yes · No" is a comment's control: the thread runs to its last body."""
    thread = [Block("paragraph", "Karen M., age 80"), Block("paragraph", "12 Jan 2024"),
              Block("paragraph", "Same here, I have had this problem for ages."), Block("paragraph", "Helpful (71)"),
              Block("paragraph", "Mike, age 93"), Block("paragraph", "March 3, 2023"),
              Block("paragraph", "Great read. Sharing with my sister who needs this."),
              Block("paragraph", "Was this story helpful? Yes · No"),
              Block("paragraph", "By Karen M. on 2022-11-05"),
              Block("paragraph", "My husband went through the same thing. Don't give up, it does get better with time.")]
    res = clean(ARTICLE + thread, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE]
    assert [r.reason for r in res.removed] == [RULE]


PROSE = [Block("paragraph", "The pain is usually worse in the morning and eases with movement during the day, "
                            "which helps doctors tell it apart from mechanical back pain."),
         Block("paragraph", "Blood tests for inflammation and the HLA-B27 gene support the diagnosis, and an MRI "
                            "can show inflamed sacroiliac joints before X-rays change."),
         Block("paragraph", "Most people keep working and stay active with a mix of exercise, physiotherapy and "
                            "anti-inflammatory medicines.")]


def test_a_byline_and_a_comment_form_three_paragraphs_below_are_no_thread():
    """An author line above a short article and the comment form under it: the form goes
    (its own header), the article between them stays."""
    blocks = [Block("paragraph", "By Jane Miller on March 3, 2023"), *PROSE, Block("heading", "Leave a Reply", 3),
              Block("paragraph", "Name *"), Block("paragraph", "Email *"), Block("paragraph", "Post Comment")]
    res = clean(blocks, CFG)
    assert [b.text for b in PROSE if b not in res.blocks] == []
    assert [r.text.split("\n")[0] for r in res.removed if r.reason == RULE] == ["Leave a Reply"]


def test_two_threads_with_the_article_between_them_go_apart():
    """A thread ending in its comment form, three paragraphs of the article, another thread: two
    removals, and the paragraphs between stay."""
    first = [Block("paragraph", "12 Comments"), Block("paragraph", "Jane Miller says:"),
             Block("paragraph", "Thank you, this helped my dad."), Block("paragraph", "Reply"),
             Block("paragraph", "Dan K. 2 days ago"), Block("paragraph", "Same for me, swimming helps."),
             Block("paragraph", "Reply"), Block("paragraph", "Write a comment..."), Block("paragraph", "Submit")]
    second = [Block("paragraph", "3 Responses"), Block("paragraph", "Rosa P. · 3 days ago"),
              Block("paragraph", "Does anyone know if it runs in families?"), Block("paragraph", "Like · Reply"),
              Block("paragraph", "Tom H · 1 week ago"), Block("paragraph", "My GP never explained any of this."),
              Block("paragraph", "Like · Reply")]
    res = clean(ARTICLE + first + PROSE + second, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + PROSE]
    assert len([r for r in res.removed if r.reason == RULE]) == 2
    res = clean(ARTICLE + first + PROSE[:1] + second, CFG)  # one paragraph between a form and a header
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + PROSE[:1]]


def test_a_date_alone_at_a_threads_end_takes_no_paragraphs_after_it():
    """A thread the extractor cut short ends in a bare date: the article's paragraphs after it
    are no comment's body (a date under an author's name would be)."""
    thread = [Block("paragraph", "What readers are saying"), Block("paragraph", "Rosa P. · 3 days ago"),
              Block("paragraph", "Does anyone know if it runs in families?"), Block("paragraph", "Like · Reply"),
              Block("paragraph", "Tom H · 1 week ago"), Block("paragraph", "My GP never explained any of this."),
              Block("paragraph", "Helpful (29) Reply"), Block("paragraph", "March 3, 2023")]
    res = clean(ARTICLE + thread + PROSE, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + PROSE]
    named = thread[:-1] + [Block("paragraph", "Mike"), Block("paragraph", "March 3, 2023"),
                           Block("paragraph", "Great read, sharing this with my sister.")]
    res = clean(ARTICLE + named, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE]


def test_threads_with_quote_buttons_perfect_tense_authors_and_reader_headings_go():
    """Forum-style reader threads: a heading naming the readers or the community, authors in
    the perfect tense ("hat geschrieben:"), quote buttons in four languages ("Zitieren",
    "Citar"), "N members found this helpful", and the log-in line that replaces the form. Each
    is one unit, the article around it whole."""
    german = ["Leserkommentare", "Sabine K. hat geschrieben:", "Meine Physiotherapeutin hat mir genau diese "
              "Übungen gezeigt, sie helfen wirklich.", "Zitieren · Antworten", "Anna_B hat geschrieben:",
              "Danke, das hat mir sehr geholfen.", "Hilfreich (92)", "Zum Antworten bitte anmelden"]
    spanish = ["Opiniones de los lectores", "Invitado escribió:", "Me pasa lo mismo desde hace años.",
               "Citar · Responder", "Elena G. escribió:", "¡Muy útil, gracias!", "Citar · Responder"]
    english = ["Community answers", "Linda Okafor (Member) · 10 minutes ago",
               "Same thing happened to my husband, the physio exercises made a huge difference after about a month.",
               "Mark as helpful · 16 members found this helpful", "Log in or register to reply"]
    for thread in (german, spanish, english):
        res = clean(ARTICLE + [Block("paragraph", t) for t in thread] + PROSE[:1], CFG)
        assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + PROSE[:1]], thread[0]
        assert [r.reason for r in res.removed] == [RULE], thread[0]


def test_a_thread_run_together_with_names_glued_to_their_dates_goes_as_one():
    """Inline elements with nothing between them: "Petra3. März 2023", "Anna_B12.01.2024".
    The date after the name is a line end, so the name reads as the author of a comment."""
    glued = ("62 Antworten Petra3. März 2023Meine Hausärztin hat mir genau das Gleiche gesagt."
             "Antworten · Teilen · MeldenAnna_B12.01.2024Weiß jemand, ob das erblich ist?")
    article = [Block("paragraph", "Die elektronische Patientenakte soll die Versorgung verbessern, sagen die "
                                  "Krankenkassen seit Jahren."),
               Block("paragraph", "Laut Gesetz soll die ePA den Notfalldatensatz und den Medikationsplan aufnehmen.")]
    res = clean([article[0], Block("paragraph", glued), article[1]], CFG)
    assert [b.text for b in res.blocks] == [b.text for b in article]
    assert [r.reason for r in res.removed] == [RULE]


def test_glue_and_seam_points_are_looked_for_wherever_one_can_be():
    """`_MAY_GLUE` skips only places where `_glue_at` cannot hold: no pair of ASCII
    characters it skips (nor one after a character of each kind the test reads that is not
    ASCII) is a glue point, and the characters beyond ASCII it skips are no capital or digit
    (`_glue_at` takes them only after a sentence's end); `_MAY_SEAM` skips no capital. On
    real pages' text both give what testing every place gives."""
    others = ["é", "É", "ß", "ǅ", "١", "²", "½", "…", "\u00a0"]
    chars = [chr(c) for c in range(128)] + others
    for a in chars:
        for b in chars:
            for lead in ("", "x", "X", "x."):
                text = lead + a + b + "3. März 2023"
                k = len(lead) + 1
                if comments._glue_at(text, k):
                    assert k in comments._glue_points(text), repr(text)
    spaced = " " + " ".join(map(chr, range(128, sys.maxunicode + 1)))  # each alone: no sentence's end before it
    assert not [c for c in comments._MAY_GLUE.sub("", spaced) if c.isupper() or c.isdigit()]  # else only after .!?…
    assert not [piece[0] for piece in comments._MAY_SEAM.sub("", spaced).split(" ") if piece and piece[0].isupper()]
    texts = [gold("health-dev", p.name.removesuffix(".gold.json"))["main_content"]
             for p in sorted((CORPUS / "health-dev").glob("*.gold.json"))]
    texts.append("65 commentsMike · a year agoGreat read.Like · Reply Petra3. März 2023 Anna_B12.01.2024 SM7dB x.y!z …a")
    for text in texts:
        assert comments._glue_points(text) == [k for k in range(1, len(text)) if comments._glue_at(text, k)]
        assert comments._seam_points(text) == [k + 1 for k in range(1, len(text) - 1)
                                               if text[k] == " " and word_seam(text[max(0, k - 2):k], text[k + 1])]


def test_a_thread_run_together_in_wordings_the_rules_partly_know_goes_whole():
    """A tuned family's Spanish thread in a box of links, spans and divs: the extractor joins
    its lines ("Comentarios (41)Lucíaen respuesta a Lucía…ayer¡Muy útil, gracias!"), the rules
    know only its heading and one button, so no thread can be traced in it; but a block in
    eight pieces without a blank between them, half of them short, two of them a thread's
    parts, is a widget's lines, and goes with one removal."""
    text = ("Comentarios (41)Lucíaen respuesta a LucíaGracias por compartir, me ha servido mucho.Responder · Ocultar "
            "María comentó ayer¡Muy útil, gracias! Elena G.en respuesta a Lucía¿Hay algún ejercicio que ayude?"
            "ResponderVer todos los comentarios")
    out = clean([*ARTICLE, Block("paragraph", text)], CFG)
    assert [b.text for b in out.blocks] == [b.text for b in ARTICLE]
    (cut,) = [r for r in out.removed if r.reason == RULE]
    assert cut.text == text and "run together" in (cut.detail or "")


def test_identifiers_and_a_share_row_run_together_are_no_thread():
    """Capitals inside identifiers ("AddHttpRawMessageLogging()") and a share row's names
    ("FacebookXRedditEmail") glue pieces of one word, and a heading run into its long
    paragraph has a piece longer than a comment's lines: none is a glued thread."""
    texts = ["Registration - AddHttpRawMessageLogging() registers the handler in the HttpClient pipeline",
             "Share:FacebookXRedditPinterestEmailLinkedInWhatsApp",
             "NameThere are three instances on the form where you are required to provide the name of the LLC, and "
             "the name must end with the words Limited Liability Company or an abbreviation of it.County Location"
             "Reply"]
    for text in texts:
        out = clean([*ARTICLE, Block("paragraph", text)], CFG)
        assert not [r for r in out.removed if r.reason == RULE], text


def test_a_comment_body_left_between_its_thread_s_removed_parts_goes():
    """The boilerplate model took a thread's lines one by one (its heading, an author line,
    a button) but not the body, which reads as prose: a short body right after its author's
    line, both neighbours removed, goes too; a longer paragraph there stays, and so does an
    article's paragraph between two removed widgets with no author line beside it."""
    body = Block("paragraph", "Thanks for the clear information, very useful.")
    long = Block("paragraph", "Regular exercise and physical therapy help keep the spine flexible, and most people "
                              "who keep at it for a year report less stiffness in the morning and better sleep.")
    between = Block("paragraph", "Swimming is a gentle way to stay active.")
    for middle, goes in ((body, True), (long, False)):
        blocks = [*ARTICLE, Block("paragraph", "Conversation about this article"),
                  Block("paragraph", "Posted 3 days ago by healthnut99"), middle, Block("paragraph", "Respond")]
        out = clean(blocks, CFG, model_drops={2: 0.3, 3: 0.4, 5: 0.2})
        kept = [b.text for b in out.blocks]
        assert (middle.text not in kept) == goes and all(b.text in kept for b in ARTICLE)
        assert [(r.reason, r.block) for r in out.removed if r.text == middle.text] == ([(RULE, 4)] if goes else [])
    out = clean([*ARTICLE, Block("paragraph", "Share this"), between, Block("paragraph", "Subscribe now")], CFG,
                model_drops={2: 0.1, 4: 0.1})
    assert between.text in [b.text for b in out.blocks]


ITALIAN = [Block("paragraph", "Commenti dei lettori (3)"), Block("paragraph", "Giulia, 12/01/2024"),
           Block("paragraph", "Anche a me è successo dopo la gravidanza, grazie per l'articolo."),
           Block("paragraph", "Mi piace (3)"), Block("paragraph", "Marco, 03/03/2023"),
           Block("paragraph", "Qualcuno sa se è ereditaria?"), Block("paragraph", "Mi piace (12)"),
           Block("paragraph", "Anna, 19/07/2021"), Block("paragraph", "Finalmente una spiegazione chiara."),
           Block("paragraph", "Rispondi | Segnala")]


def test_a_flat_thread_s_controls_are_read_from_their_period_in_any_wording():
    """Italian, which no control rule knows: "Mi piace (3)" recurs after two bodies and
    "Rispondi | Segnala" is a row of buttons after the last one, so both are the thread's
    controls; the heading's count "(3)" is no sentence end. One removal, the article stays."""
    res = clean(ARTICLE + ITALIAN + PROSE, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + PROSE]
    assert [r.reason for r in res.removed] == [RULE]
    assert comments._label(Block("paragraph", "Commenti dei lettori (3)"))
    assert not comments._label(Block("paragraph", "(3)"))


def test_a_line_repeated_after_short_paragraphs_without_authors_is_no_thread():
    """Steps each followed by the same short line repeat with a period too, but no author
    line or heading of a thread opens them: nothing goes as a thread."""
    steps = [b for k in range(3) for b in (Block("paragraph", f"Schritt {k + 1}: Die Hände gründlich waschen "
                                                                f"und die Lanzette wechseln."),
                                           Block("paragraph", f"Dauer: {k + 2} Minuten"))]
    res = clean(ARTICLE + steps + PROSE, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + steps + PROSE]
    assert not any(r.reason == RULE for r in res.removed)


def test_a_long_paragraph_after_a_control_ends_the_thread():
    """The article between two flat threads: a thread whose last control was read from its
    period ran over the paragraphs after it into the next thread's author lines; a control
    closes its comment, so a paragraph of running text after it is the article's."""
    between = [Block("paragraph", "Physiotherapy starts with gentle stretching and strengthening of the back and hip "
                                  "muscles, and most people notice less stiffness within the first four to six weeks "
                                  "of regular sessions."),
               Block("paragraph", "Anti-inflammatory medicines ease the pain and the morning stiffness, and when they "
                                  "are not enough a specialist may suggest biological treatments that target the "
                                  "inflammation itself.")]
    second = [Block("paragraph", "Luca, 05/05/2023"), Block("paragraph", "Grazie, articolo utilissimo."),
              Block("paragraph", "Sara, 06/06/2023"), Block("paragraph", "Anche mio padre ne soffre."),
              Block("paragraph", "Paolo, 07/07/2023"), Block("paragraph", "Lo condivido con mia sorella.")]
    res = clean(ARTICLE + ITALIAN + between + second, CFG)
    assert [b.text for b in res.blocks] == [b.text for b in ARTICLE + between]
    assert [r.reason for r in res.removed] == [RULE, RULE]


def _text_page(base: str, title: str, middle: list[str]) -> tuple[Document, list[str]]:
    """A flag-set base article saved as text (a paragraph a line, blank lines between), with
    `middle` (one line each) standing between its third and fourth paragraphs."""
    paras = [p for p in (ROOT / "bench" / "flagset" / "base" / base).read_text(encoding="utf-8").split("\n") if p.strip()]
    text = "\n\n".join([title, *paras[:3], *middle, *paras[3:]]) + "\n"
    return Document(base, text, "text", "4" * 64), paras


@pytest.mark.parametrize(("base", "title", "thread", "body"), [
    ("de-asthma.txt", "Asthma bei Erwachsenen",
     ["Jürgen", "dabei seit 12.01.2024", "Bis zur Diagnose hat es bei mir zwei Jahre gedauert.", "Notiz hinterlassen",
      "Senden"], "Bis zur Diagnose"),
    ("fr-asthme.txt", "L'asthme de l'adulte",
     ["Discutons-en", "Amélie a complété il y a une semaine", "Nous avons demandé au pharmacien, il a dit la même chose.",
      "Approuver (64) · Rétorquer", "Amélie a complété hier", "Il m'a fallu deux ans pour obtenir ce diagnostic.",
      "Déplier 64 notes plus anciennes"], "Il m'a fallu"),
])
def test_a_readers_body_left_in_a_thread_no_rule_knows_goes_by_its_voice(base, title, thread, body):
    """A thread in wordings the comment rules do not know, in a plain-text scrape: the text-line
    model takes its names, times and buttons one by one and leaves a body; that body speaks
    as "I" (ich, je) between removed lines, next to an author's line by its shape (a name
    alone, a time, a row of buttons), so it goes as a comment's body, and the mixed-voice
    detector has no reader's sentence to flag; the article stays whole."""
    doc, paras = _text_page(base, title, thread)
    art = curate_document(doc, CFG)
    assert body not in art.text
    assert [(r.reason, r.detail) for r in art.removed if r.text.startswith(body)] == \
        [(RULE, "a reader's first-person body between its thread's removed lines")]
    assert not [f for f in art.flags if f.kind == "mixed_voice"]
    assert all(fold(p) in fold(art.text) for p in paras)


def test_a_short_first_person_paragraph_between_widgets_without_an_author_line_stays():
    """The same voice between two removed widget lines with no author's line beside them (a
    share row's heading, a newsletter's button) is the article's: it stays, and is flagged."""
    doc, paras = _text_page("de-asthma.txt", "Asthma bei Erwachsenen",
                            ["Diesen Beitrag teilen", "Bis zur Diagnose hat es bei mir zwei Jahre gedauert.",
                             "Jetzt Newsletter abonnieren"])
    art = curate_document(doc, CFG)
    assert "Bis zur Diagnose" in art.text and "Diesen Beitrag teilen" not in art.text
    assert all(fold(p) in fold(art.text) for p in paras)


def test_a_page_that_speaks_as_i_elsewhere_keeps_its_short_first_person_paragraphs():
    """The same lines on a page whose author speaks as "I" in another paragraph (a blog post,
    a forum's posts, a review): the voice tells nothing there, so the body stays; the thread's
    name, member line and form, which the text-line model takes, still go."""
    doc, paras = _text_page("de-asthma.txt", "Asthma bei Erwachsenen",
                            ["Jürgen", "dabei seit 12.01.2024", "Bis zur Diagnose hat es bei mir zwei Jahre gedauert.",
                             "Notiz hinterlassen", "Senden"])
    doc.content = doc.content.replace(paras[4], paras[4] + " Ich selbst habe seit meiner Kindheit Asthma.")
    art = curate_document(doc, CFG)
    assert "Bis zur Diagnose" in art.text and "Notiz hinterlassen" not in art.text
    assert not [r for r in art.removed if r.detail and "first-person" in r.detail]


@pytest.mark.parametrize(("base", "title", "thread"), [
    ("es-gripe.txt", "La gripe",
     ["31 lectores han dejado su opinión", "Rocío comentó hace 2 días",
      "Yo también lo noté después del parto, gracias por el artículo.", "Aplaudir (5) · Contestar",
      "Pablo comentó hace 5 horas", "¿Sirve también para niños pequeños?", "Aplaudir (2) · Contestar",
      "Mostrar 14 opiniones más"]),
    ("de-heuschnupfen.txt", "Heuschnupfen",
     ["Kommentare", "Birgit schrieb vor 4 Tagen", "Bei mir half nur die Hyposensibilisierung.",
      "Daumen (3) · Erwidern · Ausblenden", "Tom schrieb vor 2 Stunden", "Gilt das auch für Kinder?",
      "Daumen (1) · Erwidern · Ausblenden", "Weitere 9 Beiträge zeigen"]),
])
def test_a_text_threads_button_rows_count_heading_and_more_link_go_with_it(base, title, thread):
    """A thread saved as text in wordings no rule knows for its buttons: the text layout makes
    its short lines headings, and a row of buttons ("Aplaudir (5) · Contestar") is a control
    there as in a paragraph; the count of opinions above its first author line is its heading
    (a count is none of a label's words), and the line with a count right after its last part
    is its link to more comments. All go with the thread, one removal, and no line of the
    article with it."""
    doc, _ = _text_page(base, title, thread)
    art = curate_document(doc, CFG)
    assert [r.text.split("\n") for r in art.removed if r.reason == RULE] == [thread]
