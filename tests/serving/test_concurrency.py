"""Readers of the serving copy and publishes never block each other, and readers never see a half-built copy."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import sqlalchemy as sa
from serving_factory import add_filler, make_build_db
from sqlalchemy.pool import NullPool

from warehouse.db import connect
from warehouse.publish import publish

PROBE = Path(__file__).with_name("reader_probe.py")


def _grow_build(build: Path, generation: int) -> None:
    """What a build does between publishes: write the build file, then close it."""
    con = connect(build)
    try:
        add_filler(con, 20_000, tag=f"g{generation}-")
        con.execute(
            "insert into marts.fct_trade_flows (trade_flow_id, article_id, reporter_country_code, flow, evidence)"
            " values (?, 'a1', 'VN', 'export', 'Xuất khẩu tiếp tục tăng.')", [f"extra-{generation}"])
    finally:
        con.close()


def _vector(manifest) -> list:
    counts = manifest.row_counts
    return [counts["marts.fct_event_mentions"], counts["marts.fct_trade_flows"], manifest.built_at]


def test_reader_processes_during_publishes_see_old_or_new_never_partial(tmp_path: Path) -> None:
    build = make_build_db(tmp_path / "vnwh.duckdb", filler_rows=20_000)
    serving = tmp_path / "serving.duckdb"
    manifests = [publish(build, serving)]
    stop = tmp_path / "stop"
    probes = {mode: _start_probe(mode, serving, tmp_path, stop) for mode in ("held", "fresh")}
    try:
        for process, _out, ready in probes.values():
            _wait_for(ready, process)
        for generation in (2, 3, 4):
            _grow_build(build, generation)
            started = time.monotonic()
            manifests.append(publish(build, serving))  # would raise if the held reader's lock blocked it
            assert time.monotonic() - started < 10
        stop.touch()
        for process, _out, _ready in probes.values():
            assert process.wait(timeout=30) == 0
    finally:
        for process, _out, _ready in probes.values():
            if process.poll() is None:
                process.kill()
    vectors = [_vector(m) for m in manifests]
    held, fresh = (json.loads(probes[mode][1].read_text()) for mode in ("held", "fresh"))
    assert held["errors"] == [] and fresh["errors"] == []
    assert held["snapshots"] and all(snap == vectors[0] for snap in held["snapshots"])  # keeps the old inode
    assert all(snap in vectors for snap in fresh["snapshots"])  # old or new, never partial
    generations = [vectors.index(snap) for snap in fresh["snapshots"]]
    assert generations == sorted(generations) and generations[-1] == len(vectors) - 1
    assert len(set(generations)) >= 3


def test_in_process_connections_share_the_instance_until_all_close(tmp_path: Path) -> None:
    """DuckDB caches one instance per path and process: documented caveat for pooled BI tools (docs/BI.md)."""
    build = make_build_db(tmp_path / "vnwh.duckdb")
    serving = tmp_path / "serving.duckdb"
    publish(build, serving)
    first = duckdb.connect(str(serving), read_only=True)
    _grow_build(build, 2)
    publish(build, serving)
    second = duckdb.connect(str(serving), read_only=True)  # same process, first still open: same old instance
    assert second.execute("select count(*) from marts.fct_trade_flows").fetchone()[0] == 2
    second.close()
    first.close()
    third = duckdb.connect(str(serving), read_only=True)
    assert third.execute("select count(*) from marts.fct_trade_flows").fetchone()[0] == 3
    third.close()


PUBLISHER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from serving_factory import add_filler
from warehouse.db import connect
from warehouse.publish import publish
counts = []
for round_ in range(3):
    con = connect(Path(sys.argv[1]))
    add_filler(con, 10_000, tag=f"p{round_}-")
    con.close()
    counts.append(publish(Path(sys.argv[1]), Path(sys.argv[2])).row_counts["marts.fct_event_mentions"])
print(json.dumps(counts))
"""


def test_sqlalchemy_read_only_engine_during_publishes(tmp_path: Path) -> None:
    build = make_build_db(tmp_path / "vnwh.duckdb", filler_rows=30_000)
    serving = tmp_path / "serving.duckdb"
    first = publish(build, serving).row_counts["marts.fct_event_mentions"]
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(build), str(serving), str(Path(__file__).parent)],
        stdout=subprocess.PIPE, text=True,
    )
    engine = sa.create_engine(f"duckdb:///{serving}?access_mode=read_only", poolclass=NullPool)
    seen = []
    try:
        while publisher.poll() is None:
            with engine.connect() as conn:
                seen.append(conn.execute(sa.text("select count(*) from marts.fct_event_mentions")).scalar_one())
        published = json.loads(publisher.stdout.read())
        assert publisher.returncode == 0
        with engine.connect() as conn:
            assert conn.execute(sa.text("select count(*) from marts.fct_event_mentions")).scalar_one() == published[-1]
            try:
                conn.execute(sa.text("create table marts.scratch (x integer)"))
                raise AssertionError("a write through the read-only engine succeeded")
            except sa.exc.DBAPIError as exc:
                assert "read-only" in str(exc).lower()
    finally:
        engine.dispose()
        if publisher.poll() is None:
            publisher.kill()
    assert seen and set(seen) <= {first, *published}


def test_writer_on_build_file_does_not_affect_serving_readers(tmp_path: Path) -> None:
    build = make_build_db(tmp_path / "vnwh.duckdb")
    serving = tmp_path / "serving.duckdb"
    publish(build, serving)
    writer = connect(build)  # a build in progress holds the build file read-write
    try:
        reader = duckdb.connect(str(serving), read_only=True)
        assert reader.execute("select count(*) from marts.dim_articles").fetchone()[0] == 4
        reader.close()
    finally:
        writer.close()


def _start_probe(mode: str, serving: Path, tmp_path: Path, stop: Path) -> tuple[subprocess.Popen, Path, Path]:
    out, ready = tmp_path / f"{mode}.json", tmp_path / f"{mode}.ready"
    process = subprocess.Popen([sys.executable, str(PROBE), mode, str(serving), str(out), str(stop), str(ready)])
    return process, out, ready


def _wait_for(flag: Path, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not flag.exists():
        assert process.poll() is None, "the reader process died"
        assert time.monotonic() < deadline, "the reader never got ready"
        time.sleep(0.02)
