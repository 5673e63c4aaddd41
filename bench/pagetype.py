"""Page type by cross-validation grouped by site: per-type precision and recall, and the
share of articles the rejection threshold would reject (no model is written).

usage: python bench/pagetype.py [--cache FILE.npz] [--furnitureset DIR]

The same figures `python -m ascurate.models.train_pagetype` prints before it writes the
model; the shipped model's card (`ascurate/models/pagetype-v2.json`) keeps them. With
`--furnitureset DIR` (the card's command) the planted-furniture pages are trained on too.
"""

from __future__ import annotations

import sys

from ascurate.models import train_pagetype

if __name__ == "__main__":
    train_pagetype.main(["--cv-only", *sys.argv[1:]])
