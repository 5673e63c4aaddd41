"""The weekly report flow: flags and rule hit rates over curated/.

Writes `curated/reports/report-<date>.md` and `.json` and publishes the same tables as
a Prefect Markdown artifact (key `ascurate-weekly-report`), so the team sees them in
the UI beside the runs. The counting is `ascurate.report`'s.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from ascurate import report as weekly


@flow(name="report", log_prints=False)
def report(out: str = "curated", days: float = 7.0) -> dict[str, Any]:
    """Statuses, flags per kind and per rule, furniture rule hit rates for OUT."""
    rep = weekly.build(out, days=days)
    path = weekly.write(rep, out)
    create_markdown_artifact(weekly.markdown(rep), key="ascurate-weekly-report",
                             description=f"flags and rule hit rates over {rep.articles} articles in {out}")
    get_run_logger().info("report: %d articles, %d flag rules fired; written to %s",
                          rep.articles, len(rep.flag_rules), path)
    return {**rep.to_dict(), "path": str(path)}

