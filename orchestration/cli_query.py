"""`vnwh query` and `vnwh shell`: read-only SQL against the published serving copy (never the build file)."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal

import typer
from rich.console import Console
from rich.table import Table

from warehouse.serving import QueryRejected, ServingNotFound, run_query

EXIT_QUERY_FAILED = 1
console = Console()
err = Console(stderr=True)


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def print_result(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        for row in rows:
            print(json.dumps({c: _jsonable(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False))
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*["" if v is None else str(v) for v in row])
        console.print(table)
        console.print(f"{len(rows)} rows", highlight=False)


def execute(sql: str, params: list[str] | None, fmt: str, limit: int | None) -> bool:
    try:
        columns, rows = run_query(sql, params or None, max_rows=limit)
    except (QueryRejected, ServingNotFound) as exc:
        err.print(str(exc), highlight=False, markup=False)
        return False
    except Exception as exc:  # noqa: BLE001 - a SQL error is the user's to read, not a crash
        err.print(f"query failed: {exc}", highlight=False, markup=False)
        return False
    print_result(columns, rows, fmt)
    return True


def register(app: typer.Typer) -> None:
    @app.command("query")
    def query_command(
        sql: str = typer.Argument(..., help="One read-only statement (SELECT/EXPLAIN); `?` placeholders allowed."),
        param: list[str] = typer.Option(None, "--param", "-p", help="A value for the next `?` placeholder."),
        fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json (one object per line)."),
        limit: int = typer.Option(None, "--limit", help="Print at most this many rows."),
    ) -> None:
        """Run one read-only SQL query on the serving copy (marts and ops schemas are on the search path)."""
        if fmt not in ("table", "csv", "json"):
            err.print("--format must be table, csv or json", highlight=False)
            raise typer.Exit(2)
        if not execute(sql, param, fmt, limit):
            raise typer.Exit(EXIT_QUERY_FAILED)

    @app.command("shell")
    def shell_command() -> None:
        """Interactive read-only SQL on the serving copy: end statements with ';', `.tables` lists, `.quit` exits."""
        buffer: list[str] = []
        while True:
            try:
                line = input("vnwh> " if not buffer else "  ...> ")
            except EOFError:
                break
            stripped = line.strip()
            if not buffer and stripped in (".quit", ".exit"):
                break
            if not buffer and stripped == ".tables":
                execute("select table_schema, table_name from information_schema.tables order by 1, 2",
                        None, "table", None)
                continue
            buffer.append(line)
            if stripped.endswith(";"):
                execute("\n".join(buffer).rstrip().rstrip(";"), None, "table", None)
                buffer = []
