"""The command line under hostile ids, broken stores and a crash in the corpus stage (no NLP is loaded)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.store import Store


@pytest.fixture
def no_nlp(monkeypatch):
    """Only documents that fail to read reach the engine here: pass them through without a model."""
    import wirewatch.engines.local as local

    monkeypatch.setattr(local, "process", lambda items, **kwargs: iter(list(items)))


def test_rows3_14_ids_are_printed_as_plain_text(tmp_path, no_nlp):
    records = tmp_path / "bad.jsonl"
    ids = ["[/]", "[bold red]x[/", "\x1b]0;owned\x07\x1b[2J", "rtl\u202eexe.txt"]
    records.write_text("\n".join(json.dumps({"id": i, "text": " "}) for i in ids) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(records)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # nothing read: exit 1, no crash
    lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == len(ids)
    assert "[/]" in lines[0] and "[bold red]x[/" in lines[1]
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b]0;owned\\x07" in lines[2] and "\\u202e" in lines[3]


@pytest.mark.parametrize("command", [["report", "-o", "r.html"], ["export", "--format", "csv", "-o", "e.csv"],
                                     ["serve"], ["run", "in.txt"]])
@pytest.mark.parametrize("store", ["missing", "corrupt", "not-a-store"])
def test_row21_a_missing_or_corrupt_store_is_one_line_and_exit_2(tmp_path, monkeypatch, command, store):
    import duckdb
    import uvicorn

    db = tmp_path / "news.duckdb"
    if store == "corrupt":
        db.write_bytes(b"\x00garbage" * 500)
    elif store == "not-a-store":
        duckdb.connect(str(db)).close()
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: served.append(kw))
    monkeypatch.chdir(tmp_path)
    if command[0] == "run" and store != "corrupt":
        pytest.skip("run makes a missing file or an empty database a store")
    result = CliRunner().invoke(app, [command[0], "--db", str(db), *command[1:]])
    assert result.exit_code == 2, result.output
    assert served == []  # serve never starts workers on a store they cannot open
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error")
    assert "Traceback" not in result.output and str(db) in result.stderr


def test_row15_a_run_that_dies_in_the_corpus_stage_is_not_marked_finished(tmp_path, monkeypatch, no_nlp):
    import wirewatch.corpus

    def killed(store, *args, **kwargs):
        raise KeyboardInterrupt  # as a kill would: nothing after this point runs

    monkeypatch.setattr(wirewatch.corpus, "run_corpus_stage", killed)
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    CliRunner().invoke(app, ["run", str(tmp_path / "empty.txt"), "--db", str(db), "-j", "1"])
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*), count(finished) FROM runs").fetchone() == (1, 0)
    reported = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "r.html")])
    assert "1 run(s) did not finish" in reported.stderr  # said, not silent
    monkeypatch.undo()
    import wirewatch.engines.local as local

    monkeypatch.setattr(local, "process", lambda items, **kwargs: iter(list(items)))
    CliRunner().invoke(app, ["run", str(tmp_path / "empty.txt"), "--db", str(db), "-j", "1"])
    with Store(db, read_only=True) as store:  # the next run completes the corpus stage and says so
        assert store.con.execute("SELECT count(*), count(finished) FROM runs").fetchone() == (2, 1)
