"""The lexical model (`clean/lexical.py`): the terms it reads of a block, its portable
weights, and what it learns from sites' blocks."""

from __future__ import annotations

import json

import numpy as np

from ascurate.clean import lexical


def test_terms_are_case_folded_words_pairs_among_the_first_words_and_the_opening():
    found = lexical.terms("Follow us on Twitter: 12 new posts, read by 1,024 people every day")
    assert {"follow", "us", "twitter", "00", "new", "posts", "0", "000", "people", "day"} <= found
    assert {"follow us", "us on", "twitter 00", "new posts"} <= found
    assert "every day" not in found  # pairs among the first PAIR_WORDS words only
    assert "^follow" in found and "^follow us" in found and "^us" not in found
    assert lexical.terms("") == set() and lexical.terms("— · —") == set()
    assert {"über", "uns", "^über uns"} <= lexical.terms("Über uns")  # any script's words


def test_only_the_head_of_a_long_block_is_read():
    """Prediction cost stays bounded on a long paragraph: words after HEAD_CHARS are not terms."""
    text = "word " * (lexical.HEAD_CHARS // 5) + "newsletter"
    assert "newsletter" not in lexical.terms(text)
    assert "newsletter" in lexical.terms(text[-200:])


def test_weights_round_trip_through_json():
    model = lexical.Lexicon({"subscribe": -2.0, "^about the": -1.5, "patients": 0.7}, 0.4)
    again = lexical.Lexicon.from_json(json.loads(json.dumps(model.to_json())))
    texts = ["Subscribe to our newsletter", "About the author", "Patients with gout", "zzz"]
    assert np.allclose(model.scores(texts), again.scores(texts))
    assert again.score("qqq unknown words") == again.score("") == np.float32(1 / (1 + np.exp(-0.4)))
    assert model.score("Subscribe now") < model.score("qqq") < model.score("Patients")


def test_a_term_on_few_sites_is_not_learnt():
    """The vocabulary is the terms of many sites' blocks: one site's wording (its footer
    repeated on all its pages) cannot become a weight, however often it occurs."""
    docs, labels, groups = [], [], []
    for site in range(12):
        docs += [lexical.terms("Sign up for our newsletter"), lexical.terms("The patients were treated for a year")]
        labels += [0, 1]
        groups += [f"s{site}"] * 2
    for _ in range(50):
        docs.append(lexical.terms("Acme Clinic footer blurb"))
        labels.append(0)
        groups.append("s0")
    model = lexical.fit(docs, np.asarray(labels, dtype=float), np.ones(len(labels)), groups, min_groups=5, size=100)
    assert "acme" not in model.weights and "^acme clinic" not in model.weights
    assert model.weights["newsletter"] < 0 < model.weights["patients"]
    assert model.score("Sign up for our newsletter") < 0.5 < model.score("The patients were treated")


def _pages(n_sites: int = 10):
    from ascurate.model import Block
    from ascurate.models import train

    content = ["The patients were treated for a year and most of them improved",
               "Doctors said that the swelling can come back when treatment stops"]
    furniture = ["Sign up for our newsletter", "Share this on Facebook", "Related articles"]
    pages = []
    for k in range(n_sites):
        texts = [*content, furniture[k % 3], f"Site {k} only says this"]
        blocks = [Block("paragraph", t) for t in texts]
        pages.append(train.Page("wcxb-dev", f"p{k}.html", f"s{k}.example", "article", " ".join(content), None,
                                blocks, np.zeros((len(blocks), 1), dtype=np.float32),
                                labels=np.asarray([1, 1, 0, 0], dtype=np.float32)))
    return pages


def test_the_lexical_column_is_out_of_fold_inside_each_fold():
    """Stacking discipline (train.lexical_columns): in fold j, a page of fold j is scored by
    the model of all other folds (as at run time by the model of all pages), and a training
    page of fold m by the model of the folds that are neither j nor m, so the boilerplate
    model never learns from a lexical score that saw the page."""
    from ascurate.models import train

    pages = _pages()
    saved = dict(train.LEXICAL_PARAMS)
    train.LEXICAL_PARAMS.update(min_groups=2)
    try:
        nested = train.lexical_columns(pages, 5)
        sets = train.folds(pages, 5)
        for j, test in enumerate(sets):
            outside = [p for i, p in enumerate(pages) if i not in set(test.tolist())]
            expected = train.fit_lexical(outside)
            for i in test:
                assert np.allclose(nested[j][i], expected.scores(b.text for b in pages[i].blocks))
            for m, inner in enumerate(sets):
                if m == j:
                    continue
                held = set(test.tolist()) | set(inner.tolist())
                model = train.fit_lexical([p for i, p in enumerate(pages) if i not in held])
                for i in inner:
                    assert np.allclose(nested[j][i], model.scores(b.text for b in pages[i].blocks))
                    assert not np.allclose(nested[j][i], expected.scores(b.text for b in pages[i].blocks))
    finally:
        train.LEXICAL_PARAMS.clear()
        train.LEXICAL_PARAMS.update(saved)
