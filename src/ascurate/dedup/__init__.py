"""Deduplication: one article per text, across the batch, across runs and at scale.

- text.py       normalised-text hash (exact) and MinHash signature (near), parameters
- index.py      LSH band index over signatures, persisted in the run state
- canonical.py  which copy of a group stays, and the recorded reason
- deduper.py    the ordered step the curator calls, batch by batch
- relabel.py    rewriting earlier files when a later copy of the same run wins
- groups.py     batch grouping (datasketch MinHashLSH) and a group for the review tool
- dask_path.py  the same grouping on a Dask cluster, for corpora beyond one machine
"""

from .canonical import Candidate, choose
from .deduper import Deduper, Relabel
from .groups import group_members, near_groups
from .relabel import apply_relabels
from .text import NUM_PERM, SHINGLE, Sketch, content_hash, normalise, signature, similarity, sketch

__all__ = ["NUM_PERM", "SHINGLE", "Candidate", "Deduper", "Relabel", "Sketch", "apply_relabels", "choose",
           "content_hash", "group_members", "near_groups", "normalise", "signature", "similarity", "sketch"]
