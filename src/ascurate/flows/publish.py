"""The publish flow: approved articles, with editors' fixes applied, to curated/published/.

Thin on purpose: the work is `ascurate.review.publish`. An article with an open blocking
flag is never published; the run reports those it held back and why. Run it as
`ascurate review publish`, as `python flows/publish.py [CURATED]`, or from a deployment.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task


@task(name="publish-approved", retries=1, cache_policy=None)
def publish_approved(curated: str, dest: str, database_url: str | None) -> dict[str, Any]:
    from ascurate.review import db, publish

    store = db.Store(db.database_url(curated, database_url))
    try:
        return publish.publish_approved(store, dest).to_dict()
    finally:
        store.close()


@flow(name="publish", log_prints=False)
def publish(curated: str = "curated", dest: str | None = None, database_url: str | None = None) -> dict[str, Any]:
    """Write every publishable approved article of CURATED's review store to DEST (curated/published)."""
    logger = get_run_logger()
    report = publish_approved(curated, dest or f"{curated}/published", database_url)
    logger.info("publish: %(published)d published (%(written)d written now), %(removed)d withdrawn, "
                "%(held)d approved but held back", report)
    for h in report["held_samples"]:
        logger.warning("held back: %s (%s)", h["source"], h["reason"])
    return report

