"""`mixed_voice`: a first-person account spliced into reference text.

Each sentence of the article's paragraphs gets a voice: first-person narration (I, me,
my outside quotation marks, not a question), or not. A run of first-person sentences
in an article that is otherwise impersonal is flagged: one run, with (almost) no first
person anywhere else. Quoted and attributed stories,
readers' questions ("How can I ...?"), interviews (Q:/A:) and articles written in the
first person throughout are the article's own voice and are left alone.
"""

from __future__ import annotations

import re

from ..model import Block, Flag

_FIRST = re.compile(r"(?<![\w-])I(?:['’](?:m|ve|d|ll))?(?![\w-])|\b(?:me|my|mine|myself)\b")  # not IGF-I, I-131
# "type I", "phase I", "World War I": a Roman numeral, not the pronoun
_NUMERAL_I = re.compile(r"\b(?:type|phase|class|grade|stage|figure|fig\.|table|part|chapter|step|level|schedule|"
                        r"category|war|appendix|trial|tier|lesson|act|henry|louis|james|elizabeth|mark)\s+I\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|went|felt|thought|told|said|took|got|saw|found|began|came|knew|"
                   r"could not|couldn't|[a-z]{3,}ed)\b", re.I)
_ATTRIBUTION = re.compile(r"\b(?:says|said|recalls|recalled|explains|explained|wrote|writes|told|adds|added|"
                          r"according to|remembers|remembered|describes|described|in (?:his|her|their) words|"
                          r"in the words of)\b", re.I)
_INTERVIEW = re.compile(r"^(?:Q|A|Q\.|A\.|Question|Answer)\s*[:.)-]\s", re.M)
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))

MIN_RUN = 2  # first-person sentences in a row: one sentence in the first person is often a writer's aside
MAX_SHARE = 0.34  # above this share of first-person sentences, the article is a personal account
MIN_SENTENCES = 10
MAX_GAP = 2  # impersonal sentences a run may span ("The spasms differ from day to day.")
MAX_STRAY = 2  # first-person sentences allowed outside the run: more, and the author writes as "I"


def mask_quotes(s: str) -> str:
    """The text with quoted passages blanked (same length), an unclosed quotation to the end."""
    out = list(s)
    for open_q, close_q in _QUOTE_PAIRS:
        pos = 0
        while True:
            a = s.find(open_q, pos)
            if a < 0:
                break
            b = s.find(close_q, a + 1)
            end = len(s) if b < 0 else b + 1
            out[a:end] = " " * (end - a)
            pos = end
    return "".join(out)


def _first_person(masked: str) -> bool:
    return bool(_FIRST.search(_NUMERAL_I.sub(" ", masked)))


def mixed_voice(text: str, blocks: list[Block], offs: list[int], language: str | None = "en") -> list[Flag]:
    """English pronouns: other languages are left alone (Italian "I" is an article)."""
    from ..clean import sentences

    if language not in ("en", None):
        return []
    sents: list[tuple[int, int, bool]] = []  # (start, end, first-person narration)
    for i, b in enumerate(blocks):
        if b.type != "paragraph":
            continue
        if _INTERVIEW.search(b.text):
            return []  # an interview speaks in the first person by design
        masked = mask_quotes(b.text)
        quoted_story = masked != b.text and bool(_ATTRIBUTION.search(b.text))
        for s, e in sentences(b.text):
            raw = b.text[s:e].strip()
            fp = (not quoted_story and not raw.endswith("?") and _first_person(masked[s:e])
                  and not raw.endswith(":"))
            sents.append((offs[i] + s, offs[i] + e, fp))
    n_fp = sum(fp for *_, fp in sents)
    if len(sents) < MIN_SENTENCES or n_fp == 0 or n_fp / len(sents) > MAX_SHARE:
        return []
    runs: list[list[tuple[int, int, bool]]] = []
    run: list[tuple[int, int, bool]] = []  # first-person sentences of the current run
    gap = 0
    for sent in sents + [(len(text), len(text), False)] * (MAX_GAP + 1):
        if sent[2]:
            run.append(sent)
            gap = 0
            continue
        gap += 1
        if gap > MAX_GAP:
            if run:
                runs.append(run)
            run = []
    long_runs = [r for r in runs if len(r) >= MIN_RUN]
    if len(long_runs) != 1 or n_fp - len(long_runs[0]) > MAX_STRAY:
        return []  # no account, or first person throughout: the article's own voice
    return [_flag(text, long_runs[0])]


def _flag(text: str, run: list[tuple[int, int, bool]]) -> Flag:
    s, e = run[0][0], run[-1][1]
    while e > s and text[e - 1].isspace():
        e -= 1
    quote = text[s:e]
    tense = "past-tense " if len(_PAST.findall(quote)) >= len(run) else ""
    return Flag("mixed_voice", s, e, quote, "warning",
                f"A {tense}first-person account ({len(run)} sentences) in an article otherwise written in the "
                "third person: spliced from another source, or a quotation without its attribution?",
                rule="voice.first-person-run")
