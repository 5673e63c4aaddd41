"""The editors' review desk: a store of flagged articles and editors' decisions, a web
app and a CLI over it, and publishing of approved articles.

No Prefect here: `flows/curate.py` calls `sync.sync_curated` after a run and
`flows/publish.py` calls `publish.publish_approved`.
"""
