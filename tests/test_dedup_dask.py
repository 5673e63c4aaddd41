"""The Dask path of near-duplicate grouping gives the single-machine groups."""

from __future__ import annotations

import json
import random

import pytest

from ascurate.dedup import near_groups, sketch
from ascurate.dedup.dask_path import near_groups_dask

from .test_dedup import builder

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def docs(corpus) -> dict[str, str]:
    """Twelve corpus articles, each with an edited copy and a two-thirds excerpt."""
    rng = random.Random(4)
    edit = builder().edit
    out: dict[str, str] = {}
    golds = sorted((corpus / "health-dev").glob("*.gold.json"))
    texts = [json.loads(p.read_text(encoding="utf-8"))["main_content"] for p in golds]
    texts = [t for t in texts if len(t.split()) >= 200][:12]
    for i, t in enumerate(texts):
        paras = t.split("\n")
        out[f"a{i:02d}"] = t
        out[f"a{i:02d}-edited"] = "\n".join(edit(paras, rng))
        out[f"a{i:02d}-excerpt"] = "\n".join(paras[: max(1, len(paras) * 2 // 3)])
    return out


@pytest.mark.slow  # starts a local Dask cluster
def test_dask_groups_equal_single_machine_groups(docs):
    single = near_groups({k: sketch(v) for k, v in docs.items()})
    assert len(single) == 12 and all(len(g) == 3 and len({m[:3] for m in g}) == 1 for g in single)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        on_dask = near_groups_dask(sorted(docs.items()), npartitions=4)
    assert on_dask == single
