"""The trainers' `--jobs`: work done in worker processes is the work of one process, bit
for bit (the shipped models are written the same whichever way they are trained)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from ascurate.models import corpora, train, train_textlines
from ascurate.models.parallel import Clock, Pool

from .conftest import need_shared
from .corpus_pages import CORPUS


@pytest.fixture(scope="module")
def workers():
    with Pool(2) as pool:
        yield pool


@pytest.fixture(scope="module")
def health_pages() -> tuple[corpora.Page, ...]:
    """8 health-dev pages of as many sites (a fold needs one), and the seeds (plain text)."""
    need_shared(CORPUS / "health-dev")
    found = (*itertools.islice(corpora.pages(("health-dev",)), 8), *corpora.pages(("seeds",)))
    assert len({p.site for p in found}) >= 5
    return found


def test_pages_rendered_and_featurised_in_workers_are_those_of_one_process(workers, health_pages):
    one = train_textlines.page_lines(None, health_pages)
    two = train_textlines.page_lines(workers, health_pages)
    assert [d.name for d in two] == [d.name for d in one] and two == one
    assert {d.corpus for d in one} == {"health-dev", "seeds"}
    for a, b in zip(train_textlines.features(one), train_textlines.features(two, workers), strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_site_folds_fitted_in_workers_score_every_line_as_one_process_does(workers, health_pages):
    docs = train_textlines.page_lines(None, health_pages)
    feats = train_textlines.features(docs)
    one, one_model = train_textlines.cross_validate(docs, feats, final=True, rounds=20)
    two, two_model = train_textlines.cross_validate(docs, feats, pool=workers, final=True, rounds=20)
    assert len(one) == len(two) == len(docs)
    for a, b in zip(one, two, strict=True):
        assert len(a) and np.array_equal(a, b)  # every page scored, by the model of its fold
    assert one_model is not None and two_model is not None
    assert one_model.result() == two_model.result()  # the model on every page: the same text
    assert len(workers.cpu) == 2  # both workers took folds


def test_the_clock_counts_each_workers_cpu_time(workers, capsys):
    clock = Clock(workers)
    workers.map(sum, [(range(3_000_000),)] * 4, chunk=1)
    clock.lap("sums")
    line = capsys.readouterr().out
    assert line.startswith("[sums: ") and "workers " in line
    assert clock.idle_wall > 0 and "CPU-s in all" in clock.total()


@pytest.mark.slow
def test_a_corpus_extracted_in_workers_is_cached_as_one_process_caches_it(tmp_path):
    need_shared(CORPUS / "health-dev")
    one = train.load_pages(["health-dev"], tmp_path / "one", jobs=1)
    two = train.load_pages(["health-dev"], tmp_path / "two", jobs=2)
    assert len(one) > 30 and [p.source for p in two] == [p.source for p in one]
    for a, b in zip(one, two, strict=True):
        assert a.blocks == b.blocks and np.array_equal(a.rows, b.rows) and np.array_equal(a.labels, b.labels)
    for name in ("health-dev.json", "health-dev.npy"):  # the same cache, byte for byte, and no shard left
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == ["health-dev.json", "health-dev.npy"]
