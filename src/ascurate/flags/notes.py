"""`editorial_note` from a sentence's structure: a note from one member of staff to another.

Notes left in copy rarely say "note" or "editor"; they are addressed ("Priya: can you cut
this to 80 words?", "Legal team, are we OK to name the hospital?", "Do we have a source
for this, Raj?"). A sentence scores for each of three signals:
- address: an @mention opening it ("@Raúl ¿cambiamos …?", in any language), a first name
  or an editorial role opening it before a comma, colon or dash
  (after an optional greeting), or closing it or set off inside it by commas or dashes
  ("..., Emma — can you ...?"), after an opening bracket ("[Nadia: ...]", which adds
  `ASIDE`: a bracketed, addressed sentence is an insertion), or a name right before a
  direct request ("Kate can you ..."); a name is one capitalised word the article never
  uses in lower case, and no sentence opener or label (`not_names`) or long -ly adverb;
- a request or question to that person: a request word, a question mark, or an
  imperative opening a clause;
- editorial vocabulary: words about the copy (paragraph, source, quote, publish...), or
  `here`, pointing at it ("is this still right here?") for less.
A first name that the article writes nowhere else (`STRANGER`) adds to an address set
off by a colon or a dash, or closing the sentence: the people an article quotes or writes
about are named again or introduced, a colleague is not (an opening word before a comma is
too often an adverb: "Lastly, ...").
A sentence (or a block of two sentences, read as one note too) at `THRESHOLD` or more is
flagged, with its score as a share of the most a sentence can score: an address and a
request with editorial words or a stranger's name; a reader-facing "Parents, check your
child's temperature" has neither. Dialogue turns ("Name: ..." in neighbouring blocks or
sentences: an interview) are no notes, and in an article of "Word: ..." lines (a
glossary, a review's criteria) no label is a stranger.
Word lists are data per language (`rules/notes.toml`); quoted speech is never a note.
The sentences the rule leaves are read by a learned scorer (`note_model`), whose flags name it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .. import rulebook
from ..config import Config, rule_files
from ..model import Block, Flag
from . import note_model, sentences
from .glued import zipf
from .logistic import Model
from .view import RUN
from .voice import mask_quotes

ADDRESS_NAME = 1.0
ADDRESS_ROLE = 1.25  # an editorial role is a stronger sign than a name
REQUEST = 1.0
QUESTION = 0.75
COLLEAGUE_YOU = 0.75  # the informal second person where readers are addressed formally: "Léa, je te laisse ..."
EDITORIAL_EACH = 0.75
EDITORIAL_MAX = 1.5
ASIDE = 0.5  # an addressed sentence set in brackets: an insertion into the copy, not its voice
LABELLED = 0.5  # a role named with a word for a comment ("Query for author:"): a comment on the copy
STRANGER = 0.5  # the name addressed occurs nowhere else in the article
HERE = 0.5  # a word pointing at the copy ("here"), when no editorial word does
MAX_SCORE = ADDRESS_ROLE + REQUEST + EDITORIAL_MAX + ASIDE
THRESHOLD = 2.5  # the lowest score at which no tune trap is flagged and published articles get at most 0.005 notes a page (bench/flags.py; 2.25: 0.007)
MAX_SENTENCE = 320
_QUOTES_OPEN = "“«„\"‘"
_QUOTE_MARKS = _QUOTES_OPEN + "”»"
_ANY_QUOTE = re.compile(f"[{re.escape(_QUOTE_MARKS)}]")
_LEAD = re.compile(
    r"(?P<who>[^\W\d_][\w'’.-]*(?:\s+[^\W_][\w'’.-]*){0,3}?)\s*(?:\((?P<paren>[^)\n]{1,30})\))?"
    r"\s*(?:[,:]|\s[-–—]|[-–—]\s)\s*")
# a lead's words (at most four runs of its word characters, each with the spaces after it): the lead
# can only end, at its separator, where they stop on a comma, colon, bracket or dash, or at a hyphen
# among them or right after them (a cheap test before `_LEAD`, whose backtracking over up to four
# words costs more than the whole rest of reading most sentences; a comma further on ends no lead)
# a label closed by its bracket, in a sentence opening on one ("[Kommentar Fachlektorat] Bitte ergänzen …",
# "[Commentaire relecture médicale] Préciser …"): a comment tool's label, read as a label closed by a colon is
_BRACKET_LEAD = re.compile(
    r"(?P<who>[^\W\d_][\w'’.-]*(?:(?:\s+[-–—])?\s+[^\W_][\w'’.-]*){0,3}?)\s*(?:\((?P<paren>[^)\n]{1,30})\))?\s*\]\s*:?\s*")
_ASIDE_OPENS = frozenset("[({<")  # the first character of an aside, after any spaces (`_ASIDE`)
_LEAD_CHARS = re.compile(r"(?:[\w'’.-]+\s*){0,4}")
_LEAD_STOPS = frozenset(",:(–—")
_HANDLE = re.compile(r"@(?P<who>[A-ZÀ-ÖØ-Þ][^\W\d_]+)\b[,:]?\s*")  # an @mention opening a sentence
_TITLES = {"dr", "prof", "mr", "mrs", "ms", "frau", "herr", "mme", "m", "sr", "sra"}
_TITLE = "|".join(t.capitalize() for t in sorted(_TITLES))
# the titles written out, which stand before a name in a greeting ("Bonjour Madame Garnier,",
# "Hola, doctora Campos,") and may follow another ("Liebe Frau Dr. Hahn,"); a title alone is no name
_TITLE_WORDS = _TITLES | {"madame", "monsieur", "mademoiselle", "mlle", "docteur", "docteure", "dre", "pr", "doctor",
                          "doctora", "dra", "doktor", "señor", "señora", "señorita", "srta", "professor", "professeur",
                          "professeure", "profesor", "profesora"}
MAX_TITLES = 2  # titles before a name ("Frau Dr. Hahn")
# "..., Mark]" closes an editor's bracketed aside (a parenthesis holds citations); a title may
# stand before the name ("Happy with this wording, Dr Khan?", "…, Herr Roth?")
# a title before a closing name, short or written out, in either case ("…, Professor Adeyemi?", "…, doctora Ferrer?")
_TITLE_ANY = "|".join(sorted({t.capitalize() for t in _TITLE_WORDS} | _TITLE_WORDS, key=len, reverse=True))
_TRAIL = re.compile(rf",\s*(?:(?:{_TITLE_ANY})\.?\s+)?(?P<who>[^\W\d_][\w'’-]*)\s*[?.!…]*\s*\]?\s*$")
_INNER = re.compile(rf",\s*(?:(?:{_TITLE})\.?\s+)?(?P<who>[^\W\d_][\w'’-]*)\s*,")  # "…, Nuria, …" (`_inner`)
_MID = re.compile(r"[,;]\s*(?P<who>[^\W\d_][\w'’-]*)\s*(?:\s[-–—]|[-–—]\s)\s*")  # "..., Emma — can you ...?"
_CLAUSE = re.compile(r"(?:^|[,;:]|\s[-–—])\s*([^\W\d_][\w'’-]*)")  # a clause's first word: an imperative?
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ASIDE = re.compile(r"^\s*(?:\[|\(|\{|<<)\s*(?=[^\W\d_])")  # "[Nadia: ...]", "(Tariq — ...)", "{Rob — ...}"
_LABEL_LINE = re.compile(r"^\s*[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)?\s*(?:\([^)\n]{1,30}\))?\s*:")
LABEL_RUN = 3  # blocks opening with "Word:" in an article: its lines are labelled, no one is a stranger
TURN_WORDS = 4  # a "Name:" line with this many words after its colon is a turn of a dialogue; with fewer,
# a label ("Unser Partner: eZ Systems"), which makes no dialogue of the line beside it
_RUN = RUN  # a run of word characters and hyphens, as the view counts them
_POSSESSIVE = re.compile(r"['’]s$")
_CLOSES = {"[": "]", "(": ")", "{": "}"}
# an opening label set in capitals, of two words or more, up to a colon, a dash or the sentence's end
_SHOUT = re.compile(r"\s*(?P<label>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,7})\s*(?::|\s[-–—]\s|[.!?]?\s*$)")
HEAD_LETTERS = 4  # letters of a compound's head and of its modifier (`_heads`)
_ITEM = re.compile(r"[,;:]")  # what sets off a list's items, or a label's
CLAUSE_WORDS = 3  # words before a closing name that make a clause, not a list's item (`read`)
_ELIDED = re.compile(r"^[dlDL]['’](?=\w)")  # "l'équipe": an elided article before a role
# a label's word that the article's language writes this much more often (Zipf) than the least
# of the other languages does, and at least `OWN_WORD_ZIPF` often, is a word of the language
# ("Correction:", "Rectificatif :"), not a colleague's name: a name travels between languages
OWN_WORD_SPREAD = 1.75
OWN_WORD_ZIPF = 2.5
LANGUAGES = ("en", "de", "fr", "es")


@dataclass(frozen=True, slots=True)
class Words:
    greetings: frozenset[str]
    roles: re.Pattern[str]
    fillers: frozenset[str]
    requests: re.Pattern[str]
    direct: re.Pattern[str]
    imperatives: frozenset[str]
    instructions: frozenset[str]  # imperatives and infinitives: the first word of an instruction after a label
    editorial: re.Pattern[str]
    not_names: frozenset[str]
    here: re.Pattern[str]
    labels: frozenset[str]
    infinitives: re.Pattern[str]
    towards: frozenset[str]  # "for", "an", "pour", "para": a label addressed to a name ("Quick question for Hugo:")
    colleague_you: re.Pattern[str]  # the informal second person, in a language whose readers are addressed formally
    heads: re.Pattern[str]  # a word about the copy closing a compound ("Zeichenzahl"), in a language that compounds
    role_heads: re.Pattern[str]  # a role closing a compound ("Fachlektorat", "Bildredaktion"), in such a language
    comment_by: re.Pattern[str]  # a comment signed by its author, opening a sentence (`_comment_by`)
    reply_by: re.Pattern[str]  # a reply signed by its author, opening a block under a comment (`_replies`)
    to_do: re.Pattern[str]  # a word that makes the infinitive after it a thing still to do ("à raccourcir")
    lexicon: note_model.Lexicons  # the learned scorer's word lists, matched on a sentence's tokens
    language: str
    tasks: re.Pattern[str]  # a writer's task opening a bracket before its colon ("(to do: …)", `_bracketed_tasks`)
    task_words: frozenset[str]  # instructions and words of what is still pending: a bracket of nothing else is a task
    readers: re.Pattern[str]  # the second person: a bracket telling a reader what to do is the page's advice
    to_come: re.Pattern[str]  # what closes a short line naming a part of the copy still to come ("… to come.", `_pending_copy`)
    changed: re.Pattern[str]  # a tracked change's participle opening a sentence ("Replaced …", "Gelöscht …", `_tracked_change`)
    decisions: re.Pattern[str]  # a decision asked of a change ("accept?", "keep or revert?", "¿lo aprobamos?")
    self_note: re.Pattern[str]  # a note's label addressed to its writer ("Note to self:", "Notiz an mich:", `_desk_line`)
    reminders: re.Pattern[str]  # an obligation with no subject opening a sentence ("Must ring …", "Tengo que llamar …")
    writes: re.Pattern[str]  # a verb of adding to the copy ("add", "einfügen", "ajouter", "añadir", `_label_task`)
    elaborates: re.Pattern[str]  # a verb whose object is the text itself ("detail", "ausführen", "détailler")
    lacks: re.Pattern[str]  # what says a part is lacking ("needed", "fehlt", "il manque", "hace falta")
    content: re.Pattern[str]  # nouns of the copy's content ("list", "details", "numbers", "Liste", "cifras")
    openers: frozenset[str]  # the first words of `change_labels`, `reminders`, `self_labels` and `memos` (`_desk_rule`)
    endings: frozenset[str]  # the last words of `to_come` (`_pending_copy`)
    citations: re.Pattern[str]  # words naming a citation ("source", "ref", "Beleg", "réf", "cita": `_wants_citation`)
    holds: re.Pattern[str]  # the copy held back from publication ("not for publication", "nicht veröffentlichen": `_held`)
    change_words: frozenset[str]  # `change_labels` of one word: a participle that may close a change's clause (`_closes_on_change`)
    by_words: frozenset[str]  # `by`: the word before a change's author ("réécrite par Paul", "von Lena gekürzt")
    decision_words: frozenset[str]  # the last words of `decisions` (`_signed_or_decided`)
    deadlines: re.Pattern[str]  # the desk's own deadline ("before sign-off", "avant le bouclage": `_deadline_check`)
    layout_verbs: frozenset[str]  # verbs of cutting, cropping, resizing or moving a part of the page (`_layout`)
    page_parts: re.Pattern[str]  # the parts of the page they act on ("photo", "Spalte", "chapô", "entradilla")
    page_words: frozenset[str]  # their words, each a run of the vocabulary (a phrase's last word: "pie de foto")
    # what `_named_role` made of a lead's words (`_role_words`): no part of the lists, nor of their equality
    roles_read: dict[tuple[tuple[str, ...], bool], bool] = field(default_factory=dict, compare=False, hash=False, repr=False)


def _alternation(items: list[str]) -> re.Pattern[str]:
    """Whole words or phrases; a trailing `*` matches a word's start."""
    parts = sorted({re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in items},
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts or ["(?!)"]) + r")(?![\w-])", re.I)


_NEVER = re.compile(r"\A(?!)")  # matches nothing, and is tried at the start of a text only


def _infinitives(items: list[str]) -> re.Pattern[str]:
    """An infinitive closing a clause; for a language with none, a pattern tried once, not at
    every position of every sentence as an empty alternation after its look-behind would be."""
    if not items:
        return _NEVER
    return re.compile(_alternation(items).pattern + r"\s*(?:[,;.!…]|\s[-–—]|$)", re.I)


def _heads(items: list[str]) -> re.Pattern[str]:
    """A word of `HEAD_LETTERS` letters or more of the list closing a compound after a modifier
    of as many ("Zeichenzahl", "Quellenangabe"), not after a prefix ("Einsatz", "Kontext")."""
    heads = sorted({re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in items
                    if " " not in w and len(w.rstrip("*")) >= HEAD_LETTERS}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])[^\W\d_]{{{HEAD_LETTERS},}}(?:{'|'.join(heads)})(?![\w-])", re.I) if heads else _NEVER


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"


def _opening(items: list[str]) -> re.Pattern[str]:
    """One of the words or phrases opening a text (after spaces and an opening bracket)."""
    if not items:
        return _NEVER
    return re.compile(r"\s*[\[(]?\s*" + _alternation(items).pattern, re.I)


def _self_note(labels: list[str], towards: list[str], selves: list[str], memos: list[str]) -> re.Pattern[str]:
    """A note's label addressed to its own writer, up to its colon or dash ("Note to self:", "Reminder
    for me –", "Notiz an mich:", "Nota para mí:"), or a word that alone names such a note ("Pense-bête :")."""
    if not labels or not towards or not selves:
        return _NEVER
    alt = _alternation
    told = rf"(?:{alt(labels).pattern})\s+(?:{alt(towards).pattern})\s+(?:{alt(selves).pattern})"
    memo = rf"|(?:{alt(memos).pattern})" if memos else ""
    return re.compile(rf"\s*[\[(]?\s*(?:{told}{memo})\s*(?::|[-–—]\s)", re.I)


def _comment_by(labels: list[str], by: list[str], roles: list[str] | None = None) -> re.Pattern[str]:
    """A comment signed by its author as a document editor pastes it into the copy ("[Comment by
    Hollie Grant]:", "Kommentar von Sabine Ott:", "[Commentaire de Luc Martin] :"), or a tracked
    change so signed ("Deleted by Ana:", "Eingefügt von Clara:", "Ajouté par Paul :", "Cut by the
    desk:"): a word for a comment or a change's participle, a word for "by", a name of one to three
    capitalised words (after a title) or a role (`roles`, after an article), a closing bracket, a
    colon. A comment is on the copy, as a role's labelled comment is."""
    if not labels or not by:
        return _NEVER
    words = "|".join(sorted({re.escape(x) for x in labels}, key=len, reverse=True))
    bys = "|".join(sorted({re.escape(x) for x in by}, key=len, reverse=True))
    titles = "|".join(sorted({t.capitalize() for t in _TITLE_WORDS} | _TITLE_WORDS, key=len, reverse=True))
    desk = rf"|(?i:(?:the|die|der|das|le|la|les|l['’]|el|los|las)\s*)?(?i:{_alternation(roles).pattern})" if roles else ""
    return re.compile(rf"(?i:{words})\s+(?i:{bys})\s+(?P<who>(?:(?:{titles})\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}{desk})"
                      r"\s*[\])]?\s*:\s*")


@lru_cache(maxsize=32)
def _words(files: tuple[str, ...], language: str) -> Words | None:
    tables = [t for t in rulebook.tables(files, "note_words").values() if t.get("language") == language]
    if not tables:
        return None

    def merged(key: str) -> list[str]:
        return [w.lower() for t in tables for w in t.get(key, [])]

    return Words(frozenset(merged("greetings")), _alternation(merged("roles")), frozenset(merged("role_fillers")),
                 _alternation(merged("requests")),
                 _alternation(merged("direct")), frozenset(merged("imperatives")),
                 frozenset(merged("imperatives") + merged("infinitives")), _alternation(merged("editorial") + merged("editorial_parts")), frozenset(merged("not_names")),
                 _alternation(merged("here")), frozenset(merged("labels")),
                 _infinitives(merged("infinitives")),
                 frozenset(merged("towards")),
                 _alternation(merged("you")) if merged("you_formal") else _NEVER,
                 _heads(merged("editorial") + merged("editorial_parts")) if any(t.get("compounds") for t in tables) else _NEVER,
                 _heads(merged("roles")) if any(t.get("compounds") for t in tables) else _NEVER,
                 _comment_by(merged("comment_labels") + merged("change_labels"), merged("by"), merged("roles")),
                 _comment_by(merged("reply_labels"), merged("by")),
                 re.compile(_alternation(merged("to_do")).pattern + r"\s+(?=[^\W\d_])", re.I) if merged("to_do") else _NEVER,
                 note_model.Lexicons.of({k: [x for t in tables for x in t.get(k, [])] for k in note_model.LISTS}),
                 language,
                 re.compile(r"\s*(?:" + _alternation(merged("tasks")).pattern + r")\s*:", re.I) if merged("tasks") else _NEVER,
                 frozenset(merged("imperatives") + merged("infinitives")),
                 _alternation(merged("you") + merged("you_formal")),
                 re.compile(r"(?:" + _alternation(merged("to_come")).pattern + r")\s*[.!…]?\s*$", re.I) if merged("to_come") else _NEVER,
                 _opening(merged("change_labels")),
                 _alternation(merged("decisions")),
                 _self_note(merged("self_labels"), merged("towards"), merged("selves"), merged("memos")),
                 _opening(merged("reminders")),
                 _alternation(merged("writes")),
                 _alternation(merged("elaborates")),
                 _alternation(merged("lacks")),
                 _alternation(merged("content")),
                 frozenset(x.split()[0] for k in ("change_labels", "reminders", "self_labels", "memos") for x in merged(k)),
                 frozenset(x.split()[-1] for x in merged("to_come")),
                 _alternation(merged("citations")),
                 _alternation(merged("holds")),
                 frozenset(x for x in merged("change_labels") if " " not in x),
                 frozenset(merged("by")),
                 frozenset(x.split()[-1] for x in merged("decisions")),
                 _alternation(merged("deadlines")),
                 frozenset(merged("layout_verbs")),
                 _alternation(merged("page_parts")),
                 frozenset(x.split()[-1] for x in merged("page_parts")))


def words_for(cfg: Config, language: str) -> Words | None:
    return _words(tuple(str(p) for p in rule_files(cfg)), language)


def _is_name(who: str, in_lower_case: Callable[[str], bool], w: Words) -> bool:
    """A capitalised word (after a title such as Dr), no sentence opener, label or long
    -ly adverb, that the article never uses in lower case."""
    parts = who.split()
    titles = 0
    while len(parts) > 1 and titles < MAX_TITLES and parts[0].rstrip(".").lower() in _TITLE_WORDS:
        parts, titles = parts[1:], titles + 1
    if len(parts) != 1 or parts[0].rstrip(".").lower() in _TITLE_WORDS:
        return False
    name = parts[0]
    if not (name[0].isupper() and name.replace("-", "").isalpha()) or name.lower() in w.not_names:
        return False
    if (len(name) > 3 and name.isupper()) or (len(name) >= 8 and name.endswith("ly")):
        return False
    return not in_lower_case(name.lower())


@lru_cache(maxsize=4096)
def own_word(word: str, language: str) -> bool:
    """Whether a word belongs to the language rather than to a person (`OWN_WORD_SPREAD`); the
    other languages are read with the word's accents too and without them ("Lucía", "Lucia")."""
    low = word.lower()
    here = zipf(low, language)
    if here < OWN_WORD_ZIPF or language not in LANGUAGES:
        return False
    bare = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    return here - min(max(zipf(low, o), zipf(bare, o)) for o in LANGUAGES if o != language) >= OWN_WORD_SPREAD


def _address(who: str, paren: str | None, in_lower_case: Callable[[str], bool], w: Words,
             label: bool = False) -> float:
    """An editorial role (`ADDRESS_ROLE`) or a name (`ADDRESS_NAME`) opening a sentence,
    after a greeting; with a colon after it (`label`), a name after a word that addresses
    it ("Quick question for Hugo:", "Kurze Frage an Felix:") too."""
    parts = who.split()
    if parts and parts[0].lower() in w.greetings:
        parts = parts[1:]
    who = " ".join(parts)
    if not who:
        return 0.0
    if label and len(parts) >= 2 and parts[-2].lower() in w.towards and _is_name(parts[-1], in_lower_case, w):
        return ADDRESS_NAME
    # a label sent to the role, or a role qualified by one word before it, written as a desk is
    # ("Sports desk:", "Web team:"), not as a section's title ("Interior Design:")
    sent = label and (parts[0].lower() in w.towards or parts[0].lower() in w.labels
                      or len(parts) == 2 and parts[1].islower())
    if (paren and w.roles.search(paren)) or _role_words(parts, w, sent):
        # a role's own comment ("Reviewer's comment:", "Clinical reviewer's note:") is a comment on the copy
        return ADDRESS_ROLE
    if label and len(parts) == 1 and own_word(who, w.language):
        return 0.0  # "Correction: an earlier version …": the publication's label, not a name
    return ADDRESS_NAME if _is_name(who, in_lower_case, w) else 0.0


ROLE_MEMO = 50_000  # leads remembered per word lists (the commonest open sentences of every article: "However,")


def _role_words(parts: list[str], w: Words, sent: bool) -> bool:
    """`_named_role`, remembered with the word lists (`Words.roles_read`) for the worker's life."""
    key = (tuple(parts), sent)
    memo = w.roles_read
    known = memo.get(key)
    if known is None:
        if len(memo) >= ROLE_MEMO:
            memo.clear()
        known = memo[key] = _named_role(parts, w, sent)
    return known


def _named_role(parts: list[str], w: Words, sent: bool) -> bool:
    """Whether an address's words name a role: a role word (also closing a compound,
    "Online-Redaktion", "Fachlektorat", or after an elided article, "l'équipe") and otherwise fillers, words
    naming a comment or numbers. A label sent to the role (`sent`: "To the web team:", "Note pour l'équipe web :")
    may hold one more word beside the role word, which qualifies it; "your care team" holds
    two, and is the reader's."""
    if any(w.readers.fullmatch(p) for p in parts):
        return False  # the reader's own ("your care team", "Ihr Praxisteam"): no desk of the publication
    kinds = []
    for p in parts:
        bare = _ELIDED.sub("", _POSSESSIVE.sub("", p))
        if w.roles.fullmatch(bare) or "-" in bare and w.roles.fullmatch(bare.rsplit("-", 1)[-1]) \
                or w.role_heads.fullmatch(bare):
            kinds.append(1)
        else:
            kinds.append(0 if p.lower() in w.fillers or p.lower() in w.labels or p.isdigit() or p in "-–—" else 2)
    others = [k for k, kind in enumerate(kinds) if kind == 2]
    if 1 not in kinds or len(others) > (1 if sent else 0):
        return False
    return not others or any(0 <= k + d < len(kinds) and kinds[k + d] == 1 for k in others for d in (-1, 1))


class Reading(NamedTuple):
    """What the rule read in one sentence: each signal's weight (0 when absent)."""

    address: float = 0.0
    stranger: float = 0.0
    labelled: float = 0.0
    request: float = 0.0
    copy: float = 0.0
    aside: float = 0.0
    asks: bool = False  # something is asked, or the address alone says it is a note
    caption: bool = False  # a caption or credit line (`_caption`): read by neither the rule nor the scorer

    @property
    def score(self) -> float:
        if not (self.address and self.asks):
            return 0.0  # a name and words about sources, with nothing asked: "Nevertheless, seals are ..."
        return self.address + self.stranger + self.labelled + self.request + self.copy + self.aside


NOTHING = Reading()
CAPTION = Reading(caption=True)


def score(sentence: str, in_lower_case: Callable[[str], bool], w: Words,
          mentions: Callable[[str], int] = lambda name: 2) -> float:
    """The note score of one sentence; `in_lower_case(word)` says whether the article uses
    the word in lower case (a name is a capitalised word it never writes so), `mentions(name)`
    how often the article writes a name."""
    return read(sentence, in_lower_case, w, mentions).score


def read(sentence: str, in_lower_case: Callable[[str], bool], w: Words,
         mentions: Callable[[str], int] = lambda name: 2, guest: Callable[[str], bool] = lambda name: False) -> Reading:
    """The rule's signals in one sentence (`score`'s arguments). `guest(name)` says whether
    the article introduces the one addressed with a surname ("François Perrin"): a question
    to them is an interviewer's, asked before the readers, not a note to a colleague."""
    address, rest, label, who, named, trailing = 0.0, sentence, False, "", "", ""
    dashed = False  # one word set off by a dash opens the sentence ("Fibre – add …"): a list's label as often as a name
    aside = _aside(sentence)
    if aside:
        sentence = sentence[aside.end():]
    if sentence[:3].isupper():
        shout = _shouted(sentence, w)
        if shout:
            return shout
    signed = w.comment_by.match(sentence) if ":" in sentence else None  # (a signed comment closes on its colon)
    handle = _HANDLE.match(sentence) if not signed and sentence[:1] == "@" else None
    if signed:  # "[Comment by Hollie Grant]: …": a comment on the copy, signed, as a role's labelled comment is
        address, named, rest, label = ADDRESS_ROLE, signed.group("who"), sentence[signed.end():], True
    elif handle:  # "@Raúl ¿cambiamos el título?": a comment tool's mention is addressed, in any language
        address, named, who, rest = ADDRESS_NAME, handle.group("who"), handle.group("who"), sentence[handle.end():]
    # a label its bracket closes is the whole label ("[Comment – medical reviewer] Please add …"), read
    # before the words in it that a comma or dash sets off
    m = _BRACKET_LEAD.match(sentence) if aside and aside.group().lstrip().startswith("[") and not (handle or signed) else None
    if m is None:
        m = _lead(sentence) if not (handle or signed) else None
    if m and m.group("who").lower() in w.greetings and m.group().rstrip().endswith(","):
        m = _LEAD.match(sentence, m.end()) or m  # "Danke, Olga – ...": the name after the greeting
    if m and _caption(m, sentence, w):
        return CAPTION
    if m:
        address = _address(m.group("who"), m.group("paren"), in_lower_case, w, _labels(m))
        if address:
            named = m.group("who")
            sep = m.group()[len(m.group("who")):]
            rest, label = sentence[m.end():], _labels(m)
            who = m.group("who") if label or "-" in sep or "–" in sep or "—" in sep else ""
            dashed = bool(who) and not label and len(who.split()) == 1
    if not address:
        first = _FIRST_WORD.match(sentence)
        if first and w.direct.match(sentence, first.end() + 1) and _is_name(first.group(), in_lower_case, w):
            address, rest, named = ADDRESS_NAME, sentence[first.end():], first.group()  # "Kate can you check ..."
    if not address:
        comma = sentence.rfind(",")  # only the last comma can open a trailing address: no comma follows it
        t = _TRAIL.match(sentence, comma) if comma >= 0 else None
        mid = _MID.search(sentence) if not t and ("-" in sentence or "–" in sentence or "—" in sentence) else None
        if mid and not w.direct.match(sentence, mid.end()):
            mid = None  # a dash after a name in a list is no address; one before "can you" is
        inner = None if t or mid else _inner(sentence, w, in_lower_case)
        t = t or mid or inner
        if t and _address(t.group("who"), None, in_lower_case, w):
            # a closing name keeps the sentence's stop: "..., what do you think, Callum?" asks him
            after = t.end("who") if t is not mid else t.end()
            address, rest, who = ADDRESS_NAME, sentence[:t.start()] + " " + sentence[after:], t.group("who")
            named, trailing = who, sentence[:t.start()]
            who = "" if inner else who  # a name between commas is no stranger's label
    if not address or ("?" in rest and named and guest(named.split()[-1])):
        return NOTHING
    # what the address is followed by in quotation marks is someone's words, not a request to the
    # one addressed ("Dear Dr Ellis: “My wife says I should cut out coffee. Is that necessary?”")
    rest = mask_quotes(rest)
    labelled = LABELLED if signed or (address == ADDRESS_ROLE and m and (any(
        p.lower() in w.labels for p in _RUN.findall(m.group("who"))) or label and _towards(m.group("who"), w)) and not any(
        _POSSESSIVE.search(p) for p in m.group("who").split())) else 0.0
    # a role's own label ("Editor's note:") is as often the publication's voice as a comment left in the copy
    # "Name: Trim this" opens with the imperative; a label ("Pre-trip: Take care ..., trim
    # your nails") may have one further on, so after a colon only the first word counts, an
    # infinitive too ("Avis du relecteur : préciser ...", "Comentario: aclarar ...")
    steps = w.to_do.sub("", rest)  # "à raccourcir": the infinitive is what is to do
    clauses = _CLAUSE.finditer(steps) if not label else [c for c in [_CLAUSE.match(steps.lstrip())] if c]
    opening = w.instructions if label else w.imperatives
    if w.requests.search(rest) or any(c.group(1).lower() in opening for c in clauses) \
            or w.infinitives.search(rest):
        request = REQUEST
    elif "?" in rest:
        request = QUESTION
    else:  # "Léa, je te laisse trouver un meilleur intertitre": the one addressed is spoken to as a colleague
        request = COLLEAGUE_YOU if w.colleague_you.search(rest) else 0.0
    editorial = {e.group().lower() for e in w.editorial.finditer(rest)} | {
        e.group().lower() for e in w.heads.finditer(rest)}
    if dashed and request == REQUEST and "?" not in rest and not (w.requests.search(rest) or w.infinitives.search(rest)):
        # a word and a dash over an imperative that names nothing of the copy but by its own verb ("Fibre – add
        # more vegetables", "Salt – cut down on ready meals"): a list's label over its advice, not a name told a task
        told = {c.group(1).lower() for c in _CLAUSE.finditer(steps)}
        if not (editorial - told) and not w.here.search(rest):
            return NOTHING
    copy = min(EDITORIAL_MAX, EDITORIAL_EACH * len(editorial)) or (
        HERE if w.here.search(rest) and len(rest.split()) >= 4 else 0.0)  # not a link's "Check here"
    stranger = STRANGER if address == ADDRESS_NAME and who and mentions(who.split()[-1]) <= 1 else 0.0
    if trailing and not request and len(_ITEM.split(trailing)[-1].split()) < CLAUSE_WORDS:
        # a name closing a sentence that asks nothing, after a word or two set off by a comma or
        # colon, ends a list ("Sources : HAS, Inserm."); after a clause it may close a remark
        # ("…, no rush though, Hamid.")
        return NOTHING
    return Reading(address, stranger, labelled, request, copy, ASIDE if aside else 0.0,
                   bool(request or stranger or aside or address == ADDRESS_ROLE))


def _labels(m: re.Match[str]) -> bool:
    """Whether a lead ends as a label does: on a colon, or on the bracket that closes it."""
    sep = m.group()[len(m.group("who")):]
    return ":" in sep or "]" in sep


def _caption(m: re.Match[str], sentence: str, w: Words) -> bool:
    """Whether a label naming a part of the page ("Photo:", "Image:", "Foto:", `m` the lead) heads
    a caption or a credit: after its colon nothing is asked (no request, question or instruction),
    no word about the copy stands but in a name ("Getty Images"), and nothing is pending or
    waited for ("Photo: still waiting on the rights" is a note). A desk named by such a word
    ("Ojo, redacción: el titular supera …") is told about the copy."""
    if ":" not in m.group()[len(m.group("who")):] or not w.editorial.fullmatch(m.group("who")):
        return False
    rest = mask_quotes(sentence[m.end():])
    first = _CLAUSE.match(rest.lstrip())
    if "?" in rest or w.requests.search(rest) or first and first.group(1).lower() in w.instructions:
        return False
    if any(e.group()[0].islower() for e in w.editorial.finditer(rest)):
        return False
    toks = note_model.TOKEN.findall(rest.replace("’", "'"))
    lex = w.lexicon
    pending = lex.bit["process"] | lex.bit["pending"]
    return not any(x & pending for x in lex.marks(toks, [t.lower() for t in toks]))


def _inner(sentence: str, w: Words, in_lower_case: Callable[[str], bool]) -> re.Match[str] | None:
    """A name set off by commas inside a sentence that asks something of someone: a question
    ("On garde cette citation, Dr Faure, ou vous préférez la reformuler ?") or a request
    opening it ("Reformula este párrafo, Nuria, que suena a publicidad."). Between commas in
    a statement a name is as often an apposition ("the lead author, Dr Faure, said"), and a word
    between commas after a capitalised one, or before a short tail, an item of a list."""
    if sentence.count(",") < 2:
        return None
    m = _INNER.search(sentence)
    if m is None or not _is_name(m.group("who"), in_lower_case, w):
        return None
    before = sentence[:m.start()]
    words = before.split()
    if not words or words[-1][:1].isupper() or len(sentence[m.end():].split()) < CLAUSE_WORDS:
        return None  # an item of a list ("in Spanish, Italian, or Thai?"), not a name spoken to
    first = _FIRST_WORD.match(before.lstrip())
    if sentence.rstrip().endswith("?") or w.requests.search(before) or (first and first.group().lower() in w.imperatives):
        return m
    return None


def _towards(who: str, w: Words) -> bool:
    """A label that opens on the word addressing it ("To legal:", "Para maquetación:", "An die
    Grafik:"): a line sent to a desk, as a named comment is."""
    first = _FIRST_WORD.match(who)
    return first is not None and first.group().lower() in w.towards


def _shouted(sentence: str, w: Words) -> Reading | None:
    """An opening label in capitals ("PENDIENTE DE REVISIÓN LEGAL:", "SUB NOTE: ...", "PARA
    BELOW PENDING SIGN-OFF") that names a role or the copy and something asked or pending of
    it (a label word, a request, an instruction, the copy's making): a production marker,
    read as a role's request. A capitalised heading names no request ("EDITORIAL TEAM"), and
    a role's own note ("EDITOR'S NOTE:") is as often the publication's voice."""
    m = _SHOUT.match(sentence)
    if not m or not m.group("label").isupper():
        return None
    label = m.group("label").lower()
    if any(_POSSESSIVE.search(p) for p in label.split()):
        return None
    toks = note_model.TOKEN.findall(label.replace("’", "'"))
    lex = w.lexicon
    marks = lex.marks(toks, toks)
    asked = lex.bit["process"] | lex.bit["requests"] | lex.bit["imperatives"]
    about = w.roles.search(label) or any(x & lex.bit["editorial"] for x in marks)
    if not about or not (any(x & asked for x in marks) or w.infinitives.search(label)
                         or any(t in w.labels or t in w.instructions for t in toks)):
        return None
    copy = min(EDITORIAL_MAX, EDITORIAL_EACH * len({e.group().lower() for e in w.editorial.finditer(sentence)}))
    return Reading(ADDRESS_ROLE, 0.0, LABELLED, REQUEST, copy, 0.0, True)


def _aside(sentence: str) -> re.Match[str] | None:
    """`_ASIDE.match(sentence)`, tried only where the sentence opens on a bracket or a space."""
    opening = sentence[:1]
    return _ASIDE.match(sentence) if opening in _ASIDE_OPENS or opening.isspace() else None


def _lead(sentence: str) -> re.Match[str] | None:
    """`_LEAD.match(sentence)`, tried only where it can match (`_LEAD_CHARS`)."""
    run = _LEAD_CHARS.match(sentence)
    stop = run.end() if run else 0
    if sentence[stop:stop + 1] in _LEAD_STOPS or "-" in sentence[:stop + 1]:
        return _LEAD.match(sentence)
    return None


def _asides_apart(block: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """A bracketed aside with no stop of its own ("[Stefan: Überschrift zu lang, bitte
    kürzen] Unsere ...") ends at its closing bracket, not at the next sentence's stop."""
    if "[" not in block and "(" not in block and "{" not in block:
        return spans
    out = []
    for s, e in spans:
        close = _CLOSES.get(block[s:s + 1])
        end = block.find(close, s, e) if close else -1
        if 0 <= end < e - 1 and block[end + 1:end + 2].isspace():
            out += [(s, end + 1), (end + 1 + len(block[end + 1:e]) - len(block[end + 1:e].lstrip()), e)]
        else:
            out.append((s, e))
    return tuple(out)


def _quoted(block: str, start: int) -> bool:
    """Inside quotation marks: dialogue or a quoted message, not a note to staff."""
    before = block[:start]
    closes = "“" if "„" in before else "”"  # German quotes open low („) and close with “
    opens = "„" if closes == "“" else "“"
    return block[start:start + 1] in _QUOTES_OPEN or before.count(opens) > before.count(closes) \
        or before.count("«") > before.count("»")


@dataclass(slots=True)
class Unit:
    """A sentence (or a block of two, read as one note) with the rule's reading of it;
    `start`/`end` are offsets into the article text, `block` the index of its block."""

    block: int
    start: int
    end: int
    reading: Reading
    context: note_model.Context
    own_block: bool  # the sentence is its whole block
    gated: bool = False  # holds a word of the scorer's gate (`note_model.Article.gated`), asked once by `units`
    part: bool = False  # holds a word of `page_parts` (`_page_parts_at`): a layout note may stand in it

    def features(self, text: str) -> list[float] | None:
        """The learned scorer's features, None when the sentence is not worth scoring."""
        sentence = text[self.start:self.end]
        if not note_model.worth_scoring(sentence, self.start, self.end, self.reading, self.context):
            return None
        return note_model.features(sentence, self.reading, self.context, self.own_block)

    def probability(self, text: str, model: Model, read: bool = False) -> float | None:
        """The learned scorer's probability, None when the sentence is not worth scoring or
        cannot reach the model's threshold (`note_model.probability`). `read`: the unit is known
        to be addressed or to hold a word of the gate (`addressed_notes` asked once)."""
        if not (read or self.reading.address or self.context.article.gated(self.start, self.end)):
            return None  # (`worth_scoring`'s last test, made before the sentence is cut out for the rest)
        sentence = text[self.start:self.end]
        if not note_model.worth_scoring(sentence, self.start, self.end, self.reading, self.context, True):
            return None
        return note_model.probability(sentence, self.reading, self.context, self.own_block, model)


def units(text: str, blocks: list[Block], offs: list[int], w: Words,
          runs: Callable[[], Counter[str]] | None = None, lean: bool = False) -> Iterator[Unit]:
    """Every sentence that could be a note (and each block of two sentences, first), in text
    order, with the rule's reading: the units both the rule and the learned scorer read.
    `runs()`, when given, is the article's runs of word characters and hyphens, counted
    (`ArticleView.runs`: counted once for every detector that reads them). `lean`: leave out
    the units `addressed_notes` does not read (neither addressed nor gated, nor a candidate of
    its desk rules, `_desk_candidate`)."""
    made: list[Counter[str]] = []

    def vocabulary() -> Counter[str]:
        """The article's words, as runs of word characters and hyphens, counted on first use."""
        if not made:
            made.append(runs() if runs is not None else Counter(_RUN.findall(text)))
        return made[0]

    def count(word: str) -> int:
        """How often `word` stands in the text with no word character or hyphen either side."""
        if _RUN.fullmatch(word):
            return vocabulary()[word]
        return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))

    def in_lower_case(word: str) -> bool:
        return count(word) > 0

    article = note_model.Article(text, w.lexicon, vocabulary)

    heads = [_LABEL_LINE.match(b.text) if ":" in b.text else None for b in blocks]  # (a label needs its colon)
    label = [bool(m) for m in heads]
    turn = [bool(m) and len(b.text[m.end():].split()) >= TURN_WORDS for m, b in zip(heads, blocks, strict=True)]
    labelled = sum(label) >= LABEL_RUN

    def guest(name: str) -> bool:
        """Whether the article writes `name` with a surname after it somewhere (a guest introduced)."""
        return re.search(rf"(?<![\w-]){re.escape(name)}\s+[A-ZÀ-ÖØ-Þ][\w'’-]+", text) is not None

    def mentions(name: str) -> int:
        if labelled:
            return 2  # "Term: ..." lines in a run (an interview, a glossary, a review's criteria)
        return count(name)

    hits: list[int] | None = None
    parts: list[int] | None = None  # where the article names a part of the page (`_page_parts_at`), found on first use
    contexts: dict[str, note_model.Context] = {}  # one a block type (they hold nothing else of a block)
    for k, (b, off) in enumerate(zip(blocks, offs, strict=True)):
        if b.type not in ("paragraph", "list_item", "quote", "heading"):
            continue
        if label[k] and (k and turn[k - 1] or k + 1 < len(blocks) and turn[k + 1]):
            continue  # a turn of a dialogue set as "Name: ..." lines (an interview), not a note
        spans = _asides_apart(b.text, sentences.spans(b.text))
        if b.text.count(":") >= 2 and sum(bool(_LABEL_LINE.match(b.text[a:e])) for a, e in spans) >= 2:
            continue  # "Jenkins: ...? Patel: ..." a dialogue run into one block (a label each needs its colon)
        if len(spans) == 2 and spans[1][1] - spans[0][0] <= MAX_SENTENCE:
            # a block of two sentences is read as one note too: "Aisha: can you find the
            # paper? The link is dead." says what it is about after the request
            spans = ((spans[0][0], spans[1][1]),) + spans
        quotes = _ANY_QUOTE.search(b.text) is not None  # no mark, nothing quoted
        whole = len(b.text.rstrip())
        context = contexts.get(b.type) or contexts.setdefault(b.type, note_model.Context(w, b.type, article))
        for s, e in spans:
            if e - s > MAX_SENTENCE or quotes and _quoted(b.text, s):
                continue
            sentence = b.text[s:e]
            if hits is None:
                hits = article.hits()  # (`note_model.Article.gated`, asked here without a call a unit)
            i = bisect_left(hits, off + s)
            gated = i < len(hits) and hits[i] < off + e
            if gated or _may_address(sentence, w):
                reading = read(sentence, in_lower_case, w, mentions, guest)
            else:
                reading = NOTHING  # no shape an address takes: read() would find none
            if parts is None:
                parts = _page_parts_at(text, vocabulary(), w)
            j = bisect_left(parts, off + s)
            part = j < len(parts) and parts[j] < off + e
            if lean and not (gated or reading.address or _desk_candidate(sentence, w, part)):
                continue  # neither the rule nor the scorer reads it (`addressed_notes`)
            yield Unit(k, off + s, off + e, reading, context, s == 0 and e >= whole, gated, part)


def _may_address(sentence: str, w: Words) -> bool:
    """Whether `read` could find an address in `sentence`, by the shapes it reads one in, each
    tested only as far as its marks go: an aside's or a label's opening (a bracket, capitals, a
    colon for a signed comment, an "@"), a lead of a few words up to a comma, colon, bracket or
    dash (`_lead`), a first name before a word of `direct`, a name closing the sentence after
    its last comma (`_TRAIL`), one set off by a comma and a dash (`_MID`) or between commas
    (`_INNER`). False only where `read` finds no address, so that it need not be called."""
    opening = sentence[:1]
    if opening in _ASIDE_OPENS or opening.isspace() or sentence[:3].isupper() or ":" in sentence or "@" in sentence:
        return True
    run = _LEAD_CHARS.match(sentence)
    stop = run.end() if run else 0
    if sentence[stop:stop + 1] in _LEAD_STOPS or "-" in sentence[:stop + 1]:
        return True
    first = _FIRST_WORD.match(sentence)
    if first is not None and w.direct.match(sentence, first.end() + 1) is not None:
        return True
    comma = sentence.rfind(",")
    if comma < 0:
        return False
    if len(sentence[comma + 1:].split()) <= 2:  # a title and a name at most after the last comma
        return True
    if ("–" in sentence or "—" in sentence or " -" in sentence or "- " in sentence) and (
            _MID.search(sentence) is not None):
        return True
    return sentence.count(",") >= 2 and _INNER.search(sentence) is not None


def _page_parts_at(text: str, vocabulary: Counter[str], w: Words) -> list[int]:
    """Offsets of the words of `page_parts` in the text, in order: found through the article's
    vocabulary (its runs of word characters and hyphens), not by searching every unit for them."""
    found = []
    for word in vocabulary:
        if word.lower() in w.page_words:
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if not (at and _RUN_CHAR.match(text, at - 1) or _RUN_CHAR.match(text, end)):
                    found.append(at)
                at = text.find(word, end)
    return sorted(found)


_RUN_CHAR = re.compile(r"[\w-]")


def _desk_candidate(sentence: str, w: Words, part: bool) -> bool:
    """Whether a unit that is neither addressed nor gated is read by `addressed_notes` at all:
    short, and with a label, a signature or a clock (a colon or a dash), or a part of the page
    (`page_parts`), or opening on an opener of a working note, or ending on an ending of pending
    copy or on initials."""
    if len(sentence) > DESK_CHARS:
        return False  # a long unit the rule and the scorer do not read: no working note, no pending copy
    if ":" in sentence or "–" in sentence or "—" in sentence or " - " in sentence:
        return True
    if part and sentence.count(" ") < LAYOUT_WORDS:  # `part`: the unit holds a word of `page_parts`
        return True  # (a layout note names a part of the page: `_layout`)
    head = sentence[:OPENER_CHARS].split(None, 1)
    if head and head[0].strip("[(,").lower() in w.openers:
        return True
    tail = sentence[-OPENER_CHARS:].rstrip(" .!…").rsplit(None, 1)
    return bool(tail and (tail[-1].lower() in w.endings or _INITIALS.fullmatch(tail[-1])))


def addressed_notes(text: str, blocks: list[Block], offs: list[int], cfg: Config,
                    language: str | None, files: tuple[str, ...] | None = None,
                    runs: Callable[[], Counter[str]] | None = None) -> list[Flag]:
    """Notes by the rule (a score of `THRESHOLD` or more), then, on sentences the rule left,
    by the learned scorer (`note_model`) where it is sure enough (its card's threshold).
    `files` (the rule files of `cfg`) and `runs` (`units`) are the article view's, when given."""
    w = _words(files, language or "en") if files is not None else words_for(cfg, language or "en")
    if w is None:
        return []
    flags: list[Flag] = []
    # a unit neither addressed nor holding a word of the scorer's gate gives neither a flag of
    # the rule (it needs an address) nor a probability (`Unit.probability`): both loops skip it
    # (`units(lean=True)` leaves out the units neither loop reads: see `_desk_candidate`)
    every = list(units(text, blocks, offs, w, runs, lean=True))
    read_units = [u for u in every if u.gated or u.reading.address]
    gated = {id(u) for u in read_units}
    for u in every:
        if flags and flags[-1].end > u.start:
            continue  # already read as part of the block's note
        ungated = id(u) not in gated
        sentence = text[u.start:u.end]
        if sentence.count(" ") < PENDING_WORDS and _pending_copy(sentence, w):  # (units skip quoted sentences)
            flags.append(Flag("editorial_note", u.start, u.end, sentence, "blocking",
                              "A note that part of the copy is still to come was left in the text.",
                              rule="editorial.pending-copy", suggestion="", score=1.0))
            continue
        value = u.reading.score if id(u) in gated else 0.0
        if value >= THRESHOLD:
            flags.append(Flag("editorial_note", u.start, u.end, text[u.start:u.end], "blocking",
                              "A note addressed to a colleague was left in the text.",
                              rule="editorial.addressed-note", suggestion="",
                              score=round(min(value / MAX_SCORE, 1.0), 2)))
            continue
        # (read on every short unit, a note to self need hold no word of the gate, where it may open as one does)
        desk = _desk_rule(sentence, w) if len(sentence) <= DESK_CHARS and (
            ":" in sentence[:DESK_HEAD] or "–" in sentence or "—" in sentence or " - " in sentence
            or sentence.split(None, 1)[0].strip("[(,:").lower() in w.openers
            or _signed_or_decided(sentence, w)) else None
        if desk is None and not ungated and len(sentence) <= DESK_CHARS and _held(sentence, w):
            desk = "editorial.hold"  # (a hold names the publication: a word of the gate's lists)
        if desk is None and u.part and len(sentence) <= DESK_CHARS and _layout(sentence, w):
            desk = "editorial.layout"
        if desk is None and not ungated and len(sentence) <= DESK_CHARS and _deadline_check(sentence, w):
            desk = "editorial.deadline-check"  # (a check is a word of the gate's lists)
        if desk:
            flags.append(Flag("editorial_note", u.start, u.end, sentence, "blocking", _DESK_MESSAGES[desk],
                              rule=desk, suggestion="", score=1.0))
    model = note_model.load()
    if model is None:
        return flags
    ruled, last = [(f.start, f.end) for f in flags], -1
    for u in read_units:  # the rule's flags stand; the model reads what they leave
        if last > u.start or ruled and any(s < u.end and u.start < e for s, e in ruled):
            continue
        p = u.probability(text, model, read=True)
        if p is not None and p >= model.threshold:
            flags.append(Flag("editorial_note", u.start, u.end, text[u.start:u.end], "blocking",
                              "This reads like a note to a colleague left in the text (learned scorer).",
                              rule=f"editorial.{model.version}", suggestion="", score=round(p, 4)))
            last = u.end
    flags.sort(key=lambda f: f.start)
    tasks = [t for t in _bracketed_tasks(text, blocks, offs, w) if not any(f.start < t.end and t.start < f.end for f in flags)]
    return sorted(flags + tasks + _replies(text, blocks, offs, flags, w), key=lambda f: f.start)


_BRACKET = re.compile(r"[(\[](?P<inner>[^()\[\]\n]{1,120})[)\]]")
TASK_WORDS = 3  # words of a bracket that holds nothing but a task ("(check)", "(noch nachschlagen)")


def _task(inner: str, w: Words) -> bool:
    """Whether a bracket's words are a writer's task: a task's label before a colon ("to do: ask
    Ellie for the flowchart", "TODO: Schaubild besorgen", "por hacer: pedir …"), or at most
    `TASK_WORDS` words that are an instruction and words of what is still pending ("check",
    "noch nachschlagen", "à vérifier", "comprobar"). Not in the second person: "(check with your
    doctor)" is advice to the reader."""
    if w.readers.search(inner):
        return False
    if w.tasks.match(inner) or _wants_citation(inner, w):
        return True
    words = [t.lower() for t in _FIRST_WORD.findall(inner)]
    if not words or len(words) > TASK_WORDS or len(inner.split()) > TASK_WORDS:
        return False
    due = w.to_come.search(inner)
    if due and (w.editorial.search(inner, 0, due.start()) or w.content.search(inner, 0, due.start())):
        return True  # "(links tbc)", "(phone line tbc)": a part of the copy still to come
    toks = note_model.TOKEN.findall(inner.lower().replace("’", "'"))
    lex = w.lexicon
    pending = {t for t, x in zip(toks, lex.marks(toks, toks), strict=True) if x & lex.bit["pending"]}
    steps = [t for t in words if t in w.task_words]
    return bool(steps) and all(t in w.task_words or t in pending or w.to_do.pattern and w.to_do.match(t + " x")
                               for t in words)


_BRACKET_HEAD = re.compile(r"\s[-–—]\s|:")  # what ends the opening of a bracket before a comment on it


def _wants_citation(inner: str, w: Words) -> bool:
    """Whether a bracket opens on a citation wanted: at most `TASK_WORDS` words, up to a dash or a colon,
    naming a citation (`citations`) and saying it is lacking, to come or asked for (`lacks`, `to_come`,
    `requests`, a question mark): "[citation needed]", "[source?]", "[ref needed – which review?]",
    "[Quelle fehlt]", "[réf. nécessaire]", "[cita requerida]". A citation given ("[Source: WHO]", "[12]")
    says nothing is lacking."""
    head = _BRACKET_HEAD.split(inner, 1)[0]
    if len(head.split()) > TASK_WORDS or not w.citations.search(head):
        return False
    return "?" in head or bool(w.lacks.search(head) or w.to_come.search(head) or w.requests.search(head))


PENDING_WORDS = 8  # words at most of a line that names a part of the copy still to come (`_pending_copy`)


def _pending_copy(sentence: str, w: Words) -> bool:
    """Whether a short line names a part of the copy (a word of `editorial`) and closes on its
    being still to come or missing ("Quote from the consultant to come.", "Zitat des Chefarztes
    folgt.", "Citation du chef de service à venir.", "Cita del jefe de servicio pendiente."): the
    writer's note of what the piece still lacks. Not a question, nor in the second person."""
    tail = sentence.rstrip(" .!…")
    if tail[tail.rfind(" ") + 1:].lower() not in w.endings:
        return False  # (a cheap test of the last word before the patterns)
    words = sentence.split()
    if not 2 <= len(words) <= PENDING_WORDS or "?" in sentence or w.readers.search(sentence):
        return False
    end = w.to_come.search(sentence)
    if end is None:
        return False
    head = sentence[:end.start()]
    return bool(w.editorial.search(head) or w.heads.search(head))


DESK_HEAD = 48  # characters of a sentence's opening that hold what a working note opens on (`_desk_rule`)
DECISION_WORDS = 5  # words at most of the question that asks for a decision on a tracked change
DESK_WORDS = 20  # words at most of a reminder or a self-addressed note (`_desk_line`)
LABEL_HEAD = 5  # words at most of a label before the dash of a task line (`_label_task`)
LABEL_TAIL = 12  # words at most of what the dash sets after it
_LACK_LEAD = re.compile(r"^(?:still|noch|encore|todavía|aún|il)\s+", re.I)  # what may stand before a lack opening a tail
_ELISION = re.compile(r"(?<![\w'])[^\W\d_]{1,2}'(?=[^\W\d_])")  # an elided article or pronoun ("l'", "d'", "qu'")
_CHANGE_LABEL = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*")  # a label of one or two words before a tracked change
# a comment exported from a document's thread with its author and time ("Kieran Walsh, 10:41 AM: Should this …?")
_TIME = r"(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
_DATE = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4})"  # "09.06.2024", "10 Jun 2024"
# a name and a clock time (with a date before or after it) before a colon or a dash, after the anchor a document's
# export sets before a comment ("[a]" in Google Docs, "[RO1]" in Word) or none
_STAMPED = re.compile(r"\s*(?:\[(?:[a-z]{1,2}|[A-Z]{1,3}\d{1,2})\]\s*)?"
                      r"(?P<who>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}),?\s+"
                      rf"(?:{_DATE},?\s+)?{_TIME}(?:,?\s+{_DATE})?\s*[:–—-]\s+(?=[^\W\d_])")
OPENER_CHARS = 24  # characters of a unit's opening and end that hold a working note's first or pending copy's last word
DESK_CHARS = 180  # characters at most of a working note (`_desk_rule`: 20 words) or a line of pending copy (8)
_CLOCK = re.compile(r"\d[:.h][0-5]\d")  # a clock time, looked for before `_STAMPED`
_SIGNED = re.compile(r"(?:\s[-–—]\s*(?P<who>[A-ZÀ-ÖØ-Þ][^\W\d_]+)\s*(?:[.,;]|$)|\((?P<initials>[A-ZÀ-ÖØ-Þ]{2,3})\))")
_FIRST_CLAUSE = re.compile(r"\s*(?P<clause>[^,;:(?!.…–—]+?)\s*(?:[,;:(?!.…–—]|\s-\s|$)")  # a sentence's first clause
_CLAUSE_SEP = re.compile(r"[.,;:!–—]")  # what closes the clause before a decision asked (`_signed_or_decided`)
DECISION_CHARS = 48  # characters of a sentence's end that hold a decision's question
_INITIALS = re.compile(r"\([A-ZÀ-ÖØ-Þ]{2,3}\)")  # a change's author's initials in brackets, closing a unit
_SIGNED_END = re.compile(r"\s[-–—]\s*[A-ZÀ-ÖØ-Þ][^\W\d_]+\s*\.?\s*$")  # a name after a dash closing a sentence
CHANGE_CLAUSE_WORDS = 12  # words at most of a change's clause that closes on its participle (`_closes_on_change`)
_LAST_CLAUSE = re.compile(r"(?:^|[.,;:!]\s|\s[-–—]\s)(?P<clause>[^.,;:!?–—]*\?)\s*$")
_TASK_LINE = re.compile(r"\s*(?P<head>[^\W\d_][^–—:\n.!?]{0,80}?)\s+[-–—]\s+(?P<tail>[^\n]+?)\s*[.!…]?\s*$")


_DESK_MESSAGES = {
    "editorial.tracked-change": "A tracked change left to a colleague's decision was left in the text.",
    "editorial.self-note": "A writer's note to self was left in the text.",
    "editorial.reminder": "A writer's reminder about the making of the copy was left in the text.",
    "editorial.label-task": "A section's label with the writer's task for it was left in the text.",
    "editorial.stamped-comment": "A comment from a document's thread (its author and time) was left in the text.",
    "editorial.hold": "A note holding the copy back from publication was left in the text.",
    "editorial.check-label": "A check of the facts asked for was left in the text.",
    "editorial.layout": "A note telling the desk to cut, crop, resize or move a part of the page was left in the text.",
    "editorial.deadline-check": "A check asked for before the desk's deadline was left in the text.",
}
_INFINITIVE = {"de": re.compile(r"\w{3,}e?n$"), "fr": re.compile(r"\w{2,}(?:er|ir|re)$"),
               "es": re.compile(r"\w{2,}(?:ar|er|ir)(?:l[oa]s?|se)?$")}  # an infinitive's ending (with a Spanish enclitic)


_CLAUSE_CLOSE = frozenset(["", ".", ",", ";", ":", "!", "?", "…", "–", "—", "-", ")", "]"])


def _deadline_check(sentence: str, w: Words) -> bool:
    """Whether a short line asks for a check before the desk's deadline (`deadlines`): a check
    (`checks`) in an instruction's form, in English an imperative opening a clause or after a
    request ("Dose needs checking against the BNF before sign-off"), in German, French and Spanish
    an infinitive ("Dosage à contrôler avant le bouclage", "Dosis pendiente de verificar antes del
    cierre"), the deadline closing its clause; not in the second person, which tells a reader what
    to check."""
    m = w.deadlines.search(sentence)
    if m is None or len(sentence.split()) > DESK_WORDS or w.readers.search(sentence) \
            or sentence[m.end():].lstrip()[:1] not in _CLAUSE_CLOSE:
        return False  # (the deadline closes its clause: "antes del cierre de la herida" is the wound's)
    rest = sentence[:m.start()] + " , " + sentence[m.end():]
    toks = note_model.TOKEN.findall(_ELISION.sub(" ", w.to_do.sub("", rest).replace("’", "'")))
    lex = w.lexicon
    marks = lex.marks(toks, [t.lower() for t in toks])
    checks = [t.lower() for t, x in zip(toks, marks, strict=True) if x & lex.bit["checks"]]
    if not checks:
        return False
    if w.language == "en":
        return bool(w.requests.search(rest)) or any(
            c.group(1).lower() in checks for c in _CLAUSE.finditer(rest))
    ending = _INFINITIVE.get(w.language)
    return ending is not None and any(ending.search(c) for c in checks)
LAYOUT_WORDS = 14  # words at most of a layout note (`_layout`)
_CLAUSE_END = re.compile(r"([^\W\d_][\w'’-]*)\s*(?=[,;:.!?…)\]]|$)")  # a clause's last word (a German infinitive closes it)


def _layout(sentence: str, w: Words) -> bool:
    """Whether a short line tells the desk to cut, crop, resize or move a part of the page: one of
    `layout_verbs` in an instruction's place (in English an imperative opening a clause, "Crop out
    the brand name in the top photo"; in German an infinitive opening or closing a clause or after
    "bitte", "Vorspann um zwei Zeilen kürzen"; in French and Spanish an infinitive, "Attaque à
    couper de trois lignes", "Infografía: reducir a una columna") with one of `page_parts`. Not
    addressed to a reader: "Crop the photo of your rash before you send it" is the page's advice."""
    if not w.layout_verbs or sentence.count(" ") >= 2 * LAYOUT_WORDS or len(sentence.split()) > LAYOUT_WORDS \
            or w.page_parts.search(sentence) is None or w.readers.search(sentence):
        return False
    verbs = w.layout_verbs
    steps = w.to_do.sub("", sentence)  # "à couper": the infinitive is what is to do
    if any(c.group(1).lower() in verbs for c in _CLAUSE.finditer(steps)):
        return True
    if w.language == "en":
        return False  # (an English base form inside a clause is as often a plural's present: "surgeons cut …")
    if w.language != "de":
        return any(t.lower() in verbs for t in _FIRST_WORD.findall(sentence))
    words = [t.lower() for t in _FIRST_WORD.findall(sentence)]
    return any(c.group(1).lower() in verbs for c in _CLAUSE_END.finditer(sentence)) or any(
        a == "bitte" and b in verbs for a, b in zip(words, words[1:], strict=False))


def _held(sentence: str, w: Words) -> bool:
    """Whether a short line holds the copy back from publication (`holds`: "On hold for legal review –
    not for publication", "Juristisch gesperrt, vorerst nicht online stellen", "… – ne pas mettre en ligne",
    "Retenido por asesoría jurídica, no publicar todavía"): the words close the line (but for words of
    what is pending, "todavía"), or the line names a desk or the copy's making (`roles`, `process`,
    `pending`: "LEGAL HOLD: do not run until the lawyers reply"). Readers are told what not to share in
    the second person, or with what after it ("Ne pas publier de photos d'enfants sur les réseaux")."""
    m = w.holds.search(sentence)
    if m is None or len(sentence.split()) > DESK_WORDS or "?" in sentence or w.readers.search(sentence):
        return False
    rest = sentence[:m.start()] + " " + sentence[m.end():]
    toks = note_model.TOKEN.findall(_ELISION.sub(" ", rest.replace("’", "'")))
    lex = w.lexicon
    marks = lex.marks(toks, [t.lower() for t in toks])
    after = note_model.TOKEN.findall(sentence[m.end():])
    pending = lex.bit["pending"]
    if all(x & pending for x in marks[len(marks) - len(after):]):
        return True  # nothing but what is pending after the hold: it closes the line
    return bool(w.roles.search(rest)) or any(x & (lex.bit["process"] | pending) for x in marks)


def _desk_rule(sentence: str, w: Words) -> str | None:
    """The rule (an id of `_DESK_MESSAGES`) that reads a sentence as a writer's working note with no
    address: a tracked change, a note to self or a reminder, a label with its task; None."""
    head = sentence[:DESK_HEAD]  # each rule reads the sentence's opening first: most sentences stop there
    first = _FIRST_WORD.search(head)
    opener = first is not None and first.group().lower() in w.openers
    if (opener or ":" in head or _signed_or_decided(sentence, w) or _SIGNED_END.search(sentence)) \
            and _tracked_change(sentence, w):
        return "editorial.tracked-change"
    stamped = _STAMPED.match(sentence) if (sentence[:1].isupper() or sentence[:1] == "[") and _CLOCK.search(head) else None
    if stamped and not any(own_word(x, w.language) for x in _FIRST_WORD.findall(stamped.group("who"))):
        return "editorial.stamped-comment"  # (a day's name before a time is a programme's: "Monday, 9:30: …")
    line = _desk_line(sentence, w) if opener else None
    if line is None and ":" in head and _check_label(sentence, w):
        return "editorial.check-label"
    return line or ("editorial.label-task" if _label_task(sentence, w) else None)


_CHECK_LABEL = re.compile(r"\s*[\[(]?\s*(?P<label>[^\W\d_][^:?!.\n]{0,40}?)\s*:\s*(?P<rest>\S.*)$", re.S)
CHECK_LABEL_WORDS = 3  # words at most of a label that is nothing but a check asked for


def _check_label(sentence: str, w: Words) -> bool:
    """Whether a question on the facts follows a label that is nothing but a check asked for: words of
    checking (`checks`) with a request, a word of what is pending or a French "à" of what is still to do
    ("Bitte noch gegenprüfen: Gilt …?", "À vérifier : la recommandation vaut-elle …?", "Please verify:
    was it 2019 or 2021?"). A check alone ("Check: Is the swelling worse?") heads a reader's checklist as
    often; nor in the second person ("Check: are you drinking enough?")."""
    m = _CHECK_LABEL.match(sentence)
    if m is None or "?" not in m.group("rest") or w.readers.search(sentence):
        return False
    toks = note_model.TOKEN.findall(m.group("label").replace("’", "'"))
    if not 1 <= len(toks) <= CHECK_LABEL_WORDS:
        return False
    lex = w.lexicon
    low = [t.lower() for t in toks]
    marks = lex.marks(toks, low)
    asked = lex.bit["requests"] | lex.bit["pending"]
    to_do = [bool(w.to_do.pattern and w.to_do.match(t + " x")) for t in low]
    if not (any(x & lex.bit["checks"] for x in marks) and (any(x & asked for x in marks) or any(to_do))):
        return False  # a check alone ("Check:") heads the reader's checklist as often
    return all(x & (asked | lex.bit["checks"]) or t in w.task_words or d for x, t, d in zip(marks, low, to_do, strict=True))


def _tracked_change(sentence: str, w: Words) -> bool:
    """Whether a sentence (or a block of two) reports a change made to the copy and leaves it to a
    colleague: it opens on a change's participle (`change_labels`: "Replaced “always” with
    “usually”", "Gelöscht …", "Remplacé …", "Cambiado …") and either closes on a short question
    asking for a decision on it ("Keep or revert?", "– accept?", "¿Se queda o se revierte?":
    `decisions`) or is signed by a name after a dash or by initials in brackets ("– Fiona.",
    "(JW)"). An opening participle alone is as often an adjective ("Added sugar is …")."""
    if not w.changed.match(sentence):
        label = _CHANGE_LABEL.match(sentence)  # "Tracked: replaced …": the change after a label of its own
        if (label is None or not w.changed.match(sentence, label.end())) and not _closes_on_change(sentence, w):
            return False
    last = _LAST_CLAUSE.search(sentence)
    if last and len(last.group("clause").split()) <= DECISION_WORDS and w.decisions.search(last.group("clause")):
        return True
    for m in _SIGNED.finditer(sentence):
        who = m.group("who")
        if m.group("initials") or (who and not own_word(who, w.language) and who.lower() not in w.not_names):
            return True
    return False


def _signed_or_decided(sentence: str, w: Words) -> bool:
    """A cheap test of how a tracked change with no label or dash may close: on its author's
    initials in brackets ("… (SB)") or on a one-word decision asked ("…, ¿vale?", "… on garde ?")."""
    tail = sentence.rstrip(" .!…")
    if tail.endswith(")"):
        return _INITIALS.fullmatch(tail[tail.rfind("("):]) is not None
    if tail.endswith("?"):
        words = _CLAUSE_SEP.split(tail[-DECISION_CHARS:])[-1].split()
        return len(words) <= DECISION_WORDS and any(x.strip("¿?").lower() in w.decision_words for x in words)
    return False


def _closes_on_change(sentence: str, w: Words) -> bool:
    """Whether a sentence's first clause, of at most `CHANGE_CLAUSE_WORDS` words, closes on a change's
    participle, or on one and its author after a word of `by`: what was changed named first ("Dosierung
    auf die Leitlinie von 2023 aktualisiert – Jonas", "Letzten Absatz nach oben verschoben (SB)", "Phrase
    sur la vitamine C réécrite par Paul – ok ?", "Intro shortened by Sam – OK?"): German closes a clause on
    its participle, and in any language the thing changed may stand before it."""
    m = _FIRST_CLAUSE.match(sentence)
    if m is None:
        return False
    words = m.group("clause").split()
    if not 2 <= len(words) <= CHANGE_CLAUSE_WORDS:
        return False
    if words[-1].lower() in w.change_words:
        return True
    return len(words) >= 4 and words[-3].lower() in w.change_words and words[-2].lower() in w.by_words \
        and words[-1][:1].isupper()


def _desk_line(sentence: str, w: Words) -> str | None:
    """A writer's note to self left in the copy: a label addressed to its writer ("Note to self:",
    "Reminder for me –", "Notiz an mich:", "Nota para mí:", "Pense-bête :": `self_note`), or an
    obligation with no subject opening a statement about the making of the copy ("Must ring the
    press office about the embargo time.", "Muss noch bei der Pressestelle wegen der Sperrfrist
    anrufen.", "Tengo que llamar a prensa por lo del embargo.": `reminders` and a word of the
    copy or its making). Never in the second person ("Remember to bring your medicines" tells the
    reader), nor a question. The rule's id, or None."""
    note = w.self_note.match(sentence)
    m = None if note else w.reminders.match(sentence)
    if not (note or m) or "?" in sentence or len(sentence.split()) > DESK_WORDS or w.readers.search(sentence):
        return None
    if note or m is None:
        return "editorial.self-note"
    rest = sentence[m.end():]
    if w.editorial.search(rest) or w.heads.search(rest):
        return "editorial.reminder"
    toks = note_model.TOKEN.findall(_ELISION.sub(" ", rest.replace("’", "'")))  # "l'embargo": the noun
    lex = w.lexicon
    making = lex.bit["process"] | lex.bit["editorial"]
    return "editorial.reminder" if any(x & making for x in lex.marks(toks, [t.lower() for t in toks])) else None


def _label_task(sentence: str, w: Words) -> bool:
    """Whether a line is a section's label with the writer's task for it after a dash: an
    instruction to add to the copy with words of its content ("Side effects – add the full list
    from the SmPC", "Nebenwirkungen – vollständige Liste aus der Fachinfo einfügen": `writes` and
    `content` or `editorial`), one whose object is the text itself ("Symptômes chez l'enfant –
    détailler davantage": `elaborates`), or words saying the content is lacking ("Symptoms in
    children – more detail needed", "Síntomas en niños – hace falta más detalle": `lacks` with
    `content`, `editorial` or `here`). Not a question, nor in the second person ("Fever – give
    your child paracetamol" is the page's advice), nor a label over a long sentence."""
    if "?" in sentence or ("–" not in sentence and "—" not in sentence and " - " not in sentence):
        return False
    m = _TASK_LINE.match(sentence)
    if m is None or len(m.group("head").split()) > LABEL_HEAD or len(m.group("tail").split()) > LABEL_TAIL:
        return False
    if w.readers.search(sentence):
        return False
    tail = m.group("tail")
    copy = bool(w.content.search(tail) or w.editorial.search(tail) or w.heads.search(tail))
    first = _FIRST_WORD.match(w.to_do.sub("", tail))
    opens = first is not None and (w.writes.match(tail, first.start()) or w.elaborates.match(tail, first.start()))
    closes = re.search(r"(\S+)\s*$", tail)
    if opens or (closes and (w.writes.fullmatch(closes.group(1)) or w.elaborates.fullmatch(closes.group(1)))):
        return copy or bool(w.elaborates.search(tail))
    # the lack opens the tail (after "here" or "still") or closes it: "need the latest tariff here", "hier fehlt
    # noch mehr Detail", "numbers for 2024 missing"; inside a clause it is the subject's ("dictated by client needs")
    lack = w.lacks.match(_LACK_LEAD.sub("", w.here.sub("", tail, count=1).lstrip(), count=1)) or w.lacks.search(
        tail.rstrip(" .!…"), max(0, len(tail.rstrip(" .!…")) - 24))
    if lack and lack.end() < len(tail.rstrip(" .!…")) and not w.lacks.match(
            _LACK_LEAD.sub("", w.here.sub("", tail, count=1).lstrip(), count=1)):
        lack = None
    return bool(lack) and (copy or bool(w.here.search(tail)))


def _bracketed_tasks(text: str, blocks: list[Block], offs: list[int], w: Words) -> list[Flag]:
    """A writer's task left in brackets in the copy (`_task`): "Diagnosis (to do: ask Ellie for the
    flowchart)", "XX per cent of patients (check)", "(noch nachschlagen)", a citation wanted ("[citation
    needed]", `editorial.citation-wanted`); not inside quotation marks."""
    out: list[Flag] = []
    for b, off in zip(blocks, offs, strict=True):
        if b.type not in ("paragraph", "list_item", "quote", "heading") or ("(" not in b.text and "[" not in b.text):
            continue
        for m in _BRACKET.finditer(b.text):
            if _task(m.group("inner"), w) and not _quoted(b.text, m.start()):
                s, e = off + m.start(), off + m.end()
                cite = _wants_citation(m.group("inner"), w)
                out.append(Flag("editorial_note", s, e, text[s:e], "blocking",
                                "A request for a citation was left in the text." if cite else
                                "A writer's task in brackets was left in the text.",
                                rule="editorial.citation-wanted" if cite else "editorial.bracketed-task",
                                suggestion="", score=1.0))
    return out


def _replies(text: str, blocks: list[Block], offs: list[int], flags: list[Flag], w: Words) -> list[Flag]:
    """The replies of a comment thread pasted under a note: blocks right after a flagged one
    that open on a reply signed by its author ("[Reply by Sunil Rao]: …", "Antwort von …:").
    Alone, such a line is as often a published answer ("Réponse du Dr Leroux :"); under a note
    left in the copy it carries the same conversation on."""
    if not flags or w.reply_by is _NEVER:
        return []
    out: list[Flag] = []
    flagged = {k for f in flags for k in range(len(blocks)) if offs[k] <= f.start < offs[k] + len(blocks[k].text) + 1}
    for k in sorted(flagged):
        j = k + 1
        while j < len(blocks) and j not in flagged and w.reply_by.match(blocks[j].text.lstrip(" [(")):
            end = offs[j] + len(blocks[j].text.rstrip())
            out.append(Flag("editorial_note", offs[j], end, text[offs[j]:end], "blocking",
                            "A reply in a thread of notes between colleagues was left in the text.",
                            rule="editorial.thread-reply", suggestion="", score=1.0))
            j += 1
    return out
