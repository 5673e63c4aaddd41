"""`placeholder`: dummy phone numbers and codes ("call 555-0100", "(000) 000-0000",
"0800 XXX XXXX", "code XXXX-XXXX") that were to be replaced by the real ones.

A phone- or code-shaped token (groups of digits or mask signs: a capital X or "#", which
templates type for a digit to come, "0161 ### ####", "04 ## ## ## ##") is a placeholder when its
digits are made up: three or more mask signs, nothing but zeros after the first group (or
everywhere), one digit repeated (a leading X aside: "X000000000"), the digits counted up
("0123 456789", "01234 / 56 78 90"; after a leading digit, "912 345 678"; after the area code,
from one end of the digits up or down, "089 123456", "07 98 76 54 32", where a real number's
counted run starts anywhere, "913 456 789"), nothing but zeros
after a country's area code ("+34 600 000 000", "+49 (0)30 0000000"), or the fictional numbers regulators reserve for films
and books: North American (555-01xx, 555-555-5555, area code 555), British (Ofcom: 020 7946
0xxx, 0161 496 0xxx, 07700 900xxx), French (ARCEP: 01 99 00 xx xx, 06 39 98 xx xx) and
Australian (ACMA: 02 5550 xxxx, 0491 570 156). Helplines are real numbers (111, 116 123) and too short; a number grouped
in thousands ("1 000 000", "900 000 000") is a placeholder only where a phone cue says it
is a phone number, and so are pairs of digits counted up one by one from a trunk's 0 ("01 02 03 04 05";
a calendar's days and a list of years count up too). A run of five or six zeros is a number left blank ("patient number 000000").
Masks before real digits are a real number shown in part ("XXXX XXXX XXXX 1234": a card on a receipt).
"""

from __future__ import annotations

import re

from ..model import Flag
from .view import ArticleView

_TOKEN = re.compile(r"(?<![\w+.,/#-])\+?(?:\(\s?[\dX#]{1,5}\s?\)\s?|[\dX#]{1,6})(?:(?:[ .-]?| ?/ ?)(?:\(\d\)\s?)?[\dX#]{1,6}){1,5}(?![\w#]|[.,/-][\dX#])")
_BOXED = re.compile(r"\b(?:P\.?O\.? Box|[Bb]ox|[Cc]ode|[Rr]ef(?:erence)?|[Nn]umber|[Nn]o\.|[Tt]el\.?|[Pp]hone|ID)\s+(X{3,})(?![\w-])")
_CUE = re.compile(
    r"(?:\b(?:call|phone|tel|telephone|helpline|hotline|line|text|ring|dial|fax|number|contact|whatsapp|sms|"
    r"appelez|appeler|téléphone|tél|ligne|numéro|llame|llamar|llámanos|teléfono|línea|número|anrufen|rufen|"
    r"telefon|telefonisch|unter|hotline|code|código|reference|referencia|pin)\b|:)(?:\W{1,3}\w{1,3}){0,2}\W{0,6}$", re.I)
_NOT_PHONE = re.compile(r"\b(?:ISBN|ISSN|DOI|EAN|UPC|GTIN)\W{0,4}$", re.I)
_FICTIONAL = re.compile(r"\b555[ .-]?01\d\d\b|\b555[ .-]?555[ .-]?5555\b|^\(555\)|^(?:\+?1[ .-]?)?555[ .-]\d{3}[ .-]\d{4}$")
# the same ranges, as national digits (a country code read as the trunk 0)
_RESERVED = re.compile(
    r"0(?:11[3-8]|121|131|141|151|161)4960\d{3}|01914980\d{3}|01632960\d{3}|02079460\d{3}|02920180\d{3}"
    r"|07700900\d{3}|08081570\d{3}"  # Ofcom
    r"|0(?:19900|26191|35301|46571|53649|63998)\d{4}"  # ARCEP
    r"|0[2378](?:5550|7010)\d{4}|0491570(?:006|110|156|157|158|159|313|737|954)")  # ACMA
_COUNTRY = re.compile(r"^\s*\+\s?(?:44|33|61)\s*(?:\(0\)\s*)?")
_INTERNATIONAL = re.compile(r"^\s*\+\s?\d{1,3}[ .-]?(?:\(0\)\s*)?")  # a country code and the trunk "(0)" after it
_COUNTED = "01234567890123456789"  # digits counted up, from any digit: "123456", "0123 456789"
_COUNTED_DOWN = _COUNTED[::-1]
MIN_COUNTED = 6
MIN_DIGITS = 7
MIN_ZEROS = 5
MIN_STEPS = 4  # pairs of digits of a number that count up by one ("01 02 03 04 05")
_DIGIT_X = re.compile(r"[\dX#]")


def _made_up(token: str) -> tuple[bool, bool]:
    """(made up, made up only after a phone cue) for one phone-shaped token: a number grouped in
    thousands, or pairs of digits counted up from a trunk's 0, is a phone number's
    placeholder only where a cue says it is a phone number."""
    digits = re.sub(r"[^\dX#]", "", token)
    if "#" in digits and "X" in digits:
        return False, False  # two mask signs in one token ("##.X #X#X"): a format string, not a number left blank
    digits = digits.replace("#", "X")
    if MIN_ZEROS <= len(digits) < MIN_DIGITS and set(digits) == {"0"} and not re.search(r"[.,]", token):
        return True, False  # "patient number 000000": nothing but zeros (no decimals: "0.00000")
    if len(digits) < MIN_DIGITS and not (digits.count("X") >= 4):
        return False, False
    groups = re.findall(r"[\dX#]+", token)
    if len(groups) > 1 and groups[-1].isdigit() and 2 <= len(groups[-1]) <= 4 and groups[-1].strip("0") and all(
            set(g) <= {"X", "#"} for g in groups[:-1]):
        return False, False  # "XXXX XXXX XXXX 1234": a real number masked but for its last digits (a card, an account)
    thousands = 1 <= len(groups[0]) <= 3 and len(groups) > 1 and all(len(g) == 3 for g in groups[1:])
    if digits.count("X") >= 3 or _FICTIONAL.search(token) or _RESERVED.fullmatch(_national(token)):
        return True, False
    rest = "".join(groups[1:]) if len(groups) > 1 else digits
    bare = digits.lstrip("X")
    if set(rest) == {"0"} and len(rest) >= 5 or len(set(bare)) == 1 and len(bare) >= MIN_COUNTED - 1:
        return True, thousands
    if token.startswith("+") and len(national := re.findall(r"[\dX#]+", _INTERNATIONAL.sub("", token))) > 1:
        after = "".join(national[1:])
        if set(after) == {"0"} and len(after) >= 5:
            return True, False  # nothing but zeros after the area code ("+34 600 000 000", "+49 (0)30 0000000")
    if len(bare) >= MIN_COUNTED and bare in _COUNTED or len(bare) > MIN_COUNTED + 1 and bare[1:] in _COUNTED:
        return True, False  # (after a leading digit too, a trunk or a network's: "912 345 678")
    if len(groups) >= MIN_STEPS and groups[0][:1] == "0" and all(len(g) == 2 and g.isdigit() for g in groups) and all(
            int(b) - int(a) == 1 for a, b in zip(groups, groups[1:], strict=False)):
        return True, True  # pairs counted up one by one from a trunk's 0, "01 02 03 04 05": after a phone cue only
        # (a calendar's days and a list of years count up too)
    if len(groups) > 1 and len(rest) >= MIN_COUNTED and (
            rest[0] in "01" and rest in _COUNTED or rest[0] == "9" and rest in _COUNTED_DOWN):
        return True, False  # after the area code, counted from one end of the digits: "089 123456", "07 98 76 54 32"
    return False, False


def _national(token: str) -> str:
    """A number's digits as dialled at home: "+44 (0)20 7946 0123" -> "02079460123"."""
    m = _COUNTRY.match(token)
    return "0" + re.sub(r"\D", "", token[m.end():]) if m else re.sub(r"\D", "", token)


def dummy_numbers(v: ArticleView) -> list[Flag]:
    """Made-up phone numbers and codes, block by block (any language: digits are digits)."""
    flags = []
    text = v.text
    for b, off in zip(v.blocks, v.offs, strict=True):
        t = b.text
        if not ("0" in t or "X" in t or "5" in t or "##" in t) or (len(_DIGIT_X.findall(t)) < MIN_DIGITS
                                                                     and t.count("X") + t.count("#") < 3
                                                                     and "0" * MIN_ZEROS not in t):
            continue  # too few digits for a made-up number, too few X's for a masked one, no run of zeros
        found = [(m.start(), m.end(), False) for m in _TOKEN.finditer(b.text)]
        found += [(*m.span(1), True) for m in _BOXED.finditer(b.text)]
        for s, e, boxed in found:
            fake, thousands = (True, False) if boxed else _made_up(b.text[s:e])
            before = b.text[max(0, s - 40):s]
            if not fake or (thousands and not _CUE.search(before)) or _NOT_PHONE.search(before):
                continue
            if any(f.start <= off + s < f.end for f in flags):
                continue
            flags.append(Flag("placeholder", off + s, off + e, text[off + s:off + e], "blocking",
                              "A made-up phone number or code, meant to be replaced before publishing.",
                              rule="placeholder.dummy-number", suggestion=None))
    return flags
