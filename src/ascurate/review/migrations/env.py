"""Alembic environment: the review store runs its migrations itself (db.migrate), on
the connection it is given, so no alembic.ini or command line is needed."""

from __future__ import annotations

from alembic import context

from ascurate.review.models import Base
from ascurate.review.search import is_search_table


def _include(name, kind, _parent):  # type: ignore[no-untyped-def]
    """Autogenerate leaves the search index's FTS5 tables (migration 0004's) alone."""
    return not (kind == "table" and is_search_table(name))


connection = context.config.attributes.get("connection")
if connection is None:  # `alembic -x url=...` from a shell
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True,
                          include_name=_include)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                          include_name=_include)
    with context.begin_transaction():
        context.run_migrations()
