"""What cleaning returns: the kept blocks, every removal with its rule, and the page
facts that removed text carried (so removing a line never loses what it said)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Block, Removal


@dataclass(slots=True)
class Cleaned:
    blocks: list[Block]
    removed: list[Removal] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
