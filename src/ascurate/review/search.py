"""Full-text search for the queue: an editor's words against each article's title, text
and site and its flags' quotes.

SQLite uses FTS5 tables kept by triggers (migration 0004); PostgreSQL the GIN-indexed
tsvector expressions below (the query repeats them exactly, so the planner uses the
indexes); any other database a LIKE scan. Words are taken from the box as words only
(`\\w+`), each matched as a prefix and all of them required, so nothing typed is ever
read as query syntax.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Integer, column, or_, select, text

from .models import Article, Flag

FTS_TABLES = ("articles_fts", "flags_fts")
PG_ARTICLE_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(site, '') || ' ' || text)"
PG_QUOTE_VECTOR = "to_tsvector('simple', quote)"
MAX_TERMS = 12


def is_search_table(name: str | None) -> bool:
    """A table (or FTS5 shadow table) of the search index, not of the models."""
    return bool(name) and str(name).startswith(FTS_TABLES)


def terms(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


def matching(q: str, dialect: str) -> Any:
    """A selectable of the ids of the articles that match every word of `q`, or None when
    `q` has no words."""
    words = terms(q)
    if not words:
        return None
    if dialect == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        return text("SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH :m "
                    "UNION SELECT f.article_pk FROM flags_fts JOIN flags f ON f.id = flags_fts.rowid "
                    "WHERE flags_fts MATCH :m").bindparams(m=match).columns(column("id", Integer))
    if dialect == "postgresql":
        query = " & ".join(f"{w}:*" for w in words)
        return text(f"SELECT id FROM articles WHERE {PG_ARTICLE_VECTOR} @@ to_tsquery('simple', :q) "
                    f"UNION SELECT article_pk FROM flags WHERE {PG_QUOTE_VECTOR} @@ to_tsquery('simple', :q)"
                    ).bindparams(q=query).columns(column("id", Integer))
    conds = []
    for w in words:
        like = f"%{w}%"
        conds.append(or_(Article.title.ilike(like), Article.text.ilike(like), Article.site.ilike(like),
                         Article.id.in_(select(Flag.article_pk).where(Flag.quote.ilike(like)))))
    return select(Article.id).where(*conds)
