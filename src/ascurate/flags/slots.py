"""`placeholder`: a template's slots, read by the closed word classes they are made of.

A slot is labelled with a small vocabulary whatever its syntax: the values a template
leaves open (a name, a title, a date, a price), whose value it is (an author, a doctor),
verbs telling the writer to put something in, articles, possessives and "here"; and a
value still to come is said with a few constructions (`to be` + a participle, French `à`
and Spanish `por` + an infinitive, German `noch` + a participle, TBC). The word classes
are data (`[[slot]]` in `rules/shapes.toml`, all four languages in one table: a
template's language need not be the page's); what they find:

- a bracket (square, angle, or a word between the same signs: `##TITRE##`, `$TITEL$`)
  holding nothing but slot words, a value's name among them ("[Author name]",
  "[Intertitre]", "<PRENOM>", "<H2 heading>"); "[the doctor]" (a quotation's insertion)
  names no value, a lone "[Email]" or "[Text]" is a page's button or label;
- a value still to come: the whole value of a label that names a value ("Lieu : à
  définir", "Venue: TBA", "Referent: N. N."; "Registration: TBD" is a state readers are told), a paragraph or a sentence that is nothing else, copy said to be
  still to do ("Paragraphe à rédiger."), a value's name before TBC ("on DATE TBC");
- a sample address: a host or a mailbox made of a site's nouns, possessives, name-field
  words or sample words ("info@yourdomain.com", "www.nomdusite.com", "www.tusitio.es",
  "vorname.nachname@…", "www.beispiel.de"), a link with no domain ("http://LINK"), a
  street named for a sample ("Calle Ejemplo", "1 rue de l'Exemple"); "for example" or a
  word on formats in the sentence makes it the subject, not a hole;
- name-field labels standing for a name, in any order ("Dr Nom Prénom");
- a mask where a numbered thing's number was to go ("page XX", "Zimmer XX", "planta ??");
- a script's empty value where a value was to go ("el undefined", "de null mg", "NaN");
- a caption or an alt text left as its instruction ("Bildunterschrift hier einfügen").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from ..model import Flag
from . import lexicon
from .glued import zipf
from .view import ArticleView

_SQUARE = re.compile(r"\[([^\[\]\n]{1,60})\]")
_ANGLE = re.compile(r"<<?([^<>\n=\"/;{}()]{1,60})>>?")
_WRAPPED = re.compile(r"(%%?|\$\$?|##?|@@?|__)([^\W\d_]\w{1,40})\1(?![\w%$#@])")  # its opening sign stands alone
_CAMEL_SEAM = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")
_PAREN = re.compile(r"(?<![\w$])\$\(([^\W\d]\w{1,40})\)")  # "$(NAME)": a shell's or a build tool's variable
_BRACE = re.compile(r"(?<![{\w\\])\{\$?([^{}\n=:;,\d]{1,40})\}(?!\})")  # "{Nachname}", "{$name}"
_ERB = re.compile(r"<%=?\s*([^\W\d][\w.]{0,40})\s*%>")  # "<%= first_name %>": a server page's slot
# a page on templates or code shows its slots (the template-variable rule's `unless`, in short)
_DOCS = re.compile(r"\b(?:templat\w*|vorlagen?|plantillas?|gabarits?|mail-?merge|merge (?:tag|field)s?|serienbrief\w*|"
                   r"publipostage|placeholders?|platzhalter\w*|syntax|json|api|python|javascript|php|ruby|"
                   r"erb|smarty)\b|`[^`\n]+`|\{%|%\}", re.I)
# words that name code or data but have a sense on a health page too ("the access code on your letter", "the
# visual field", "champ visuel", "campo visual", "the tampon's string", "the variables of a study"): only in the
# slot's own sentence (`_NEAR_REACH`) do they say the slot is the subject
_DOCS_NEAR = re.compile(r"\b(?:variables?|parameters?|code|strings?|fields?|feld(?:er|name)?|champs?|campos?)\b", re.I)
_SPLIT = re.compile(r"[\s_.\-'’/:]+")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@((?:[\w-]+\.)+[a-z]{2,6})(?![\w-])", re.I)
_URL = re.compile(r"\bhttps?://([^\s/<>()\[\]\"'?#]+)[^\s<>()\[\]\"']*?(?=[.,;:!?]?(?:\s|$))", re.I)
_NEAR = re.compile(r"\b(?:for example|such as|e\.g\.|z\.\s?b\.|zum beispiel|par exemple|p\.\s?ex\.|por ejemplo|p\.\s?ej\.|"
                   r"formats?|syntax|templates?|placeholders?|rfc|domain names?|replace|ersetzen|remplacez|reemplace|sustituya)(?!\w)"
                   r'|"\w+"\s*:|`[^`\n]+`', re.I)  # a JSON key, code in backticks
# a sample word alone ("www.example.org") is how prose speaks of addresses: a word on sites near excuses it too
_NEAR_SITES = re.compile(r"\b(?:(?:web)?sites?|domains?|hosts?|addresses|adressen|adresses|direcciones|urls?|webseiten?|domaines?|"
                         r"sitios?|dominios?)\b", re.I)
_POSSESSIVE = re.compile(r"(?:your|my|votre|ihre|tu|su)-?[a-z]")
_NAMED = re.compile(r"(?:name|site|domain|web|website|url|nom|nombre|dominio|domaine|sitio)$")
_DATES = frozenset({"date", "datum", "fecha"})
_HERE = frozenset({"here", "hier", "ici", "aqui"})
_ARTICLES = frozenset({"the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "l", "un", "une", "el", "los",
                       "las", "una"})
_PLAIN_SAMPLES = frozenset({"example", "exemple", "ejemplo", "beispiel", "sample"})
_NEAR_REACH = 120
# a sentence that says what replaces the slot speaks of it ("{name} is replaced by the first name")
_REPLACED = re.compile(r"\b(?:replac(?:e[sd]?|ing)|substitut\w*|inserts|stands? for|ersetz\w*|eingesetzt|remplac\w*|"
                       r"sustitu\w*|reemplaz\w*)\b", re.I)
_SHORT = 80  # characters of a sentence that is a value still to come, alone or after copy
_LABEL_REACH = 60  # characters from a sentence's start within which a label's colon stands
_ACRONYM = re.compile(r"(?<![\w-])tb[cad](?![\w-])", re.I)
_TLD = re.compile(r"\.(?:com|org|net|info|eu|de|at|ch|fr|be|es|uk|io)(?![\w-]|\.\w)", re.I)  # after a word
# a page that shows a format or a template speaks of its slots (the bracket rules' `unless`)
_UNLESS = re.compile(r"\b(?:general format|(?:this|the following|a|the) template|prompt templates?|"
                     r"sample (?:letter|form|notice|text)|prompts?|fill(?:ed)? (?:in|out))\b|\{%|%\}", re.I)
_UNLESS_REACH = 600
_PENDING_WORDS = frozenset({"tbc", "tba", "tbd", "tk", "pending", "pendiente", "folgt", "fehlt", "missing", "needed"})
_MESSAGES = {
    "placeholder.slot-words": "A template's slot (the name of the value to go there) left in the text.",
    "placeholder.pending-value": "A value still to come (to be confirmed, à définir, por determinar), left for the real one.",
    "placeholder.sample-address": "A sample web or street address, meant to be replaced by the real one.",
    "placeholder.numbered-mask": "A mask (XX) where the number of a page, a room or a step was to go.",
    "placeholder.script-value": "A script's empty value (undefined, null, NaN) printed where a value was to go.",
}
# a script's empty value printed into a page where a template's value was missing
_SCRIPT = re.compile(r"\[object Object\]|(?<![\w.$@/-])(?:undefined|null|NaN)(?![\w(/-]|\.\w)")
_SCRIPT_WORDS = ("undefined", "null", "NaN", "[object Object]")


def _about_code(text: str, start: int, end: int) -> bool:
    """Whether a page about templates or code (`_DOCS`, `_UNLESS_REACH` either side) or the
    slot's own sentence (`_DOCS_NEAR`) speaks of the slot as its subject."""
    if _DOCS.search(text, max(0, start - _UNLESS_REACH), end + _UNLESS_REACH):
        return True
    a, b = sentence_around(text, start, end, _NEAR_REACH)
    return _DOCS_NEAR.search(text, a, b) is not None


_SENTENCE_STOP = re.compile(r"[.!?](?=\s)|\n")


def sentence_around(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end], `reach` characters at most either
    side: from after the last stop or line break before it to the next one after it."""
    a = max(0, start - reach)
    for m in _SENTENCE_STOP.finditer(text, a, start):
        a = m.end()
    m = _SENTENCE_STOP.search(text, end, end + reach)
    return a, (m.start() if m else min(len(text), end + reach))


def _script_at(text: str, word: str):
    """`_SCRIPT`'s matches of one of its words: the word looked up, then read in place."""
    at = text.find(word)
    while at >= 0:
        if m := _SCRIPT.match(text, at):
            yield m
        at = text.find(word, at + len(word))


SCRIPT_WORD_ZIPF = 3.0  # "undefined", "null" this common in the article's language are its words ("null" in German is zero)
# where a value goes: before a unit or a currency, or after a preposition at the sentence's end ("due on undefined.")
_UNIT_AFTER = re.compile(r"[ \u00a0]?(?:%|€|£|\$|(?:mg|mmol|µg|mcg|g|kg|ml|IU|UI)(?:/[A-Za-z]{1,3})?(?!\w))")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|at|by|until|from)[ \u00a0]$", re.I)
_SENTENCE_END = re.compile(r"[ \u00a0]*(?:[.!?;,]|$)", re.M)
# "page XX", "Zimmer XX", "planta XX": a mask where a numbered thing's number was to go (two
# signs or more: one X is a letter, "Room X"; chapters and volumes are numbered in Roman, "XX")
_MASK = re.compile(r"(?:X{2,}|x{2,}|N{2,}|\?{2,}|#{2,})(?![\w#?])")  # read first (a literal opens it), then the noun
_NUMBERED = re.compile(r"\b(?:page|seite|página|pagina|room|zimmer|raum|salle|chambre|sala|habitación|floor|etage|étage|"
                       r"planta|piso|step|schritt|étape|paso|bed|bett|lit|cama|box|bay|door|tür|porte|puerta|ward|station)"
                       r"[ \u00a0]$", re.I)


def fold(text: str) -> str:
    """`text` without its accents, same length (each letter and its marks decompose, marks go)."""
    if text.isascii():
        return text  # (no letter with a mark: most words)
    out = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return out if len(out) == len(text) else text


@dataclass(frozen=True)
class Slots:
    fields: frozenset[str]
    weak: frozenset[str]
    roles: frozenset[str]
    persons: frozenset[str]
    instructions: frozenset[str]
    function: frozenset[str]
    web: frozenset[str]
    web_nouns: frozenset[str]
    mailboxes: frozenset[str]
    samples: frozenset[str]
    slot_words: frozenset[str]
    head: re.Pattern[str]  # a sentence that opens on a value still to come, a label's or copy's
    announcements: frozenset[str]  # pending phrases that alone are a notice to readers ("Coming soon")
    field_before: re.Pattern[str]  # a value's name right before a pending acronym
    sample: re.Pattern[str]  # a sample word as it stands in an address
    street_before: re.Pattern[str]  # a street's noun (and its number) before it
    street_after: re.Pattern[str]  # or after it, else the house number
    street_cues: frozenset[str]  # the sample words as they stand in an address (a cheap test first)
    person_run: re.Pattern[str]
    person_cues: frozenset[str]
    calendar: frozenset[str]  # weekdays and months: a schedule's values
    title_fields: frozenset[str]  # a heading's names ("title", "Überschrift"), folded
    captions: frozenset[str]  # the names of an image's texts ("caption", "légende", "alt text"), folded
    caption_cues: frozenset[str]  # those names as they stand in text ("Caption", "Légende", "ALT"): a cheap test first
    assets: frozenset[str]  # the names of what such a text stands under ("photo", "Bild", "figura")


def _alts(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


@cache
def slots(files: tuple[str, ...]) -> Slots | None:
    tables = list(lexicon.tables(files, "slot").values())
    if not tables:
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w.lower()) for t in tables for w in t.get(key, []))

    def raw(key: str) -> list[str]:
        return [w for t in tables for w in t.get(key, [])]

    verbs = _alts(raw("pending_verbs"))
    pend = _alts(p.replace("VERBS", verbs) for p in raw("pending"))
    fields, weak = words("fields"), words("weak_fields")
    roles, persons, instructions = words("roles"), words("persons"), words("instructions")
    copy = _alts(re.escape(c) for c in raw("copy"))
    samples = words("samples")
    streets = _alts(re.escape(w) for w in raw("streets"))
    caps = sorted({w.capitalize() for w in samples if len(w) > 2})
    core = sorted(persons - {"first", "last", "user", "username", "usuario", "fullname"}, key=len, reverse=True)
    cased = [f(w) for w in [*core, *(p for p in raw("persons") if fold(p) in core)] for f in (str.capitalize, str.upper)]
    return Slots(
        fields=fields, weak=weak, roles=roles, persons=persons, instructions=instructions, function=words("function"),
        web=words("web"), web_nouns=words("web_nouns"), mailboxes=words("mailboxes"), samples=samples,
        slot_words=fields | weak | roles | persons | instructions | words("function") | _PENDING_WORDS,
        # "Lieu : à définir", "TBC.", "Paragraphe à rédiger.": a sentence that is a value still to
        # come, alone, as a label's whole value (the label is read after), or after copy
        head=re.compile(rf"(?:(?P<label>[^\W\d_][^\W\d_'’/-]*(?:[ '’/-]+[^\W\d_]+){{0,4}})[ \u00a0]?:[ \u00a0]*|"
                        rf"(?P<copy>(?:(?:the|der|die|das|le|la|l['’]|el|ce|cette|este|esta)\s*)?(?:{copy})(?:\s+[^\W\d_]+){{0,4}}?)\s+)?"
                        rf"(?P<v>{pend})(?![\w-])(?:\s*[.!…]+)?(?-i:(?=\s*$|\s+[A-ZÀ-Ý¿¡]))", re.I),
        announcements=frozenset(fold(w.lower()) for w in raw("announcements")),
        field_before=re.compile(rf"(?<![\w-])(?:{_alts(fields | weak)})s?\s+$", re.I),
        # "Calle Ejemplo, 1", "1 rue de l'Exemple", "Example Road": a street named for a sample
        sample=re.compile(rf"\b(?:{_alts(caps)})\b"),
        street_before=re.compile(rf"(?:\b\d+\w?,?[ \u00a0]+)?\b(?i:{streets})[ \u00a0]+(?:(?i:de(?:l| la| los| las)?|du|des|of|the)"
                                 rf"[ \u00a0]+|(?i:de l)['’][ \u00a0]?)?$"),
        # (after it, the street's noun is part of the name: "Example Road", not "Any street will do")
        street_after=re.compile(rf"[ \u00a0]+(?:{_alts(re.escape(w.capitalize()) for w in raw('streets'))})\b|(?:,?[ \u00a0]+\d+\w?\b)?"),
        street_cues=frozenset(caps),
        # "Dr Nom Prénom", "Apellido Nombre": two name-field words or more, capitalised, standing for a name
        # (the quote is the labels; "FIRSTNAME LASTNAME" in the order forms print is sample-name's)
        person_run=re.compile(rf"(?<![\w-])(?:{_alts(cased)})(?:[ \u00a0]+(?:{_alts(cased)})){{1,2}}(?![\w-])"),
        person_cues=frozenset(cased),
        calendar=words("calendar"),
        title_fields=words("title_fields"),
        captions=words("captions"),
        caption_cues=frozenset(f(w) for w in raw("captions") for f in (str.lower, str.capitalize, str.upper)),
        assets=words("assets"),
    )


def _segments(label: str, vocab: frozenset[str]) -> list[str] | None:
    """`label` cut into words of `vocab` ("nomdusite" -> nom, du, site), or None."""
    best: list[list[str] | None] = [None] * (len(label) + 1)
    best[0] = []
    for i in range(1, len(label) + 1):
        for j in range(max(0, i - 14), i):
            if best[j] is not None and label[j:i] in vocab:
                best[i] = [*best[j], label[j:i]]  # type: ignore[misc]
                break
    return best[-1]


def _sample_host(host: str, s: Slots) -> str | None:
    """"slot" for a host built as a slot is ("yourdomain", "nomdusite", "praxis-xy", no
    domain at all), "sample" for one at a word for examples alone ("beispiel.de"), or None."""
    labels = fold(host.lower()).split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) < 2:
        ok = bool(labels) and labels[0] != "localhost" and not labels[0].isdigit()
        return "slot" if ok else None  # "http://LINK": no domain at all
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in ("co", "com", "org"):
        labels = labels[:-1]
    for label in labels:
        parts = label.split("-")
        if any(p in s.samples for p in parts):
            return "sample" if all(p in _PLAIN_SAMPLES for p in parts) else "slot"  # "beispiel", "praxis-xy"
        cut = [w for p in parts for w in (_segments(p, s.web | s.samples) or ["\0"])]
        if "\0" in cut:
            continue
        if any(w in s.samples or w in s.web_nouns for w in cut):
            return "slot"  # "yourdomain", "nomdusite", "tusitio", "dominio"
    if any(_POSSESSIVE.match(label) and _NAMED.search(label) for label in labels):
        return "slot"  # a possessive, what it names, and its name: "yourclinicname", "votre-cabinet-site"
    return None


def _sample_mailbox(local: str, s: Slots) -> bool:
    vocab = s.persons | s.mailboxes | s.web
    parts = [p for p in re.split(r"[._+-]", fold(local.lower())) if p]
    return bool(parts) and all((p in vocab or _segments(p, vocab)) for p in parts) and any(
        w in s.persons | s.mailboxes for p in parts for w in (_segments(p, vocab) or [p]))


def _bracket_slot(inner: str, s: Slots) -> bool:
    if inner.lstrip().startswith("/"):
        return False  # a closing tag of bulletin-board or shortcode markup ("[/url]", "[/caption]"), no slot
    if re.search(r"\d", re.sub(r"(?i)\bh[1-6]\b", "", inner)):
        return False  # a citation, a figure, a date: a slot names its value in words
    toks = [t for t in _SPLIT.split(fold(_CAMEL_SEAM.sub(" ", inner).lower())) if t]  # "firstName": first, name
    if not toks or len(toks) > 7:
        return False
    if any(t not in s.slot_words for t in toks):
        # a field's name at the head of two or three words ("[publish date]", "[Name einfügen]"):
        # English puts its head last, the others first
        heads = s.fields | _DATES
        return 2 <= len(toks) <= 3 and (toks[-1] in heads or toks[0] in heads) and all(
            t.isalpha() for t in toks) and not any(t in s.function for t in toks)
    if toks[0] in _ARTICLES and not any(t in s.instructions or t in _PENDING_WORDS or t in _HERE for t in toks):
        return False  # "It [the price] was fair": words a quotation's writer put in, not a slot
    if any(t in s.fields or t in s.instructions for t in toks) or (
            any(t in _HERE for t in toks) and any(t in s.weak for t in toks)):
        return True  # a value's name, an instruction, or a label and "here" ("[La fecha aquí]")
    return sum(t in s.weak or t in s.roles or t in _PENDING_WORDS for t in toks) >= 2


def _shown(text: str, start: int, end: int) -> bool:
    """Whether the slot stands in a quoted phrase with words of its own: a template shown to
    the reader ("a post on “Best Things to Do in [Your City Here]”", "search for “[index name]
    criteria”"); a quotation that is nothing but the slot ("“[Insert quote]”") was to be filled."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    for open_, close in (("“", "”"), ("„", "“"), ("«", "»"), ('"', '"')):
        o = before.rfind(open_)
        if o < 0 or close in before[o + 1:] and open_ != close:
            continue
        if open_ == close and before.count(open_) % 2 == 0:
            continue
        c = after.find(close)
        if c >= 0 and re.search(r"[^\W\d_]", before[o + 1:] + after[:c]):
            return True
    return False


def _near(v: ArticleView, start: int, end: int, rx: re.Pattern[str]) -> bool:
    return bool(rx.search(v.text, max(0, start - _NEAR_REACH), min(len(v.text), end + _NEAR_REACH)))


def _pending(v: ArticleView, s: Slots) -> list[tuple[int, int, str]]:
    """Values still to come, by where they stand: a sentence of their own, a label's whole
    value (a "not available" marker too, `_NA_VALUE`), after copy ("Paragraphe à rédiger."):
    read at each sentence's start; an acronym
    after a value's name anywhere ("on DATE TBC"; "(exact dates TBA)" qualifies a value given)."""
    out = []
    for k, (b, off) in enumerate(zip(v.blocks, v.offs, strict=True)):
        t = b.text
        for a, e in v.spans(k):
            if e - a > _SHORT and ":" not in t[a:a + _LABEL_REACH]:
                continue  # a value alone or after copy is a short sentence; a label's colon comes early
            m = s.head.match(t, a)
            if not m:
                continue
            label = m.group("label")
            if label is not None and not any(w in s.fields or w in s.weak or w in s.roles
                                             for w in _SPLIT.split(fold(label.lower()))):
                continue  # "Registration: TBD", a process's state, is what readers are told
            if label is None and not m.group("copy") and fold(m.group("v").lower()) in s.announcements:
                continue  # "Coming soon" alone: a site's notice to its readers, not a slot left unfilled
            start = m.start("copy") if m.group("copy") else m.start("v")
            out.append((off + start, off + m.end("v"), "placeholder.pending-value"))
    t, runs = v.text, v.runs
    # (a marker's first letter stands as a run of its own, "N" of "N/A", "k" of "k. A.": few pages hold one)
    for mark in (_NA_MARKS if "N" in runs or "n" in runs or "k" in runs else ()):
        at = t.find(mark)
        while at >= 0:
            line_start, line_end = t.rfind("\n", 0, at) + 1, t.find("\n", at)
            line = t[line_start:len(t) if line_end < 0 else line_end]
            m = _NA_VALUE.search(line)
            if m and line_start + m.start("v") == at and any(
                    w in s.fields or w in s.weak or w in s.roles for w in _SPLIT.split(fold(m.group("label").lower()))):
                out.append((at, line_start + m.end("v"), "placeholder.pending-value"))
            at = t.find(mark, at + len(mark))
    if "tb" in v.lower:
        for m in _ACRONYM.finditer(v.text):
            before = v.text[max(0, m.start() - 40):m.start()]
            name = s.field_before.search(fold(before))
            if name and "\n" not in before[name.start():] and before.rfind("(") <= before.rfind(")"):
                out.append((m.start() - len(before) + name.start(), m.end(), "placeholder.pending-value"))
    return out


_CLOCK = re.compile(r"(?<![\w.,:])\d{1,2}(?:[:.h]\d{2})?[ \u00a0]?(?:am|pm|a\.m\.|p\.m\.|uhr|h)(?![\w])|"
                    r"(?<![\w.,:])\d{1,2}[:.]\d{2}(?![\w.,:]\d)|(?<![\w.,:/])\d{1,2}[./]\d{1,2}\.?(?![\w/])", re.I)
# "not available", as a form or a data feed fills an empty field, as a label's whole value on its line ("Clinic
# lead: N/A", "Sprechzeiten: k. A."), a line or its last sentence; alone, as a block, it is a card's cell under its label, a value readers are told
_NA_MARKS = ("N/A", "n/a", "N/D", "n/d", "k. A.", "k.A.", "k.\u00a0A.", "N.C.")
_NA_VALUE = re.compile(r"(?:^|(?<=[.!?][ \u00a0]))[ \t]*(?P<label>[^\W\d_][^\W\d_'’/-]*(?:[ '’/-]+[^\W\d_]+){0,4})[ \u00a0]?:[ \u00a0]*"
                       r"(?P<v>N/A|n/a|N/D|n/d|k\.[ \u00a0]?A\.|N\.C\.)[ \t]*$", re.M)
_STATE_RULES = frozenset({"placeholder.pending-value", "placeholder.copy-to-come"})
SCHEDULE_VALUES = 2  # clock times, dates, weekdays or months besides a value still to come: a schedule
_CALENDAR_WORD = re.compile(r"[^\W\d_]+")


_AMOUNT = re.compile(r"[$€£][ \u00a0]?\d|\d[\d.,]*[ \u00a0]?(?:[$€£%]|euros?\b|EUR\b)|(?<![\w/])(?:N/A|n/a|N/D|n/d)(?![\w/])")
AMOUNT_REACH = 60  # characters either side of a "not available" marker in which a table row's other cells stand
TABLE_AMOUNTS = 2


def _among_amounts(text: str, start: int, end: int) -> bool:
    """Whether a "not available" marker stands among `TABLE_AMOUNTS` or more given amounts (or
    other markers) of a row: a table's empty cell, flattened into text ("Monthly price with Norton
    360 n/a n/a $14.99 $24.99"), not a field a template left empty."""
    near = text[max(0, start - AMOUNT_REACH):start] + " " + text[end:end + AMOUNT_REACH]
    return len(_AMOUNT.findall(near)) >= TABLE_AMOUNTS


def scheduled(v: ArticleView, flags: list[Flag]) -> list[Flag]:
    """`flags` without the values still to come that a published schedule tells its readers:
    one entry's pending value among entries whose times, dates or days are given ("Monday
    6pm beginners, Wednesday 6pm improvers, Friday class time TBD", `SCHEDULE_VALUES` of them
    in its block besides it), or a listing's records that each stand with it alone as a block
    ("TBD" as the date of two courses or more). A slot left unfilled is one value, with no
    given ones of its kind beside it."""
    if any(f.rule == "placeholder.not-available" for f in flags):
        flags = [f for f in flags if f.rule != "placeholder.not-available" or not _among_amounts(v.text, f.start, f.end)]
    if not any(f.rule in _STATE_RULES for f in flags):
        return flags
    s = slots(v.files)
    if s is None:
        return flags
    blocks = [b.text.strip() for b in v.blocks]
    kept = []
    for f in flags:
        if f.rule in _STATE_RULES:
            k = bisect_right(v.offs, f.start) - 1
            t, at = v.blocks[k].text, f.start - v.offs[k]
            rest = t[:at] + " " * (f.end - f.start) + t[at + f.end - f.start:]
            given = len(_CLOCK.findall(rest)) + sum(fold(w.lower()) in s.calendar for w in _CALENDAR_WORD.findall(rest))
            if given >= SCHEDULE_VALUES or (blocks[k] == f.quote.strip() and blocks.count(blocks[k]) > 1):
                continue
        kept.append(f)
    return kept


_TITLE_LINE = 6  # words at most of a heading or a label line that names itself


def _self_named_titles(v: ArticleView, s: Slots) -> list[tuple[int, int, str]]:
    """A heading or a short line made of nothing but slot words, a heading's name among them
    ("Titre de la section", "Título de la sección", "Subheading here", "Votre titre ici"):
    a heading that names itself as the element it fills, its copy never written. A real
    heading names its subject ("Date and venue", "Ort und Zeit": no heading's name)."""
    out = []
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text.strip()
        if not t or len(t) > 60 or (b.type != "heading" and t[-1:] in ".!?:"):
            continue
        toks = [x for x in _SPLIT.split(fold(t.lower())) if x]
        if not 2 <= len(toks) <= _TITLE_LINE or not s.title_fields.intersection(toks):
            continue
        if all(x in s.slot_words or x in _HERE or x in s.web_nouns for x in toks):
            start = off + b.text.index(t)
            out.append((start, start + len(t), "placeholder.slot-words"))
    return out


_OWN = frozenset({"your", "votre", "vos", "su", "sus", "tu", "tus", "ihr", "ihre", "ihren"})
_LABEL_CHARS = 30


def _caption_slots(v: ArticleView, s: Slots) -> list[tuple[int, int, str]]:
    """An image's caption or its alternative text left as the template's instruction, a short
    line or a label's whole value ("Foto: Bildunterschrift hier einfügen", "Figure 1: Insert
    caption", "Légende : Votre légende ici", "Image: alt text here"): nothing but slot words, the
    name of such a text among them (`captions` in `[[slot]]`) and a word telling the writer to
    fill it in: an instruction, "here" or "your". A real caption says what the picture shows."""
    out = []
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text.strip()
        if not t or len(t) > 60 or (b.type != "heading" and t[-1:] in ".!?:"):
            continue
        label, colon, value = t.partition(":")
        if not colon or len(label) > _LABEL_CHARS:
            value = t
        toks = [x for x in _SPLIT.split(fold(value.lower())) if x]
        if not 2 <= len(toks) <= _TITLE_LINE or not s.captions.intersection(toks):
            continue
        if not any(x in s.instructions or x in _HERE or x in _OWN for x in toks):
            continue
        if all(x in s.slot_words or x in _HERE or x in s.captions or x in s.assets for x in toks):
            start = off + b.text.index(t) + (len(t) - len(value.lstrip()) if value is not t else 0)
            out.append((start, start + len(value.strip()), "placeholder.slot-words"))
    return out


def _script_values(v: ArticleView) -> list[tuple[int, int, str]]:
    """A script's empty value printed where a template's value was missing ("Su próxima dosis es
    el undefined.", "Votre dose est de null mg", "[object Object]"): "NaN" and "[object Object]"
    wherever they stand; "undefined" and "null" where they are no word of the article's language
    (`SCRIPT_WORD_ZIPF`: English says "undefined", German "null" for zero), or, where they are,
    in a value's place, before a unit or after a preposition at the sentence's end ("due on
    undefined."). A page about code or data names them (`_DOCS` near)."""
    text, language = v.text, v.language or "en"
    out = []
    for m in (m for w in _SCRIPT_WORDS if w in text for m in _script_at(text, w)):
        w = m.group()
        if w in ("undefined", "null") and zipf(w, language) >= SCRIPT_WORD_ZIPF and not (
                _UNIT_AFTER.match(text, m.end()) or _PREPOSITION_BEFORE.search(text, max(0, m.start() - 8), m.start())
                and _SENTENCE_END.match(text, m.end())):
            continue
        if _about_code(text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), "placeholder.script-value"))
    return out


def slot_flags(v: ArticleView) -> list[Flag]:
    s = slots(v.files)
    if s is None:
        return []
    text, runs = v.text, v.runs
    found = _pending(v, s)
    # none of these shapes runs across a line, so each is read on the whole text at once
    if "[" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _SQUARE.finditer(text)
                  if _bracket_slot(m.group(1), s) and not _UNLESS.search(
                      text, max(0, m.start() - _UNLESS_REACH), m.end() + _UNLESS_REACH)
                  and not _shown(text, m.start(), m.end())]
    if "<" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _ANGLE.finditer(text)
                  if (" " in m.group(1).strip() or not m.group(1).islower()) and _bracket_slot(m.group(1), s)]
    if "{" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _BRACE.finditer(text)
                  if _bracket_slot(m.group(1), s) and not _about_code(text, m.start(), m.end())
                  and not _REPLACED.search(text, max(0, m.start() - _NEAR_REACH), m.end() + _NEAR_REACH)]
    if "<%" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _ERB.finditer(text)
                  if not _about_code(text, m.start(), m.end())]
    if "%" in text or "$" in text or "#" in text or "@" in text or "__" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _WRAPPED.finditer(text)
                  if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_%$#@"))
                  and (m.group(1)[0] == "%" or not m.group(2).islower()) and _bracket_slot(m.group(2), s)]
    if "$(" in text:
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in _PAREN.finditer(text)
                  if not m.group(1).islower() and _bracket_slot(m.group(1), s) and not _about_code(text, m.start(), m.end())]
    found += _self_named_titles(v, s)
    if any(c in runs for c in s.caption_cues):  # most articles name no caption nor alt text
        found += _caption_slots(v, s)
    if "@" in text:
        found += [(m.start(), m.end(), "placeholder.sample-address") for m in _EMAIL.finditer(text)
                  if _sample_mailbox(m.group(1), s) or _sample_host(m.group(2), s)]
    if "://" in text:
        found += [(m.start(), m.start() + len(m.group().rstrip(".,;:!?")), "placeholder.sample-address")
                  for m in _URL.finditer(text) if _sample_host(m.group(1), s)]
    for m in _TLD.finditer(text):  # a bare domain, read back from its top level
        if not m.start() or not text[m.start() - 1].isalnum():
            continue
        a = m.start()
        while a and (text[a - 1].isalnum() or text[a - 1] in ".-_"):
            a -= 1
        if a < m.start() and text[a - 1:a] not in ("@", "/", ":") and _sample_host(text[a:m.end()], s):
            found.append((a, m.end(), "placeholder.sample-address"))
    if "XX" in text or "xx" in text or "NN" in text or "??" in text or "##" in text:
        for m in _MASK.finditer(text):
            if noun := _NUMBERED.search(text, max(0, m.start() - 14), m.start()):
                found.append((noun.start(), m.end(), "placeholder.numbered-mask"))
    if "undefined" in runs or "null" in runs or "NaN" in runs or "Object" in runs:
        found += _script_values(v)
    if s.street_cues.intersection(v.runs):  # most articles hold no sample word, no name-field word
        for m in s.sample.finditer(text):
            before = s.street_before.search(text, max(0, m.start() - 40), m.start())
            after = s.street_after.match(text, m.end())
            if before or (after and after.group().strip() and not after.group()[-1].isdigit()):
                found.append((before.start() if before else m.start(), after.end() if after else m.end(),
                              "placeholder.sample-address"))
    if s.person_cues.intersection(v.runs):
        found += [(m.start(), m.end(), "placeholder.slot-words") for m in s.person_run.finditer(text)
                  if len({fold(w.lower()) for w in m.group().split()[-3:]} & s.persons) >= 2]
    flags: list[Flag] = []
    for start, end, rule in sorted(found):
        if any(f.start < end and start < f.end for f in flags):
            continue
        if rule == "placeholder.sample-address" and _near(v, start, end, _NEAR):
            continue
        if rule == "placeholder.sample-address" and _near(v, start, end, _NEAR_SITES) and (
                _sample_host(re.sub(r"^\w+://|^[^@]*@|/.*$", "", text[start:end]), s) == "sample"):
            continue
        flags.append(Flag("placeholder", start, end, text[start:end], "blocking", _MESSAGES[rule], rule=rule,
                          suggestion=None))
    return flags
