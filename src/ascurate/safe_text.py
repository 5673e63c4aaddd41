"""Page text shown to people (the review desk, the Markdown reading copy) is hostile.

Two tricks survive HTML escaping. Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE
and its kin, the "Trojan Source" characters) reorder what an editor sees, so a title
or a quote reads differently from the text that is stored and published: shown text
gets them as visible tags (`[U+202E]`) instead. And a canonical URL from the page can
be `javascript:` or `data:`: only http(s) addresses are ever printed as links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# embeddings, overrides and isolates (Unicode's explicit directional formatting characters);
# the marks (U+200E, U+200F, U+061C) reorder nothing around them and stay
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
WEB_SCHEMES = ("http", "https")


def neutralise_bidi(text: str) -> str:
    """`text` with every bidi embedding, override and isolate shown as `[U+XXXX]`."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text) if _BIDI.search(text) else text


def web_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) address with a host (what may become a link), else None."""
    if not url:
        return None
    url = url.strip()
    if any(c.isspace() or ord(c) < 0x20 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None
