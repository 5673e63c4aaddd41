"""Reader-comment threads go as one unit: the heading ("12 Comments", "Leave a Reply"),
the author and time lines, the bodies, the reply/like controls and the comment form,
with ONE removal (`furniture.comment-thread`) whose detail lists the parts it saw.

What a part looks like is data (`rules/comments.toml`, [[comment]] rules with a role);
this module finds where a thread starts and how far it runs, also inside one block whose
lines an extractor ran together. A forum page's posts are its content, so the pipeline
does not call this on pages typed `forum`.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import rulebook
from ..extract.adapter import word_seam
from ..model import Block, Removal
from .result import Cleaned
from .rules import words

RULE = "furniture.comment-thread"
MAX_GAP = 3  # blocks of comment body between two parts of a thread
# a form closes a thread and a heading opens one: past a form, or before a header, a thread
# bridges at most this many blocks that are no part (a consent line in the form, the last
# comment's body), and none from a form to a header: not the article's paragraphs between
# two widgets
CLOSED_GAP = 1
MIN_PARTS = 3  # parts a thread has in all (a header alone is the furniture rules' business)
# a run-together block is split into a thread only when its pieces show a widget's own parts,
# not only author/time lines: a listing run together ("3 days ago4. Reflex ...") has those too
WIDGET_ROLES = {"header", "control", "form"}
_SENTENCE_END = re.compile(r"[.!?。！？…)][\"'”’)\]]*$")
_LOOKAHEAD = 6  # a thread without a header starts at a meta line with parts this close after it
_LABEL_WORDS = 5  # a thread's unnamed heading just before its first author line
_NAME_WORDS = 4  # an author's name on its own line ("Rosa P., age 41")
_GLUED_PIECES = 5  # pieces of a run-together block that make it a widget's lines
_STRANDED = 2  # comment bodies in a row left between removed parts of their thread
_BODY_WORDS = 25  # words in a comment's body standing alone (an article's paragraph between widgets is longer)
_INITIAL = re.compile(r"\b[^\W\d_]\.$")  # a name ending in an initial ("Klaus M.") is no sentence
_COUNT_END = re.compile(r"\s*[(\[]\d[\d.,\s]*[)\]]$")  # a count at a line's end: "Reader notes (12)"
_DIGITS = re.compile(r"\d+")
_MORE_LINKS = 2  # lines with a count closing a thread after its last part: a tally, then "Expand 23 earlier notes"
_COUNTS = re.compile(r"(?<!\S)[(\[]?\d[\d.,]*[)\]]?(?!\S)")  # a count standing as a word: "58", "(12)"
_ECHO_WORDS = 6  # a control line: this short ("Reply | Report abuse")
_ECHOES = 2  # a short line after this many comment bodies is a thread's control
_ROW_ITEM = 3  # words of a button in a row of them ("Reply | Report abuse")
_ROW_SPLIT = re.compile(r"\s+[|·•]\s+")
# a date, read where it starts right after a name: "3. März 2023", "12.01.2024", "3 de marzo de 2023"
_GLUED_DATE = re.compile(r"\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\.?\s(?:de\s)?[^\W\d]{3,}\.?\s(?:de\s)?\d{4})(?!\d)")


def role(block: Block, rules: list[rulebook.Rule]) -> str | None:
    """The thread part this block is (header, meta, control, form), if any."""
    if block.type in ("table", "code"):
        return None
    return role_text(block.text, rules)


def role_text(text: str, rules: list[rulebook.Rule]) -> str | None:
    """The thread part a line of text is, read without the blank a seam left at its end."""
    text = text.rstrip()
    n = words(text)
    for rule in rules:
        if n <= rule.get("max_words", 10**6) and rule.pattern.search(text):
            found = str(rule.get("role"))
            return None if found == "byline" else found  # the article's byline is no part of a thread
    return None


def cut_comment_threads(blocks: list[tuple[int, Block]], rules: list[rulebook.Rule],
                        out: Cleaned) -> list[tuple[int, Block]]:
    """Blocks (with their extracted index) minus the comment threads, one removal each."""
    if not rules:
        return blocks
    blocks, whole = _unglue(blocks, rules)
    if len(blocks) < MIN_PARTS:
        return _cut_glued_widgets(_reglue(blocks, whole), rules, out)
    roles = _echoes(_author_lines([role(b, rules) for _, b in blocks], blocks), blocks)
    kept: list[tuple[int, Block]] = []
    i = 0
    while i < len(blocks):
        end = _thread_end(i, blocks, roles)
        if end is None:
            kept.append(blocks[i])
            i += 1
            continue
        while kept and i - 1 >= 0 and kept[-1] is blocks[i - 1] and _label(blocks[i - 1][1]) and roles[i] == "meta":
            kept.pop()  # the thread's own heading ("Reader discussion", "Conversation") before its first author line
            i -= 1
            roles[i] = "header"
        close = end + _MORE_LINKS
        while end < min(close, len(blocks)) and roles[end] is None and _more_link(blocks[end][1]) \
                and not _piece(blocks, end):
            roles[end] = "control"  # "60 fanden das hilfreich", "Expand 23 earlier notes" close the thread
            end += 1
        unit = blocks[i:end]
        seen = Counter(r for r in roles[i:end] if r)
        detail = f"blocks {unit[0][0]}-{unit[-1][0]}: " + ", ".join(f"{n} {r}" for r, n in sorted(seen.items()))
        first = unit[0][0]
        if first in whole and all(j == first for j, _ in unit):  # a thread inside one run-together block
            text = "".join(b.text for _, b in unit).strip()
            start = whole[first].text.find(text)
            out.removed.append(Removal(text, RULE, block=first, start=start, end=start + len(text), detail=detail))
        else:
            out.removed.append(Removal("\n".join(b.text for _, b in unit), RULE, block=first, detail=detail))
        i = end
    return _cut_glued_widgets(_reglue(kept, whole), rules, out)


def cut_stranded_bodies(kept: list[tuple[int, Block]], count: int, rules: list[rulebook.Rule],
                        out: Cleaned, files: tuple[str, ...] = ()) -> list[tuple[int, Block]]:
    """Kept blocks (with their extracted index, `count` blocks extracted) minus the comment
    bodies a thread left behind when its other parts went one by one (a model or a rule took
    the author lines and buttons, so the thread unit never saw a thread): a run of at most
    `_STRANDED` short bodies (`_reads_as_body`, at most `_BODY_WORDS` words) whose neighbours
    on both sides were removed, next to its author or time line: the last line removed just
    before it, or the first line removed just after it (the next comment's author), removed
    by a model or as a thread (a line another rule names, such as a reading time,
    is that furniture, not an author's). An article's paragraph between two widgets is
    longer, or has no comment's author beside it (a widget opens with its heading).

    A thread whose wordings no rule knows leaves no line the rules call an author's; its
    bodies are then told by their voice (`_readers_voice`): a reader speaks as "I" (ich, je,
    yo: `[[person]]` of the page's language, `files` the rule files), reference text does
    not, and an author's line by its shape stands among the removed lines on either side
    (a name alone, a time, a date, a count or a row of buttons: `_author_shaped`). Such a
    run may hold the member line under the author's name ("dabei seit 12.01.2024"). Not on a
    page whose removed lines hold more words than twice its kept ones: a discussion (a forum
    saved as text, which no page type marks), whose posts are its content."""
    if not rules or not kept:
        return kept
    starts: dict[int, list[str]] = {}  # block index: the lines of the removal that starts there
    for r in out.removed:
        if r.block is not None and r.start is None:  # ("" for a line no model or thread took)
            thread = r.reason == RULE or r.reason.startswith("model.")
            starts.setdefault(r.block, []).extend(r.text.split("\n") if thread else [""])
    at = {i for i, _ in kept}

    def removed(i: int) -> bool:  # every extracted block that was not kept was removed
        return 0 <= i < count and i not in at

    def meta(line: str) -> bool:
        return role_text(line, rules) == "meta"

    def last_line(i: int) -> str:  # of the removal that covers block i (it starts there or before)
        while i >= 0 and i not in starts and i not in at:
            i -= 1
        return starts[i][-1] if i in starts else ""

    drop: dict[int, str] = {}
    # a page whose removed lines outweigh what it keeps is a discussion, its posts its content
    # (a forum saved as text: no page type says so), where a post's "I" tells nothing
    article = 2 * sum(words(b.text) for _, b in kept) > sum(words(r.text) for r in out.removed)
    k = 0
    while k < len(kept):
        j = k
        while j + 1 < len(kept) and kept[j + 1][0] == kept[j][0] + 1:
            j += 1
        first, last = kept[k][0], kept[j][0]
        run = kept[k:j + 1]
        if len(run) <= _STRANDED and removed(first - 1) and removed(last + 1) \
                and all(b.type == "paragraph" and words(b.text) <= _BODY_WORDS and _reads_as_body(b) for _, b in run) \
                and (meta(last_line(first - 1)) or meta(starts.get(last + 1, [""])[0])):
            drop.update((i, "a comment's body between its thread's parts") for i, _ in run)
        elif article and len(run) <= _STRANDED and removed(first - 1) and removed(last + 1) \
                and _readers_voice(run, kept, files) \
                and any(map(_author_shaped, [*_removed_lines(first - 1, -1, starts, at), *_removed_lines(last + 1, 1, starts, at)])):
            drop.update((i, "a reader's first-person body between its thread's removed lines") for i, _ in run)
        k = j + 1
    for i, b in kept:
        if i in drop:
            out.removed.append(Removal(b.text, RULE, block=i, detail=drop[i]))
    return [(i, b) for i, b in kept if i not in drop]


_NEAR_LINES = 1  # removed lines read on each side of a stranded body for its author's line (the nearest)


def _removed_lines(i: int, step: int, starts: dict[int, list[str]], at: set[int]) -> list[str]:
    """Up to `_NEAR_LINES` lines of the removals next to block `i` (going by `step`), nearest
    first, up to a kept block; a rule's removal whose lines are not read counts as ""."""
    lines: list[str] = []
    while len(lines) < _NEAR_LINES and i >= 0 and i not in at:
        if i in starts:
            lines += starts[i][::-1] if step < 0 else starts[i]
        i += step
    return lines[:_NEAR_LINES]


def _author_shaped(line: str) -> bool:
    """A thread's author or time line by its shape, in any wording: a time, a date, a count or
    a row of buttons (`textlines._byline`), or a name alone (a few capitalised words or a
    handle, no sentence: "Jürgen", "Carlos_M", "Rosa P.")."""
    from .textlines import _byline  # (textlines reads the comment rules' module)

    line = line.strip()
    if not line:
        return False
    if _byline(line):
        return True
    names = [w for w in _NAME_WORD.findall(line) if w[0].isupper() or "_" in w]
    return 0 < len(names) <= _NAME_WORDS and len(names) == len(line.split()) \
        and (_SENTENCE_END.search(line) is None or _INITIAL.search(line) is not None)


_NAME_WORD = re.compile(r"(?<!\S)(?:[^\W\d_][\w'’.-]*|\w*_\w*)(?!\S)")  # "Jürgen", "O'Neil", "P.", "Carlos_M"


def _readers_voice(run: list[tuple[int, Block]], kept: list[tuple[int, Block]], files: tuple[str, ...]) -> bool:
    """A stranded run that speaks as a reader: short bodies (`_reads_as_body`), at least one in
    the first person singular of the page's language (`voice.person_patterns`, outside quotation
    marks), the others author or time lines by their shape (a member's line under the name),
    on a page whose other kept text never speaks as "I" (a blog post, a forum's posts or a
    review written in that voice keep their short first-person paragraphs)."""
    if not files or not all(_author_shaped(b.text) or (b.type == "paragraph" and words(b.text) <= _BODY_WORDS
                                                       and _reads_as_body(b)) for _, b in run):
        return False
    from .. import lang  # (cleaning runs before the article's language is known)
    from ..flags.voice import mask_quotes, person_patterns

    language, _ = lang.detect(" ".join(b.text for _, b in kept))
    person = person_patterns(files, language) if language else None
    if person is None or not any(not _author_shaped(b.text) and person[0].search(mask_quotes(b.text)) for _, b in run):
        return False
    # a page that speaks as "I" elsewhere (a blog post, a forum's posts, a review) is written in
    # that voice: a short first-person paragraph there is its own
    mine = {i for i, _ in run}
    return not any(i not in mine and person[0].search(mask_quotes(b.text)) for i, b in kept)


def _glue_points(text: str) -> list[int]:
    """Where lines run together with nothing between them (`_glue_at`), tested only where
    `_MAY_GLUE` finds what may be a capital or a digit, and right after a sentence's end."""
    out: list[int] = []
    for m in _MAY_GLUE.finditer(text):
        k = m.start() + (text[m.start()] in _ENDS)
        if 0 < k < len(text) and (not out or out[-1] != k) and _glue_at(text, k):
            out.append(k)
    return out


def _glue_at(text: str, k: int) -> bool:
    """Lines run together at `k` (> 0), as an extractor that joins a widget's <div>s saves
    them ("65 commentsMike · a year agoGreat read.Like · Reply"): a capital right after a
    lowercase letter, a digit, a colon, a bracket or a sentence's end; a letter or digit right
    after a sentence's end; a date right after a name ("Petra3. März 2023",
    "Anna_B12.01.2024"); a Spanish opening "¡" or "¿" right after a letter, a digit or a
    sentence's end ("ayer¡Muy útil!", "2023¿Alguien sabe?"): running text has a blank or a
    quote before them. Not any other digit after a letter: model names ("SM7dB") would read
    as relative times ("7d")."""
    a, b = text[k - 1], text[k]
    return bool((b.isupper() and (a.islower() or a.isdigit() or a in ":.!?…)]"))
                or (b in _OPENERS and (a.isalnum() or a in ".!?…)"))
                or (b.isalpha() and a in "!?…")
                or ((b.islower() or b.isdigit()) and a == "." and k > 2 and text[k - 2].islower())
                or (b.isdigit() and (a.isalpha() or a == "_") and _GLUED_DATE.match(text, k)))


# characters that may be a capital or a digit: A-Z, 0-9 and what is not ASCII, but the
# commonest that cannot (lower-case Latin-1, Greek and Cyrillic letters, Latin-1 signs but
# the superscript digits, dashes, quotes and bullets)
_MAY_CAPITAL = r"A-Z0-9\u0080-\u009f\u00b2\u00b3\u00b9\u00c0-\u00de\u0100-\u03ab\u03cf-\u042f\u0460-\u200f\u2028-\U0010ffff"
# a glue point is a capital or a digit (A-Z, 0-9, or any that may be and is not ASCII), a
# Spanish opening mark, or a letter or digit after a sentence's end (tests/test_comments.py checks every pair of
# ASCII characters, and every character that is not ASCII)
_ENDS = frozenset(".!?…")
_OPENERS = "¡¿"  # a Spanish exclamation or question opens with these
_MAY_GLUE = re.compile(rf"[{_MAY_CAPITAL}.!?…{_OPENERS}]")


def _seam_points(text: str) -> list[int]:
    """Where extraction may have put a blank between two lines (`adapter.word_seam`: a
    lower-case letter, or a sentence end after one, a blank, then a capital): the line ends
    of a widget whose lines are inline elements ("Ask your question Submit")."""
    return [m.end() for m in _MAY_SEAM.finditer(text, 1) if word_seam(text[max(0, m.start() - 2):m.start()], text[m.end()])]


_MAY_SEAM = re.compile(rf" (?=[{_MAY_CAPITAL}])")  # a blank before what may be a capital


def _line_ends(text: str, rules: list[rulebook.Rule]) -> list[int]:
    """Where the lines of a run-together block end: its glue points, and each seam point
    next to a thread part whose other end is a sure one (a glue point or the block's edge):
    "…to me.Ask your question Submit" ends lines before "Ask" and "Submit". A seam point
    between two pieces of prose is a word boundary ("hiring the Best Engineers": "Best" is no
    sort button), and cutting there would part a comment's body into sentences."""
    glue = _glue_points(text)
    seams = _seam_points(text)
    if not seams:
        return glue
    cuts = sorted({*glue, *seams})
    bounds = [0, *cuts, len(text)]
    sure = {0, len(text), *glue}

    parts: dict[int, bool] = {}

    def part(k: int) -> bool:  # the piece between bounds[k] and bounds[k + 1] is a thread part
        if k not in parts:  # two cuts ask about the piece between them
            parts[k] = role_text(text[bounds[k]:bounds[k + 1]], rules) is not None
        return parts[k]

    return [c for k, c in enumerate(cuts)
            if c in sure or (bounds[k] in sure and part(k)) or (bounds[k + 2] in sure and part(k + 1))]


def _cut_glued_widgets(blocks: list[tuple[int, Block]], rules: list[rulebook.Rule],
                       out: Cleaned) -> list[tuple[int, Block]]:
    """Blocks minus those that are a thread's lines run together in a wording the rules
    only partly know: at least `_GLUED_PIECES` pieces at sure glue points (`_glue_points`:
    no blank between them, which running text never lacks so often), a third of them of
    at most `_LABEL_WORDS` words (names, buttons, counts) and under a third of one word (an
    identifier's or a share row's capitals part single words), none over `_BODY_WORDS` (an
    article's paragraph run into its heading is longer), two of them thread parts. Run after
    the thread unit, which needs the parts to find where a thread starts and ends and keeps
    the prose around it: this takes what it leaves, a widget whatever it says."""
    kept = []
    for i, b in blocks:
        cuts = _glue_points(b.text) if b.type == "paragraph" else []
        if len(cuts) + 1 >= _GLUED_PIECES:
            bounds = [0, *cuts, len(b.text)]
            pieces = [Block(b.type, b.text[x:y]) for x, y in zip(bounds, bounds[1:], strict=False)]
            size = [words(p.text) for p in pieces]
            short = sum(n <= _LABEL_WORDS for n in size)
            found = [r for r in (role(p, rules) for p in pieces) if r not in (None, "date")]
            if 3 * short >= len(pieces) and 3 * size.count(1) < len(pieces) and max(size) <= _BODY_WORDS \
                    and len(found) >= MIN_PARTS - 1:
                out.removed.append(Removal(b.text, RULE, block=i, detail=f"{len(pieces)} pieces run together: "
                                           + ", ".join(f"{n} {r}" for r, n in sorted(Counter(found).items()))))
                continue
        kept.append((i, b))
    return kept


def _unglue(blocks: list[tuple[int, Block]], rules: list[rulebook.Rule]
            ) -> tuple[list[tuple[int, Block]], dict[int, Block]]:
    """The blocks, a run-together block that holds a thread in its own pieces split into
    them (same index); and those blocks, by index, to put back what the thread leaves."""
    out: list[tuple[int, Block]] = []
    whole: dict[int, Block] = {}
    for i, b in blocks:
        cuts = _line_ends(b.text, rules) if b.type in ("paragraph", "list") else []
        if len(cuts) >= MIN_PARTS - 1:
            bounds = [0, *cuts, len(b.text)]
            pieces = [(i, Block(b.type, b.text[x:y], b.level)) for x, y in zip(bounds, bounds[1:], strict=False)]
            roles = _author_lines([role(p, rules) for _, p in pieces], pieces)
            if WIDGET_ROLES & set(roles) and any(_thread_end(k, pieces, roles) is not None for k in range(len(pieces))):
                out.extend(pieces)
                whole[i] = b
                continue
        out.append((i, b))
    return out, whole


def _reglue(kept: list[tuple[int, Block]], whole: dict[int, Block]) -> list[tuple[int, Block]]:
    """Pieces of a run-together block joined back: the block itself when the thread took
    none of it, else what is left of it."""
    if not whole:
        return kept
    res: list[tuple[int, Block]] = []
    for i, b in kept:
        if i in whole and res and res[-1][0] == i:
            res[-1] = (i, Block(b.type, res[-1][1].text + b.text, b.level))
        else:
            res.append((i, b))
    return [(i, whole[i]) if i in whole and b.text == whole[i].text else (i, Block(b.type, b.text.strip(), b.level))
            if i in whole else (i, b) for i, b in res if b.text.strip()]


def _label(block: Block) -> bool:
    """A short line that is no sentence: a heading, a name, a button; a count at its end
    ("Reader notes (12)") is no sentence's end, and a count is none of its words ("6
    personnes ont donné leur avis")."""
    text = _COUNT_END.sub("", block.text.rstrip())
    return (words(_COUNTS.sub("", block.text)) <= _LABEL_WORDS and bool(text)
            and _SENTENCE_END.search(text) is None)


def _more_link(block: Block) -> bool:
    """A thread's link to the comments it hides, right after its last part: a label holding
    a count ("Expand 23 earlier notes", "93 frühere Notizen aufklappen", "Ver los 12
    comentarios"). Without a count, a short line after a thread may be the article's next
    heading."""
    return _label(block) and _DIGITS.search(block.text) is not None and any(map(str.isalpha, block.text))


def _echoes(roles: list[str | None], blocks: list[tuple[int, Block]]) -> list[str | None]:
    """A thread's controls in wordings no rule knows, read from their period: a short line
    that is no sentence (counts masked, case folded) and stands right after a comment's body
    in `_ECHOES` places or more of the page, as "Reply | Report" or "Useful (3)" recurs after
    every comment, is a control part; so is, once, such a line that is a row of buttons (two
    items or more of at most `_ROW_ITEM` words, split by "|", "·" or "•"), also where the
    page's layout made it a heading (a short line alone in a text scrape). A body here is a
    paragraph that `_reads_as_body`, of at most `_BODY_WORDS` words, and does not open in
    lower case (a sentence that inline code cut into pieces does). These parts only join a
    thread that the rules' author lines or headings start, and a line without a letter (a
    bare count: a vote's, a footnote's, a page's) is none of them."""
    keys: list[str | None] = [None] * len(blocks)
    for k in range(1, len(blocks)):
        text = blocks[k][1].text.strip()
        prev = blocks[k - 1][1]
        if roles[k] is None and (blocks[k][1].type == "paragraph" or _row(text)) and words(text) <= _ECHO_WORDS \
                and any(c.isalpha() for c in text) \
                and _SENTENCE_END.search(_COUNT_END.sub("", text) or ".") is None \
                and prev.type == "paragraph" and words(prev.text) <= _BODY_WORDS and _reads_as_body(prev) \
                and not prev.text.lstrip()[:1].islower():  # a body opens a sentence ("clause is specified…" does not)
            keys[k] = _DIGITS.sub("0", " ".join(text.casefold().split()))
    seen = Counter(k for k in keys if k)
    return [("control" if key and (seen[key] >= _ECHOES or _row(key)) else r) for r, key in zip(roles, keys, strict=True)]


def _row(text: str) -> bool:
    """A row of buttons: two items or more split by a separator, each of at most `_ROW_ITEM` words."""
    items = _ROW_SPLIT.split(text)
    return len(items) >= 2 and all(0 < words(x) <= _ROW_ITEM for x in items)


def _author_lines(roles: list[str | None], blocks: list[tuple[int, Block]]) -> list[str | None]:
    """A name alone on its line just before a time or date line ("Sam" / "1 week ago",
    "Klaus M." / "3. März 2023") is part of the comment's meta (a date alone is not)."""
    out = list(roles)
    for k in range(len(roles) - 1):
        text = blocks[k][1].text.rstrip()
        if out[k] is None and roles[k + 1] in ("meta", "date") and words(text) <= _NAME_WORDS \
                and (_SENTENCE_END.search(text) is None or _INITIAL.search(text)):
            out[k] = "meta"
    return out


def _reads_as_body(block: Block) -> bool:
    """A comment's body: running text (a sentence's end, or 8 words or more), not a heading
    or a short label such as "You may also like"."""
    text = block.text.rstrip()
    return block.type != "heading" and (words(text) >= 8 or _SENTENCE_END.search(text) is not None)


def _piece(blocks: list[tuple[int, Block]], k: int) -> bool:
    """Block `k` is a piece of a run-together block (its neighbour has the same index)."""
    return any(0 <= j < len(blocks) and blocks[j][0] == blocks[k][0] for j in (k - 1, k + 1))


def _thread_end(i: int, blocks: list[tuple[int, Block]], roles: list[str | None]) -> int | None:
    """Where the thread that starts at block `i` ends (exclusive), or None: no thread starts here."""
    first = roles[i]
    if first not in ("header", "meta"):
        return None
    if first == "meta" and sum(r not in (None, "date") for r in roles[i + 1:i + 1 + _LOOKAHEAD]) < MIN_PARTS - 1:
        return None
    last = i
    parts = 1
    k = i + 1
    while k < len(blocks) and k - last <= MAX_GAP + 1:
        r = roles[k]
        if r is not None and k - last > 1 and blocks[k][0] != blocks[last][0] and (_piece(blocks, k) or _piece(blocks, last)):
            break  # a run-together block's thread is its own: no gap bridged into or out of it
        if r is not None and k - last > 1 and (roles[last] == "form" or r == "header") \
                and (k - last > CLOSED_GAP + 1 or (roles[last] == "form" and r == "header")):
            break  # the article goes on after a comment form, or between this thread and the next widget
        if r is not None:
            last, parts = k, parts + (r != "date")
        elif roles[last] == "control" and words(blocks[k][1].text) > _BODY_WORDS:
            break  # a control closed its comment: a long paragraph after it is the article's, not a body
        elif blocks[k][1].type == "heading" and not any(roles[k + 1:k + 1 + MAX_GAP]):
            break  # a heading that is not a thread's part: the article (or another section) goes on
        k += 1
    if parts < MIN_PARTS:
        return None
    end = last + 1
    # the last comment's body: the sentences after its author/time line; a date alone is a
    # comment's time only under its author's name (else it may be a teaser's or a byline's)
    if roles[last] == "meta" or (roles[last] == "date" and last > i and roles[last - 1] == "meta"):
        piece = _piece(blocks, last)
        while end < len(blocks) and end - last <= MAX_GAP and _reads_as_body(blocks[end][1]) \
                and (not piece or blocks[end][0] == blocks[last][0]):  # a run-together thread's body is in its block
            end += 1
    return end
