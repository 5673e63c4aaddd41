"""article file stat: the curated JSON's identity (inode, size, mtime, ctime) when synced

A sync skips reading a file whose identity is the one recorded (ascurate/runtime/filestat.py),
so a nightly sync reads what changed, not the whole curated/ folder.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_stat", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("file_stat")
