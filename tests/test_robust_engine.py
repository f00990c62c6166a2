"""The local engine under faults: a worker that cannot load the pipeline ends the run with its reason."""

from __future__ import annotations

import os
import time

import pytest

from wirewatch.engines.local import LocalEngine, WorkerFailed
from wirewatch.models import Article, DocError


@pytest.mark.slow
@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("WIREWATCH_LONG_TESTS")),
                    reason="long test (two worker processes load the model): runs in CI (CI=true) or with "
                           "WIREWATCH_LONG_TESTS=1")
def test_a_worker_that_cannot_load_fails_the_run_with_the_reason_instead_of_hanging(tmp_path):
    missing = str(tmp_path / "no-such-profile.toml")
    articles = [Article(id=f"a{i}", text="Shelling hit Izium on Monday, officials said.") for i in range(3)]
    start = time.monotonic()
    with pytest.raises(WorkerFailed, match="could not load the pipeline") as failure:
        with LocalEngine(workers=2, profile=missing) as engine:
            list(engine.process([DocError("bad", "read", "binary data, not text"), *articles]))
    assert "no-such-profile" in str(failure.value) or "profile" in str(failure.value).lower()
    assert time.monotonic() - start < 300
