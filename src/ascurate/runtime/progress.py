"""A progress hook the flow reports to and the CLI listens on, so neither knows the other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Listener = Callable[[str, dict[str, Any]], None]
_listeners: list[Listener] = []


def subscribe(fn: Listener) -> Callable[[], None]:
    _listeners.append(fn)
    return lambda: _listeners.remove(fn)


def report(event: str, **data: Any) -> None:
    """event: 'planned' (total=...), 'batch' (documents=..., files=...), 'done' (summary=...)."""
    for fn in list(_listeners):
        fn(event, data)
