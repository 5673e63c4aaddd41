"""queue indexes: severity descending in the order index, covering indexes for counts

Article rows are large (text, blocks), so the queue's counts must come from indexes.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("articles_queue")
        batch_op.create_index("articles_queue_order", ["review_status", sa.text("max_severity DESC"), "first_seen", "id"],
                              unique=False)
        batch_op.create_index("articles_counts", ["review_status", "pipeline_status", "present"], unique=False)
        for col in ("site", "language"):
            batch_op.drop_index(f"articles_{col}")
            batch_op.create_index(f"articles_{col}_counts", [col, "review_status", "pipeline_status", "present"],
                                  unique=False)


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        for col in ("site", "language"):
            batch_op.drop_index(f"articles_{col}_counts")
            batch_op.create_index(f"articles_{col}", [col], unique=False)
        batch_op.drop_index("articles_counts")
        batch_op.drop_index("articles_queue_order")
        batch_op.create_index("articles_queue", ["review_status", "max_severity", "first_seen"], unique=False)
