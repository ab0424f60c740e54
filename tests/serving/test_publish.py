from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from serving_factory import make_build_db

from warehouse.db import connect
from warehouse.publish import PublishError, manifest_path, publish

CONTRACT_TABLES = {
    "dim_articles", "dim_countries", "dim_localities", "fct_trade_flows", "fct_investments",
    "fct_cooperation_events", "fct_event_mentions", "bridge_event_participants", "bridge_event_sectors",
}


def _counts(db: Path, schema: str) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [schema]).fetchall()]
        return {f"{schema}.{n}": con.execute(f'select count(*) from {schema}."{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def test_publish_with_defaults_writes_copy_exports_and_manifest(serving_env: Path) -> None:
    manifest = publish()
    serving = serving_env.with_name("serving.duckdb")
    assert Path(manifest.serving_file) == serving and serving.exists()
    assert Path(manifest.source_build_file) == serving_env
    built = _counts(serving_env, "marts")
    assert {k: v for k, v in manifest.row_counts.items() if k.startswith("marts.")} == built
    assert built["marts.dim_articles"] == 4 and built["marts.fct_trade_flows"] == 2
    assert manifest.row_counts["ops.articles"] == 4 and manifest.row_counts["ops.unknown_places"] == 1
    assert {f"marts.{t}" for t in CONTRACT_TABLES} <= set(manifest.row_counts)
    on_disk = json.loads(manifest_path(serving).read_text(encoding="utf-8"))
    assert on_disk["row_counts"] == manifest.row_counts
    assert datetime.fromisoformat(on_disk["built_at"]).tzinfo is not None
    assert on_disk["vnwh_version"] == "0.1.0"
    assert on_disk["git_revision"] is None or re.fullmatch(r"[0-9a-f]{40}", on_disk["git_revision"])
    assert not list(serving.parent.glob(".serving.duckdb.tmp-*"))
    assert not serving.with_name("serving.duckdb.wal").exists()


def test_serving_copy_keeps_contract_types_and_materialises_views(build_db: Path, tmp_path: Path) -> None:
    serving = tmp_path / "out" / "serving.duckdb"
    publish(build_db, serving)
    src, dst = (duckdb.connect(str(p), read_only=True) for p in (build_db, serving))
    try:
        for table in CONTRACT_TABLES:
            columns = f"select column_name, column_type from (describe marts.{table})"
            assert dst.execute(columns).fetchall() == src.execute(columns).fetchall()
        kind = dst.execute("select table_type from information_schema.tables where table_name like 'rpt_events%'")
        assert kind.fetchone()[0] == "BASE TABLE"
        query = "select * from marts.rpt_events_per_country order by all"
        assert dst.execute(query).fetchall() == src.execute(query).fetchall() == [("KR", 2), ("RU", 3)]
        articles = [r[0] for r in dst.execute("describe ops.articles").fetchall()]
        assert "body_chars" in articles and "body_text" not in articles  # no article text in the serving copy
        stored = json.loads(dst.execute("select manifest from ops.publish_manifest").fetchone()[0])
        assert stored["row_counts"]["marts.fct_investments"] == 1
    finally:
        src.close()
        dst.close()


def test_parquet_exports_one_folder_per_table_swapped_by_symlink(build_db: Path, tmp_path: Path) -> None:
    serving, exports = tmp_path / "serving.duckdb", tmp_path / "exports"
    for _ in range(3):
        manifest = publish(build_db, serving)
    assert exports.is_symlink()
    assert {p.name for p in exports.iterdir()} == {n.split(".", 1)[1] for n in manifest.row_counts if n[:6] == "marts."}
    con = duckdb.connect()
    for table, count in manifest.row_counts.items():
        if table.startswith("marts."):
            path = exports / table.split(".", 1)[1] / "*.parquet"
            assert con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0] == count
    assert con.execute(f"select evidence from '{exports}/fct_trade_flows/*.parquet' order by 1").fetchall()[0][0] \
        .startswith("Kim ngạch thương mại")
    assert len(list(tmp_path.glob(".exports.gen-*"))) == 2  # the live generation and one previous


def test_publish_replaces_a_plain_exports_folder(build_db: Path, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "old.txt").write_text("x")
    publish(build_db, tmp_path / "serving.duckdb")
    assert (tmp_path / "exports").is_symlink() and (tmp_path / "exports" / "dim_articles").is_dir()


def test_publish_refuses_a_build_without_marts_and_keeps_the_old_copy(build_db: Path, tmp_path: Path) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()
    with pytest.raises(PublishError, match="no tables or views in schema 'marts'"):
        publish(empty, serving)
    con = duckdb.connect(str(serving), read_only=True)
    assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 4
    con.close()
    assert not list(tmp_path.glob(".serving.duckdb.tmp-*"))


def test_publish_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="does not exist"):
        publish(tmp_path / "missing.duckdb", tmp_path / "serving.duckdb")
    build = make_build_db(tmp_path / "vnwh.duckdb")
    with pytest.raises(PublishError, match="must differ"):
        publish(build, build)


def test_publish_while_this_process_still_holds_the_build_file(build_db: Path, tmp_path: Path) -> None:
    writer = connect(build_db)
    try:
        manifest = publish(build_db, tmp_path / "serving.duckdb")
    finally:
        writer.close()
    assert manifest.row_counts["marts.dim_articles"] == 4


def test_serving_path_follows_env(build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNWH_DB", str(build_db))
    monkeypatch.setenv("VNWH_SERVING_DB", str(tmp_path / "bi" / "warehouse.duckdb"))
    manifest = publish()
    assert manifest.serving_file == str(tmp_path / "bi" / "warehouse.duckdb")
    assert (tmp_path / "bi" / "warehouse.manifest.json").exists() and (tmp_path / "bi" / "exports").is_symlink()


def test_publish_removes_temp_files_left_by_a_crashed_publish(build_db: Path, tmp_path: Path) -> None:
    stale = tmp_path / ".serving.duckdb.tmp-999-deadbeef"
    stale.write_bytes(b"half a database")
    publish(build_db, tmp_path / "serving.duckdb")
    assert not stale.exists()


def test_git_revision_is_optional(build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    manifest = publish(build_db, tmp_path / "serving.duckdb")
    assert manifest.git_revision is None
    assert json.loads(manifest_path(tmp_path / "serving.duckdb").read_text())["git_revision"] is None


def test_a_symlink_to_the_serving_copy_follows_each_publish(build_db: Path, tmp_path: Path) -> None:
    """The Evidence recipe in docs/BI.md links sources/vnwh/serving.duckdb to the serving copy."""
    serving, link = tmp_path / "serving.duckdb", tmp_path / "evidence" / "serving.duckdb"
    publish(build_db, serving)
    link.parent.mkdir()
    link.symlink_to(serving)
    con = connect(build_db)
    con.execute("delete from marts.fct_trade_flows where trade_flow_id = 't2'")
    con.close()
    publish(build_db, serving)
    reader = duckdb.connect(str(link), read_only=True)
    assert reader.execute("select count(*) from marts.fct_trade_flows").fetchone()[0] == 1
    reader.close()
