"""The Prefect flows: curate (raw/ -> curated/), publish (approved articles) and report
(weekly flags and rule hit rates). Only this package and the command line import
Prefect; the work is the library's. The repository's top-level `flows/*.py` are entry
points into these modules for `python flows/curate.py` and prefect.yaml.
"""
