"""A hostile raw/ folder: what scrapers really produce, built fresh at test time.

`build(root)` writes the corpus into `root` (a raw folder) and returns one `Case` per
document it holds (a JSONL or WARC file holds several), each saying what a run must
make of it: an article whose text contains a given string (so decoding is checked,
not just survival), an article of any kind, or an error whose reason contains a given
string. `python tests/hostile/make_corpus.py DIR` writes it for a manual run.

Sizes are kept small so the tests stay fast; `LIMITS` are the settings the corpus is
meant to run under (a page just over `max_bytes` must be refused, one under it kept).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LIMITS = {"max_bytes": 400_000, "doc_timeout": 3.0}  # doc_timeout: CPU seconds

BODY = ("Gout is a common and painful form of arthritis. It happens when uric acid builds up in the blood "
        "and forms sharp crystals in a joint, most often the big toe. Attacks come on quickly, often at night, "
        "and the joint becomes hot, swollen and very tender. Treatment eases the pain of an attack, and "
        "long-term medicine lowers uric acid so that attacks stop coming back.")
ACCENTS = "naïve café – “quoted” déjà vu"  # cp1252-only characters (dash, curly quotes) and Latin-1 ones
LATIN1 = "naïve café déjà vu à la crème brûlée"  # Latin-1 proper: no cp1252-only characters
DAMAGED = "{bad}"  # where a test page's broken bytes go
JA = ("強直性脊椎炎は、主に背骨や骨盤の関節に炎症が起こる病気です。朝のこわばりや腰の痛みが特徴で、"
      "若い男性に多く見られます。治療には運動療法と薬物療法があります。定期的な通院が大切です。")


def page(extra: str = "", title: str = "Gout: symptoms and treatment", head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{BODY}</p><p>{extra or BODY}</p><p>{BODY}</p></article></body></html>")


@dataclass(frozen=True, slots=True)
class Case:
    path: str  # relative to the raw folder
    kind: str  # which kind of bad input this is
    expect: str  # "article" | "error" | "any" (either, but exactly one)
    contains: str | None = None  # article: text contains it; error: reason contains it (case-insensitive)
    status: str | None = None  # article: "rejected" (`contains` is then in its reject_reason) or "kept" (not rejected)
    record: str | None = None  # for JSONL/WARC records
    record_prefix: bool = False  # match the record name by prefix (WARC record ids are random)

    @property
    def key(self) -> str:
        return self.path if self.record is None else f"{self.path}#{self.record}"


def _warc(records: list[tuple[str, bytes, str, str]]) -> tuple[bytes, list[int]]:
    """A gzipped WARC of response records, and the offset each record starts at."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    starts = []
    for url, body, status, ctype in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        starts.append(buf.tell())
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue(), starts


def build(root: Path, outside: Path | None = None) -> list[Case]:
    """Write the corpus into `root`; `outside` is a folder beside it for symlink targets."""
    root.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(9)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, kind: str, expect: str, contains: str | None = None,
            status: str | None = None) -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(name, kind, expect, contains, status=status))

    # -- empty, whitespace, binary
    put("empty/zero.html", b"", "empty", "error", "empty")
    put("empty/whitespace.html", b"  \n\t\r\n   \n", "empty", "error", "empty")
    put("empty/whitespace.txt", "\u3000\n \n".encode(), "empty", "error", "empty")
    put("binary/random.html", bytes(rnd.randrange(256) for _ in range(8000)), "binary", "error", "binary")
    put("binary/png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(3000)),
        "binary", "error", "binary")
    put("binary/pdf.htm", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
        + bytes(rnd.randrange(256) for _ in range(4000)), "binary", "error", "")
    put("binary/zeros.txt", b"\x00" * 5000, "binary", "error", "")
    # -- gzip
    good = gzip.compress(page().encode())
    put("gzip/ok.html.gz", good, "gzip", "article", "uric acid builds up")
    put("gzip/truncated.html.gz", good[: len(good) // 2], "truncated gzip", "error", "truncated")
    put("gzip/header-only.html.gz", good[:10], "truncated gzip", "error", "")
    put("gzip/not-gzip.html.gz", page().encode(), "truncated gzip", "error", "gzip")
    put("gzip/bomb.html.gz", gzip.compress(b"<p>" + b"a" * (LIMITS["max_bytes"] * 3)), "huge", "error", "max_bytes")
    # -- encodings
    put("enc/utf8-bad-bytes-mid-page.html",
        page(f"Before the damage {ACCENTS}.").encode().replace(b"forms sharp", b"forms \xff\xfe\xc3 sharp", 1),
        "invalid utf-8", "article", ACCENTS)
    put("enc/utf8-truncated-sequence.txt", (f"Gout\n\n{BODY} {ACCENTS}\n\n{BODY}".encode() + b"\xe2\x80"),
        "invalid utf-8", "article", ACCENTS)
    # a few broken bytes in one paragraph of a page with little other non-ASCII text: UTF-8 with the
    # bad bytes replaced, every paragraph kept (a detector picked cp775 or mac_iceland: mojibake)
    damaged = f"Don’t panic: {DAMAGED} the rest of this paragraph reads as it should."
    put("enc/utf8-few-bad-bytes-declared.html",
        page(damaged, head='<meta charset="utf-8">').encode().replace(b"{bad}", b"\x80\x81"),
        "invalid utf-8 in one paragraph", "article", "the rest of this paragraph reads as it should")
    put("enc/utf8-few-bad-bytes-undeclared.html", page(damaged).encode().replace(b"{bad}", b"\xff\xfe\xc3"),
        "invalid utf-8 in one paragraph", "article", "Don’t panic: \ufffd")
    put("enc/utf8-stray-bytes-ascii.txt",  # the damaged paragraph a sentence of the article, so cleaning keeps it
        f"Gout\n\n{BODY}\n\nStray {DAMAGED} bytes sit in this paragraph about gout and uric acid, and the rest of "
        f"it reads as it should.\n\n{BODY}".encode()
        .replace(b"{bad}", b"\x80\x9d"), "invalid utf-8 in one paragraph", "article", "Stray \ufffd")
    put("enc/cp1252-declared.html",
        page(f"Declared {ACCENTS}.", head='<meta charset="windows-1252">').encode("cp1252"),
        "windows-1252", "article", ACCENTS)
    put("enc/cp1252-undeclared.html", page(f"Undeclared {ACCENTS}.").encode("cp1252"),
        "windows-1252", "article", ACCENTS)
    put("enc/cp1252-declared-as-utf8.html",
        page(f"Lying {ACCENTS}.", head='<meta charset="utf-8">').encode("cp1252"), "windows-1252", "article", ACCENTS)
    put("enc/latin1-undeclared.html", page(f"Latin {LATIN1}.").encode("latin-1"), "latin-1", "article", LATIN1)
    put("enc/latin1-undeclared.txt", f"Gout\n\n{BODY} {LATIN1}.\n\n{BODY}".encode("latin-1"),
        "latin-1", "article", LATIN1)
    put("enc/shift-jis.txt", f"強直性脊椎炎\n\n{JA}\n\n{JA}".encode("shift_jis"), "shift-jis", "article", JA[:40])
    put("enc/shift-jis-declared.html",
        page(JA, title="強直性脊椎炎", head='<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
        .encode("shift_jis"), "shift-jis", "article", JA[:40])
    put("enc/utf16-le-bom.html", b"\xff\xfe" + page(f"Sixteen {ACCENTS}.").encode("utf-16-le"),
        "utf-16 bom", "article", ACCENTS)
    put("enc/utf16-be-bom.html", b"\xfe\xff" + page(f"Sixteen {ACCENTS}.").encode("utf-16-be"),
        "utf-16 bom", "article", ACCENTS)
    put("enc/utf8-bom.txt", b"\xef\xbb\xbf" + f"Gout\n\n{BODY} {ACCENTS}\n\n{BODY}".encode(),
        "utf-8 bom", "article", ACCENTS)
    put("enc/unknown-charset.html", page(f"Odd {ACCENTS}.", head='<meta charset="x-no-such-charset">').encode(),
        "lying charset", "article", ACCENTS)
    put("enc/xml-declaration.xhtml", ('<?xml version="1.0" encoding="utf-8"?>\n' + page(ACCENTS)).encode(),
        "xml declaration", "article", ACCENTS)
    put("enc/nul-and-controls.html", page("Control \x00\x01\x07\x1b characters \x0b here. " + BODY).encode(),
        "control characters", "article", "uric acid builds up")
    # -- size
    mb = LIMITS["max_bytes"]
    put("size/huge-page.html", page(("<p>" + BODY + "</p>") * (mb // len(BODY) + 10)).encode(),
        "huge", "error", "max_bytes")
    put("size/big-but-allowed.html", page(" ".join(f"<p>{i}. {BODY}</p>" for i in range(mb // 32 // len(BODY)))).encode(),
        "huge", "article", "uric acid builds up")
    # pathological for the steps' regexes (no sentence end in 200 KB): an article, or a doc_timeout error
    put("size/one-long-word.txt", ("Gout\n\n" + BODY + "\n\n" + "a" * (mb // 2)).encode(), "huge", "any", None)
    put("size/one-long-line.html", page(" ".join(rnd.choice(("gout", "joint", "pain", "toe")) for _ in range(10_000))
                                        ).encode(), "huge", "any", None)
    # -- markup
    # deeper than libxml2's 256 levels: the parser gave back an empty document (a silent loss)
    put("markup/deep-nesting.html", page("<div>" * 20_000 + BODY + "</div>" * 20_000).encode(),
        "deep nesting", "article", "uric acid builds up")
    put("markup/deep-unclosed.html", ("<html><body>" + "<div><span><b>" * 10_000 + BODY).encode(),
        "deep nesting", "article", "uric acid builds up")
    put("markup/deep-one-paragraph.html", ("<html><head><title>Gout</title></head><body>" + "<div><section>" * 3_000
                                           + f"<p>{BODY}</p>" + "</section></div>" * 3_000 + "</body></html>").encode(),
        "deep nesting", "article", "Attacks come on quickly")
    put("markup/deep-300.html", page("<div>" * 300 + f"Three hundred deep. {BODY}" + "</div>" * 300).encode(),
        "deep nesting", "article", "Three hundred deep.")
    put("markup/only-scripts.html", ("<html><head><script>var a = 1;</script></head><body>"
                                     + "<script>document.write('<p>hello</p>');</script>" * 300
                                     + "<style>p{color:red}</style></body></html>").encode(),
        "scripts only", "article", None)
    # nothing but links: navigation, not an article (trafilatura keeps it: it is all there is)
    put("markup/only-links.html", ("<html><body><nav>" + "".join(f'<a href="/p{i}">Page number {i}</a> '
                                                                 for i in range(3000)) + "</nav></body></html>").encode(),
        "links only", "article", "a page of links", status="rejected")
    topics = ("gout", "asthma", "eczema", "migraine", "anaemia", "psoriasis", "diabetes", "arthritis", "flu")
    put("markup/link-list.html", ("<html><head><title>All topics</title></head><body><h1>All topics</h1><ul>"
                                  + "".join(f'<li><a href="/{t}/{i}">{t.title()} {w}</a></li>'
                                            for i in range(400) for t, w in [(topics[i % 9], ("advice", "symptoms",
                                                                                              "treatment", "causes")[i % 4])])
                                  + "</ul></body></html>").encode(),
        "links only", "article", "a page of links", status="rejected")
    put("markup/article-beside-a-big-menu.html",
        ("<html><head><title>Gout</title></head><body><nav><ul>"
         + "".join(f'<li><a href="/{t}">{t.title()} and {t} treatment</a></li>' for t in topics * 20)
         + f"</ul></nav><article><h1>Gout</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>").encode(),
        "links only", "article", "uric acid builds up", status="kept")
    put("markup/unclosed-garbage.html", ("<html><body><p>" + BODY + "<p><<<>>><!-- never closed <div <span"
                                         + "</p></td></tr></table></html></html>").encode(),
        "broken markup", "article", "uric acid builds up")
    put("markup/escaped-script-text.html",
        page("To test a site, people type &lt;script&gt;alert('x')&lt;/script&gt; into a search box. " + BODY).encode(),
        "script as text", "article", "<script>alert('x')</script>")
    # slow for trafilatura (thousands of inline elements): an article, or a doc_timeout error
    put("markup/many-tiny-elements.html", page("".join(f"<span>{i}</span>" for i in range(5_000))).encode(),
        "many elements", "any", None)
    # -- names a filesystem allows
    put("names/with space & ünïcode.html", page().encode(), "odd file name", "article", "uric acid builds up")
    put("names/--looks-like-an-option.html", page().encode(), "odd file name", "article", "uric acid builds up")

    # -- JSONL with broken lines and hostile record names
    jl = "jsonl/records.jsonl"
    lines: list[bytes] = []

    def rec(obj: object | bytes, expect: str, contains: str | None, kind: str = "broken jsonl") -> None:
        lines.append(obj if isinstance(obj, bytes) else json.dumps(obj).encode())
        cases.append(Case(jl, kind, expect, contains, record=f"line-{len(lines)}", record_prefix=True))

    rec({"url": "https://a.example/gout", "html": page(), "fetched_at": "2025-01-02"}, "article", "uric acid builds up",
        "jsonl")
    rec(b'{"url": "https://a.example/x", "html": "<p>cut off', "error", "not valid JSON")
    rec(b"[1, 2, 3]", "error", "not an object")
    rec({"url": "https://a.example/nobody"}, "error", "no 'html' or 'text'")
    rec({"url": "https://a.example/n", "html": 12345}, "error", "no 'html' or 'text'")
    rec(b'{"html": "\xff\xfe not utf-8 \xc3"}', "error", "not valid JSON")
    rec({"id": "../../../../tmp/ascurate-escape", "url": "file:///etc/passwd", "html": page()},
        "article", "uric acid builds up", "path traversal")
    rec({"id": "/etc/cron.d/evil", "url": "https://evil.example/../../../../etc/x?a=/../../", "text": f"Gout\n\n{BODY}"},
        "article", "uric acid builds up", "path traversal")
    rec({"id": "a/b\\..\\..\\c\u0000d", "url": "https://a.example/%2e%2e/%2e%2e/etc", "html": page()},
        "article", "uric acid builds up", "path traversal")
    rec({"url": "https://a.example/empty", "html": "   "}, "error", "no 'html' or 'text'")
    rec(b"null", "error", "not an object")
    rec({"url": "https://a.example/deep", "html": page(), "nested": json.loads("[" * 50 + "]" * 50)},
        "article", "uric acid builds up", "jsonl")
    rec(b"[" * 100_000, "error", "not valid JSON")  # json.loads raises RecursionError, not a JSONDecodeError
    (root / jl).parent.mkdir(parents=True, exist_ok=True)
    (root / jl).write_bytes(b"\n".join(lines[:-1]) + b"\n\n   \n" + lines[-1])  # blank lines are no records
    cases[-1] = Case(jl, "broken jsonl", "error", "not valid JSON", record=f"line-{len(lines) + 2}", record_prefix=True)
    gz = "jsonl/truncated.jsonl.gz"
    put(gz, gzip.compress(b"\n".join(lines[:1] * 3))[:-30], "truncated gzip", "error", "truncated")
    cases.append(Case(gz, "truncated gzip", "article", "uric acid builds up", record="line-1"))  # read before the cut

    # -- WARC: good, truncated, hostile URIs
    html = "text/html; charset=utf-8"
    warc, starts = _warc([("https://a.example/1", page().encode(), "200 OK", html),
                  ("https://a.example/../../../../etc/passwd", page(ACCENTS).encode(), "200 OK", html),
                  ("https://a.example/gone", b"gone", "404 Not Found", html),
                  ("https://a.example/cp1252", page(ACCENTS).encode("cp1252"), "200 OK", "text/html; charset=windows-1252"),
                  ("https://a.example/img", b"\x89PNG...", "200 OK", "image/png")])
    put("warc/crawl.warc.gz", warc, "warc", "error", "404")
    cases[-1] = Case("warc/crawl.warc.gz", "warc", "error", "404", record="urn:uuid:", record_prefix=True)
    cases += [Case("warc/crawl.warc.gz", "warc", "article", "uric acid builds up", record="urn:uuid:", record_prefix=True),
              Case("warc/crawl.warc.gz", "path traversal", "article", ACCENTS, record="urn:uuid:", record_prefix=True),
              Case("warc/crawl.warc.gz", "warc", "article", ACCENTS, record="urn:uuid:", record_prefix=True)]
    # cut 60% into the third record's gzip member: past its id, before its end (random ids
    # vary the sizes by a few bytes, so a cut placed by the file's length was not always there)
    cut = starts[2] + (starts[3] - starts[2]) * 6 // 10
    put("warc/truncated.warc.gz", warc[:cut], "truncated warc", "error", "truncated")
    cases[-1] = Case("warc/truncated.warc.gz", "truncated warc", "error", "truncated", record="urn:uuid:",
                     record_prefix=True)  # the third record is cut; the two before it are kept
    cases += [Case("warc/truncated.warc.gz", "truncated warc", "article", "uric acid builds up",
                   record="urn:uuid:", record_prefix=True),
              Case("warc/truncated.warc.gz", "path traversal", "article", ACCENTS, record="urn:uuid:", record_prefix=True)]
    raw_warc = io.BytesIO()
    WARCWriter(raw_warc, gzip=False).write_record(WARCWriter(io.BytesIO(), gzip=False).create_warc_record(
        "https://a.example/plain", "response", payload=io.BytesIO(page().encode()),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", html)], protocol="HTTP/1.1")))
    put("warc/plain-truncated.warc", raw_warc.getvalue()[:-200], "truncated warc", "error", "truncated")
    put("warc/garbage.warc", b"this is not a WARC file at all\r\n\r\n" * 10, "truncated warc", "error", "")

    # -- symlinks
    if outside is not None:
        outside.mkdir(parents=True, exist_ok=True)
        (outside / "secret.html").write_text(page("SECRET outside the raw folder"), encoding="utf-8")
        (outside / "dir").mkdir(exist_ok=True)
        (outside / "dir" / "inner.html").write_text(page("SECRET in a folder outside"), encoding="utf-8")
        (root / "links").mkdir(exist_ok=True)
        os.symlink(outside / "secret.html", root / "links/to-outside.html")
        cases.append(Case("links/to-outside.html", "symlink outside", "error", "outside the raw folder"))
        os.symlink(outside / "dir", root / "links/dir-outside")  # a linked folder is not walked into
        os.symlink("../gzip/ok.html.gz", root / "links/inside.html.gz")
        cases.append(Case("links/inside.html.gz", "symlink inside", "article", "uric acid builds up"))
        os.symlink(root / "links/nowhere", root / "links/dangling.html")
        cases.append(Case("links/dangling.html", "symlink dangling", "error", ""))
        os.symlink("loop-b.html", root / "links/loop-a.html")
        os.symlink("loop-a.html", root / "links/loop-b.html")
        cases += [Case("links/loop-a.html", "symlink loop", "error", ""),
                  Case("links/loop-b.html", "symlink loop", "error", "")]
    # -- names the filesystem allows but JSON, SQLite and editors cannot carry, or that break lines
    (root / os.fsdecode(b"names/not-utf8-\xff.html")).write_bytes(page().encode())
    cases.append(Case("names/not-utf8-\ufffd.html", "odd file name", "error", "not valid UTF-8"))
    put("names/new\nline.html", page(), "odd file name", "article", "uric acid builds up")
    # -- not a regular file: a named pipe would block a reader forever
    os.mkfifo(root / "names/pipe.html")
    cases.append(Case("names/pipe.html", "not a regular file", "error", "not a regular file"))
    return cases


if __name__ == "__main__":
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-raw")
    built = build(dest / "raw", dest / "outside")
    print(f"{len(built)} documents of {len({c.kind for c in built})} kinds in {dest / 'raw'}")
