"""Archive import: saved .html files and WARC files written here with warcio, through the same parsers."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from scraper_helpers import FIXTURES, OUR_PAGES
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scrapers.archive import ArchiveError, iter_archive_records
from warehouse.landing import land_articles
from warehouse.records import ArticleRecord

VNE = FIXTURES / "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html"


def write_warc(path, records, gz=True):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
        info = writer.create_warc_record("warcinfo", "warcinfo", payload=io.BytesIO(b"software: vnwh-test"))
        writer.write_record(info)


def test_saved_html_files_take_url_and_parser_from_canonical(tmp_path):
    (tmp_path / "a.html").write_bytes(VNE.read_bytes())
    (tmp_path / "b.htm").write_bytes((OUR_PAGES / "nld_current_reconstructed.html").read_bytes())
    (tmp_path / "no-url.html").write_text("<html><body><p>Không có địa chỉ bài.</p></body></html>", "utf-8")
    (tmp_path / "notes.txt").write_text("not a page", "utf-8")
    items = list(iter_archive_records(tmp_path))
    records = [i for i in items if isinstance(i, ArticleRecord)]
    errors = [i for i in items if isinstance(i, ArchiveError)]
    assert sorted(r.source for r in records) == ["nld", "vneconomy"]
    assert {r.url for r in records} == {
        "https://vneconomy.vn/sau-soat-xet-qcg-bao-lai-1817-ty-dong-tang-17167-so-voi-cung-ky.htm",
        "https://nld.com.vn/quoc-te/can-tho-va-tinh-chungcheongnam-ky-ket-hop-tac-196260320101500123.htm"}
    assert len(errors) == 1 and errors[0].kind == "no_url" and errors[0].origin.endswith("no-url.html")
    assert all(r.content_sha256 for r in records)


def test_source_option_picks_the_parser_for_a_page_on_an_unknown_host(tmp_path):
    page = (OUR_PAGES / "vietnamplus_current_reconstructed.html").read_text("utf-8")
    page = page.replace("https://www.vietnamplus.vn/", "https://mirror.example.org/")
    (tmp_path / "mirror.html").write_text(page, "utf-8")
    (record,) = iter_archive_records(tmp_path / "mirror.html", source="vietnamplus")
    assert record.source == "vietnamplus" and record.parse_path == "selectors"
    assert record.author == "Thanh Hương"


def test_warc_responses_are_parsed_and_other_records_skipped(tmp_path, con):
    nld = (OUR_PAGES / "nld_current_reconstructed.html").read_bytes()
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [
        ("https://vneconomy.vn/sau-soat-xet-qcg-bao-lai-1817-ty-dong-tang-17167-so-voi-cung-ky.htm", 200,
         "text/html; charset=utf-8", VNE.read_bytes()),
        ("https://nld.com.vn/x.htm", 200, "text/html", nld),
        ("https://nld.com.vn/logo.png", 200, "image/png", b"\x89PNG...."),
        ("https://nld.com.vn/missing.htm", 404, "text/html", b"<h1>404</h1>"),
    ])
    items = list(iter_archive_records(warc))
    assert all(isinstance(i, ArticleRecord) for i in items) and len(items) == 2
    vne = next(i for i in items if i.source == "vneconomy")
    assert vne.published_at == datetime(2026, 9, 4, 9, 43, 6, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    nld_record = next(i for i in items if i.source == "nld")
    assert nld_record.url.endswith("-196260320101500123.htm")        # canonical beats WARC-Target-URI on the site
    stats = land_articles(con, items)
    assert stats.new == 2 and land_articles(con, items).unchanged == 2


def test_uncompressed_warc_and_a_corrupt_one(tmp_path):
    plain = tmp_path / "plain.warc"
    write_warc(plain, [("https://vneconomy.vn/sau-soat-xet-qcg-bao-lai-1817-ty-dong-tang-17167-so-voi-cung-ky.htm",
                        200, "text/html", VNE.read_bytes())], gz=False)
    assert [type(i).__name__ for i in iter_archive_records(plain)] == ["ArticleRecord"]
    corrupt = tmp_path / "bad.warc.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00garbage that is not a warc file" * 10)
    items = list(iter_archive_records(corrupt))
    assert len(items) == 1 and isinstance(items[0], ArchiveError) and items[0].kind == "bad_warc"
