"""Emit: article JSON and a Markdown rendering per article, errors and the run summary.

Every write goes to a temporary file in the same folder and is renamed into place,
so a reader (or a run killed half-way) never sees a half-written file, and a file
whose content is unchanged is not rewritten at all (reruns touch nothing).
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import orjson

from .model import Article


def atomic_write(path: Path, data: str | bytes) -> bool:
    """Write `data` to `path` atomically (temp file, fsync, rename); return False when the
    file already held it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{os.getpid()}.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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
    """The article as UTF-8 JSON, two-space indented. orjson: the standard library's
    indented encoder is pure Python (~0.7 ms an article, the flow process's largest
    cost per document); a value orjson refuses gets the standard library's answer."""
    try:
        return orjson.dumps(article.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
                            | orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _esc(text: str | None) -> str:
    """Page text is never markup in the reading copy: a Markdown viewer renders raw HTML."""
    return html.escape(text or "", quote=False)


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in the text, so the text cannot close it."""
    return "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))


def markdown(article: Article) -> str:
    """A reading copy: title, status line, body with headings and lists, then flags.
    Everything that comes from the page is HTML-escaped (code is fenced instead)."""
    lines = [f"# {_esc(article.title) or '(untitled)'}", ""]
    src = article.source
    path = re.sub(r"[\x00-\x1f\x7f`]", " ", str(src.get("path")))  # a file name may hold newlines
    lines.append(f"*{article.status}* · {article.language or '?'} · `{path}`"
                 + (f" · {_esc(src['url'])}" if src.get("url") else ""))
    if article.duplicate_of:
        lines.append(f"Duplicate of `{article.duplicate_of}`.")
    if article.reject_reason:
        lines.append(f"Rejected: {article.reject_reason}")
    lines.append("")
    for b in article.blocks:
        if b.type == "heading":
            lines += [f"{'#' * min(6, max(2, b.level or 2))} {_esc(b.text)}", ""]
        elif b.type == "list_item":
            lines.append(f"- {_esc(b.text)}")
        elif b.type == "quote":
            lines += [f"> {_esc(b.text)}", ""]
        elif b.type == "code":
            lines += [_fence(b.text), b.text, _fence(b.text), ""]
        else:
            if lines and lines[-1].startswith("- "):
                lines.append("")
            lines += [_esc(b.text), ""]
    if article.flags:
        lines += ["", "---", "", "## Flags for editors", ""]
        for f in article.flags:
            lines.append(f"- **{f.kind}** ({f.severity}, `{f.rule}`): “{_esc(f.quote[:200])}” — {f.message}")
    return "\n".join(lines).rstrip() + "\n"


class Emitter:
    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.articles = self.out / "articles"
        self.articles.mkdir(parents=True, exist_ok=True)

    def write(self, article: Article) -> bool:
        changed = atomic_write(self.articles / f"{article.id}.json", article_json(article))
        changed |= atomic_write(self.articles / f"{article.id}.md", markdown(article))
        return changed

    def delete(self, article_id: str) -> None:
        for ext in (".json", ".md"):
            (self.articles / f"{article_id}{ext}").unlink(missing_ok=True)

    def write_errors(self, errors: list[dict[str, Any]]) -> None:
        atomic_write(self.out / "errors.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))

    def write_summary(self, summary: dict[str, Any]) -> None:
        atomic_write(self.out / "summary.json", json.dumps(summary, indent=1) + "\n")
