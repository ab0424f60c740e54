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


def _import(paths: list[Path], source: str | None) -> dict:
    outcome = runner.run_job(
        "ingest_job",
        {"ops": {"ingest_articles": {"config": {"import_paths": [str(p) for p in paths], "source": source}}}},
    )
    _report_failures(outcome)
    if not outcome.success:
        raise typer.Exit(EXIT_RUN_FAILED)
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


def _build() -> runner.RunOutcome:
    outcome = runner.run_job("build_job")
    _report_failures(outcome)
    return outcome


@app.command("build")
def build_command() -> None:
    """Extract facts from new articles, run dbt (models + tests) and publish the serving copy."""
    outcome = _build()
    extracted = outcome.metadata.get("raw/extractions", {})
    console.print(f"extracted {extracted.get('articles_extracted', 0)} articles "
                  f"({extracted.get('articles_failed', 0)} failed) with {extracted.get('extractor_version', '?')}",
                  highlight=False)
    _print_marts()
    if not outcome.success:
        raise typer.Exit(EXIT_RUN_FAILED)


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


@app.command("demo")
def demo_command() -> None:
    """Run the main job end to end on the bundled sample (no network) and print what it built."""
    console.print(f"demo: importing the bundled sample {SAMPLE_FILE.name} into {db.db_path()}", highlight=False)
    _print_import(_import([SAMPLE_FILE], None))
    build_command()


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
