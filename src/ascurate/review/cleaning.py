"""What cleaning did to an article, side by side, and editors' corrections to it.

The page as extracted is rebuilt from the article: its kept blocks and the blocks that
cleaning removed whole (each removal names its block's place among the extracted blocks
and its rule), with the cuts made inside kept blocks shown on them. An editor restores a
removed block or removes a kept one; both are decisions (`block_edits` on the article,
audited, undone like any other) applied when the article is published.
"""

from __future__ import annotations

from typing import Any

EMPTY: dict[str, list[int]] = {"restore": [], "remove": []}


def edits(art: Any) -> dict[str, list[int]]:
    e = art.block_edits or {}
    return {"restore": list(e.get("restore") or []), "remove": list(e.get("remove") or [])}


def _whole(removed: list[dict[str, Any]]) -> dict[int, int]:
    """Extracted block index -> index in `removed`, for blocks removed whole."""
    return {r["block"]: i for i, r in enumerate(removed)
            if isinstance(r.get("block"), int) and r.get("start") is None}


def extracted_places(art: Any) -> list[int]:
    """For each kept block, its index among the extracted blocks."""
    whole = _whole(art.removed)
    places, n = [], 0
    for _ in art.blocks:
        while n in whole:
            n += 1
        places.append(n)
        n += 1
    return places


def side_by_side(art: Any) -> list[dict[str, Any]]:
    """The page as extracted, in order: kept blocks (with the cuts inside them) and removed
    blocks (with their rule), each with the editor's decision on it."""
    e = edits(art)
    whole = _whole(art.removed)
    places = extracted_places(art)
    cuts: dict[int, list[dict[str, Any]]] = {}
    loose = []
    for i, r in enumerate(art.removed):
        if i in whole.values():
            continue
        if isinstance(r.get("block"), int):
            cuts.setdefault(r["block"], []).append({**r, "index": i})
        else:
            loose.append({**r, "index": i})
    rows: list[dict[str, Any]] = []
    kept = dict(zip(places, range(len(art.blocks)), strict=True))
    for n in range(max([*places, *whole, -1]) + 1):
        if n in kept:
            j = kept[n]
            rows.append({"kind": "kept", "block": j, "type": art.blocks[j].get("type"), "text": art.blocks[j]["text"],
                         "cuts": cuts.get(n, []), "removed_by_editor": j in e["remove"]})
        elif n in whole:
            i = whole[n]
            r = art.removed[i]
            rows.append({"kind": "removed", "removal": i, "text": r.get("text", ""), "reason": r.get("reason"),
                         "detail": r.get("detail"), "restored": i in e["restore"], "unplaced": False})
    rows += [{"kind": "removed", "removal": r["index"], "text": r.get("text", ""), "reason": r.get("reason"),
              "detail": r.get("detail"), "restored": False, "unplaced": True} for r in loose]
    return rows


def toggle(art: Any, op: str, index: int) -> tuple[str, str]:
    """Apply (or take back) one edit; returns (the block's text, the rule concerned)."""
    e = edits(art)
    if op == "restore":
        if index not in _whole(art.removed).values():
            raise ValueError("only a block that cleaning removed whole can be restored")
        e["restore"] = sorted(set(e["restore"]) ^ {index})
        r = art.removed[index]
        text, rule = r.get("text", ""), r.get("reason") or ""
    elif op == "remove":
        if not 0 <= index < len(art.blocks):
            raise ValueError(f"no block {index}")
        e["remove"] = sorted(set(e["remove"]) ^ {index})
        text, rule = art.blocks[index]["text"], "editor.remove"
    else:
        raise ValueError(f"unknown block edit {op!r}")
    art.block_edits = e if (e["restore"] or e["remove"]) else None
    return text, rule


def apply_edits(art: Any, kept: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """The kept (index, block) pairs (after fixes) with removed blocks dropped and restored
    blocks put back in their place; a restored block's index is -1 (it had none)."""
    e = edits(art)
    if not (e["restore"] or e["remove"]):
        return kept
    places = extracted_places(art)
    whole = {i: n for n, i in _whole(art.removed).items()}
    restored = sorted((whole[i], {"type": "paragraph", "text": art.removed[i]["text"]}) for i in e["restore"]
                      if i in whole)
    out: list[tuple[int, dict[str, Any]]] = []
    for i, b in kept:
        while restored and restored[0][0] < places[i]:
            out.append((-1, restored.pop(0)[1]))
        if i not in e["remove"]:
            out.append((i, b))
    out += [(-1, b) for _, b in restored]
    return out
