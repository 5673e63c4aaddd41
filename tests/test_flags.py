"""Flag detectors on real pages (seeds, bench/flagset) and on the traps editors named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ascurate import rulebook
from ascurate.config import load_config
from ascurate.extract import extract_text
from ascurate.flags import detect
from ascurate.model import Block, join_blocks

CFG = load_config("/nonexistent/ascurate.toml")
FLAGSET = Path(__file__).resolve().parents[1] / "bench" / "flagset"
SEVERITIES = {"info", "warning", "blocking"}


def fold(s: str) -> str:
    return " ".join(s.split()).lower()


def overlaps(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a in b or b in a or any(a[i:i + 24] in b for i in range(0, max(1, len(a) - 23), 4))


def flags_of_page(path: Path):
    ex = extract_text(path.read_text(encoding="utf-8"))
    text = join_blocks(ex.blocks)
    return text, detect(text, ex.blocks, CFG)


def check_invariants(text, flags):
    for f in flags:
        assert text[f.start:f.end] == f.quote and f.quote.strip() == f.quote
        assert f.severity in SEVERITIES and f.message and f.rule


TXT_PAGES = sorted(FLAGSET.glob("*.txt"))


@pytest.mark.parametrize("page", TXT_PAGES, ids=lambda p: p.stem)
def test_flagset_page(page):
    gold = json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))
    text, flags = flags_of_page(page)
    check_invariants(text, flags)
    for g in gold["flags"]:
        assert any(f.kind == g["kind"] and overlaps(f.quote, g["quote"]) for f in flags), f"missed {g}"
    for t in gold["not_flags"]:
        hit = [f for f in flags if f.kind in t["kinds"] and overlaps(f.quote, t["quote"])]
        assert not hit, f"trap flagged: {t['quote']!r} as {hit[0].kind} ({hit[0].rule})"
    if not gold["flags"]:
        assert flags == []


def test_seeds(corpus):
    text, flags = flags_of_page(corpus / "seeds" / "003_528403d0cb010f64.txt")
    check_invariants(text, flags)
    gold = json.loads((corpus / "seeds" / "003_528403d0cb010f64.gold.json").read_text(encoding="utf-8"))
    for g in gold["flags"]:
        if g["required"]:
            assert any(f.kind == g["kind"] and overlaps(f.quote, g["quote"]) for f in flags), g
    assert {f.kind for f in flags} >= {"editorial_note", "missing_value", "dangling_list", "mixed_voice"}
    assert flags_of_page(corpus / "seeds" / "000_12dd5c0043177de4.txt")[1] == []


def run(*paras: str, types: tuple[str, ...] = ()):
    blocks = [Block(types[i] if i < len(types) else "paragraph", p) for i, p in enumerate(paras)]
    text = join_blocks(blocks)
    flags = detect(text, blocks, CFG)
    check_invariants(text, flags)
    return flags


def kinds(flags) -> list[str]:
    return [f.kind for f in flags]


REFERENCE = [
    "Ankylosing spondylitis is a long-term inflammatory arthritis of the spine and pelvis. "
    "It is more common in men and often runs in families.",
    "It usually starts in early adulthood, and back pain with morning stiffness is the first sign. "
    "The pain tends to ease with movement and get worse with rest.",
    "The HLA-B27 gene is found in most people with the disease, although most carriers stay well. "
    "Other genes and gut bacteria probably play a part as well.",
    "Doctors confirm it with an MRI of the sacroiliac joints and blood tests for inflammation. "
    "X-rays show changes only after several years of disease.",
    "Exercise and physiotherapy keep the spine mobile, and anti-inflammatory drugs ease the pain. "
    "Most people take them every day during a flare of symptoms.",
    "Biologic medicines that block TNF or IL-17A help when other drugs have not worked. "
    "They are given as injections and need regular blood tests.",
    "Smoking makes the disease progress faster, so stopping is one of the most useful steps. "
    "Good posture and a firm mattress also protect the spine.",
]


def test_traps_named_in_the_issue_are_not_flagged():
    flags = run(
        "Editor's note: this article was updated on 3 March 2024 to add new guidance.",
        "Secukinumab blocks IL-17A; HLA-B27 raises the risk; HbA1c tracks glucose; COVID-19 can trigger flares.",
        "Note: take this medicine with food to protect your stomach.",
        "Treatments include:", "exercise", "physiotherapy", "anti-inflammatory drugs",
        "\u201cI could barely get out of bed some mornings,\u201d says Anna, 41. \u201cNow I swim twice a week.\u201d",
        "Datta TK, Smith J. Ankylosing spondylitis. Spine. 2020;45:1-9.",
        types=("paragraph", "paragraph", "paragraph", "paragraph", "list_item", "list_item", "list_item"),
    )
    assert flags == []


def test_dangling_list_shapes():
    assert kinds(run("Drugs used to treat it include:. Any disorder can lead to low mood.")) == ["dangling_list"]
    assert kinds(run(*REFERENCE, "The options your doctor may suggest are listed below:",
                     "Medication overuse can cause headaches, so keep a diary of how often you take painkillers.")) \
        == ["dangling_list"]
    assert kinds(run(*REFERENCE, "Ways to pace yourself are:")) == ["dangling_list"]
    # a colon before a quotation, a heading or a short list line is how pages are written
    assert run("A 2022 review explains:", "\u201cWeight gain has many causes, not one.\u201d") == []
    assert run("Commonly prescribed medicines include:", "Semaglutide", types=("paragraph", "heading")) == []
    assert run("Key points:", "stay active", "sleep well") == []


def test_mixed_voice_run_and_its_look_alikes():
    spliced = "I had been asking since August and nobody listened. In December my doctor finally sent me for an MRI."
    flags = run(*REFERENCE[:4], spliced, *REFERENCE[4:])
    assert kinds(flags) == ["mixed_voice"] and "since August" in flags[0].quote
    quoted = "\u201cI had been asking since August and nobody listened. My doctor finally sent me for an MRI,\u201d says Sam."
    assert run(*REFERENCE[:4], quoted, *REFERENCE[4:]) == []
    questions = "How can I tell if my back pain is inflammatory? Can I keep working?"
    assert run(*REFERENCE[:4], questions, *REFERENCE[4:]) == []
    interview = "A: I have treated people with this disease for twenty years. I still learn something every week."
    assert run(*REFERENCE[:4], interview, *REFERENCE[4:]) == []
    numerals = "Type I interferons and IGF-I were measured. Phase I trials enrolled 40 patients with the disease."
    assert run(*REFERENCE[:4], numerals, *REFERENCE[4:]) == []


def test_off_topic_paragraph_needs_no_shared_vocabulary_and_no_health_words():
    news = ("Meanwhile, the city council has approved plans for a new multi-storey car park next to the station, "
            "with 600 spaces and electric charging points due to open next spring.")
    flags = run(*REFERENCE, news)
    assert kinds(flags) == ["off_topic"] and flags[0].quote == news
    other_condition = ("Reactive arthritis causes inflammation of the joints and tendons after an infection, and it "
                       "usually settles within a year with rest and anti-inflammatory drugs.")
    assert run(*REFERENCE, other_condition) == []


def test_foreign_text_per_block_with_guards():
    german = ("Bei erh\u00f6htem Blutzucker sollten Sie regelm\u00e4\u00dfig Ihre F\u00fc\u00dfe kontrollieren, "
              "da Nervensch\u00e4den kleine Wunden unbemerkt lassen k\u00f6nnen.")
    assert kinds(run(*REFERENCE, german)) == ["foreign_text"]
    short = "The French call it la maladie de Bechterew."
    refs = "Braun J, Sieper J. Spondylarthritiden. Z Rheumatol. 2018;77:123-134. Dougados M, Baeten D. Lancet."
    assert run(*REFERENCE, short, refs) == []


def test_garbled_text_but_not_gene_and_protein_names():
    assert kinds(run("Secukinumab, an interleukinA receptor antagonist, reduces inflammation.")) == ["garbled_text"]
    assert kinds(run("Most people improve within weeks of starting a biologicTreatment is then continued.")) \
        == ["garbled_text"]
    doubled = run("If you react to pets, read our guide to pet allergies read our guide to pet allergies first.")
    assert kinds(doubled) == ["garbled_text"] and doubled[0].suggestion == "read our guide to pet allergies"
    assert run("IL-17A, HLA-B27, HbA1c, COVID-19, SARS-CoV-2, eGFR, mRNA and TNF-\u03b1 are names, not damage.") == []
    assert run("It was a major depressive episode. Major depressive episode is defined by five symptoms.") == []


def test_blocking_flag_explains_a_span_better_than_its_shape():
    flags = run(*REFERENCE, "Sure, here's a rewritten section on exercise that is easier to read:")
    assert kinds(flags) == ["ai_leftover"] and flags[0].severity == "blocking" and flags[0].suggestion == ""


def test_editors_extend_and_switch_off_rules(tmp_path):
    (tmp_path / "site.toml").write_text(
        '[[flag]]\nid = "site.house-marker"\nkind = "editorial_note"\nseverity = "blocking"\n'
        'pattern = "\\\\bHOLD FOR LEGAL\\\\b"\ncase_sensitive = true\nmessage = "A house marker."\n'
        'examples = ["HOLD FOR LEGAL"]\n\n[[flag]]\nid = "placeholder.xx"\ndisabled = true\n', encoding="utf-8")
    cfg = load_config("/nonexistent/ascurate.toml", rules_dirs=(str(tmp_path),))
    text = "About XX% of people recover. HOLD FOR LEGAL"
    blocks = [Block("paragraph", text)]
    assert [(f.kind, f.rule) for f in detect(text, blocks, cfg)] == [("editorial_note", "site.house-marker")]
    assert [f.rule for f in detect(text, blocks, CFG)] == ["placeholder.xx"]


def test_english_wordings_stay_out_of_other_languages():
    german = "Weder die TK noch IBM haben Zugriff auf die Daten der Versicherten."
    blocks = [Block("paragraph", german)]
    assert detect(german, blocks, CFG, language="de") == []
    assert "placeholder.tk" in [f.rule for f in detect(german, blocks, CFG, language="en")]
    italian = [Block("paragraph", p) for p in (
        "I Cavalieri dello Zodiaco sono tornati. I fan li aspettavano da anni.", *["Il cofanetto contiene dodici dischi."] * 9)]
    assert detect(join_blocks(italian), italian, CFG, language="it") == []


def test_pipeline_puts_a_flagged_page_up_for_review_and_leaves_a_trap_page_clean():
    from ascurate.model import Document
    from ascurate.pipeline import curate_document

    def curate(name):
        content = (FLAGSET / name).read_text(encoding="utf-8")
        return curate_document(Document(name, content, "text", "0" * 64), CFG)

    knee = curate("knee.txt")
    assert knee.status == "needs_review"
    assert {f.rule for f in knee.flags if f.severity == "blocking"} >= {"placeholder.caps-in-brackets",
                                                                        "editorial.addressed-aside"}
    for f in knee.flags:
        assert knee.text[f.start:f.end] == f.quote
    iron = curate("iron.txt")
    assert iron.status == "clean" and all(f.severity == "info" for f in iron.flags)


PIECES = ["Drugs used to treat it include:.", "I had pain.", "My back hurt.", "TK", "Datta TK,", "[INSERT STAT]",
          "about XX% of", "from , about", "IL-17A", "interleukinA", "the same words the same words", "Note:",
          "Sure, here's a rewritten section:", "“I was tired,” says Ann.", "Die Symptome sind oft mild.",
          "Exercise helps the spine.", "\u00e9t\u00e9", "  ", ",", "?", "\t"]


def test_offsets_hold_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    block = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(["paragraph", "list_item", "heading", "quote"]), block),
                    min_size=1, max_size=12))
    def check(spec):
        blocks = [Block(t, s) for t, s in spec]  # type: ignore[arg-type]
        text = join_blocks(blocks)
        flags = detect(text, blocks, CFG, language="en")
        check_invariants(text, flags)
        assert all(0 <= f.start < f.end <= len(text) for f in flags)

    check()


def test_pattern_matches_kept_per_block_land_at_each_articles_offsets(corpus):
    """A block's pattern matches are kept by its text (flags/patterns.py): the seed's
    leftovers are found with the same quotes whether the block is new or recurs, and
    `text[start:end] == quote` holds when the same blocks sit further down."""
    seed = corpus / "seeds" / "003_528403d0cb010f64.txt"
    blocks = extract_text(seed.read_text(encoding="utf-8")).blocks
    rulebook.forget_memos()
    text = join_blocks(blocks)
    fresh = [f for f in detect(text, blocks, CFG, "en") if f.rule and not f.rule.startswith(("shape.", "topic.", "language.", "voice."))]
    assert fresh
    again = [f for f in detect(text, blocks, CFG, "en") if f in fresh]
    assert again == fresh
    lead = Block("paragraph", "Gout is a form of arthritis that causes sudden pain in a joint.")
    moved_text = join_blocks([lead, *blocks])
    moved = [f for f in detect(moved_text, [lead, *blocks], CFG, "en") if f.rule in {g.rule for g in fresh}]
    assert [(f.rule, f.quote) for f in moved] == [(f.rule, f.quote) for f in fresh]
    assert all(moved_text[f.start:f.end] == f.quote for f in moved)
    assert [f.start - len(lead.text) - 1 for f in moved] == [f.start for f in fresh]


def test_a_block_opening_on_spaces_gives_sentences_and_flags_without_them():
    """A block whose text opens on a tab and spaces (scraped text keeps them): the sentence
    spans, and a flag quoting the whole first sentence, start at its first letter (found by
    the property test above: notes-v4 quoted "\\t TK Sure, …")."""
    from ascurate.flags.sentences import spans

    assert spans("\t Sure, here it is. Next one.") == ((2, 19), (20, 29))
    text = "\t TK Sure, here's a rewritten section:"
    blocks = [Block("paragraph", text)]
    flags = detect(join_blocks(blocks), blocks, CFG, language="en")
    assert flags
    check_invariants(join_blocks(blocks), flags)


def test_preload_reads_every_rule_language_table_before_any_article():
    """The forkserver and the flag benchmarks call `preload`, so no document pays for
    reading wordfreq's tables or py3langid's model: after it, each rule language's table
    is in the cache and a lookup reads it from there."""
    from ascurate.flags import glued, lexicon, preload

    cfg = load_config(None)
    preload(cfg)
    languages = lexicon.languages(lexicon.files(cfg))
    assert {"en", "de", "fr", "es"} <= set(languages)
    before = glued.frequencies.cache_info()
    for code in languages:
        assert glued.frequencies(code).get("the" if code == "en" else "und" if code == "de" else "de", 0) > 0
    after = glued.frequencies.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + len(languages)


def test_pattern_needles_list_every_needle_each_found_needle_starts_with():
    """A found needle stands for every needle of the same case that it starts with (after
    their leading spaces): the prefix index equals that definition, pair by pair."""
    from ascurate.flags import lexicon, patterns

    files = lexicon.files(load_config(None))
    for language in ("en", "de", "fr", "es", None):
        rules = patterns._rules(files, language)
        words = {(n, bool(r.get("case_sensitive"))) for r in rules for n in (r.get("needs") or []) if n}
        core = {(n, case): n[len(patterns._lead(n)):] for n, case in words}
        expected = {(c, case): {(n, patterns._lead(n)) for (n, cs), nc in core.items() if cs == case and c.startswith(nc)}
                    for (_, case), c in core.items()}
        got = {k: set(v) for k, v in patterns._needles(files, language).prefixes.items()}
        assert got == expected and any(len(v) > 1 for v in got.values())
