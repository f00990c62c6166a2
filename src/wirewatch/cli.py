"""The command line: a thin layer over the library. Output to stdout, logs to stderr."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from wirewatch import __version__
from wirewatch.models import Article, DocError, DocResult, RunSummary
from wirewatch.outputs import atomic_path, terminal_text

if TYPE_CHECKING:
    from wirewatch.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="wirewatch: news about a conflict in; a sourced, geolocated record of what happened out.")
err = Console(stderr=True)

Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursed), URLs, or - for stdin.")]
Db = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
Workers = Annotated[int, typer.Option("--workers", "-j", help="Worker processes for the NLP stage.")]
Profile = Annotated[str, typer.Option("--profile", help="Conflict profile: a bundled name or a .toml path.")]
InputFormat = Annotated[str, typer.Option("--input-format", help="auto|text|html|jsonl|warc|feed")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wirewatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option(  # noqa: UP007 - typer needs Optional
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None) -> None:
    """wirewatch command line."""


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    """A rich progress bar on a terminal; silent when stderr is not a TTY."""
    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, disable=not err.is_terminal, transient=True)
    with progress:
        yield progress


def _report_error(error: DocError) -> None:
    # Ids and reasons come from the input: plain text (no console markup), escape codes shown, not run.
    err.print(Text.assemble(("error", "red"), f" {terminal_text(error.id)}: {error.stage}: "
                            f"{terminal_text(error.reason)}"), highlight=False, soft_wrap=True)


def _open_store(db: Path, read_only: bool = False) -> Store:
    """The store, or one error line and exit status 2 when it cannot be opened."""
    from wirewatch.store import Store, StoreError

    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        err.print(Text.assemble(("error", "red"), f" {terminal_text(exc)}"), highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _read(paths: list[str], input_format: str, profile: str) -> Iterator[Article | DocError]:
    from wirewatch.profile import load_profile
    from wirewatch.readers import read_inputs

    conflict = load_profile(profile)
    year = conflict.start.year if conflict.start else None
    yield from read_inputs(paths, input_format=input_format, default_year=year)


def _default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


@app.command()
def extract(paths: Paths,
            output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSONL here.")] = None,  # noqa: UP007
            input_format: InputFormat = "auto", workers: Workers = 1, profile: Profile = "russia-ukraine") -> None:
    """Per-document extraction: one JSON object per input document (the extract contract)."""
    from wirewatch.engines.local import process

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    read = 0
    try:
        with _progress("extract") as progress:
            task = progress.add_task("extract", total=None)
            for item in process(_read(paths, input_format, profile), workers=workers, profile=profile):
                if isinstance(item, DocError):
                    _report_error(item)
                    row = item.to_dict()
                else:
                    read += 1
                    row = item.to_dict()
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if output:
            out.close()
    if read == 0:
        raise typer.Exit(1)


@app.command()
def run(paths: Paths, db: Annotated[Optional[Path], typer.Option("--db", help="The DuckDB store file.")] = None,  # noqa: UP007
        input_format: InputFormat = "auto", workers: Workers = _default_workers(),
        profile: Profile = "russia-ukraine",
        engine: Annotated[str, typer.Option("--engine", help="local (processes) or spark")] = "local",
        out: Annotated[Optional[str], typer.Option("--out", help="spark: Parquet output folder (any URI).")] = None,  # noqa: UP007
        master: Annotated[str, typer.Option("--master", help="spark: master URL.")] = "local[2]") -> None:
    """Ingest articles into the store (per-document stage), then run the corpus stage."""
    from wirewatch.corpus import run_corpus_stage

    if engine == "spark":
        _run_spark(paths, db, out, master, input_format, profile)
        return
    if engine != "local" or db is None:
        raise typer.BadParameter("the local engine needs --db; --engine is local or spark")
    from wirewatch.engines.local import process

    summary = RunSummary()
    with _open_store(db) as store:
        run_id = store.begin_run("run", list(paths))

        def fresh(items: Iterable[Article | DocError]) -> Iterator[Article | DocError]:
            # Known texts skip the NLP stage entirely: re-running an ingest is cheap.
            for item in items:
                if isinstance(item, Article):
                    summary.read += 1
                    if store.has_article(item.text):
                        summary.skipped_duplicates += 1
                        continue
                yield item

        with _progress("ingest") as progress:
            task = progress.add_task("ingest", total=None)
            for item in process(fresh(_read(paths, input_format, profile)), workers=workers, profile=profile):
                if isinstance(item, DocError):
                    summary.errors.append(item)
                    store.add_error(item, run_id)
                    _report_error(item)
                elif store.add_result(item, run_id):
                    summary.stored += 1
                else:
                    summary.skipped_duplicates += 1
                progress.advance(task)
        corpus = run_corpus_stage(store, profile=profile)
        store.finish_run(run_id, summary)  # only now: a run killed in the corpus stage stays unfinished
    err.print(f"read {summary.read}, stored {summary.stored}, already stored {summary.skipped_duplicates}, "
              f"errors {len(summary.errors)}; corpus stage: {json.dumps(corpus, default=str)}", highlight=False,
              markup=False)
    if summary.read == 0:
        raise typer.Exit(1)


def _run_spark(paths: list[str], db: Path | None, out: str | None, master: str, input_format: str,
               profile: str) -> None:
    """Per-document stage on Spark into Parquet; with --db, imported and the corpus stage run in DuckDB."""
    from wirewatch.engines import spark

    if not out:
        raise typer.BadParameter("--engine spark needs --out (a folder or URI for the Parquet tables)")
    reason = spark.unavailable()
    if reason:
        err.print(f"[red]error[/red] the Spark engine cannot run: {reason}", highlight=False)
        raise typer.Exit(2)
    counts = spark.run_spark(paths, out, master=master, profile=profile, input_format=input_format)
    err.print(f"spark: wrote {json.dumps(counts)} rows under {out}", highlight=False, markup=False)
    if db is not None:
        from wirewatch.corpus import run_corpus_stage

        with _open_store(db) as store:
            run_id = store.begin_run("run --engine spark", list(paths))
            imported = spark.import_parquet(store, out, run_id)
            summary = RunSummary(read=counts["articles"], stored=imported["articles"],
                                 skipped_duplicates=counts["articles"] - imported["articles"])
            corpus = run_corpus_stage(store, profile=profile)
            store.finish_run(run_id, summary)
            store.con.execute("UPDATE runs SET errors = ? WHERE run_id = ?", [imported["errors"], run_id])
        err.print(f"stored {imported['articles']} articles; corpus stage: {json.dumps(corpus, default=str)}",
                  highlight=False, markup=False)
    if counts["articles"] == 0:
        raise typer.Exit(1)


@app.command()
def report(db: Db, output: Annotated[Path, typer.Option("-o", "--output", help="report.html path")] = Path(
        "report.html")) -> None:
    """Write the situation report: self-contained HTML, plus Markdown beside it."""
    from wirewatch.report import build_report

    with _open_store(db, read_only=True) as store:
        built = build_report(store)
    # "-o report.md" names the Markdown: the HTML goes beside it, never over it.
    html_path, md_path = ((output.with_suffix(".html"), output) if output.suffix.lower() == ".md"
                          else (output, output.with_suffix(".md")))
    for path, text in ((html_path, built.html), (md_path, built.markdown)):
        with atomic_path(path) as partial:  # a full disk leaves the previous report whole
            partial.write_text(text, encoding="utf-8")
    err.print(f"wrote {terminal_text(html_path)} and {terminal_text(md_path)}", highlight=False, markup=False)


@app.command()
def export(db: Db, fmt: Annotated[str, typer.Option("--format", help="csv|jsonl|geojson|parquet|acled")],
           output: Annotated[Path, typer.Option("-o", "--output", help="Output path")]) -> None:
    """Export events in a standard format: csv/jsonl per report, acled/geojson per merged event, parquet all tables."""
    from wirewatch.exporters import export as export_store

    with _open_store(db, read_only=True) as store:
        rows = export_store(store, fmt, output)
    err.print(f"wrote {rows} rows to {output}", highlight=False, markup=False)


@app.command()
def serve(db: Db, host: Annotated[str, typer.Option(help="Bind address (loopback unless told otherwise).")]
          = "127.0.0.1", port: Annotated[int, typer.Option(help="Port.")] = 8000,
          workers: Annotated[Optional[int], typer.Option(  # noqa: UP007
              min=1, max=32, help="Server processes (default: one per CPU, at most 4).")] = None,
          cache_mb: Annotated[int, typer.Option(min=0, max=4096, help="Answer cache per process (MB).")] = 64,
          allow_host: Annotated[Optional[list[str]], typer.Option(  # noqa: UP007
              "--allow-host", help="Also answer requests for this Host name (repeatable); loopback names and "
              "the bind address always work.")] = None,
          profile: Profile = "russia-ukraine") -> None:
    """Serve the map-and-timeline web app over the store (read-only)."""
    import os

    import uvicorn

    from wirewatch.web import create_app

    _open_store(db, read_only=True).close()  # a missing or corrupt store: one line and exit, no crashing workers
    workers = workers or min(4, os.cpu_count() or 1)
    hosts = [*(allow_host or []), *([host] if host not in ("0.0.0.0", "::") else [])]
    if workers == 1:
        uvicorn.run(create_app(str(db), cache_mb, hosts, profile), host=host, port=port, log_level="info", access_log=False)
        return
    # Several processes, each with its own read-only connection: uvicorn imports the app by name in each.
    os.environ["WIREWATCH_WEB_DB"], os.environ["WIREWATCH_WEB_CACHE_MB"] = str(db.resolve()), str(cache_mb)
    os.environ["WIREWATCH_WEB_HOSTS"], os.environ["WIREWATCH_WEB_PROFILE"] = ",".join(hosts), profile
    uvicorn.run("wirewatch.web:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="info", access_log=False)  # a log line per request costs more than a cached answer


@app.command(name="eval")
def evaluate(task: Annotated[str, typer.Argument(help="geo|claims|events|corpus|dedup")],
             gold: Annotated[Path, typer.Option("--gold", help="Gold data folder or file.")],
             limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.")] = None,  # noqa: UP007
             ) -> None:
    """Score a stage against gold data; prints JSON metrics."""
    import importlib

    if task not in ("geo", "claims", "events", "corpus", "dedup"):
        raise typer.BadParameter("task must be geo, claims, events, corpus or dedup")
    module = importlib.import_module(f"wirewatch.evaluation.{task}")
    typer.echo(json.dumps(module.evaluate(gold, limit=limit), indent=2, default=str))


@app.command()
def bench(corpus: Annotated[Path, typer.Option("--corpus", help="Folder of articles to time.")],
          limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.")] = None,  # noqa: UP007
          workers: Workers = 2, as_json: Annotated[bool, typer.Option("--json", help="Only the JSON line.")]
          = False) -> None:
    """Throughput of the per-document stage against a plain spaCy parse; JSON on the last line."""
    from wirewatch.devtools.benchmark import load_corpus, run_bench

    articles = load_corpus(corpus, limit)
    metrics = run_bench(articles, workers=workers)
    if not as_json:
        err.print(f"{metrics['docs']} docs: wirewatch {metrics['docs_per_s']} docs/s, plain parse "
                  f"{metrics['baseline_docs_per_s']} docs/s, ratio {metrics['ratio']}", highlight=False)
    typer.echo(json.dumps(metrics))


if __name__ == "__main__":
    app()
