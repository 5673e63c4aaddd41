"""search, claims, medical sign-off: full-text search over articles and flag quotes; an
editor's claim on an article; what an article names and who signed it off medically

SQLite: FTS5 tables over the rows' own columns (external content: the text is not
stored twice), kept current by triggers, so every writer (sync, decisions, a script)
keeps the index right. PostgreSQL: GIN indexes on the same tsvector expressions the
search uses. A claim (who, until when) keeps two editors off the same article. The
terms an article names (medical.py) are filled in from the stored article data. Editors'
corrections to cleaning (restored and removed blocks, cleaning.py) are kept per article.

Revision ID: 0004
Revises: 0003
"""
import json

from alembic import op
import sqlalchemy as sa

from ascurate.review.medical import terms
from ascurate.review.search import PG_ARTICLE_VECTOR, PG_QUOTE_VECTOR

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, site, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE flags_fts USING fts5(quote, content='flags', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text, site) VALUES (new.id, new.title, new.text, new.site); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text, site) VALUES ('delete', old.id, old.title, old.text, "
    "old.site); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text, site ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text, site) VALUES ('delete', old.id, old.title, old.text, "
    "old.site); INSERT INTO articles_fts(rowid, title, text, site) VALUES (new.id, new.title, new.text, new.site); END",
    "CREATE TRIGGER flags_fts_ai AFTER INSERT ON flags BEGIN "
    "INSERT INTO flags_fts(rowid, quote) VALUES (new.id, new.quote); END",
    "CREATE TRIGGER flags_fts_ad AFTER DELETE ON flags BEGIN "
    "INSERT INTO flags_fts(flags_fts, rowid, quote) VALUES ('delete', old.id, old.quote); END",
    "CREATE TRIGGER flags_fts_au AFTER UPDATE OF quote ON flags BEGIN "
    "INSERT INTO flags_fts(flags_fts, rowid, quote) VALUES ('delete', old.id, old.quote); "
    "INSERT INTO flags_fts(rowid, quote) VALUES (new.id, new.quote); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "INSERT INTO flags_fts(flags_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("medical_terms", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("medical_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("medical_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("block_edits", sa.JSON(), nullable=True))
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.create_index("flags_open_counts", ["status", "kind", "severity", "article_pk"], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, data FROM articles")).all()
    filled = []
    for pk, data in rows:
        named = terms(json.loads(data) if isinstance(data, str) else data or {})
        if named:
            filled.append({"pk": pk, "t": named})
    if filled:
        bind.execute(sa.text("UPDATE articles SET medical_terms = :t WHERE id = :pk"), filled)
    dialect = bind.dialect.name
    if dialect == "sqlite":
        for sql in SQLITE:
            op.execute(sql)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX articles_search ON articles USING gin ({PG_ARTICLE_VECTOR})")
        op.execute(f"CREATE INDEX flags_search ON flags USING gin ({PG_QUOTE_VECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au", "flags_fts_ai", "flags_fts_ad",
                     "flags_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("DROP TABLE IF EXISTS flags_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS articles_search")
        op.execute("DROP INDEX IF EXISTS flags_search")
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_index("flags_open_counts")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        for col in ("block_edits", "medical_at", "medical_by", "medical_terms"):
            batch_op.drop_column(col)
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
