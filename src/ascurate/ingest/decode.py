"""Bytes to text: BOM first, then the charset the bytes declare, then detection.

Scraped pages lie about their encoding less often than they omit it, so a declared
charset is trusted only if the bytes decode under it; otherwise charset-normalizer
decides. The chosen encoding and the reason are returned so they can be recorded.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.I,
)


FEW_BAD = 8  # broken characters that are damage in a UTF-8 page, not another encoding's text


class DecodeError(ValueError):
    pass


def declared_charset(data: bytes) -> str | None:
    m = _META.search(data[:8192])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, how) for raw bytes; `declared` is a charset from outside (HTTP header)."""
    text, how, _ = decode_noting_repairs(data, declared)
    return text, how


MAX_REPAIRS_NOTED = 20


def decode_noting_repairs(data: bytes, declared: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """(text, how, repaired words) for raw bytes.

    Text that was already mis-decoded once before it was saved ("donâ€™t": UTF-8 read as
    windows-1252 and written back) is repaired with ftfy, which only undoes such
    round-trips and leaves text that is not mojibake alone. The words it repaired (up to
    `MAX_REPAIRS_NOTED`, as they read now) go with the document, so the flags step can
    show an editor where the text was changed."""
    text, how = _decode(data, declared)
    if not text.isascii() and looks_mojibake(text) and not pasted_mojibake(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            return fixed, f"{how}, mojibake repaired", _repaired_words(text)
    return text, how, ()


# words split at ASCII white space only: mojibake of a no-break space ("Â\xa0") stays in its word
_WORDS = re.compile(r"[^ \t\r\n\f\v<>\"=]+")
PASTED_MAX = 3  # words of mojibake at most that a page decoded right elsewhere holds as pasted damage
PASTED_SHARE = 3  # words with non-ASCII characters decoded right, at least, for each of them


def pasted_mojibake(text: str) -> bool:
    """Whether the mojibake is a few words (`PASTED_MAX`) in a page whose other non-ASCII
    words (`PASTED_SHARE` times as many) are decoded right: text pasted from a broken
    source, which the page's encoding does not explain. It is left as it is, for the flags
    to show an editor as damage (`garbled_text`); a page stored mis-decoded throughout,
    every non-ASCII word of it mojibake, is repaired, with an `info` note."""
    broken = right = 0
    for tok in _WORDS.findall(text):
        if tok.isascii():
            continue
        if looks_mojibake(tok):
            broken += 1
            if broken > PASTED_MAX:
                return False
        else:
            right += 1
    return broken > 0 and right >= PASTED_SHARE * broken


def _repaired_words(text: str) -> tuple[str, ...]:
    """The words of `text` that hold mojibake, as ftfy repairs each (HTML tags and
    punctuation at either end left out)."""
    out: dict[str, None] = {}
    for tok in _WORDS.findall(text):
        if tok.isascii() or not looks_mojibake(tok):
            continue
        word = ftfy.fix_encoding(tok).strip(".,;:!?()[]'")
        if word and word != tok:
            out[word] = None
            if len(out) >= MAX_REPAIRS_NOTED:
                break
    return tuple(out)


# UTF-8 lead bytes read as latin-1/cp1252 (Ã, Â, â, Ð ...) followed by a continuation byte's reading
_LEADS = "ÂÃÅÐÑâ"
_FOLLOWS = frozenset(map(chr, range(0x80, 0xC0))) | frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_MOJIBAKE = re.compile(f"[{_LEADS}][{''.join(sorted(_FOLLOWS))}]")
_SCAN = 64  # lead characters looked at one by one before the regular expression takes over


def looks_mojibake(text: str) -> bool:
    """A lead character followed by a continuation byte's reading (`_MOJIBAKE`), found
    with `str.find` (memchr): the regular expression, whose first character is a class,
    steps through the page character by character, and most pages have no lead character or a few ("â" in French) without a follower."""
    seen = 0
    for lead in _LEADS:
        i = text.find(lead)
        while i != -1:
            if text[i + 1:i + 2] in _FOLLOWS:
                return True
            seen += 1
            if seen > _SCAN:
                return _MOJIBAKE.search(text) is not None
            i = text.find(lead, i + 1)
    return False


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), f"{enc} (bom)"
            except UnicodeDecodeError as e:
                raise DecodeError(f"starts with a {enc} byte-order mark but does not decode as {enc}: {e}") from e
    for source, enc in (("header", _lookup(declared)), ("declared", declared_charset(data))):
        if enc:
            # latin-1 and ascii are usually windows-1252 in practice (WHATWG maps them so)
            if enc in ("latin-1", "iso8859-1", "ascii"):
                enc = "cp1252"
            if _single_byte(enc) and _is_utf8_text(data):
                # multi-byte UTF-8 that decodes cleanly is almost never a legacy page: the declaration is stale
                return data.decode("utf-8"), f"utf-8 (declared {enc}, but the bytes are UTF-8)"
            try:
                return data.decode(enc), f"{enc} ({source})"
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise DecodeError("binary content (NUL bytes), not a text or HTML document")
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    valid = sum(1 for c in damaged if c > "\x7f" and c != "\ufffd")
    if bad > 0 and valid and bad <= max(valid, FEW_BAD):
        # UTF-8 with a few broken bytes (a page cut and spliced, one pasted paragraph): valid multi-byte
        # characters beside the broken ones, and at least as many, which a legacy page (Shift-JIS, GBK:
        # 2-4 broken for each valid by chance) or binary does not have; a detector would pick a code
        # page and garble every character of the page
        return damaged, "utf-8 (invalid bytes replaced)"
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    few = bad <= max(2 * FEW_BAD, len(data) // 500)
    if best is not None and best.encoding:
        enc = best.encoding
        if _single_byte(enc) and _plausible_cp1252(data):
            # undeclared single-byte pages are windows-1252 far more often than not (WHATWG's default);
            # detectors confuse the Latin code pages on short text
            return data.decode("cp1252"), "cp1252 (detected)"
        if few and _one_byte_a_character(enc):
            # a mostly ASCII page with a few stray bytes that are not Latin text: any code page the
            # detector guesses (mac_iceland, cp775) would make them up as letters
            return damaged, "utf-8 (invalid bytes replaced)"
        try:
            return data.decode(enc), f"{enc} (detected)"
        except UnicodeDecodeError:
            return data.decode(enc, errors="replace"), f"{enc} (detected, invalid bytes replaced)"
    # mostly UTF-8 with a few broken bytes: keep the text, mark the damage
    if bad > max(16, len(damaged) // 50):
        raise DecodeError("no text encoding fits these bytes (binary content?)")
    return damaged, "utf-8 (invalid bytes replaced)"


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


_LATIN_OK = set("“”‘’–—…€©®°±·•«»¡¿ºª§¶µ") | {chr(c) for c in range(0xC0, 0x100)} - {"×", "÷"}


def _is_utf8_text(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _single_byte(enc: str) -> bool:
    e = enc.lower().replace("_", "").replace("-", "")
    return e.startswith(("cp125", "windows125", "iso8859", "latin", "mac", "cp850", "cp437", "koi8")) is True and not e.startswith(("cp1251", "windows1251", "koi8", "iso88595"))


def _one_byte_a_character(enc: str) -> bool:
    """A code page (each byte one character), not a multi-byte encoding such as Shift-JIS."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(enc, errors="replace")) == 0x80
    except LookupError:
        return False


def _plausible_cp1252(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [c for c in text if ord(c) > 127]
    return bool(high) and sum(c in _LATIN_OK for c in high) >= 0.95 * len(high)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text without a BOM: NULs in one byte position of each pair, not both."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = max(1, len(head) // 2)
    return max(even, odd) > pairs // 2 and min(even, odd) < pairs // 10
