"""Parquet exports: a marts table whose content did not change is hard-linked from the live generation, a changed
one is exported again, and a linked file outlives the generation it came from."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from warehouse.db import connect
from warehouse.exports import fingerprint
from warehouse.publish import manifest_path, publish


def _file(exports: Path, table: str) -> Path:
    return (exports / table / "data.parquet").resolve()


def _rows(path: Path, order: str) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(f"select * from read_parquet('{path}') order by {order}").fetchall()


def _marts(build_db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(build_db), read_only=True) as con:
        return {t: con.execute(f"select * from marts.{t} order by all").fetchall()
                for t in ("dim_countries", "fct_trade_flows")}


def test_unchanged_tables_are_linked_changed_ones_exported_and_links_outlive_pruning(build_db, tmp_path) -> None:
    serving, exports = tmp_path / "serving.duckdb", tmp_path / "exports"
    first = publish(build_db, serving)
    assert first.export_generation == os.readlink(exports)
    before = {t: _file(exports, t) for t in ("dim_countries", "fct_trade_flows")}

    con = connect(build_db)
    con.execute("update marts.fct_trade_flows set value_usd = coalesce(value_usd, 0) + 1")   # same row count
    con.close()
    second = publish(build_db, serving)
    assert second.export_fingerprints["dim_countries"] == first.export_fingerprints["dim_countries"]
    assert second.export_fingerprints["fct_trade_flows"] != first.export_fingerprints["fct_trade_flows"]
    countries, trade = _file(exports, "dim_countries"), _file(exports, "fct_trade_flows")
    assert countries != before["dim_countries"] and os.path.samefile(countries, before["dim_countries"])  # linked
    assert not os.path.samefile(trade, before["fct_trade_flows"])                                         # exported

    publish(build_db, serving)   # a third generation: the first one is pruned
    assert not before["dim_countries"].exists()
    countries = _file(exports, "dim_countries")
    assert os.stat(countries).st_nlink == 2   # the live generation and the previous one share it
    expected = _marts(build_db)
    assert _rows(countries, "all") == expected["dim_countries"]
    assert _rows(_file(exports, "fct_trade_flows"), "all") == expected["fct_trade_flows"]


def test_nothing_is_linked_when_the_manifest_does_not_describe_the_live_exports(build_db, tmp_path) -> None:
    serving, exports = tmp_path / "serving.duckdb", tmp_path / "exports"
    publish(build_db, serving)
    first = _file(exports, "dim_countries")
    manifest = json.loads(manifest_path(serving).read_text())
    manifest_path(serving).write_text(json.dumps({**manifest, "export_generation": ".exports.gen-other"}))
    publish(build_db, serving)
    assert not os.path.samefile(_file(exports, "dim_countries"), first)
    manifest_path(serving).write_text("{ not json")
    publish(build_db, serving)   # a broken manifest: exported again, not an error
    assert _rows(_file(exports, "dim_countries"), "all") == _marts(build_db)["dim_countries"]


def test_the_manifest_inside_the_copy_names_the_generation_and_fingerprints(build_db, tmp_path) -> None:
    manifest = publish(build_db, tmp_path / "serving.duckdb")
    with duckdb.connect(str(tmp_path / "serving.duckdb"), read_only=True) as con:
        stored = json.loads(con.execute("select manifest from ops.publish_manifest").fetchone()[0])
    assert stored == {**json.loads(manifest.to_json()), "duration_s": 0.0}
    assert set(manifest.export_fingerprints) == {k.split(".", 1)[1] for k in manifest.row_counts if k[:6] == "marts."}


def test_fingerprint_follows_content_and_columns_not_row_order() -> None:
    con = duckdb.connect()
    con.execute("create table a as select * from (values (1, 'x'), (2, 'y')) t(n, s)")
    con.execute("create table b as select * from (values (2, 'y'), (1, 'x')) t(n, s)")          # other order
    con.execute("create table c as select * from (values (1, 'x'), (2, 'z')) t(n, s)")          # one value
    con.execute("create table d as select * from (values (1, 'x'), (2, 'y')) t(k, s)")          # a column name
    con.execute("create table e as select * from (values (1, 'x'), (2, 'y'), (2, 'y')) t(n, s)")  # a duplicate
    prints = {name: fingerprint(con, name)[1] for name in "abcde"}
    assert prints["a"] == prints["b"]
    assert len({prints[name] for name in "acde"}) == 4
