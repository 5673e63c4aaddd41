"""The shared article view and the one-scan tests the detectors run on it find exactly what
one search per word, per shape or per pattern found (flags must not move for speed)."""

from __future__ import annotations

import json
import random
import re
from bisect import bisect_right

import pytest

from ascurate.config import load_config
from ascurate.flags import ArticleView, detect, lexicon
from ascurate.flags.language import cites
from ascurate.flags.patterns import _blocks_to_read, _may_match, _needles, _needles_found, _rules
from ascurate.flags.quantities import _LOOSE_STOP, _shapes, candidates
from ascurate.flags.voice import _saying_blocks, person_patterns
from ascurate.model import Block, join_blocks

from .conftest import CORPUS, need_shared

CFG = load_config("/nonexistent/ascurate.toml")
FILES = lexicon.files(CFG)


def _articles() -> list[list[Block]]:
    """The health-dev articles' gold text, a paragraph a line."""
    folder = need_shared(CORPUS / "health-dev")
    out = []
    for gold in sorted(folder.glob("*.gold.json")):
        lines = json.loads(gold.read_text(encoding="utf-8")).get("main_content", "").split("\n")
        blocks = [Block("paragraph", ln.strip()) for ln in lines if ln.strip()]
        if blocks:
            out.append(blocks)
    return out


def _view(blocks: list[Block], language: str = "en") -> ArticleView:
    return ArticleView(join_blocks(blocks), blocks, language, CFG)


def test_the_view_computes_each_part_once_and_offsets_point_at_the_blocks():
    blocks = [Block("heading", "Gout"), Block("paragraph", "Uric acid builds up. Dr. Lee explains why.")]
    v = _view(blocks)
    assert v.spans(1) is v.spans(1) and v.block_lower(1) is v.block_lower(1)
    assert [v.blocks[1].text[s:e] for s, e in v.spans(1)] == ["Uric acid builds up.", "Dr. Lee explains why."]
    assert all(v.text[o:o + len(b.text)] == b.text for o, b in zip(v.offs, blocks, strict=True))
    assert v.aligned


def test_one_scan_finds_every_block_each_needle_stands_in_as_a_find_per_needle_does():
    rules = _rules(FILES, "en")
    needles = sorted({(n, bool(r.get("case_sensitive"))) for r in rules for n in r.get("needs") or []})
    # every needle once, in a sentence of its own, and inside longer needles ("an ai" in "as an ai")
    planted = [Block("paragraph", f"Lead {n} tail.") for n, _ in needles]
    for blocks in [*_articles(), planted]:
        v = _view(blocks)
        found = _needles_found(v, _needles(FILES, "en"))
        for n, case in needles:
            within = v.text if case else v.lower
            expected = {bisect_right(v.offs, m.start()) - 1 for m in re.finditer(re.escape(n), within)}
            assert found.get((n, case), set()) == expected, n
        # and the rules each block runs are those whose needs it holds
        todo = _blocks_to_read(v, rules)
        for k, b in enumerate(blocks):
            assert todo.get(k, []) == [r for r in rules if _may_match(r, b.text, b.text.lower())]


def _quantity_words(language: str, n: int, seed: int) -> list[str]:
    """Strings of the language's quantity words (cues, units, the ranges' words) joined at random."""
    t = lexicon.for_language(FILES, "quantity", language)
    assert t is not None
    words = [w for key in ("cues", "measure_cues", "loose_cues", "units", "time_units", "symbols") for w in t[key]]
    words += re.findall(r"[^\W\d_]+", " ".join(t["ranges"]))
    rng = random.Random(seed)
    return [rng.choice(["", "x"]) + " ".join(rng.choices(words, k=rng.randint(2, 6))) + rng.choice(["", ".", " ,", "s"])
            for _ in range(n)]


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_missing_value_scans_once_for_any_shape_and_finds_what_each_shape_finds(language):
    shapes = _shapes(FILES, language)
    stripped = []  # the articles' sentences with every number taken out: shapes stand in many
    for blocks in _articles():
        stripped += [re.sub(r"\d+(?:[.,]\d+)?", "", b.text) for b in blocks]
    stripped += ["Patients lost about  kilograms.", "It takes between and weeks.", "The dose is mg a day.",
                 "A study from , about", "Published in .", "x\u00a0; y", ", no space before"]
    stripped += _quantity_words(language, 3000, seed=5)
    found = 0
    for s in stripped:
        low = s.lower()
        each = [m.start("q") for shape, pat in shapes.lower if shape not in ("date", "gap", "stranded") for m in pat.finditer(low)]
        assert (shapes.any_shape.search(low) is not None) == bool(each), s
        stranded = [m for shape, pat in shapes.lower if shape == "stranded" for m in pat.finditer(low)]
        assert not stranded or _LOOSE_STOP.search(s) is not None, s  # like the date, read only where a stop stands loose
        assert (_LOOSE_STOP.search(s) is not None) == (re.search(r"\s[,.;:](?=\s|$)", s) is not None), s
        found += bool(candidates(s, shapes))
    assert found >= 10


def test_the_blocks_that_say_i_are_those_the_first_person_pattern_finds():
    said_somewhere = 0
    extra = [Block("paragraph", "Type I diabetes. I had it; my mother too. Them, some, same, me-too and I'm done.")]
    for blocks in [*_articles(), extra]:
        v = _view(blocks)
        first = person_patterns(FILES, "en")[0]
        expected = {bisect_right(v.offs, m.start()) - 1 for m in first.finditer(v.text)}
        assert _saying_blocks(v, first) == expected
        said_somewhere += bool(expected)
    assert said_somewhere >= 5


@pytest.mark.parametrize("text, cited", [
    ("Smith J, et al. Lancet. 2019;12:34-40.", True), ("doi: 10.1000/182", True), ("See https://nhs.uk", True),
    ("www.nhs.uk has more", True), ("Br J Sports Med 2018. 52:(3)", True), ("Jones (2020). 7(1), 12", True),
    ("In 2019, 1,000 people took part.", False), ("A 12345. 6: code", False), ("The dose is 2019 mg; 3 a day.", False),
])
def test_a_citation_is_read_from_its_parts(text, cited):
    assert cites(text) is cited


def test_detect_gives_the_same_flags_whichever_detector_computed_a_part_of_the_view():
    # one view shared by all detectors, or a fresh view for each: the same flags
    from ascurate.flags import DETECTORS, _dedupe
    blocks = _articles()[0][:12] + [Block("paragraph", "Patients lost about  kilograms. Priya: can you cut this to 80 words?")]
    text = join_blocks(blocks)
    apart = _dedupe([f for _, d in DETECTORS for f in d(ArticleView(text, blocks, "en", CFG))])
    assert detect(text, blocks, CFG, "en") == apart
    assert {f.kind for f in apart} >= {"missing_value", "editorial_note"}


def test_glue_reads_its_lone_unknown_tokens_off_the_views_runs_as_its_token_scan_finds_them():
    from collections import Counter

    from ascurate.flags.glued import _TOKEN, _known, _token_count, _unknown_runs

    known = _known(FILES, "en")
    hostile = ("foo@abcdefg #qwzxab qwzxab@ /plokmij plokmij/ plokmij.com zzqqxx. zzqqxx.x a\\wwqqee wwqqee\\ "
               ".uuyyttq -uuyyttq uuyyttq- uuyyttqé uuyyttq1 theirdoctor theirdoctor.b xtheirdoctor inthe.. "
               "aaaaaaa aaaaaa aaaaaaaa qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfg qwertyuiopasdfghjklzxcvbnmqwertyu "
               "biologicTreatment@ biologicTreatment biologicTreatment_x sansdoute/ sansdoute")
    lone = 0
    for blocks in [*_articles(), [Block("paragraph", hostile)]]:
        v = _view(blocks)
        tokens = _TOKEN.findall(v.text)
        unknown = {t for t in set(tokens).difference(known) if t.lower() not in known}
        counts = Counter(filter(unknown.__contains__, tokens))
        expected = sorted(t for t, n in counts.items() if n == 1)
        assert sorted(r for r in _unknown_runs(v.runs, known) if _token_count(v.text, r, v.runs[r]) == 1) == expected
        lone += len(expected)
    assert lone >= 20


def test_the_notes_read_the_views_runs_as_they_count_their_own():
    from ascurate.flags.notes import addressed_notes

    blocks = _articles()[1][:20] + [Block("paragraph", "Priya: can you cut this to 80 words?"),
                                    Block("paragraph", "Still waiting on the press office to confirm this figure.")]
    v = _view(blocks)
    own = addressed_notes(v.text, v.blocks, v.offs, CFG, "en")
    assert own and addressed_notes(v.text, v.blocks, v.offs, CFG, "en", v.files, lambda: v.runs) == own
    assert v.threshold("garbled_text") == lexicon.threshold(CFG, "garbled_text")
