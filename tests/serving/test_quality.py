"""Quality metrics on crafted raw data, on the build file and on the published serving copy."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
from serving_factory import make_build_db

from warehouse import quality
from warehouse.db import connect
from warehouse.publish import publish

ICT = timezone(timedelta(hours=7))
DAY = date(2024, 5, 31)


def _article(con, article_id: str, source: str, published: datetime, body: str = "Nội dung.",
             parse_path: str = "text", relevant: bool = True) -> None:
    con.execute(
        "insert into raw.articles (article_id, url, source, title, body_text, published_at, parse_path, is_relevant,"
        " text_sha256, first_landed_at, landed_at) values (?, ?, ?, 'Tiêu đề', ?, ?, ?, ?, 'x', ?, ?)",
        [article_id, f"https://{source}.vn/{article_id}", source, body, published, parse_path, relevant, published,
         published],
    )


def _steady_history(con, source: str, per_day: int, days: int = 28, today: int | None = None) -> None:
    """``per_day`` articles on each of the ``days`` days before DAY, and ``today`` (default per_day) on DAY itself."""
    insert = (
        "insert into raw.articles (article_id, url, source, title, body_text, published_at, parse_path, is_relevant,"
        " text_sha256, first_landed_at, landed_at)"
        " select $s || '-' || back || '-' || n, 'https://' || $s || '.vn/' || back || '-' || n, $s, 'Tiêu đề',"
        " 'Nội dung', ts, 'text', true, 'x', ts, ts"
        " from (select back, n, (($day::date - back::int) + interval 8 hour)::timestamp at time zone 'Asia/Ho_Chi_Minh'"
        " as ts from range($first, $last) b(back), range($count) k(n))"
    )
    con.execute(insert, {"s": source, "day": DAY, "first": 1, "last": days + 1, "count": per_day})
    con.execute(insert, {"s": source, "day": DAY, "first": 0, "last": 1, "count": per_day if today is None else today})


def test_volume_anomaly_flags_a_source_far_below_its_median(con) -> None:
    _steady_history(con, "vneconomy", per_day=10, today=2)
    _steady_history(con, "vietnamplus", per_day=6)
    _steady_history(con, "tiny", per_day=1, today=0)  # median below min_median: not judged
    result = quality.volume_anomaly(con, day=DAY)
    assert not result.passed
    assert result.details["anomalous_sources"] == ["vneconomy"]
    assert result.value == pytest.approx(0.2)
    assert result.details["by_source"]["vietnamplus"] == {"count": 6, "median": 6.0}


def test_volume_anomaly_counts_missing_days_as_zero_and_uses_local_dates(con) -> None:
    _steady_history(con, "nld", per_day=4, days=28, today=4)
    late_evening_utc = datetime(DAY.year, DAY.month, DAY.day, 17, 30, tzinfo=UTC)  # 00:30 next day in ICT
    _article(con, "late", "nld", late_evening_utc)
    result = quality.volume_anomaly(con, day=DAY)
    assert result.passed and result.details["by_source"]["nld"]["count"] == 4
    sparse = quality.volume_anomaly(con, day=DAY + timedelta(days=1))  # a day with 1 article after steady 4s
    assert not sparse.passed and sparse.details["anomalous_sources"] == ["nld"]


def test_shares_of_empty_bodies_generic_parses_and_unknown_places(con) -> None:
    now = datetime(2024, 5, 1, 9, tzinfo=ICT)
    for i in range(10):
        _article(con, f"a{i}", "nld" if i < 5 else "vneconomy", now, body="" if i < 2 else " Nội dung ",
                 parse_path="generic" if i in (0, 5, 6) else "text", relevant=i != 9)
    con.execute("insert into raw.unknown_places values ('a3', 'x', 'Xanh Pê-téc-bua', null, 2),"
                " ('a3', 'x', 'Vân Nam', null, 1), ('a4', 'x', 'Vân Nam', null, 1)")
    empty = quality.empty_body_share(con)
    assert (empty.value, empty.passed) == (0.2, False)
    assert empty.details["by_source"]["nld"] == {"hits": 2, "total": 5}
    generic = quality.generic_parser_share(con, threshold=0.3)
    assert (generic.value, generic.passed) == (0.3, True)
    unknown = quality.unknown_place_share(con)
    assert unknown.value == pytest.approx(2 / 9) and unknown.passed
    assert unknown.details["top_unknown_names"][0] == {"name": "Vân Nam", "occurrences": 2, "articles": 2}
    later = quality.empty_body_share(con, since=date(2024, 6, 1))
    assert later.details["articles"] == 0 and later.passed


def test_metrics_agree_on_build_file_and_serving_copy(tmp_path: Path) -> None:
    build = make_build_db(tmp_path / "vnwh.duckdb")
    publish(build, tmp_path / "serving.duckdb")
    results = []
    for path in (build, tmp_path / "serving.duckdb"):
        con = duckdb.connect(str(path), read_only=True)
        results.append(quality.run_all(con, day=date(2024, 3, 6)))
        con.close()
    assert results[0] == results[1]
    assert [r.name for r in results[0]] == [
        "volume_anomaly", "empty_body_share", "generic_parser_share", "unknown_place_share"]
    assert results[0][1].value == 0.25 and results[0][3].details["with_unknown_places"] == 1


def test_parser_health_checks_judge_the_last_seven_days_only(tmp_path) -> None:
    import dagster as dg

    from orchestration.defs.checks import raw_quality_checks, recent_start
    from orchestration.resources import WarehouseResource

    assert recent_start(date(2024, 5, 31)) == date(2024, 5, 25)
    path = tmp_path / "vnwh.duckdb"
    con = connect(path)
    now = datetime.now(UTC)
    for i in range(10):          # a month ago a template broke (empty bodies, generic parses); it is fixed since
        _article(con, f"old-{i}", "nld", now - timedelta(days=30), body="", parse_path="generic")
    for i in range(2):
        _article(con, f"new-{i}", "nld", now - timedelta(days=1))
    _article(con, "new-broken", "vneconomy", now, body=" ", parse_path="generic")
    con.close()
    context = dg.build_asset_check_context(resources={"warehouse": WarehouseResource(path=str(path))})
    results = {result.check_name: result for result in raw_quality_checks(context)}   # one step, every check
    assert set(results) == {"empty_body_share", "generic_parser_share", "volume_anomaly", "unknown_place_share"}
    assert results["unknown_place_share"].asset_key == dg.AssetKey(["raw", "unknown_places"])
    empty = results["empty_body_share"]
    assert empty.metadata["details"].value["articles"] == 3     # the recent ones only
    assert empty.metadata["value"].value == pytest.approx(1 / 3) and not empty.passed
    generic = results["generic_parser_share"]
    assert generic.metadata["details"].value["by_source"] == {"nld": {"hits": 0, "total": 2},
                                                              "vneconomy": {"hits": 1, "total": 1}}
