"""Emit: article JSON and a Markdown rendering per article, errors and the run summary.

Every write goes to a temporary file in the same folder and is renamed into place,
so a reader (or a run killed half-way) never sees a half-written file, and a file
whose content is unchanged is not rewritten at all (reruns touch nothing).
"""

from __future__ import annotations

import ctypes
import html
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from .model import Article
from .safe_text import neutralise_bidi, web_url

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f`]")  # control characters, and the backtick that would end a code span


def atomic_write(path: Path, data: str | bytes) -> bool:
    """Write `data` to `path` atomically and durably (temp file, flush, rename: `atomic_writes`);
    return False when the file already held it."""
    return atomic_writes([(path, data)])[0]


def atomic_writes(files: Iterable[tuple[Path, str | bytes]]) -> list[bool]:
    """Write several files atomically and durably together; for each, whether it changed
    (a file that already holds its bytes is left alone).

    Each goes to a temporary file beside it; one flush of the filesystem (`syncfs`) makes
    all of them durable before any is renamed into place, and a second makes the renames
    durable before the caller records them (the run state says "written" only after),
    instead of one fsync per file. Where `syncfs` is missing, every file is fsynced
    before its rename."""
    todo: list[tuple[Path, bytes]] = []
    changed: list[bool] = []
    for path, data in files:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        changed.append(not _holds(path, raw))
        if changed[-1]:
            todo.append((path, raw))
    if not todo:
        return changed
    temps: list[tuple[str, Path]] = []
    renamed = 0
    mode = 0o666 & ~umask()
    try:
        for path, raw in todo:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{os.getpid()}.tmp", dir=path.parent)
            temps.append((tmp, path))
            os.fchmod(fd, mode)  # mkstemp's 0600 would leave the files unreadable to the team's other accounts
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                if _syncfs is None:
                    fh.flush()
                    os.fsync(fh.fileno())
        folders = {path.parent for _, path in temps}
        _flush(folders)
        for tmp, path in temps:
            os.replace(tmp, path)
            renamed += 1
        _flush(folders)
    except BaseException:
        for tmp, _ in temps[renamed:]:
            Path(tmp).unlink(missing_ok=True)
        raise
    return changed


def umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, even briefly, for
    every thread): /proc/self/status on Linux, else the set-and-restore fallback."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def _holds(path: Path, raw: bytes) -> bool:
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except FileNotFoundError:
        return False


_syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)


def _flush(folders: set[Path]) -> None:
    """Make what was written under `folders` durable: one `syncfs` per filesystem (the
    folders of one call share one, almost always)."""
    if _syncfs is None:
        return
    done: set[int] = set()
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            dev = os.fstat(fd).st_dev
            if dev not in done and _syncfs(fd) != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"syncfs {folder}: {os.strerror(err)}")
            done.add(dev)
        finally:
            os.close(fd)


def sweep_temp(folder: Path) -> list[Path]:
    """Delete temporary files left by a writer that died mid-write (its pid is gone);
    a live process's are left alone. Returns what was deleted."""
    gone = []
    for p in folder.rglob(".*.tmp"):
        pid = p.name.rsplit(".", 2)[-2]
        if pid.isdigit() and _alive(int(pid)):
            continue
        p.unlink(missing_ok=True)
        gone.append(p)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def article_json(article: Article) -> bytes:
    """The article as UTF-8 JSON, two-space indented. orjson, because the standard
    library's indented encoder is pure Python and this runs in the flow's process for
    every article; a value orjson refuses gets the standard library's answer."""
    try:
        return orjson.dumps(article.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
                            | orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # what an HTML parser would take for a tag
_ENTITY = re.compile(r"&(?=#?\w+;)")  # what it would take for an entity
# what Markdown reads as structure at a line's start: a quote, heading, bullet, numbered item or rule
_BLOCK_MARK = re.compile(r"^(\s*)(>|#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[-*_](?=[-*_ ]*$))")
_PERMALINK = re.compile(r"(?:\s+[#§¶]|\s*[¶🔗])+\s*$")  # a heading's anchor glyph, left by extraction


def _md(text: str | None) -> str:
    """Page text as Markdown that reads as the text: page text is never markup (a Markdown
    viewer renders raw HTML), so a tag's `<` and an entity's `&` are escaped and a leading
    block marker is backslashed; nothing else (`a > b` stays as written, not `a &gt; b`).
    Bidi controls are shown as tags, so the copy reads in the order it is stored (safe_text)."""
    text = _ENTITY.sub("&amp;", text or "")
    text = _TAG_START.sub("&lt;", text)
    return neutralise_bidi(_BLOCK_MARK.sub(_backslash, text))


def _backslash(m: re.Match[str]) -> str:
    mark = m.group(2)
    return m.group(1) + (mark + "\\" if mark[0].isdigit() else "\\" + mark)  # "1\." but "\#"


def _inert(text: str) -> str:
    """A code span: what a Markdown viewer shows as it is and never makes a link of."""
    return "`" + neutralise_bidi(_UNPRINTABLE.sub(" ", text)) + "`"


def _url(url: str | None) -> str:
    """The source's address on the status line: an http(s) address as text (a viewer may
    link it); any other scheme (`javascript:`, `data:`) only as an inert code span."""
    if not url:
        return ""
    return f" · {_md(url)}" if web_url(url) else f" · {_inert(html.escape(url, quote=False))} (not a web address)"


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in the text, so the text cannot close it."""
    return "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))


def _table(text: str) -> list[str]:
    """A table block (rows on lines, cells joined by " | ") as a Markdown table; the first row heads it."""
    rows = [[_md(c.strip()) for c in line.split(" | ")] for line in text.split("\n") if line.strip()]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    return lines + ["| " + " | ".join(r) + " |" for r in rows[1:]]


def markdown(article: Article) -> str:
    """A reading copy: title, status line, body with headings, lists and tables, then flags.
    Page text is escaped only where Markdown or HTML would read it as markup (code is fenced)."""
    lines = [f"# {_md(article.title) or '(untitled)'}", ""]
    src = article.source
    lines.append(f"*{article.status}* · {article.language or '?'} · {_inert(str(src.get('path')))}"  # a file
                 + _url(src.get("url")))  # name may hold newlines
    if article.duplicate_of:
        lines.append(f"Duplicate of `{article.duplicate_of}`.")
    if article.reject_reason:
        lines.append(f"Rejected: {_md(article.reject_reason)}")
    lines.append("")
    for b in article.blocks:
        if lines and lines[-1].startswith("- ") and b.type != "list_item":
            lines.append("")
        if b.type == "heading":
            lines += [f"{'#' * min(6, max(2, b.level or 2))} {_md(_PERMALINK.sub('', b.text))}", ""]
        elif b.type == "list_item":
            lines.append(f"- {_md(b.text)}")
        elif b.type == "quote":
            lines += [f"> {_md(b.text)}", ""]
        elif b.type == "code":
            lines += [_fence(b.text), neutralise_bidi(b.text), _fence(b.text), ""]
        elif b.type == "table":
            lines += [*_table(b.text), ""]
        else:
            lines += [_md(b.text), ""]
    if article.flags:
        lines += ["", "---", "", "## Flags for editors", ""]
        for f in article.flags:
            lines.append(f"- **{f.kind}** ({f.severity}, `{f.rule}`): “{_md(f.quote[:200])}” — {f.message}")
    return "\n".join(lines).rstrip() + "\n"


class Emitter:
    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.articles = self.out / "articles"
        self.articles.mkdir(parents=True, exist_ok=True)

    def write(self, article: Article) -> bool:
        return self.write_all([article])[0]

    def write_all(self, articles: list[Article]) -> list[bool]:
        """Write a batch's articles (JSON and Markdown) in one durable step; for each, whether
        its files changed."""
        files = [(self.articles / f"{a.id}{ext}", render(a)) for a in articles
                 for ext, render in ((".json", article_json), (".md", markdown))]
        changed = atomic_writes(files)
        return [changed[i] or changed[i + 1] for i in range(0, len(changed), 2)]

    def delete(self, article_id: str) -> None:
        for ext in (".json", ".md"):
            (self.articles / f"{article_id}{ext}").unlink(missing_ok=True)

    def write_errors(self, errors: list[dict[str, Any]]) -> None:
        atomic_write(self.out / "errors.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))

    def write_summary(self, summary: dict[str, Any]) -> None:
        atomic_write(self.out / "summary.json", json.dumps(summary, indent=1) + "\n")
