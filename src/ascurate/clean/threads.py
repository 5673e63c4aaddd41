"""Reader discussions found by their markup, whatever they say: a container whose
children repeat one record (a short author/time line, then a body of running text),
with what only a discussion has besides: a comment form (a textarea or an editable box),
replies nested in the record they answer, an author line the comment rules know (strong
signs); the same controls after every body ("Reply", "Like (3)"), avatars in the author
lines (weak: cards and teasers have them too); a nested reply whose first line is an
author's by its shape (a name, a time, a date) is a record too, and its controls and avatar
count with the others'. An author line is read field by field from its markup (a name and a
time in two spans, glued in the joined text). Records with no element of their own (lines in
<p>s, or one paragraph split by <br>) are read from their container's lines: header, records
(author line by its shape, body, control line), form; there the same control line after two
bodies, a comment form, author or control lines the comment rules know, and a count in the
header lines (not strong: a list of events may count its entries) are the signs.
Two kinds, one of them strong, make a discussion. The extracted blocks that come from it go as one unit with ONE removal
(`furniture.comment-thread`, the comment rules' id; its detail says what the markup showed).

The rules in `rules/comments.toml` read a thread's wordings; this reads its shape, so it
holds on sites and languages no rule has seen. Records that are content have the shape
without the rest: an FAQ's questions end in a question mark (no author line), a
reference list's entries are one line each, numbered steps have no form, replies or
author lines. Extraction finds the units (`find`, while it has the page's tree);
cleaning cuts them (`cut`), except on pages whose records are their content (a forum's
posts, a listing's or a product page's cards).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import rulebook
from ..extract.blocks import clean_space
from ..extract.segments import INLINE, SKIP, DomIndex, Segment, norm
from ..model import Block, Removal
from .comments import _author_shaped, role_text
from .result import Cleaned

RULE = "furniture.comment-thread"
MIN_RECORDS = 2  # records of one shape that make a discussion
LEAD_WORDS = 12  # an author/time line: this short, and no sentence ("Claire D. a complété il y a 2 heures")
CONTROL_WORDS = 6  # a record's controls after its body ("Like (3) · Reply · Report")
BODY_WORDS = 6  # a body without a sentence end is this long
# what only a discussion has: this many kinds, one of them STRONG (cards and teasers repeat a
# button and carry pictures too; a comment form, replies and an author's line they do not)
EVIDENCE = 2
STRONG = frozenset({"a comment form", "nested replies", "author lines", "comment controls"})
# the container's own lines around its records, outside its form (a heading, a count, "load
# more", a sort selector): at most EDGE_LINES lines of EDGE_WORDS words each, EDGE_LEVELS levels up
EDGE_LINES = 4
EDGE_WORDS = 12
EDGE_LEVELS = 3
SURE_CHARS = 20  # word characters of a block whose place in the page is sure
MAX_SHARE = 0.5  # a discussion holds at most this share of the page's candidate words (else they are its content)
# page types whose records are their content
CONTENT_RECORDS = frozenset({"forum", "listing", "product", "collection"})

_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]]*$")
_INITIAL = re.compile(r"\b[^\W\d_]\.$")  # "Klaus M." is a name, not a sentence
_DIGITS = re.compile(r"\d+")
# a heading's count of what it heads, a number standing as a word, not a year or a date:
# "Leserstimmen (35)", "67 personas han comentado", "1,204 replies"
_TALLY = re.compile(r"(?<![\w.,:/-])[(\[]?(?!(?:19|20)\d\d\b)\d{1,3}(?:[.,]\d{3})*[)\]]?(?![\w.,:/-])")


@dataclass(slots=True)
class Unit:
    """A discussion's extracted blocks (the objects extraction made), what its markup
    showed, and its records' author lines (for the comment rules to read)."""

    blocks: list[Block]
    shown: list[str]
    leads: list[str]
    controls: list[str] = field(default_factory=list)  # flat records: the control line repeated after their bodies


@dataclass(slots=True)
class _Shape:
    lead: Segment
    said: str  # the author line as its elements say it: its inline fields apart ("Jürgen vor 2 Stunden")
    body: Segment
    controls: str | None  # the short line after the body, digits dropped, folded
    button: bool  # a button after the body
    form: tuple[tuple[str, ...], tuple[str, ...]]  # the tags down to its author line and to its body


def find(index: DomIndex, blocks: Sequence[Block], located: Sequence[tuple[Any, float, int]],
         extra: Sequence[Block] = ()) -> list[Unit]:
    """The page's discussions, each as the `blocks` (located in the page) and `extra`
    blocks (the win-back model's segments) inside it."""
    segs = index.segments
    if len(segs) < 2 * MIN_RECORDS:
        return []
    starts = [s.start for s in segs]
    found: list[_Hit] = []
    seen: set[Any] = set()
    for seg in segs:
        parent = seg.element.getparent()
        while parent is not None and parent not in seen:  # every element with text under it, once
            seen.add(parent)
            hit = _discussion(parent, index, segs, starts) or _flat_discussion(parent, index, segs, starts)
            if hit is not None:
                found.append(hit)
            parent = parent.getparent()
    if not found:
        return []
    words = [(pos, len(b.text.split())) for b, (_, _, pos) in zip(blocks, located, strict=True)]
    total = sum(n for _, n in words)
    # a discussion leaves the page an article: records that are most of it are its content
    spans = _outermost([hit for hit in found
                        if sum(n for pos, n in words if hit[0][0] <= pos < hit[0][1]) <= MAX_SHARE * total])
    inside: list[list[tuple[int, Block]]] = [[] for _ in spans]
    # (a won-back segment has no place of its own: its text's first, and a short one none)
    places = [*((i, b, pos) for i, (b, (_, _, pos)) in enumerate(zip(blocks, located, strict=True))),
              *((-1, b, index.flat.find(norm(b.text)[:40]) if len(norm(b.text)) >= SURE_CHARS else -1) for b in extra)]
    placed: list[list[tuple[int, Block, bool]]] = [[] for _ in spans]
    for i, b, pos in places:
        k = next((k for k, ((lo, hi), *_) in enumerate(spans) if lo <= pos < hi), None) if pos >= 0 else None
        if k is not None:
            placed[k].append((i, b, _only_in(norm(b.text)[:40], spans[k][0], index.flat)))
    for k, mine in enumerate(placed):
        # a block whose text the page holds elsewhere too (a comment repeated in a second
        # thread) is the discussion's all the same between two of its candidates
        at = {i for i, _, _ in mine if i >= 0}
        inside[k] = [(i, b) for i, b, only in mine if only or (i >= 0 and i - 1 in at and i + 1 in at)]
    units: list[Unit] = []
    for (_, shown, leads, controls), mine in zip(spans, inside, strict=True):
        mine = _sure(mine)
        if mine:
            units.append(Unit(mine, shown, leads, controls))
    return units


def _only_in(key: str, span: tuple[int, int], flat: str) -> bool:
    """The text is in the page inside `span` and nowhere else: a list item of the article
    that a comment names again is the article's."""
    return flat.find(key) >= span[0] and flat.find(key, span[1]) < 0


def _sure(mine: list[tuple[int, Block]]) -> list[Block]:
    """The blocks of a discussion whose place in the page is sure: a short block's text
    ("The Press", "Reply") may be found inside the discussion when it stands elsewhere
    too, so it counts only in a run of consecutive candidates with a longer one."""
    out: list[Block] = []
    run: list[tuple[int, Block]] = []
    for i, b in [*mine, (-2, None)]:
        if run and (i < 0 or i != run[-1][0] + 1):
            if any(len(norm(x.text)) >= SURE_CHARS for _, x in run):
                out.extend(x for _, x in run)
            run = []
        if b is not None:
            run.append((i, b))
    return out


_Hit = tuple[tuple[int, int], list[str], list[str], list[str]]  # span, what showed it, author lines, controls


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """The discussions not inside another, in page order."""
    out: list[_Hit] = []
    for hit in sorted(hits, key=lambda t: (t[0][0], -t[0][1])):
        if out and hit[0][0] < out[-1][0][1]:
            continue
        out.append(hit)
    return out


def _discussion(parent: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> _Hit | None:
    """`parent` as a discussion's list of records: the span of the flat text of its
    container (the list with its own heading and form around it), what showed it (a
    record count first) and the records' author lines."""
    kids = [c for c in parent if isinstance(c.tag, str)]
    by_tag: dict[str, list[Any]] = {}
    for c in kids:
        by_tag.setdefault(c.tag, []).append(c)
    for tag, same in by_tag.items():
        shapes = [(c, _shape(c, index, segs, starts)) for c in same]
        forms = Counter(s.form for _, s in shapes if s is not None)
        if not forms:
            continue
        form, n = forms.most_common(1)[0]  # records of one make: the same tags down to author line and body
        records = [(c, s) for c, s in shapes if s is not None and s.form == form]
        if 2 * n < len(same):
            continue
        nested = [x for r, s in records for x in _replies(r, s, index, segs, starts)] if n < 2 * MIN_RECORDS else []
        replies = len(nested)
        if n + replies < MIN_RECORDS:
            continue
        container = _container(parent, index, segs, starts)
        # a reply whose first line is an author's (a name, a time, a date) is one of the
        # discussion's records too: its controls and avatar count with the others'
        voiced = [(el, sh) for el, sh in nested if _author_shaped(sh.said)]
        shown = _evidence(records + voiced, container) + (["nested replies"] if replies else [])
        span = index.spans.get(container)
        if shown and span is not None:
            return span, [f"{n + replies} <{tag}> records", *shown], [s.said for _, s in records], []
    return None


FLAT_LEAD_LINES = 2  # a flat record's author line may be two lines: a name, then a time
MIXED = 0  # `_flat_records`: each record's author line one line or two, read record by record


def _flat_discussion(parent: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> _Hit | None:
    """`parent` as a discussion whose records have no element of their own: its lines (its
    children's texts, or one paragraph's lines split by <br>) run header, then records (an
    author line by its shape, a body, perhaps a control line), then a form or a "load more"
    line. With no element per record, the records' own signs must show it: the same control
    line after two bodies or more, a comment form, and (read in `cut`) author lines or
    control lines the comment rules know."""
    lines = _flat_lines(parent, index, segs, starts)
    if lines is None or len(lines) < 2 * MIN_RECORDS:
        return None
    found = _flat_records(lines)
    if found is None:
        return None
    records, head = found
    container = _container(parent, index, segs, starts)
    raw = [c for _, _, c in records if c]
    folded = [_DIGITS.sub("", c).casefold().strip() for c in raw]
    shown = []
    if any(el.tag == "textarea" or el.get("contenteditable") == "true" for el in container.iter()):
        shown.append("a comment form")
    repeated = [c for c, f in zip(raw, folded, strict=True) if folded.count(f) >= MIN_RECORDS]
    if repeated:
        shown.append("the same controls after each body")
    if any(_TALLY.search(ln) for ln in head):
        shown.append("a count over the records")
    span = index.spans.get(container)
    if not shown or span is None:
        return None
    return span, [f"{len(records)} flat records", *shown], [lead for lead, _, _ in records], repeated


_BREAK = "\n"


def _flat_lines(parent: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> list[str] | None:
    """The lines of `parent` when its text is flat: every segment its own or a child's (a
    form's aside), a paragraph's <br> lines apart; None when a segment lies deeper (its
    records have elements: `_discussion` reads those)."""
    lines: list[str] = []
    for seg in _inside(parent, index, segs, starts):
        el = seg.element
        if _in_form(el, parent):
            continue
        if el is not parent and el.getparent() is not parent:
            return None
        said = _fields(seg, breaks=True)
        lines += [ln for ln in (clean_space(x) for x in said.split(_BREAK)) if ln]
    return lines


def _flat_records(lines: list[str]) -> tuple[list[tuple[str, str, str | None]], list[str]] | None:
    """(author line, body, control line or None) of each record, and the header lines, when
    the lines are a few short header lines, two records or more, and a few short lines
    after them; None else.
    Every record's author line is one line, or every record's two (a name, then a time),
    or, where neither reads the lines, each record's its own (`MIXED`: a name alone with a
    time line under it is two lines, any other author line one), as a thread whose
    records come from a name-and-date template and a name-over-time one is saved."""
    for lead_lines in (*range(1, FLAT_LEAD_LINES + 1), MIXED):
        records: list[tuple[str, str, str | None]] = []
        i = head = 0
        while i < len(lines):
            rec = _flat_record(lines, i, lead_lines)
            if rec is not None:
                records.append(rec[0])
                i = rec[1]
            elif not records and head < EDGE_LINES and _words(lines[i]) <= EDGE_WORDS:
                head += 1
                i += 1
            else:
                break
        rest = lines[i:]
        if len(records) >= MIN_RECORDS and len(rest) <= EDGE_LINES and all(_words(ln) <= EDGE_WORDS for ln in rest):
            return records, lines[:head]
    return None


def _flat_record(lines: list[str], i: int, lead_lines: int) -> tuple[tuple[str, str, str | None], int] | None:
    """The record starting at line `i`: `lead_lines` author lines by their shape (a name, a
    time, a date; no sentence), its body, and the short line after it when that line opens
    no record itself; with the line after the record."""
    if lead_lines == MIXED:
        lead_lines = 2 if _named_over_time(lines, i) else 1
    j = i + lead_lines
    if j >= len(lines) or not all(_is_lead(ln) and _author_shaped(ln) for ln in lines[i:j]) \
            or not _is_body(lines[j]) or _author_shaped(lines[j]):
        return None
    lead, body = " ".join(lines[i:j]), lines[j]
    j += 1
    controls = None
    if j < len(lines) and _words(lines[j]) <= CONTROL_WORDS and not _is_body(lines[j]) \
            and _flat_record(lines, j, lead_lines) is None:
        controls = lines[j]
        j += 1
    return (lead, body, controls), j


def _named_over_time(lines: list[str], i: int) -> bool:
    """Lines `i` and `i + 1` are a record's two author lines: a name alone (an author line
    by its shape with no time, date, count or separator in it: "Amélie"), then a time,
    a date or a count ("hier", "il y a 2 heures"). A heading with a count ("Avis des
    lecteurs (82)") or a control row ("Like · Reply") is no name: the line under it is read
    as a record's own."""
    from .textlines import _byline  # (textlines reads the comment rules' module)

    return i + 1 < len(lines) and _is_lead(lines[i]) and _author_shaped(lines[i]) and not _byline(lines[i]) \
        and _is_lead(lines[i + 1]) and _byline(lines[i + 1])


def _inside(el: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> list[Segment]:
    span = index.spans.get(el)
    if span is None:
        return []
    lo, hi = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
    return segs[lo:hi]


def _words(text: str) -> int:
    return len(text.split())


def _is_lead(text: str) -> bool:
    return 0 < _words(text) <= LEAD_WORDS and (_SENTENCE_END.search(text) is None or _INITIAL.search(text) is not None)


def _is_body(text: str) -> bool:
    return _words(text) >= BODY_WORDS or (_words(text) >= 2 and _SENTENCE_END.search(text) is not None)


def _shape(record: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> _Shape | None:
    """A record's author/time line (its first line, short and no sentence), its body (the
    next line that reads as running text, not a link) and the short line after the body,
    if any. A form's fields (a label, an input) are no record."""
    mine = _inside(record, index, segs, starts)
    if len(mine) < 2 or not _is_lead(mine[0].text) or _in_form(mine[0].element, None):
        return None
    lead = mine[0]
    for k in range(1, len(mine)):
        if _is_body(mine[k].text) and 2 * mine[k].links < mine[k].end - mine[k].start:  # a body is no link
            after = mine[k + 1].text if k + 1 < len(mine) else ""
            controls = None
            if after and _words(after) <= CONTROL_WORDS and not _is_body(after):
                controls = _DIGITS.sub("", after).casefold().strip()
            past = False
            button = False
            for el in record.iter():
                past = past or el is mine[k].element
                if past and el.tag == "button":
                    button = True
                    break
            if next(record.iter("textarea", "input", "select"), None) is not None:
                return None  # a form's fields, not a comment
            return _Shape(lead, _fields(lead), mine[k], controls, button,
                          (_path(record, lead.element), _path(record, mine[k].element)))
        if not _is_lead(mine[k].text):  # more than the author's lines before the body
            return None
    return None


def _fields(seg: Segment, breaks: bool = False) -> str:
    """A segment's text with its inline elements' texts apart: an author line set as a name
    and a time in two spans with nothing between them reads "Jürgenvor 2 Stunden" in the
    page's joined text, but is two fields ("Jürgen vor 2 Stunden"). Only the segment's own
    text, up to its first block-level child (what follows is another segment)."""
    pieces: list[str] = []

    def walk(el: Any) -> bool:  # False: a block-level child ends the segment
        if el.text:
            pieces.append(el.text)
        for child in el:
            if not isinstance(child.tag, str) or child.tag in SKIP:
                pass
            elif child.tag not in INLINE:
                return False
            elif breaks and child.tag == "br":
                pieces.append(_BREAK)
            else:
                pieces.append(" ")
                if not walk(child):
                    return False
                pieces.append(" ")
            if child.tail:
                pieces.append(child.tail)
        return True

    walk(seg.element)
    said = _BREAK.join(clean_space(x) for x in "".join(pieces).split(_BREAK)) if breaks else clean_space("".join(pieces))
    return said if norm(said) == norm(seg.text) else seg.text


def _path(record: Any, el: Any) -> tuple[str, ...]:
    """The tags from `record` (not included) down to `el`."""
    out = []
    while el is not None and el is not record:
        out.append(el.tag)
        el = el.getparent()
    return tuple(reversed(out))


def _container(parent: Any, index: DomIndex, segs: list[Segment], starts: list[int]) -> Any:
    """The records' list with what is the discussion's own around it: up the tree while an
    ancestor adds a comment form and a few short lines (`EDGE_LINES`) and nothing else,
    for at most `EDGE_LEVELS` levels (an article's table is short lines too)."""
    at = parent
    lines = 0
    for _ in range(EDGE_LEVELS):
        up = at.getparent()
        if up is None or up.tag in ("body", "html"):
            break
        own = set(map(id, _inside(at, index, segs, starts)))
        added = [s for s in _inside(up, index, segs, starts) if id(s) not in own and not _in_form(s.element, up)]
        lines += len(added)
        if lines > EDGE_LINES or any(s.element.tag == "h1" or _words(s.text) > EDGE_WORDS for s in added):
            break
        at = up
    return at


def _in_form(el: Any, top: Any) -> bool:
    """`el` is inside a <form> below `top` (None: anywhere)."""
    while el is not None and el is not top:
        if el.tag == "form":
            return True
        el = el.getparent()
    return False


def _evidence(records: list[tuple[Any, _Shape]], container: Any) -> list[str]:
    """What shows the records are a discussion besides replies nested in them: a comment
    form in the container, the same controls after two bodies or more, avatars in the
    author lines."""
    shown = []
    if any(el.tag == "textarea" or el.get("contenteditable") == "true" for el in container.iter()):
        shown.append("a comment form")
    controls = [s.controls for _, s in records if s.controls]
    buttons = sum(s.button for _, s in records)
    if buttons >= MIN_RECORDS or any(controls.count(c) >= MIN_RECORDS for c in set(controls)):
        shown.append("the same controls after each body")
    # a picture in the author line's own element (a card's picture stands apart from its title)
    if sum(any(True for _ in s.lead.element.iter("img")) for _, s in records) >= MIN_RECORDS:
        shown.append("avatars")
    return shown


REPLY_DEPTH = 3  # levels below a record where a reply to it is looked for


def _replies(record: Any, shape: _Shape, index: DomIndex, segs: list[Segment],
             starts: list[int]) -> list[tuple[Any, _Shape]]:
    """Records of the same make (tag, tags down to author line and body) nested in
    `record` after its body, within `REPLY_DEPTH` levels: the replies to it (a copy of the
    record, its first line and body, is none: a page's second rendering of a card)."""
    found = []
    own = (norm(shape.lead.text), norm(shape.body.text))
    level = [record]
    for _ in range(REPLY_DEPTH):
        level = [c for el in level for c in el if isinstance(c.tag, str)]
        for el in level:
            if el.tag == record.tag:
                inner = _shape(el, index, segs, starts)
                if inner is not None and inner.lead.start > shape.body.start and inner.form == shape.form \
                        and (norm(inner.lead.text), norm(inner.body.text)) != own:
                    found.append((el, inner))
    return found


def indices(units: Sequence[Unit], blocks: Sequence[Block]) -> list[tuple[list[int], Unit]]:
    """The units with their positions in `blocks` (the candidates after the win-back model
    put its segments among them: the same block objects)."""
    where = {id(b): i for i, b in enumerate(blocks)}
    out = []
    for u in units:
        mine = sorted(where[id(b)] for b in u.blocks if id(b) in where)
        if mine:
            out.append((mine, u))
    return out


def cut(blocks: list[tuple[int, Block]], units: Sequence[tuple[Sequence[int], Unit]], rules: list[rulebook.Rule],
        out: Cleaned, page_type: str | None = None) -> list[tuple[int, Block]]:
    """Blocks (with their index) minus the discussions' blocks, one removal a discussion
    whose markup showed `EVIDENCE` kinds of what only a discussion has, one of them
    `STRONG` (an author line that the comment `rules` call one counts as a kind); none on
    pages whose records are their content."""
    if not units or page_type in CONTENT_RECORDS:
        return blocks
    at = {i: b for i, b in blocks}
    gone: set[int] = set()
    for mine, unit in units:
        shown = unit.shown[1:]
        if any(role_text(lead, rules) == "meta" for lead in unit.leads):
            shown.append("author lines")
        if any(role_text(c, rules) == "control" for c in unit.controls):
            shown.append("comment controls")
        here = [i for i in mine if i in at]
        if len(shown) < EVIDENCE or not STRONG & set(shown) or not here:
            continue
        gone.update(here)
        out.removed.append(Removal("\n".join(at[i].text for i in here), RULE, block=here[0],
                                   detail=f"blocks {here[0]}-{here[-1]}: a discussion in the page's markup: "
                                   + ", ".join([unit.shown[0], *shown])))
    return [(i, b) for i, b in blocks if i not in gone]
