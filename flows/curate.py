"""Entry point of the curate flow (`ascurate.flows.curate`) for prefect.yaml and
`python flows/curate.py [RAW] [OUT]`."""

import sys

from ascurate.flows.curate import curate

__all__ = ["curate"]

if __name__ == "__main__":
    args = sys.argv[1:]
    print(curate(raw=args[0] if args else "raw", out=args[1] if len(args) > 1 else "curated"))
