"""A file's identity from its stat, so an unchanged file need not be read again.

Nightly runs see mostly the same files. Hashing every input (and re-reading every
curated article for the review store) makes a rerun cost the corpus's bytes; comparing
`identity` with the one recorded when the file was last hashed or read costs a stat.

The identity is inode, size, mtime and ctime. Replacing a file by renaming a new one in
(ascurate's own writes) gives a new inode; a write in place moves mtime and ctime, and
ctime cannot be set back (a tool that restores mtime, like `wget -N` or `touch -r`,
still moves it). A file changed within `RACY_SECONDS` before it was looked at gets no
identity: a second change within the same clock tick would leave the stat as it was
(git's "racily clean" rule), so such a file is hashed or read again next time.
"""

from __future__ import annotations

import os
import time

RACY_SECONDS = 2.0


def identity(st: os.stat_result, now_ns: int | None = None) -> str | None:
    """"inode:size:mtime_ns:ctime_ns", or None when the file changed too recently to trust."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    if max(st.st_mtime_ns, st.st_ctime_ns) >= now_ns - int(RACY_SECONDS * 1e9):
        return None
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"
