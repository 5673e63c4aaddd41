"""What the desk accepts from a URL: ids and page numbers that SQLite (and PostgreSQL's
BIGINT) can hold. Python's int has no bound, SQLite's INTEGER has 64 bits: an id of
9223372036854775808 reached the driver and answered 500 (issue 23). Out of range is
refused when the request is read, as "no such page" (404) for a path and "bad request"
(400) for a query or a form field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from fastapi.exceptions import RequestValidationError

SQL_INT_MAX = 2**63 - 1
MAX_PAGE = 10**9  # far past any queue's last page; times any page size, still an SQL integer

Id = Annotated[int, Path(ge=1, le=SQL_INT_MAX)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]


def refusal(exc: RequestValidationError) -> tuple[int, str]:
    """The status and one line for a request whose parameters did not validate."""
    errors = exc.errors()
    if any(e.get("loc", ("",))[0] == "path" for e in errors):
        return 404, "No such page."
    names = sorted({str(e["loc"][-1]) for e in errors if e.get("loc")})
    return 400, f"Bad request: check {', '.join(names) or 'the form'}."
