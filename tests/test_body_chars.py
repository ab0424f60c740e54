"""raw.articles.body_chars: kept at landing and by migration 4, so quality checks and publish never read bodies."""
from __future__ import annotations

import json
from datetime import date

import pytest

from warehouse import quality, schema
from warehouse.landing import land_articles
from warehouse.records import ArticleRecord


def _record(url: str, body: str | None, parser_version: str = "text-1") -> ArticleRecord:
    return ArticleRecord(url=url, source="vneconomy", title="Tiêu đề", body_text=body, parser_version=parser_version)


def _body_chars(con, url: str) -> int | None:
    return con.execute("select body_chars from raw.articles where url = ?", [url]).fetchone()[0]


def _insert_by_sql(con, article_id: str, body: str | None) -> None:
    """A row written with plain SQL, as some tests and tools do: body_chars left null."""
    con.execute(
        "insert into raw.articles (article_id, url, source, body_text, text_sha256, first_landed_at, landed_at)"
        " values (?, ?, 'nld', ?, 'x', current_timestamp, current_timestamp)",
        [article_id, f"https://nld.com.vn/{article_id}", body],
    )


def test_landing_keeps_body_chars_on_land_and_on_a_changed_text(con) -> None:
    url, empty = "https://vneconomy.vn/a.htm", "https://vneconomy.vn/empty.htm"
    land_articles(con, [_record(url, "Hà Nội hợp tác với Lào."), _record(empty, None)])
    assert _body_chars(con, url) == len("Hà Nội hợp tác với Lào.")   # characters, not UTF-8 bytes
    assert _body_chars(con, empty) == 0
    land_articles(con, [_record(url, "Ngắn.")])                        # a new revision
    assert _body_chars(con, url) == len("Ngắn.")
    land_articles(con, [_record(url, "Ngắn.", parser_version="text-2")])  # same text, newer parser
    assert _body_chars(con, url) == len("Ngắn.")
    assert con.execute("select count(*) from raw.articles where body_chars is null").fetchone()[0] == 0


def test_migration_4_adds_the_column_and_backfills_existing_rows(tmp_path, monkeypatch) -> None:
    import duckdb

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    monkeypatch.setattr(schema, "MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < 4])
    schema.migrate(con)
    con.execute(
        "insert into raw.articles (article_id, url, source, body_text, text_sha256, first_landed_at, landed_at)"
        " values ('a', 'https://x.vn/a', 'x', '  Đà Nẵng  ', 'h', now(), now()),"
        " ('b', 'https://x.vn/b', 'x', null, 'h', now(), now()), ('c', 'https://x.vn/c', 'x', '   ', 'h', now(), now())"
    )
    monkeypatch.undo()
    assert schema.migrate(con) == [v for v, _, _ in schema.MIGRATIONS if v >= 4]   # 4 and any later one
    rows = con.execute("select article_id, body_chars from raw.articles order by article_id").fetchall()
    assert rows == [("a", len("Đà Nẵng")), ("b", 0), ("c", 0)]
    keys = con.execute("select constraint_type from duckdb_constraints() where schema_name = 'raw'"
                       " and table_name = 'articles' and constraint_type in ('PRIMARY KEY', 'UNIQUE')").fetchall()
    assert len(keys) == 2   # adding the column kept the keys
    con.close()


def test_rows_written_by_sql_without_body_chars_are_still_judged_from_their_body(con) -> None:
    land_articles(con, [_record("https://vneconomy.vn/full.htm", "Nội dung.")])
    _insert_by_sql(con, "blank", "   ")
    _insert_by_sql(con, "text", " Có chữ ")
    rows = dict(con.execute(f"select article_id, body_chars from {schema.articles_without_body()}").fetchall())
    assert rows["blank"] == 0 and rows["text"] == len("Có chữ") and len(rows) == 3
    result = quality.empty_body_share(con)
    assert (result.details["empty"], result.details["articles"]) == (1, 3)


def _scans(con, tmp_path, run) -> list[dict]:
    """The table scans of the last query ``run`` executes, from DuckDB's JSON profile."""
    out = tmp_path / "profile.json"
    con.execute("pragma enable_profiling = 'json'")
    con.execute(f"pragma profiling_output = '{out}'")
    try:
        run()
    finally:
        con.execute("pragma disable_profiling")
    scans, todo = [], [json.loads(out.read_text())]
    while todo:
        node = todo.pop()
        todo.extend(node.get("operator", []) + node.get("children", []))
        if node.get("type") == "TABLE_SCAN":
            scans.append(node)
    return scans


@pytest.mark.parametrize("unfilled", [0, 2])
def test_empty_body_share_reads_bodies_only_of_rows_without_body_chars(con, tmp_path, unfilled) -> None:
    records = [_record(f"https://vneconomy.vn/{n}.htm", "Nội dung." if n % 10 else None) for n in range(5_000)]
    land_articles(con, records)
    con.execute("checkpoint")   # row groups get their statistics: none of them has a null body_chars
    for n in range(unfilled):
        _insert_by_sql(con, f"sql-{n}", "")
    result = None

    def run() -> None:
        nonlocal result
        result = quality.empty_body_share(con, since=date(2000, 1, 1))

    scans = _scans(con, tmp_path, run)
    body_scans = [s for s in scans if "body_text" in str(s["extra_info"].get("Projections"))]
    assert any("body_chars" in str(s["extra_info"].get("Projections")) for s in scans), scans
    # the branch for rows without body_chars is pruned (or planned away) wherever no row group has a null there
    assert sum(s["rows_scanned"] for s in body_scans) == unfilled
    assert (result.details["empty"], result.details["articles"]) == (500 + unfilled, 5_000 + unfilled)


def test_published_ops_articles_keeps_its_columns_and_body_chars(tmp_path) -> None:
    import duckdb

    from warehouse.db import connect
    from warehouse.publish import publish

    build = tmp_path / "build.duckdb"
    con = connect(build)
    con.execute("create schema marts; create table marts.dim_x as select 1 as x")
    land_articles(con, [_record("https://vneconomy.vn/landed.htm", " Hải Phòng "),
                        _record("https://vneconomy.vn/e", "")])
    _insert_by_sql(con, "by-sql", "  Huế ")
    con.close()
    publish(build, tmp_path / "serving.duckdb")
    with duckdb.connect(str(tmp_path / "serving.duckdb"), read_only=True) as served:
        columns = [row[:2] for row in served.execute("describe ops.articles").fetchall()]
        rows = dict(served.execute("select url, body_chars from ops.articles").fetchall())
    assert columns == [
        ("article_id", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
        ("published_at", "TIMESTAMP WITH TIME ZONE"), ("updated_at", "TIMESTAMP WITH TIME ZONE"),
        ("first_landed_at", "TIMESTAMP WITH TIME ZONE"), ("landed_at", "TIMESTAMP WITH TIME ZONE"),
        ("parse_path", "VARCHAR"), ("parse_warnings", "VARCHAR[]"), ("is_relevant", "BOOLEAN"),
        ("relevance_reason", "VARCHAR"), ("parser_version", "VARCHAR"), ("revision", "INTEGER"),
        ("body_chars", "BIGINT"),
    ]
    assert rows == {"https://vneconomy.vn/landed.htm": len("Hải Phòng"), "https://vneconomy.vn/e": 0,
                    "https://nld.com.vn/by-sql": len("Huế")}
