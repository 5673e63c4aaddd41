"""lang.detect_langs is langdetect's own answer, to the last bit, on real text: whole
samples, single paragraphs and short lines of every corpus page, and other scripts."""

from __future__ import annotations

import json

import langdetect

from ascurate import lang


def _texts(corpus) -> list[str]:
    texts: list[str] = []
    for gold in sorted(corpus.glob("*/*.gold.json")):
        main = json.loads(gold.read_text(encoding="utf-8")).get("main_content") or ""
        paras = [p for p in main.split("\n") if p.strip()]
        texts += [lang.sample(main), *paras[:12], *(p[:40] for p in paras[:4])]
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        texts.append(seed.read_text(encoding="utf-8")[:1500])
    texts += ["0コメント 1000 / 1000", "これは健康に関する記事です。医師に相談してください。",
              "Это статья о здоровье: обратитесь к врачу.", "Ceci est un article sur la santé.",
              "Dies ist ein Artikel über Gesundheit.", "ABC DEF GHI", "1234 5678", "https://example.com a@b.org"]
    return [t for t in texts if t.strip()]


def _answer(fn, text):
    try:
        return [(found.lang, found.prob) for found in fn(text)]
    except langdetect.lang_detect_exception.LangDetectException as e:
        return str(e)


def test_same_probabilities_as_langdetect(corpus):
    texts = _texts(corpus)
    assert len(texts) > 1_000
    lang._ensure_profiles()
    answers = {}
    for text in texts:
        theirs = _answer(langdetect.detect_langs, text)
        assert _answer(lang.detect_langs, text) == theirs, text[:80]
        answers[text] = theirs
    found = {a[0][0] for a in answers.values() if isinstance(a, list) and a}
    assert {"en", "ja", "ru", "fr", "de"} <= found  # other scripts and languages went through it too
    assert "No features in text." in answers.values()  # and text without any


def test_caches_do_not_change_an_answer():
    """Rows and normalised characters are cached across calls: cold, warm and after the row
    cache overflows, the answer is the same."""
    text = "Gout is a painful form of arthritis. Ceci est un texte en français, assez court."
    lang._ROWS.clear()
    lang._NORMAL.clear()
    cold = _answer(lang.detect_langs, text)
    assert lang._ROWS and lang._NORMAL
    assert _answer(lang.detect_langs, text) == cold
    row = lang._ROWS[next(iter(lang._ROWS))]
    lang._ROWS.clear()
    lang._ROWS.update({f"filler{i}": row for i in range(lang._MAX_ROWS)})  # full: the next miss clears it
    assert _answer(lang.detect_langs, text) == cold == _answer(langdetect.detect_langs, text)
    assert len(lang._ROWS) < lang._MAX_ROWS
