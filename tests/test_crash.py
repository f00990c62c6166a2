"""Crash safety: ``wirewatch run`` killed with SIGKILL mid-ingest, then run again, stores every article once.

The kill comes right after the run reports an error for a junk file placed in the
middle of the input (inputs are processed in order), so it lands while articles
are being written. Then the store must open cleanly and a second run must complete
the work: each article exactly once, no facts without their article, none doubled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from wirewatch.store import Store

LONG = pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("WIREWATCH_LONG_TESTS")),
                          reason="long test (three pipeline starts): runs in CI (CI=true) or with "
                                 "WIREWATCH_LONG_TESTS=1")
PLACES = ["Izium", "Balakliia", "Kupiansk", "Chuhuiv", "Derhachi", "Zolochiv", "Lyman", "Vovchansk"]
N_GOOD = 40


def _corpus(folder: Path) -> None:
    for i in range(N_GOOD):
        place = PLACES[i % len(PLACES)]
        (folder / f"{i:03d}-good.txt").write_text(
            f"date 2022-05-{10 + i % 15:02d} source: Outlet {i % 5}\n"
            f"Shelling hit {place} overnight, article {i}\n\n"
            f"Russian artillery struck {place} on the night of day {i}, damaging {i % 4 + 1} houses, "
            f"the regional governor said on Telegram. Ukrainian forces said they had pushed back an "
            f"assault near {PLACES[(i + 3) % len(PLACES)]}.\n", encoding="utf-8")
    for i in (8, 20):  # junk in the middle: its error line tells the test the ingest has got that far
        (folder / f"{i:03d}-junk.txt").write_bytes(bytes(range(256)) * 4)


def _run(folder: Path, db: Path, kill_after_errors: int | None = None) -> int:
    cmd = [sys.executable, "-m", "wirewatch.cli", "run", str(folder), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    if kill_after_errors is None:
        proc.communicate(timeout=600)
        return proc.returncode
    seen = 0
    deadline = time.monotonic() + 600
    assert proc.stderr is not None
    for line in proc.stderr:
        seen += line.startswith("error ")
        if seen >= kill_after_errors or time.monotonic() > deadline:
            break
    time.sleep(0.3)  # let it get into the next article's transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    return proc.returncode


def _check_store(db: Path) -> dict[str, int]:
    with Store(db) as store:  # opens cleanly (replays or discards the WAL) and is writable
        counts = store.counts()
        con = store.con
        docs = con.execute("SELECT count(*), count(DISTINCT doc_id), count(DISTINCT content_hash) "
                           "FROM articles").fetchone()
        assert docs[0] == docs[1] == docs[2], "an article is stored twice"
        for table in ("places", "dates", "entities", "claims", "events", "control", "boilerplate"):
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                  f"(SELECT article_id FROM articles)").fetchone()[0]
            assert orphans == 0, f"{table} has rows of an article that was never stored"
        doubled = con.execute("SELECT count(*) FROM (SELECT article_id, event_index FROM events "
                              "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
        assert doubled == 0
    return counts


@pytest.mark.slow
@LONG
def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _corpus(folder)
    db = tmp_path / "store.duckdb"

    _run(folder, db, kill_after_errors=1)
    first = _check_store(db)
    assert 0 < first["articles"] < N_GOOD, "the kill should land mid-ingest"

    _run(folder, db, kill_after_errors=1)  # killed again, at another point of the work left
    _check_store(db)

    assert _run(folder, db) == 0
    final = _check_store(db)
    assert final["articles"] == N_GOOD
    con = duckdb.connect(str(db), read_only=True)
    names = {r[0].rsplit("/", 1)[-1] for r in con.execute("SELECT source_path FROM articles").fetchall()}
    assert names == {f"{i:03d}-good.txt" for i in range(N_GOOD)}
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= N_GOOD  # facts came with them
    con.close()
