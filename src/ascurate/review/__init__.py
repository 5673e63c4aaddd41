"""The editors' review desk: a store of flagged articles and editors' decisions, a web
app and a CLI over it, and publishing of approved articles.

No Prefect here: `ascurate.flows.curate` calls `sync.sync_curated` after a run and
`ascurate.flows.publish` calls `publish.publish_approved`.
"""
