"""The per-document limit's stop (limits.stop): a run told to stop ends its batches in flight at once."""

from __future__ import annotations

import threading
import time

import pytest

from ascurate.runtime import limits
from ascurate.runtime.limits import DocumentRunner, DocumentTimeout


@pytest.fixture
def stoppable(monkeypatch):
    """A stop flag of this test's own (the process's is set once and for good)."""
    monkeypatch.setattr(limits, "_stopping", threading.Event())


def test_stop_kills_the_document_in_flight_and_runs_no_more(stoppable):
    with DocumentRunner(30.0) as runner:
        assert runner.run(sum, [1, 2]) == 3  # the child is up
        out: list[object] = []
        t = threading.Thread(target=lambda: out.extend(runner.map(time.sleep, [0.0, 20.0, 20.0, 20.0])))
        t.start()
        time.sleep(1.0)
        begun = time.monotonic()
        limits.stop()
        t.join(15)
        assert not t.is_alive() and time.monotonic() - begun < 10  # not the 60 s the documents would take
        assert out[0] is None
        assert all(isinstance(o, DocumentTimeout) and "stopped" in str(o) for o in out[1:]), out
        assert runner._proc is None  # its child was killed
        with pytest.raises(DocumentTimeout, match="stopped"):
            runner.run(sum, [1, 2])  # and none is started again


def test_stop_also_ends_documents_run_in_process(stoppable):
    runner = DocumentRunner(0)  # no limit: documents run in the caller's thread
    items = iter(runner.map(str.upper, ["a", "b", "c"]))
    assert next(items) == "A"
    limits.stop()
    assert [type(o) for o in items] == [DocumentTimeout, DocumentTimeout]
