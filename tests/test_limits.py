"""The per-document limit's stop (limits.stop): a run told to stop ends its batches in flight at once."""

from __future__ import annotations

import threading
import time

import pytest

from ascurate.runtime import limits
from ascurate.runtime.limits import DocumentRunner, RunStopped


@pytest.fixture
def stoppable(monkeypatch):
    """A stop flag of this test's own (the process's is set once and for good)."""
    monkeypatch.setattr(limits, "_stopping", threading.Event())


def test_stop_kills_the_document_in_flight_and_runs_no_more(stoppable):
    with DocumentRunner(30.0) as runner:
        assert runner.run(sum, [1, 2]) == 3  # the child is up
        out: list[object] = []

        def read() -> None:
            try:
                out.extend(runner.map(time.sleep, [0.0, 20.0, 20.0, 20.0]))
            except RunStopped as e:  # not a document's failure: the next run does them again
                out.append(e)

        t = threading.Thread(target=read)
        t.start()
        time.sleep(1.0)
        begun = time.monotonic()
        limits.stop()
        t.join(15)
        assert not t.is_alive() and time.monotonic() - begun < 10  # not the 60 s the documents would take
        assert out[0] is None and len(out) == 2 and isinstance(out[1], RunStopped), out
        assert runner._proc is None  # its child was killed
        with pytest.raises(RunStopped, match="stopped"):
            runner.run(sum, [1, 2])  # and none is started again


def test_stop_also_ends_documents_run_in_process(stoppable):
    runner = DocumentRunner(0)  # no limit: documents run in the caller's thread
    items = iter(runner.map(str.upper, ["a", "b", "c"]))
    assert next(items) == "A"
    limits.stop()
    with pytest.raises(RunStopped):
        next(items)


def test_a_stopped_batch_raises_instead_of_recording_errors(stoppable, tmp_path):
    """The documents a stop cut short are not written to errors.jsonl as failures: the batch
    ends with RunStopped, so the flow commits nothing of it and the next run does it all."""
    from ascurate.config import Config
    from ascurate.ingest import discover
    from ascurate.pipeline import process_batch

    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(f"Page {i}. " + "Sleep matters for health. " * 20, encoding="utf-8")
    cfg = Config(doc_timeout=0)
    sources = list(discover(tmp_path, cfg))
    assert len(process_batch(sources, cfg)) == 3
    limits.stop()
    with pytest.raises(RunStopped):
        process_batch(sources, cfg)
