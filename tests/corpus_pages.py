"""Corpus pages as the pipeline reads them, for the model tests (`../shared/corpus`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from ascurate.config import Config
from ascurate.flags import detect
from ascurate.model import Block, Document, Flag, join_blocks

from .conftest import need_shared

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

SHORT_ARTICLES = {  # two paragraphs of a health article a language: the planted text goes between
    "en": ("Gout is a form of arthritis caused by uric acid crystals in the joints. Attacks often start at night "
           "in the big toe and can last several days.",
           "Drinking enough water and cutting down on alcohol make new attacks less likely. Your doctor may offer "
           "a medicine that lowers uric acid if attacks keep coming back."),
    "de": ("Heuschnupfen ist eine Allergie gegen Pollen von Bäumen, Gräsern und Kräutern. Typisch sind eine "
           "laufende Nase, Niesen und juckende Augen.",
           "Antihistaminika lindern die Beschwerden meist gut. Bei starken Beschwerden kann eine Hyposensibilisierung "
           "helfen, die mehrere Jahre dauert."),
    "fr": ("L'anémie correspond à une baisse du taux d'hémoglobine dans le sang. Elle se manifeste souvent par une "
           "fatigue inhabituelle et un essoufflement à l'effort.",
           "Le traitement dépend de la cause. Une carence en fer se corrige en général avec des comprimés pris "
           "pendant plusieurs mois."),
    "es": ("La gripe es una infección respiratoria causada por un virus que se contagia con facilidad. Los síntomas "
           "suelen aparecer de forma brusca y duran alrededor de una semana.",
           "La vacuna anual es la mejor forma de prevenirla, sobre todo en personas mayores y con enfermedades "
           "crónicas. El reposo y los líquidos ayudan a recuperarse antes."),
}

HOST_PARAGRAPHS = {  # one paragraph a language, set before and after the planted text
    "en": "Most people recover within a few weeks. Rest and regular pain relief help the joint settle down.",
    "de": "Die meisten Menschen erholen sich innerhalb weniger Wochen. Ruhe und Schmerzmittel helfen dem Gelenk.",
    "fr": "La plupart des patients guérissent en quelques semaines. Le repos aide l'articulation à se calmer.",
    "es": "La mayoría de los pacientes se recupera en pocas semanas. El reposo ayuda a calmar la articulación.",
}


def gold(folder: str, name: str) -> dict:
    path = need_shared(CORPUS / folder / f"{name}.gold.json")  # under CI a missing corpus fails
    return json.loads(path.read_text(encoding="utf-8"))


def document(folder: str, name: str) -> tuple[Document, dict]:
    """The corpus page `name` (without extension) and its gold."""
    g = gold(folder, name)
    raw = (CORPUS / folder / g["source"]).read_bytes()
    if g["source"].endswith(".gz"):
        raw = gzip.decompress(raw)
    fmt = "text" if g.get("format") == "text" else "html"
    return Document(g["source"].removesuffix(".gz"), raw.decode("utf-8", "replace"), fmt, "0" * 64,
                    url=g.get("url")), g


def fold(s: str) -> str:
    return " ".join((s or "").split()).lower()


def host_blocks(path: Path) -> list[Block]:
    """A gold file's main content (or a plain-text file), a paragraph block a line: a real
    article to plant a leftover into."""
    lines = (json.loads(need_shared(path).read_text(encoding="utf-8"))["main_content"] if path.suffix == ".json"
             else path.read_text(encoding="utf-8"))
    return [Block("paragraph", ln.strip()) for ln in lines.split("\n") if ln.strip()]


def language_hosts() -> dict[str, list[Block]]:
    """A real article in each language to plant a leftover into: English, German and French
    corpus pages, and the flag set's Spanish base text (the corpora hold no Spanish article)."""
    return {"en": host_blocks(CORPUS / "health-dev" / "readability-webmd-1.gold.json"),
            "de": host_blocks(CORPUS / "bench" / "scrapinghub-57b4dafd18.gold.json"),
            "fr": host_blocks(CORPUS / "wcxb-dev" / "wcxb-0608.gold.json"),
            "es": host_blocks(ROOT / "bench" / "flagset" / "base" / "es-diabetes.txt")}


def planted_flags(host: list[Block], extra: str, kind: str, language: str, cfg: Config,
                  block_type: str = "paragraph", at: int = 3) -> list[Flag]:
    """The flags of `kind` on `host` with `extra` set as its block number `at` (the fourth)."""
    blocks = host[:at] + [Block(block_type, extra)] + host[at:]
    return [f for f in detect(join_blocks(blocks), blocks, cfg, language) if f.kind == kind]
