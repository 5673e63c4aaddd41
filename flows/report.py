"""Entry point of the weekly report flow (`ascurate.flows.report`) for prefect.yaml and
`python flows/report.py [CURATED]`."""

import sys

from ascurate.flows.report import report

__all__ = ["report"]

if __name__ == "__main__":
    print(report(out=sys.argv[1] if len(sys.argv) > 1 else "curated"))
