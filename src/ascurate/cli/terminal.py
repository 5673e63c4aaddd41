"""Where the command line writes: rich on a terminal, one line per message elsewhere.

Rich wraps text at the console's width, and without a terminal that width is COLUMNS or
80: a path in an error then breaks over lines a person cannot copy and a log collector
reads as three messages. So a console that is not a terminal never wraps (`soft_wrap`),
and messages are printed as text, never as markup (a path may hold `[` and `]`).
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


def console(stderr: bool = False) -> Console:
    """A console for stdout (or stderr) that wraps only on a real terminal."""
    c = Console(stderr=stderr, highlight=False)
    c.soft_wrap = not c.is_terminal
    return c


err = console(stderr=True)


def say(message: str, style: str = "") -> None:
    """One message on stderr, as it is (no markup)."""
    err.print(Text(message, style=style))


def error(message: str) -> None:
    """One error line on stderr: `error: <message>`, the message on one line."""
    err.print(Text.assemble(("error:", "red"), " ", " ".join(message.splitlines())))


def warn(message: str) -> None:
    err.print(Text(message, style="yellow"))
