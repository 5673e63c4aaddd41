"""Property tests (hypothesis) over ingest, extract and clean, on generated input files:

- no exception escapes a document's processing: any bytes, in any format, give
  articles and error records, never a raise;
- every flag's offsets index the article text (`text[start:end] == quote`);
- cleaning already-clean output changes nothing;
- no output text is invented: each block's characters appear, in order, in the input.

`ASCURATE_FUZZ_EXAMPLES=500 pytest tests/test_fuzz.py` searches harder (default 25 per
property keeps the file fast). The coverage-guided fuzzer is in fuzz/.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ascurate import clean as clean_step
from ascurate import ingest
from ascurate.config import Config
from ascurate.model import Article, Document, Flag
from ascurate.pipeline import curate_document, process_source

from .conftest import SCHEMA

CFG = Config(doc_timeout=0, min_words=3)  # in-process, so a failure shows its own traceback
EXAMPLES = int(os.environ.get("ASCURATE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ARTICLE_SCHEMA = json.loads(SCHEMA.read_text()) if SCHEMA.is_file() else None

# words a scraped health page is made of, with the characters and phrases that trip rules
WORDS = st.sampled_from([
    "gout", "joint", "pain", "Treatment", "doctor", "include:", "following:", ":.", "naïve", "café", "–", "—",
    "“quoted”", "‘single’", "Note", "to", "editor:", "[Ed:", "check]", "TODO", "XX", "{name}", "%", "©", "2024",
    "All", "rights", "reserved.", "Subscribe", "newsletter", "Read", "more", "Share", "Medically", "reviewed", "by",
    "Dr.", "Jane", "Smith,", "MD", "Last", "updated", "March", "3,", "2025", "I", "suggest", "swapping", "this",
    "paragraph", "above:", "you", "we", "强直性", "脊椎炎", "。", "😀", "\u200b", "\u00a0", "...", "!", "?", ".", ",",
    "&", "<b>", "A", "1.", "2)", "•", "*", "#", "|", ":", "\t", "e.g.", "i.e.", "Ⅳ", "ﬁ", "Å", "\u0301",
])
SENTENCE = st.lists(WORDS, min_size=0, max_size=30).map(" ".join)
TAGS = ["p", "div", "span", "h1", "h2", "h3", "ul", "ol", "li", "a", "b", "em", "table", "tr", "td", "th",
        "blockquote", "pre", "code", "nav", "footer", "header", "aside", "article", "main", "section", "script",
        "style", "figure", "figcaption", "br", "q", "dl", "dt", "dd", "form", "button", "noscript", "template"]
NODE = st.recursive(
    SENTENCE.map(html.escape),
    lambda kids: st.tuples(st.sampled_from(TAGS), st.lists(kids, max_size=6))
    .map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
    max_leaves=40,
)
PAGE = st.tuples(SENTENCE, NODE).map(
    lambda t: f"<!DOCTYPE html><html><head><title>{html.escape(t[0])}</title></head><body>{t[1]}</body></html>")
TEXT = st.lists(SENTENCE, min_size=0, max_size=12).map(lambda ps: "\n\n".join(ps))
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "shift_jis", "gb18030"])


def encoded(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="ignore" if enc in ("cp1252", "latin-1", "shift_jis") else "strict")


def damage(data: bytes, how: tuple[int, int, bytes]) -> bytes:
    """Cut, splice or overwrite bytes the way a broken transfer does."""
    kind, pos, junk = how
    pos = pos % (len(data) + 1)
    return [data, data[:pos], data[:pos] + junk + data[pos:], data[:pos] + junk + data[pos + len(junk):]][kind % 4]


DAMAGE = st.tuples(st.integers(0, 7), st.integers(0, 1 << 20), st.binary(max_size=12))


def _warc(bodies: list[bytes]) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = w.create_warc_record(f"https://a.example/{i}", "response", payload=io.BytesIO(body),
                                      http_headers=headers)
        w.write_record(record)
        record.raw_stream.close()  # warcio spools the payload to a temporary file it leaves open
    return buf.getvalue()


@st.composite
def input_files(draw) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """(file name, bytes): any of the formats, well-formed, damaged or random."""
    kind = draw(st.sampled_from(["html", "txt", "jsonl", "warc", "html.gz", "random"]))
    if kind == "random":
        return draw(st.sampled_from(["x.html", "x.txt", "x.jsonl", "x.warc.gz", "x.html.gz"])), draw(st.binary(max_size=4000))
    if kind in ("html", "html.gz"):
        data = encoded(draw(PAGE), draw(ENCODING))
    elif kind == "txt":
        data = encoded(draw(TEXT), draw(ENCODING))
    elif kind == "jsonl":
        lines = draw(st.lists(st.one_of(
            st.builds(lambda p, u: json.dumps({"url": u, "html": p}), PAGE, st.text(max_size=40)),
            st.builds(lambda t, i: json.dumps({"id": i, "text": t}), TEXT, st.text(max_size=40)),
            st.text(max_size=60), st.just("[1,2]"), st.just("null")), max_size=5))
        data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    else:
        data = _warc([encoded(p, "utf-8") for p in draw(st.lists(PAGE, min_size=1, max_size=3))])
    if kind == "html.gz":
        data = gzip.compress(data)
    data = damage(data, draw(DAMAGE))
    return f"doc.{kind}", data


def check_article(art: Article, source_text: str | None) -> None:
    text = art.text
    for f in art.flags:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start:f.end] == f.quote, f
    for r in art.removed:
        assert r.reason, r
    if ARTICLE_SCHEMA is not None:
        jsonschema.validate(json.loads(json.dumps(art.to_dict(), default=str)), ARTICLE_SCHEMA)
    if source_text is not None:
        for b in art.blocks:
            assert not_invented(b.text if b.type != "table" else b.text.replace(" | ", " "), source_text), b


def not_invented(out: str, source: str) -> bool:
    """Every non-space character of `out` appears, in order, in `source` (entities decoded)."""
    hay = iter(re.sub(r"\s+", "", html.unescape(source)))
    return all(ch in hay for ch in re.sub(r"\s+", "", out))


@FUZZ
@given(input_files())
def test_no_exception_escapes_a_document(tmp_path_factory, file):
    name, data = file
    root = tmp_path_factory.mktemp("f")
    (root / name).write_bytes(data)
    sources = list(ingest.discover(root, CFG))
    assert len(sources) == 1
    res = process_source(sources[0], CFG)
    assert res.articles or res.errors  # every input is accounted for
    for e in res.errors:
        assert e.path == name and e.reason
    for art in res.articles:
        check_article(art, None)


@FUZZ
@given(PAGE, ENCODING)
def test_html_flags_index_the_text_and_nothing_is_invented(page, enc):
    data = encoded(page, enc)
    for doc in ingest.document_from_bytes("p.html", data, "html", CFG):
        if isinstance(doc, Document):
            check_article(curate_document(doc, CFG), doc.content)


@FUZZ
@given(TEXT)
def test_text_flags_index_the_text_and_nothing_is_invented(text):
    for doc in ingest.document_from_bytes("p.txt", text.encode(), "text", CFG):
        if isinstance(doc, Document):
            check_article(curate_document(doc, CFG), doc.content)


@FUZZ
@given(PAGE)
def test_cleaning_clean_output_changes_nothing(page):
    doc = next(ingest.document_from_bytes("p.html", page.encode(), "html", CFG))
    if not isinstance(doc, Document):
        return
    art = curate_document(doc, CFG)
    again = clean_step.clean(art.blocks, CFG, art.title)
    assert [(b.type, b.text) for b in again.blocks] == [(b.type, b.text) for b in art.blocks]
    assert again.removed == []


def test_the_properties_can_fail():
    """The checks themselves catch what they are for (so a pass means something)."""
    assert not not_invented("gout and pain", "<p>gout</p>")
    assert not_invented("gout & pain", "<p>gout &amp; <b>pain</b></p>")
    doc = Document("p.txt", "Gout\n\nGout is a painful joint disease that needs care.", "text", "0" * 64)
    art = curate_document(doc, CFG)
    art.flags.append(Flag(kind="x", start=0, end=4, quote="nope", severity="info", message=""))
    with pytest.raises(AssertionError):
        check_article(art, None)
