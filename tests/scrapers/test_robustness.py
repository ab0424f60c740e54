"""Bad inputs at the parser's edge: wrong/missing charsets, truncated and garbage HTML, absurd dates."""
from __future__ import annotations

from scraper_helpers import FIXTURES, OUR_PAGES

from scrapers.decoding import decode_html
from scrapers.parsing import parse_html

VNE = FIXTURES / "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html"


def test_charsets_wrong_header_meta_and_windows_1258():
    text = "<meta charset='utf-8'><p>Hợp tác Việt Nam - Lào</p>"
    assert decode_html(text.encode("utf-8"), "text/html; charset=iso-8859-1") == text     # wrong header
    assert decode_html(text.encode("utf-8"), None) == text                                 # missing header
    legacy = "<p>Đà, Hà Tây</p>".encode("windows-1258")
    assert decode_html(legacy, "text/html; charset=windows-1258") == "<p>Đà, Hà Tây</p>"
    assert decode_html(legacy, None) == "<p>Đà, Hà Tây</p>"                      # no header: last-resort cp1258
    assert isinstance(decode_html(b"\x80\x81\x82", "text/html; charset=nonsense"), str)


def test_truncated_page_still_lands_what_it_has():
    page = VNE.read_bytes()
    cut = page[: page.index(b"Trong khi \xc4\x91\xc3\xb3")]            # cut in the middle of the body
    record, whole = parse_html(cut), parse_html(page)
    assert record.title == whole.title and record.published_at == whole.published_at
    assert record.body_text.split("\n\n")[0] == whole.body_text.split("\n\n")[0]
    assert record.parse_path == "selectors"


def test_garbage_and_empty_pages_parse_without_crashing():
    for junk in (b"", b"\x00\x01\x02", b"<html><body></body></html>", b"<<<>>>" * 1000):
        record = parse_html(junk, "https://vneconomy.vn/trang-rong-khong-co-noi-dung-gi-ca.htm")
        assert record.body_text is None and "no_body" in record.parse_warnings


def test_absurd_dates_are_dropped_with_a_warning():
    page = (OUR_PAGES / "structured_only_reconstructed.html").read_text("utf-8")
    page = page.replace("2026-07-02T16:05:00+07:00", "1900-01-01T00:00:00+07:00")
    record = parse_html(page)
    assert record.published_at is None or record.published_at.year > 1990


def test_sloppy_json_ld_is_still_read():
    page = ('<html><head><script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "Tiêu đề\n'
            'xuống dòng", "url": "https://nld.com.vn/a-196260101000000000.htm",'
            '"datePublished": "2026-01-01T08:00:00",}</script></head><body></body></html>')
    record = parse_html(page)
    assert record.title == "Tiêu đề xuống dòng" and record.source == "nld"
    assert record.published_at.isoformat() == "2026-01-01T08:00:00+07:00"
