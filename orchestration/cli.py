"""`vnwh`: the command line of the warehouse. Every command that writes runs a Dagster job in-process.

Exit codes: 0 = done; 1 = the run failed (a step or a blocking check, reason printed); 2 = wrong usage;
3 = nothing could be read from the input.
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from orchestration import cli_query, runner
from warehouse import db, summary

EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, EXIT_NOTHING_READ = 0, 1, 2, 3
SAMPLE_FILE = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="vnwh: Vietnam's subnational foreign relations, as data built from the news.")
console = Console()
err = Console(stderr=True)


def _report_failures(outcome: runner.RunOutcome) -> None:
    for failure in outcome.failures:
        err.print(f"[red]failed[/red] {failure}", markup=True, highlight=False)
    for check in outcome.checks_failed:
        err.print(f"[yellow]check failed[/yellow] {check}", markup=True, highlight=False)
    if outcome.failures:
        err.print(f"details of the run (dbt output): {runner.run_log_path()}", highlight=False)


def _ingest(config: dict, job: str = "ingest_job") -> runner.RunOutcome:
    outcome = runner.run_job(job, {"ops": {"ingest_articles": {"config": config}}})
    _report_failures(outcome)
    if not outcome.success:
        raise typer.Exit(EXIT_RUN_FAILED)
    return outcome


def _import(paths: list[Path], source: str | None) -> dict:
    outcome = _ingest({"import_paths": [str(p) for p in paths], "source": source})
    return outcome.metadata.get("raw/articles", {})


def _print_import(stats: dict) -> None:
    for line in stats.get("rejected_lines") or []:
        err.print(f"rejected {line}", highlight=False, markup=False)
    console.print(
        f"imported: {stats.get('records_read', 0)} read, {stats.get('new', 0)} new, {stats.get('updated', 0)} "
        f"updated, {stats.get('unchanged', 0) + stats.get('reparsed', 0)} unchanged, "
        f"{stats.get('rejected', 0)} rejected; {stats.get('dagster/row_count', 0)} articles in {db.db_path()}",
        highlight=False,
    )


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="JSONL files (one article per line), saved .html pages, WARC files."),
    source: str = typer.Option(None, "--source", help="Source name for records that do not carry one."),
) -> None:
    """Land articles from files; bad lines are reported as file:line and skipped."""
    stats = _import(files, source)
    _print_import(stats)
    if not stats.get("records_read"):
        err.print("nothing could be read from the input", highlight=False)
        raise typer.Exit(EXIT_NOTHING_READ)


@app.command("build")
def build_command() -> None:
    """Extract facts from new articles, run dbt (models + tests) and publish the serving copy."""
    outcome = runner.run_job("build_job")
    _report_failures(outcome)
    _print_built(outcome)
    if not outcome.success:
        raise typer.Exit(EXIT_RUN_FAILED)


def _print_built(outcome: runner.RunOutcome) -> None:
    """What a run extracted and what the marts now hold."""
    extracted = outcome.metadata.get("raw/extractions", {})
    console.print(f"extracted {extracted.get('articles_extracted', 0)} articles "
                  f"({extracted.get('articles_failed', 0)} failed) with {extracted.get('extractor_version', '?')}",
                  highlight=False)
    _print_marts()


def _print_marts() -> None:
    con = db.connect(read_only=True)
    try:
        table = Table(title=f"marts in {db.db_path()}")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for _, name, rows in summary.table_counts(con, ("marts",)):
            table.add_row(name, str(rows))
        console.print(table)
        partners = summary.top_partners(con)
        if partners:
            console.print("top partners by events: " + ", ".join(f"{name} ({n})" for _, name, n in partners),
                          highlight=False)
    finally:
        con.close()


def _print_crawl(stats: dict) -> None:
    shown = ("discovered", "fetched", "landed_new", "landed_updated", "landed_unchanged", "failed", "parse_errors",
             "skipped", "not_modified", "generic_parses")
    console.print("crawl: " + ", ".join(f"{key.replace('_', ' ')} {stats.get('crawl_' + key, 0)}" for key in shown)
                  + f"; {stats.get('dagster/row_count', 0)} articles in {db.db_path()}", highlight=False)


@app.command("crawl")
def crawl_command(
    since: str = typer.Option(None, "--since", help="First publication date (YYYY-MM-DD); default: 3 days ago."),
    until: str = typer.Option(None, "--until", help="Last publication date (YYYY-MM-DD); default: today."),
    source: list[str] = typer.Option(None, "--source", help="vietnamplus | vneconomy | nld (repeatable); default all."),
    refetch: bool = typer.Option(False, "--refetch", help="Fetch known article URLs again."),
    max_pages: int = typer.Option(None, "--max-pages", help="Stop after this many article fetches."),
    build: bool = typer.Option(False, "--build", help="Then extract, run dbt and publish (like `vnwh build`)."),
) -> None:
    """Crawl the news sites politely (feeds, date-indexed sitemaps, sections) and land new articles."""
    from datetime import date

    for value, name in ((since, "--since"), (until, "--until")):
        try:
            value and date.fromisoformat(value)
        except ValueError:
            err.print(f"{name} {value!r} is not a date (YYYY-MM-DD)", highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
    outcome = _ingest({"crawl": True, "since": since, "until": until, "sources": source or [], "refetch": refetch,
                       "max_pages": max_pages, "progress": True})
    _print_crawl(outcome.metadata.get("raw/articles", {}))
    if build:
        build_command()


@app.command("probe")
def probe_command(
    source: list[str] = typer.Option(None, "--source", help="Sites to probe (repeatable); default all."),
) -> None:
    """Fetch the newest feed item of each site and show which fields each parsing path found (needs network)."""
    from scrapers.probe import format_report, probe

    results = probe(source or None)
    for line in format_report(results):
        console.print(line, highlight=False, markup=False)
    if not all(result.ok for result in results):
        raise typer.Exit(EXIT_RUN_FAILED)


@app.command("demo")
def demo_command() -> None:
    """Crawl the bundled sample from a local web server (no network), build everything, print what it built."""
    console.print(f"demo: crawling the bundled sample ({SAMPLE_FILE.name}) served on 127.0.0.1 into {db.db_path()}",
                  highlight=False)
    outcome = _ingest({"demo_site": True}, job="refresh_job")
    _print_crawl(outcome.metadata.get("raw/articles", {}))
    _print_built(outcome)


@app.command("status")
def status_command() -> None:
    """Rows per layer, freshness and the last runs."""
    path = db.db_path()
    if not path.exists():
        err.print(f"no warehouse at {path}: run `vnwh demo` or `vnwh import` first", highlight=False)
        raise typer.Exit(EXIT_RUN_FAILED)
    con = db.connect(path, read_only=True)
    try:
        table = Table(title=f"warehouse {path}")
        for column in ("schema", "table", "rows"):
            table.add_column(column, justify="right" if column == "rows" else "left")
        for schema, name, rows in summary.table_counts(con):
            table.add_row(schema, name, str(rows))
        console.print(table)
        for key, value in summary.freshness(con).items():
            console.print(f"{key}: {value}", highlight=False)
    finally:
        con.close()
    _print_last_runs()


def _print_last_runs(limit: int = 5) -> None:
    import os

    if not os.environ.get("DAGSTER_HOME"):
        console.print("last runs: set DAGSTER_HOME to keep run history (make dev does)", highlight=False)
        return
    for record in runner.instance().get_run_records(limit=limit):
        run = record.dagster_run
        created = f"{record.create_timestamp:%Y-%m-%d %H:%M}"
        console.print(f"run {run.run_id[:8]} {run.job_name} {run.status.value} {created}", highlight=False)


cli_query.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
