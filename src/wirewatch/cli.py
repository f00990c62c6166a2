"""The command line: a thin layer over the library. Output to stdout, logs to stderr."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
import typer.core
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from wirewatch import __version__
from wirewatch.models import Article, DocError, DocResult, RunSummary
from wirewatch.outputs import atomic_path, terminal_text

if TYPE_CHECKING:
    from wirewatch.store import Store


class _PlainHelp:
    """Help that names what a value is (FILE, N, NAME: each option's metavar) instead of its Python type
    (``<list[str]>``, ``--json <bool>``): arguments and flags show no type at all."""

    def format_help(self, ctx: typer.Context, formatter: object) -> None:
        for param in self.get_params(ctx):
            shown = param.metavar if isinstance(param, typer.core.TyperOption) and not param.is_flag else None
            param.display_type_rich = lambda ctx, shown=shown: shown  # this command's parameters only
        super().format_help(ctx, formatter)


class Command(_PlainHelp, typer.core.TyperCommand):
    pass


class Group(_PlainHelp, typer.core.TyperGroup):
    pass


app = typer.Typer(add_completion=False, no_args_is_help=True, cls=Group,
                  help="wirewatch: news about a conflict in; a sourced, geolocated record of what happened out.\n\n"
                       "Start with: wirewatch run NEWS_FOLDER --db news.duckdb, then wirewatch report or serve.")
err = Console(stderr=True)
PLAIN_EVERY = 1000  # off a terminal, one progress line per this many documents

Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursed), URLs, or - for stdin.",
                                            metavar="INPUT")]
Db = Annotated[Path, typer.Option("--db", help="The DuckDB store file.", metavar="FILE")]
Workers = Annotated[int, typer.Option("--workers", "-j", help="Worker processes for the NLP stage.", metavar="N")]
Profile = Annotated[str, typer.Option("--profile", help="Conflict profile: a bundled name or a .toml path.",
                                      metavar="NAME")]
InputFormat = Annotated[str, typer.Option("--input-format", help="auto|text|html|jsonl|warc|feed", metavar="FORMAT")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wirewatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option(  # noqa: UP007 - typer needs Optional
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None) -> None:
    """wirewatch command line."""


@contextmanager
def _progress(label: str, total: int | None, unit: str = "documents",
              every: int = PLAIN_EVERY) -> Iterator[Callable[[int], None]]:
    """A function to call with how many more items are done: on a terminal it moves a bar with the total;
    otherwise it prints a plain line to stderr each ``every`` items ("ingest: 3,000 of 12,000 documents")."""
    if err.is_terminal:
        with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                      transient=True) as progress:
            task = progress.add_task(label, total=total)
            yield lambda n=1: progress.advance(task, n)
        return
    done = 0

    def advance(n: int = 1) -> None:
        nonlocal done
        before, done = done, done + n
        if done // every > before // every:
            err.print(f"{label}: {done:,}{f' of {total:,}' if total else ''} {unit}", highlight=False, markup=False)

    yield advance


def _count_documents(paths: list[str]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (files in folders, lines of JSON Lines);
    None for stdin, URLs, archives and feeds."""
    total = 0
    for name in paths:
        path = Path(name)
        if name == "-" or "://" in name or not path.exists():
            return None
        files = [f for f in path.rglob("*") if f.is_file() and not f.name.startswith(".")] if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in (".warc", ".gz", ".xml", ".rss", ".atom"):
                return None
            if f.suffix.lower() != ".jsonl":
                total += 1
                continue
            with f.open("rb") as lines:
                total += sum(1 for line in lines if line.strip())
    return total


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


@app.command(cls=Command)
def extract(paths: Paths,
            output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSONL here.",  # noqa: UP007
                                                           metavar="FILE")] = None,
            input_format: InputFormat = "auto", workers: Workers = 1, profile: Profile = "russia-ukraine") -> None:
    """Per-document extraction: one JSON object per input document (the extract contract), nothing stored.

    Examples:

      wirewatch extract article.txt

      wirewatch extract news/ -o facts.jsonl
    """
    from wirewatch.engines.local import process

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    read = 0
    try:
        with _progress("extract", _count_documents(paths)) as advance:
            for item in process(_read(paths, input_format, profile), workers=workers, profile=profile):
                if isinstance(item, DocError):
                    _report_error(item)
                    row = item.to_dict()
                else:
                    read += 1
                    row = item.to_dict()
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                advance(1)
    finally:
        if output:
            out.close()
    if read == 0:
        raise typer.Exit(1)


@app.command(cls=Command)
def run(paths: Paths, db: Db, input_format: InputFormat = "auto", workers: Workers = _default_workers(),
        profile: Profile = "russia-ukraine",
        engine: Annotated[str, typer.Option("--engine", help="local (processes) or spark", metavar="ENGINE")]
        = "local",
        out: Annotated[Optional[str], typer.Option("--out", help="spark: Parquet output folder (any URI).",  # noqa: UP007
                                                   metavar="URI")] = None,
        master: Annotated[str, typer.Option("--master", help="spark: master URL.", metavar="URL")] = "local[2]",
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
        ) -> None:
    """Ingest articles into the store (per-document stage), then run the corpus stage; prints a summary.

    Examples:

      wirewatch run news/ --db news.duckdb

      wirewatch run feed.xml https://example.org/article --db news.duckdb --profile sudan-2023

      wirewatch run wire.jsonl --db news.duckdb --json
    """
    from wirewatch.corpus import STEPS, run_corpus_stage

    if engine == "spark":
        _run_spark(paths, db, out, master, input_format, profile)
        return
    if engine != "local":
        raise typer.BadParameter("--engine is local or spark")
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

        with _progress("ingest", _count_documents(paths)) as advance:
            for item in process(fresh(_read(paths, input_format, profile)), workers=workers, profile=profile):
                if isinstance(item, DocError):
                    summary.errors.append(item)
                    store.add_error(item, run_id)
                    _report_error(item)
                elif store.add_result(item, run_id):
                    summary.stored += 1
                else:
                    summary.skipped_duplicates += 1
                advance(1)
        with _progress("corpus stage", len(STEPS), "steps", every=1) as step:
            corpus = run_corpus_stage(store, profile=profile, on_step=lambda name: step(1))
        store.finish_run(run_id, summary)  # only now: a run killed in the corpus stage stays unfinished
    if as_json:
        typer.echo(json.dumps({"read": summary.read, "stored": summary.stored,
                               "already_stored": summary.skipped_duplicates, "errors": len(summary.errors),
                               "corpus": corpus, "db": str(db)}, default=str))
    else:
        typer.echo(run_summary(summary, corpus, db))
    if summary.read == 0:
        raise typer.Exit(1)


def run_summary(summary: RunSummary, corpus: dict, db: Path) -> str:
    """What a run did, for a person: counts, then what to do next."""
    store = terminal_text(str(db))
    errors = f", {len(summary.errors)} could not be read" if summary.errors else ""
    return (f"{summary.read} articles read: {summary.stored} new, {summary.skipped_duplicates} already stored{errors}.\n"
            f"{corpus.get('events', 0)} events, {corpus.get('corroborated_events', 0)} corroborated by more than one "
            f"outlet; {corpus.get('control_changes', 0)} control changes; {corpus.get('comparisons', 0)} checked "
            f"comparisons; {corpus.get('stories', 0)} stories.\n"
            f"Next: wirewatch report --db {store} -o report.html, or wirewatch serve --db {store}")


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


@app.command(cls=Command)
def report(db: Db, output: Annotated[Path, typer.Option("-o", "--output", help="report.html path", metavar="FILE")]
           = Path("report.html"), profile: Profile = "russia-ukraine") -> None:
    """Write the situation report: self-contained HTML, plus Markdown beside it.

    Example:

      wirewatch report --db news.duckdb -o report.html
    """
    from wirewatch.report import build_report

    with _open_store(db, read_only=True) as store:
        built = build_report(store, profile)
        unfinished = store.con.execute("SELECT count(*) FROM runs WHERE finished IS NULL").fetchone()[0]
    if unfinished:  # killed before its corpus stage ended: its events are not merged into the report yet
        err.print(f"warning: {unfinished} run(s) did not finish; run `wirewatch run` again to merge their "
                  "events", highlight=False, markup=False)
    # "-o report.md" names the Markdown: the HTML goes beside it, never over it.
    html_path, md_path = ((output.with_suffix(".html"), output) if output.suffix.lower() == ".md"
                          else (output, output.with_suffix(".md")))
    for path, text in ((html_path, built.html), (md_path, built.markdown)):
        with atomic_path(path) as partial:  # a full disk leaves the previous report whole
            partial.write_text(text, encoding="utf-8")
    err.print(f"wrote {terminal_text(html_path)} and {terminal_text(md_path)}", highlight=False, markup=False)


@app.command(cls=Command)
def export(db: Db, fmt: Annotated[str, typer.Option("--format", help="csv|jsonl|geojson|parquet|acled",
                                                    metavar="FORMAT")],
           output: Annotated[Path, typer.Option("-o", "--output", help="Output path", metavar="FILE")],
           profile: Profile = "russia-ukraine") -> None:
    """Export events: a csv/jsonl row per report, acled/geojson per merged event; parquet: the csv's rows to
    a NAME.parquet file, every table to a folder otherwise.

    Examples:

      wirewatch export --db news.duckdb --format acled -o events.csv

      wirewatch export --db news.duckdb --format geojson -o events.geojson
    """
    from wirewatch.exporters import export as export_store

    with _open_store(db, read_only=True) as store:
        rows = export_store(store, fmt, output, profile)
    err.print(f"wrote {rows} rows to {output}", highlight=False, markup=False)


@app.command(cls=Command)
def serve(db: Db, host: Annotated[str, typer.Option(help="Bind address (loopback unless told otherwise).",
                                                    metavar="ADDRESS")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.", metavar="N")] = 8000,
          workers: Annotated[Optional[int], typer.Option(  # noqa: UP007
              min=1, max=32, help="Server processes (default: one per CPU, at most 4).", metavar="N")] = None,
          cache_mb: Annotated[int, typer.Option(min=0, max=4096, help="Answer cache per process (MB).",
                                                metavar="MB")] = 64,
          allow_host: Annotated[Optional[list[str]], typer.Option(  # noqa: UP007
              "--allow-host", help="Also answer requests for this Host name (repeatable); loopback names and "
              "the bind address always work.", metavar="NAME")] = None,
          profile: Profile = "russia-ukraine") -> None:
    """Serve the web app over the store (read-only): map, event table, claims, search, API docs at /docs.

    Example:

      wirewatch serve --db news.duckdb, then open http://127.0.0.1:8000
    """
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


@app.command(name="eval", cls=Command)
def evaluate(task: Annotated[str, typer.Argument(help="geo|claims|events|corpus|dedup", metavar="TASK")],
             gold: Annotated[Path, typer.Option("--gold", help="Gold data folder or file.", metavar="PATH")],
             limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.",  # noqa: UP007
                                                          metavar="N")] = None,
             ) -> None:
    """Score a stage against gold data; prints JSON metrics.

    Example:

      wirewatch eval events --gold benchmarks/gold/events-real
    """
    import importlib

    if task not in ("geo", "claims", "events", "corpus", "dedup"):
        raise typer.BadParameter("task must be geo, claims, events, corpus or dedup")
    module = importlib.import_module(f"wirewatch.evaluation.{task}")
    try:
        metrics = module.evaluate(gold, limit=limit)
    except FileNotFoundError as exc:  # gold data lives outside the repository: say where, no traceback
        missing = exc.filename or str(exc)
        err.print(f"eval {task}: missing {missing}; the benchmark data is found through WIREWATCH_SHARED "
                  "or a `shared` folder next to the repository",
                  highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(metrics, indent=2, default=str))


@app.command(cls=Command)
def bench(corpus: Annotated[Path, typer.Option("--corpus", help="Folder of articles to time.", metavar="FOLDER")],
          limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.",  # noqa: UP007
                                                       metavar="N")] = None,
          workers: Workers = 2, as_json: Annotated[bool, typer.Option("--json", help="Only the JSON line.")]
          = False) -> None:
    """Throughput of the per-document stage against a plain spaCy parse; JSON on the last line.

    Example:

      wirewatch bench --corpus examples/corpus --limit 20
    """
    from wirewatch.devtools.benchmark import load_corpus, run_bench

    articles = load_corpus(corpus, limit)
    metrics = run_bench(articles, workers=workers)
    if not as_json:
        err.print(f"{metrics['docs']} docs: wirewatch {metrics['docs_per_s']} docs/s, plain parse "
                  f"{metrics['baseline_docs_per_s']} docs/s, ratio {metrics['ratio']}", highlight=False)
    typer.echo(json.dumps(metrics))


if __name__ == "__main__":
    app()
