"""The report's numbers, read back from the rendered HTML (no browser needed)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import lxml.html
import pytest
from serving_factory import MARTS_DDL, make_build_db

from warehouse.db import connect
from warehouse.publish import publish
from warehouse.report import render_report


@pytest.fixture
def report(serving_env: Path) -> tuple[Path, str]:
    publish()
    path = render_report()
    return path, path.read_text(encoding="utf-8")


def _marks(svg) -> dict[tuple[str, str], str]:
    rects = svg.xpath(".//rect[@class='mark']")
    return {(r.get("data-series"), r.get("data-category")): r.get("data-value") for r in rects}


def test_report_lands_beside_the_serving_copy(report, serving_env: Path) -> None:
    path, html = report
    assert path == serving_env.with_name("report_html") / "index.html"
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "Lâm Đồng" in html and "Đà Nẵng" in html  # UTF-8, NFC, not entities


def test_events_chart_counts_events_per_quarter_and_partner(report) -> None:
    doc = lxml.html.fromstring(report[1].encode())
    chart = doc.xpath("//section[@id='events']//svg")[0]
    assert _marks(chart) == {
        ("Russia", "2019 Q2"): "1", ("Russia", "2024 Q1"): "2",
        ("South Korea", "2024 Q1"): "1", ("South Korea", "2024 Q2"): "1",
    }
    labels = chart.xpath(".//g[@class='legend-item']/text/text()")
    assert labels == ["Russia", "South Korea"]


def test_localities_roll_up_merged_provinces(report) -> None:
    doc = lxml.html.fromstring(report[1].encode())
    chart = doc.xpath("//section[@id='localities']//svg")[0]
    assert _marks(chart) == {("Russia", "Lâm Đồng"): "2", ("South Korea", "Lâm Đồng"): "1",
                             ("Russia", "Quảng Ninh"): "1", ("South Korea", "Đà Nẵng"): "1"}
    assert chart.xpath(".//text[@class='note']/text()") == ["2 events", "1 event", "1 event"]
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in doc.xpath("//table[@id='localities']//tr[td]")]
    assert rows[0] == ["Lâm Đồng", "2", "2024-03-20", "Russia · 2South Korea · 1", "Bình Thuận"]
    assert [row[0] for row in rows] == ["Lâm Đồng", "Quảng Ninh", "Đà Nẵng"]


def test_latest_figures_link_articles_and_escape_evidence(report) -> None:
    html = report[1]
    doc = lxml.html.fromstring(html.encode())
    trade = doc.xpath("//table[@id='trade']//tr[td]")
    assert len(trade) == 2
    first = [cell.text_content() for cell in trade[0].xpath("td")]
    assert first[:5] == ["2024-03-05", "Viet Nam → Russiaturnover", "3.6 bn USD", "3.6 bn USD", "2024"]
    assert trade[0].xpath(".//a/@href") == ["https://example.vn/a1"]
    assert "Kim ngạch thương mại hai chiều năm 2024 đạt 3,6 tỷ USD." in first[6]
    assert doc.xpath("//script") == [] and "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    invest = [c.text_content() for c in doc.xpath("//table[@id='investments']//tr[td]")[0].xpath("td")]
    assert invest[1:5] == ["South Korea → Đà Nẵngregistered", "12", "850 m USD", "850 m USD"]


def test_data_quality_counts(report) -> None:
    doc = lxml.html.fromstring(report[1].encode())
    cards = {c.xpath(".//div[@class='label']")[0].text: c.xpath(".//div[@class='value']")[0].text
             for c in doc.xpath("//div[@id='quality-counts']/div")}
    assert cards == {"Articles": "4", "Relevant": "3 (75.0%)", "Empty bodies": "1 (25.0%)",
                     "Unknown place names": "1 (2 uses)", "Ingest errors": "1"}
    paths = _marks(doc.xpath("//section[@id='quality']//svg")[0])
    assert paths == {("articles", "text"): "2", ("articles", "generic"): "1", ("articles", "jsonld"): "1"}
    status = {row.xpath("td")[0].text: row.xpath(".//span[contains(@class,'badge')]")[0].text
              for row in doc.xpath("//table[@id='checks']//tr[td]")}
    assert status == {"empty body share": "fail", "generic parser share": "fail", "unknown place share": "fail",
                      "volume anomaly": "pass"}


def test_report_is_self_contained(report) -> None:
    doc = lxml.html.fromstring(report[1].encode())
    assert doc.xpath("//script | //link | //img | //iframe | //object") == []
    assert all(href.startswith("https://example.vn/") for href in doc.xpath("//a/@href"))
    assert len(doc.xpath("//svg")) == 3


def test_only_http_links_become_hrefs(tmp_path: Path) -> None:
    build = make_build_db(tmp_path / "vnwh.duckdb")
    con = connect(build)
    con.execute("update marts.dim_articles set url = 'javascript:alert(1)', title = '<img src=x onerror=alert(1)>'"
                " where article_id = 'a1'")
    con.close()
    publish(build, tmp_path / "serving.duckdb")
    html = render_report(tmp_path / "serving.duckdb", tmp_path / "out").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html.encode())
    assert "javascript:" not in "".join(doc.xpath("//a/@href")) and doc.xpath("//img") == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_report_on_empty_marts(tmp_path: Path) -> None:
    build = tmp_path / "vnwh.duckdb"
    con = duckdb.connect(str(build))
    con.execute(MARTS_DDL)
    con.close()
    publish(build, tmp_path / "serving.duckdb")
    html = render_report(tmp_path / "serving.duckdb").read_text(encoding="utf-8")
    assert "No dated events yet." in html and "No data yet." in html
    assert "no ops schema" in html
