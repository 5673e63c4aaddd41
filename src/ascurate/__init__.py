"""ascurate: clean, structured articles from scraped health pages.

The library is the pipeline's steps (see `pipeline.py` for their order); Prefect flows
in the repository's `flows/` folder batch, schedule and report them.
"""

__version__ = "0.1.0"
