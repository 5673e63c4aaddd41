"""ascurate: clean, structured articles from scraped health pages.

The library is the pipeline's steps (see `pipeline.py` for their order); the Prefect
flows in `ascurate.flows` batch, schedule and report them.
"""

__version__ = "0.1.0"
