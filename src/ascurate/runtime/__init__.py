"""How a run runs, apart from what it does to a document: the per-document time limit
(limits, warm), one run per curated folder (lock), the run state beside it (state,
filestat), the local Prefect servers (servers) and the progress hook (progress)."""
