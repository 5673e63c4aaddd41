"""Reader-comment threads go as one unit with one removal (clean/comments.py)."""

from __future__ import annotations

import pytest

from ascurate import rulebook
from ascurate.clean import clean
from ascurate.clean.comments import RULE, role
from ascurate.config import load_config
from ascurate.model import Block
from ascurate.pipeline import curate_document

from .corpus_pages import document, fold

CFG = load_config("/nonexistent/ascurate.toml")
RULES = rulebook.load(CFG, "comment")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_comment_rule_examples(rule):
    for ex in rule.examples:
        assert role(Block("paragraph", ex), RULES) == rule.get("role"), ex
    for ex in rule.counter_examples:
        assert role(Block("paragraph", ex), RULES) is None, ex


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


def test_a_real_pages_comment_thread_leaves_with_one_record():
    """wcxb-4622: a tutorial whose readers' comments ("X says: August 1, 2020 at 3:45 am") follow it."""
    doc, g = document("wcxb-dev", "wcxb-4622")
    art = curate_document(doc, CFG)
    text = fold(art.text)
    assert not [s for s in g["without"] if "says:" in s and fold(s) in text]
    assert len([r for r in art.removed if r.reason == RULE]) == 1
    assert all(fold(s) in text for s in g["with"])


def test_a_plain_text_comment_thread_goes_too():
    """The seed page with a comment thread appended, saved as text."""
    doc, g = document("seeds", "000_12dd5c0043177de4")
    thread = "\n\n".join(b.text for b in THREAD)
    doc.content = doc.content.rstrip() + "\n\n" + thread + "\n"
    art = curate_document(doc, CFG)
    assert "Has anyone tried yoga" not in art.text and "Post Comment" not in art.text
    assert len([r for r in art.removed if r.reason == RULE]) == 1
    assert all(fold(s) in fold(art.text) for s in g["with"])
