"""Entry point of the publish flow (`ascurate.flows.publish`) for prefect.yaml and
`python flows/publish.py [CURATED]`."""

import sys

from ascurate.flows.publish import publish

__all__ = ["publish"]

if __name__ == "__main__":
    print(publish(curated=sys.argv[1] if len(sys.argv) > 1 else "curated"))
