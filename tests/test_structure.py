"""Structure: sections and health aspects, vocabulary, review facts, reading facts, JSON-LD,
on the real corpus pages through the real pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from ascurate import rulebook
from ascurate.config import load_config
from ascurate.ingest import document_from_bytes
from ascurate.model import Article, Block, Document
from ascurate.pipeline import curate_document
from ascurate.structure import annotate, structure_blocks
from ascurate.structure.aspects import heading_aspects, load_aspects, text_aspect
from ascurate.structure.reading import reading_facts
from ascurate.structure.review import iso_date, people, review_facts
from ascurate.structure.schemaorg import validate
from ascurate.structure.vocabulary import load_vocabulary

from .conftest import SCHEMA

CFG = load_config("/nonexistent/ascurate.toml")
ASPECTS = load_aspects(CFG)
SEED_000 = "seeds/000_12dd5c0043177de4.txt"
SEED_003 = "seeds/003_528403d0cb010f64.txt"
HEALTH = ["health-dev/wcxb-0065.html", "health-dev/wcxb-4578.html", "health-dev/readability-webmd-1.html",
          "health-dev/wcxb-0348.html", "health-dev/scrapinghub-9eef8162bb.html"]


def curate(corpus: Path, rel: str, cfg=CFG) -> Article:
    p = corpus / rel
    fmt = "text" if p.suffix == ".txt" else "html"
    doc = next(d for d in document_from_bytes(p.name, p.read_bytes(), fmt, cfg) if isinstance(d, Document))
    return curate_document(doc, cfg)


@pytest.fixture(scope="module")
def arts(corpus) -> dict[str, Article]:
    return {rel: curate(corpus, rel) for rel in [SEED_000, SEED_003, *HEALTH]}


# ---------------------------------------------------------------- the targets


def test_seed_000_has_five_sections_with_their_aspects(arts):
    secs = arts[SEED_000].extra["sections"]
    assert [(s["heading"], s["aspects"]) for s in secs[1:]] == [
        ("Causes of Ankylosing Spondylitis Back Pain", ["causes"]),
        ("Symptoms of Ankylosing Spondylitis Back Pain", ["symptoms"]),
        ("Diagnosis and Treatment", ["diagnosis", "treatment"]),
        ("Living with Ankylosing Spondylitis", ["living_with"]),
    ]
    assert len(secs) == 5 and secs[0]["heading"] is None
    assert secs[3]["health_aspects"] == ["ScreeningHealthAspect", "TreatmentsHealthAspect"]
    text = arts[SEED_000].text
    for s in secs[1:]:  # offsets point at the section in the article text
        assert text[s["start"]:s["end"]].startswith(s["heading"])


@pytest.mark.parametrize("seed", [SEED_000, SEED_003])
def test_both_seeds_are_about_ankylosing_spondylitis(arts, seed):
    assert arts[seed].extra["about"]["main"] == ["ankylosing spondylitis"]
    about = arts[seed].extra["jsonld"]["about"]
    assert [(a["@type"], a["name"]) for a in about] == [("MedicalCondition", "ankylosing spondylitis")]


def test_seed_003_drugs_are_all_found_with_places(arts):
    art = arts[SEED_003]
    drugs = {e["name"]: e for e in art.extra["about"]["drugs"]}
    want = ["sulfasalazine", "methotrexate", "etanercept", "adalimumab", "infliximab", "golimumab",
            "certolizumab pegol", "secukinumab", "ixekizumab", "diazepam"]
    assert set(want) <= set(drugs)
    for e in drugs.values():
        for m in e["mentions"]:
            assert art.text[m["start"]:m["end"]] == m["text"]
            assert m["text"] in art.blocks[m["block"]].text
    classes = {e["name"] for e in art.extra["about"]["drug_classes"]}
    assert {"tnf inhibitors", "nsaids"} <= classes


# ---------------------------------------------------------------- aspect rules as data

RULES = rulebook.load(CFG, "aspect")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_aspect_rule_examples(rule):
    assert rule.examples, f"{rule.id} has no examples"
    title = rule.get("example_title")
    for ex in rule.examples:
        got = heading_aspects(ex, ASPECTS, title)
        if rule.get("stop"):
            assert got == [], f"{rule.id} should stop {ex!r}, got {[r.id for r in got]}"
        else:
            assert rule.id in {r.id for r in got} or rule.get("label") in {r.label for r in got}, f"{rule.id} missed {ex!r}"
    for ex in rule.counter_examples:
        assert rule.get("label") not in {r.label for r in heading_aspects(ex, ASPECTS, title)} or rule.get("stop"), \
            f"{rule.id} matched counter-example {ex!r}"
        assert not rule.pattern.search(ex) or rule.get("stop"), f"{rule.id} pattern matched {ex!r}"
    if rule.get("counter_example_title"):  # right headings, wrong kind of article
        for ex in rule.examples:
            got = heading_aspects(ex, ASPECTS, rule.get("counter_example_title"))
            assert rule.id not in {r.id for r in got}, f"{rule.id} matched {ex!r} under a title it should not"
    for ex in rule.get("text_examples", []):
        got = text_aspect(ex, ASPECTS, lead=True)
        assert got is not None and got.label == rule.get("label"), f"{rule.id} text missed {ex!r}"
    for ex in rule.get("text_counter_examples", []):
        got = text_aspect(ex, ASPECTS, lead=True)
        assert got is None or got.label != rule.get("label"), f"{rule.id} text matched {ex!r}"


def test_aspect_schema_names_are_schema_org_members():
    from ascurate.structure.schemaorg import vocabulary

    members = set(vocabulary()["enumerations"]["HealthAspectEnumeration"]["members"])
    assert {r.schema for r in ASPECTS if not r.stop} <= members


def test_unsure_sections_stay_unlabelled():
    blocks = [Block("heading", "Genetics", 2), Block("paragraph", "Researchers identify DNA variations in people."),
              Block("heading", "References", 2), Block("paragraph", "Smith J. Causes and treatment of gout. 2020."),
              Block("heading", "Treatment", 2)]  # nothing under it
    secs, _ = structure_blocks("A page", blocks, CFG)
    assert [s.aspects for s in secs] == [[], [], []]


def test_no_health_aspects_outside_health_content():
    news = [Block("paragraph", "The band played three nights in Madrid and the crowd sang every word of it."),
            Block("heading", "How to listen to the podcast", 2), Block("paragraph", "Subscribe wherever you get audio."),
            Block("heading", "Safety", 2), Block("paragraph", "The strong safety had eleven tackles on Sunday.")]
    secs, _ = structure_blocks("Tennis podcast: Davis Cup finals", news, CFG)
    assert [s.aspects for s in secs] == [[], [], []]
    health = [news[0], Block("paragraph", "Gout is a disease; NSAIDs and colchicine treat gout flares."), *news[1:]]
    secs, _ = structure_blocks("Gout", health, CFG)
    assert [s.aspects for s in secs] == [[], ["usage"], ["safety"]]


SITE_ASPECTS = '''
[[aspect]]
id = "aspect.site-outlook"
label = "prognosis"
schema = "PrognosisHealthAspect"
pattern = 'what to expect'
examples = ["What to expect"]

[[aspect]]
id = "aspect.causes"
disabled = true
pattern = "x"
'''


def test_aspect_rules_extend_without_code(tmp_path):
    (tmp_path / "site.toml").write_text(SITE_ASPECTS, encoding="utf-8")
    cfg = load_config("/nonexistent/ascurate.toml", rules_dirs=(str(tmp_path),))
    blocks = [Block("paragraph", "Gout is a disease; NSAIDs and colchicine treat gout flares."),
              Block("heading", "What to expect", 2), Block("paragraph", "Flares settle in days."),
              Block("heading", "Causes of gout", 2), Block("paragraph", "Uric acid builds up.")]
    secs, _ = structure_blocks("Gout", blocks, cfg)
    assert [s.aspects for s in secs[1:]] == [["prognosis"], []]
    secs, _ = structure_blocks("Gout", blocks, CFG)
    assert [s.aspects for s in secs[1:]] == [[], ["causes"]]


# ---------------------------------------------------------------- vocabulary


def test_vocabulary_abbreviations_need_the_full_name():
    v = load_vocabulary(CFG)
    assert [m.term.name for m in v.find("AS it happens, AS is rare.")] == []
    found = v.find("Ankylosing spondylitis (AS) hurts. AS flares come and go.")
    assert [m.text for m in found] == ["Ankylosing spondylitis", "AS", "AS"]
    assert {m.term.id for m in found} == {"condition.ankylosing-spondylitis"}


def test_vocabulary_longest_name_plurals_and_sentence_breaks():
    v = load_vocabulary(CFG)
    got = [(m.text, m.term.name) for m in v.find("Certolizumab pegol and two NSAIDs. TNF-inhibitors help; heart. Disease")]
    assert got == [("Certolizumab pegol", "certolizumab pegol"), ("NSAIDs", "nsaids"), ("TNF-inhibitors", "tnf inhibitors")]


def test_vocabulary_mentions_keep_their_place_after_words_that_case_fold_longer():
    # "ß" folds to "ss" and "İ" to two characters: a mention's offsets are the text's own
    v = load_vocabulary(CFG)
    text = "Größe İŞ: Migraines, Crohn’s disease and CROHN'S DISEASE; ankylosing-spondylitis flares."
    got = [(m.term.id, m.text) for m in v.find(text)]
    assert got == [("condition.migraine", "Migraines"), ("condition.crohn-s-disease", "Crohn’s disease"),
                   ("condition.crohn-s-disease", "CROHN'S DISEASE"),
                   ("condition.ankylosing-spondylitis", "ankylosing-spondylitis")]
    assert all(text[m.start:m.end] == m.text for m in v.find(text))
    assert v.find("") == [] and v.find("… — !") == []


def test_vocabulary_term_examples():
    v = load_vocabulary(CFG)
    for t in v.terms.values():
        for ex in t.examples:
            assert t.id in {m.term.id for m in v.find(ex)}, f"{t.id} missed {ex!r}"
        for ex in t.counter_examples:
            assert t.id not in {m.term.id for m in v.find(ex)}, f"{t.id} found in {ex!r}"


def test_vocabulary_extends_without_code(tmp_path):
    (tmp_path / "site.toml").write_text(
        '[[term]]\nid = "drug.bimzelx"\ntype = "drug"\nname = "bimekizumab-bkzx"\nsynonyms = ["Bimzelx"]\n\n'
        '[[term]]\nid = "drug.diazepam"\ndisabled = true\n', encoding="utf-8")
    cfg = load_config("/nonexistent/ascurate.toml", rules_dirs=(str(tmp_path),))
    names = {m.term.name for m in load_vocabulary(cfg).find("Bimzelx and diazepam were given.")}
    assert names == {"bimekizumab-bkzx"}


# ---------------------------------------------------------------- review facts


@pytest.mark.parametrize(("raw", "iso"), [
    ("2019-11-13T16:00:01-05:00", "2019-11-13"), ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19"),
    ("March 7, 2025", "2025-03-07"), ("7 March 2025", "2025-03-07"), ("2023-07-01T00:00:00-0400", "2023-07-01"),
    ("Nov 19, 2019 3:05 PM EDT", "2019-11-19"),
    ("not a date", None), ("", None), (None, None)])
def test_dates_become_iso(raw, iso):
    assert iso_date(raw) == iso


def test_people_names_and_credentials():
    assert people(["Jillian Kubala, MS, RD"]) == [{"name": "Jillian Kubala", "credentials": ["MS", "RD"]}]
    assert people(["Kim Rose-Francis RDN, CDCES, LD"])[0]["credentials"] == ["RDN", "CDCES", "LD"]
    assert people(["Brenda Goodman", "MA"]) == [{"name": "Brenda Goodman", "credentials": ["MA"]}]
    assert people(["By Dr. Anila Chadha MD, DABOM"]) == [{"name": "Anila Chadha", "credentials": ["Dr", "MD", "DABOM"]}]


def test_stale_review_is_an_info_flag_and_keeps_the_status(corpus):
    p = corpus / "seeds" / "000_12dd5c0043177de4.txt"
    text = p.read_text(encoding="utf-8").replace("Go to Top", "Medically reviewed by Jane Roe, MD. Last reviewed: March 3, 2019")
    doc = next(d for d in document_from_bytes("x.txt", text.encode(), "text", CFG) if isinstance(d, Document))
    art = curate_document(doc, CFG)
    flags = [f for f in art.flags if f.kind == "stale_review"]
    assert len(flags) == 1 and flags[0].severity == "info" and flags[0].rule == "structure.stale-review"
    f = flags[0]
    assert art.text[f.start:f.end] == f.quote
    assert art.status == "clean"
    assert art.metadata["last_reviewed"] == "2019-03-03"
    assert art.metadata["dates_as_written"]["last_reviewed"] == "March 3, 2019"
    assert art.extra["jsonld"]["lastReviewed"] == "2019-03-03"
    # the same review is not stale under a looser rule, or on the day after it
    assert not review_facts({"last_reviewed": "March 3, 2019"}, 10, date(2026, 1, 1))["stale_review"]
    assert not review_facts({"last_reviewed": "March 3, 2019"}, 3, date(2019, 3, 4))["stale_review"]


# ---------------------------------------------------------------- reading facts


def test_reading_facts():
    easy = "The cat sat on the mat. It was a good day. We ran to the park and back. " * 5
    hard = ("Nonsteroidal anti-inflammatory medications considerably ameliorate inflammatory manifestations "
            "characteristic of ankylosing spondylitis, notwithstanding gastrointestinal complications. ") * 5
    e, h = reading_facts(easy, "en"), reading_facts(hard, "en")
    assert e["words"] == len(easy.split()) and e["reading_minutes"] == 1
    assert e["grade"] < 4 < 14 < h["grade"]
    assert e["reading_ease"] > 80 > 0 > h["reading_ease"]
    assert reading_facts(easy, "de")["grade"] is None


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_is_valid_schema_org(arts):
    for rel, art in arts.items():
        ld = art.extra["jsonld"]
        assert validate(ld) == [], rel
        assert ld["@type"] == "MedicalWebPage" and ld["inLanguage"] == "en"
    ld = arts[SEED_000].extra["jsonld"]
    aspects = [a for part in ld["hasPart"] for a in part["hasHealthAspect"]]
    assert "https://schema.org/CausesHealthAspect" in aspects
    assert all(p["@type"] == "HealthTopicContent" for p in ld["hasPart"])
    ld = arts["health-dev/wcxb-4578.html"].extra["jsonld"]
    assert ld["author"][0] == {"@type": "Person", "name": "Jillian Kubala", "honorificSuffix": "MS, RD"}
    assert ld["reviewedBy"][0]["name"] == "Kim Rose-Francis"
    assert ld["datePublished"] == "2018-06-12"


@pytest.mark.parametrize(("node", "error"), [
    ({"@type": "MedicalWebPage", "hasHealthAspect": "https://schema.org/CausesHealthAspect"}, "not a property"),
    ({"@type": "MedicalWebPage", "lastReviewed": "March 3, 2019"}, "not a valid Date"),
    ({"@type": "MedicalWebPage", "about": {"@type": "Illness", "name": "gout"}}, "Illness"),
    ({"@type": "MedicalWebPage", "author": "Jane Roe"}, "not a valid Person"),
    ({"@type": "HealthTopicContent", "hasHealthAspect": "https://schema.org/DiagnosisHealthAspect"}, "HealthAspectEnumeration"),
    ({"@type": "MedicalWebPage", "reviewedBy": {"@type": "Drug", "name": "x"}}, "not one of"),
    ({"name": "no type"}, "no @type"),
])
def test_validator_rejects_wrong_markup(node, error):
    errors = validate({"@context": "https://schema.org", **node})
    assert errors and any(error in e for e in errors), errors


def test_article_json_keeps_the_contract(arts):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for art in arts.values():
        d = json.loads(json.dumps(art.to_dict()))
        jsonschema.validate(d, schema)
        assert {"sections", "about", "review", "reading", "jsonld"} <= set(d)


def test_annotate_is_idempotent(arts):
    art = arts["health-dev/wcxb-0065.html"]
    before = json.dumps(art.to_dict(), sort_keys=True)
    annotate(art, CFG)
    assert json.dumps(art.to_dict(), sort_keys=True) == before
