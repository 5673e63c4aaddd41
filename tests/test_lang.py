"""Language detection: langdetect's own seeded answer, the same in every process and
thread, on real text: the corpus's articles, single paragraphs and other scripts."""

from __future__ import annotations

import json
import subprocess
import sys

import langdetect

from ascurate import lang


def _texts(corpus) -> list[str]:
    texts: list[str] = []
    for gold in sorted(corpus.glob("*/*.gold.json"))[:300]:
        main = json.loads(gold.read_text(encoding="utf-8")).get("main_content") or ""
        paras = [p for p in main.split("\n") if len(p) > 80]
        texts += [lang.sample(main), *paras[:2]]
    texts += ["これは健康に関する記事です。医師に相談してください。", "Это статья о здоровье: обратитесь к врачу.",
              "Ceci est un article sur la santé et les médicaments que votre médecin prescrit.",
              "Dies ist ein Artikel über Gesundheit und die Medikamente, die Ihr Arzt verschreibt."]
    return [t for t in texts if t.strip()]


def test_seeded_langdetect_answers(corpus):
    """The answer is langdetect's public detect_langs under DetectorFactory.seed = 0."""
    texts = _texts(corpus)
    assert len(texts) > 300
    langdetect.DetectorFactory.seed = 0
    found = {}
    for text in texts[:150] + texts[-4:]:
        best = langdetect.detect_langs(lang.sample(text))[0]
        assert lang.detect(text) == (best.lang.split("-")[0], float(best.prob)), text[:80]
        found[text] = best.lang
    assert {"ja", "ru", "fr", "de"} <= set(found.values())
    assert lang.detect("1234 5678 ...") == (None, 0.0)  # no letters: no guess


def test_same_answers_in_a_fresh_process_with_threads(corpus):
    """Another process, whose first calls come from eight threads at once (the profiles load
    under a lock), gets this process's answers: the seed makes them the same everywhere."""
    texts = _texts(corpus)[:40]
    here = [list(lang.detect(t)) for t in texts]
    code = ("import json, sys\nfrom concurrent.futures import ThreadPoolExecutor\nfrom ascurate import lang\n"
            "texts = json.load(sys.stdin)\n"
            "with ThreadPoolExecutor(8) as ex:\n    out = list(ex.map(lang.detect, texts))\n"
            "print(json.dumps([list(o) for o in out]))")
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                          check=True, timeout=120)
    assert json.loads(done.stdout) == here
    assert sum(code == "en" for code, _ in here) >= 0.75 * len(here)  # most of the corpus is English
