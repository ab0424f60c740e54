"""Run tasks on a few worker threads, each with its own cursor of one DuckDB connection.

DuckDB runs the statements of different cursors of one connection at the same time (the Python client releases the
GIL while a statement runs), so two threads keep two cores busy even where one statement alone uses only one,
e.g. the compression at commit. Each statement on a cursor commits on its own unless the task opens a transaction.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

import duckdb

T = TypeVar("T")
Task = Callable[[duckdb.DuckDBPyConnection], T]


def run_on_cursors(
    con: duckdb.DuckDBPyConnection,
    tasks: Sequence[Task],
    workers: int = 2,
    setup: Callable[[duckdb.DuckDBPyConnection], None] = lambda cursor: None,
) -> list[T]:
    """Run ``tasks`` in their order on ``workers`` threads (each calls ``setup`` on its cursor first); return their
    results in task order. After the first failure no worker starts another task; it is raised once all stopped."""
    results: list = [None] * len(tasks)
    pending = iter(range(len(tasks)))
    lock = threading.Lock()
    failures: list[BaseException] = []

    def next_task() -> int | None:
        with lock:
            return None if failures else next(pending, None)

    def work() -> None:
        try:
            with con.cursor() as cursor:
                setup(cursor)
                while (index := next_task()) is not None:
                    results[index] = tasks[index](cursor)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=work, name=f"vnwh-cursor-{n}") for n in range(max(1, workers))]
    for thread in threads:
        thread.start()
    _join_all(threads, failures, lock)
    if failures:
        raise failures[0]
    return results


def _join_all(threads: list[threading.Thread], failures: list[BaseException], lock: threading.Lock) -> None:
    """Wait for every worker; an interrupt (Ctrl-C) stops them taking new tasks, and is raised once they stopped."""
    try:
        for thread in threads:
            thread.join()
    except BaseException as exc:
        with lock:
            failures.append(exc)
        for thread in threads:
            thread.join()
        raise
