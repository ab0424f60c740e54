"""Bad inputs at every edge (JSONL, WARC, HTML files, extraction): clear errors, recorded, counted, nothing fatal."""
from __future__ import annotations

import gzip
import io
import json
import unicodedata
from datetime import datetime

import figures
import pytest
from corpus import articles
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extraction import extract_article
from extraction.numbers import find_money
from extraction.text import match_form
from scrapers.demo_templates import vneconomy_page
from warehouse.facts import extract_pending
from warehouse.importer import import_files

pytestmark = pytest.mark.faults


def line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def errors_of(con, stage="import") -> dict[str, str]:
    return dict(con.execute("select origin, kind from raw.ingest_errors where stage = ?", [stage]).fetchall())


def test_a_jsonl_file_full_of_traps_lands_the_good_lines_and_records_every_bad_one(tmp_path, con):
    good = articles(4, seed=31)
    absurd = [dict(good[0], url="https://vneconomy.vn/ngay-khong-co-that-o-thang-hai-nam-nay.htm", published_at=v)
              for v in ("2024-02-31", "1900-01-01T08:00:00", "2100-05-01")]
    bad_lines = [
        "{not json at all",
        '{"url": "https://vneconomy.vn/a.htm", "text": "thiếu dấu đóng"',
        line(["một", "mảng"]),
        line({"title": "Không có địa chỉ", "text": "Bài không có url."}),
        line({"url": "javascript:alert(1)", "text": "x"}),
        line({"url": "https://vneconomy.vn/bai-khong-co-noi-dung.htm"}),
        line({**good[0], "title": 12345}),
        *[line(a) for a in absurd],
        "\x00\x01\x02 rác nhị phân",
    ]
    raw = "\ufeff" + "\n".join([line(good[0]), *bad_lines[:4], line(good[1]), *bad_lines[4:], line(good[2]),
                                "   ", line(good[3])])
    path = tmp_path / "traps.jsonl"
    path.write_bytes(raw.encode("utf-8") + b"\n\xff\xfe\xfa invalid utf-8 \xc3\n" + b'{"url": "https://vne')
    stats = import_files(con, [path])
    assert stats.landing.new == 4 and stats.records_read == 4          # line 1 (after a BOM) included
    assert stats.rejected == len(bad_lines) + 2                        # + invalid UTF-8 line + cut last line
    recorded = errors_of(con)
    assert len(recorded) == stats.rejected and all(o.startswith(f"{path}:") for o in recorded)
    assert set(recorded.values()) == {"invalid_json", "bad_record"}
    messages = dict(con.execute("select origin, message from raw.ingest_errors").fetchall())
    reasons = " | ".join(messages.values())
    for expected in ("invalid JSON", "expected a JSON object", "missing required field 'url'", "not an http(s) URL",
                     "needs a 'text' or an 'html' field", "must be a string", "'2024-02-31'",
                     "outside 1990..next year"):
        assert expected in reasons, expected
    assert stats.landing.new + stats.rejected == len(bad_lines) + 6
    figures.add_faults({"bad_jsonl_lines": stats.rejected})


def test_bom_prefixed_jsonl_keeps_its_first_article(tmp_path, con):
    """Regression: a JSONL saved with a BOM (Notepad, Excel) lost its first line as "invalid JSON"."""
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(line(a) for a in articles(2, seed=41)).encode("utf-8"))
    stats = import_files(con, [path])
    assert (stats.landing.new, stats.rejected) == (2, 0)


def write_warc(path, pages, gz=True):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_broken_archives_are_recorded_and_the_readable_pages_land(tmp_path, con):
    tmp_path = tmp_path / "archives"
    tmp_path.mkdir()
    pages = [(a["url"], vneconomy_page(a).encode()) for a in articles(3, seed=51)]
    write_warc(tmp_path / "good.warc.gz", pages[:1])
    write_warc(tmp_path / "cut.warc.gz", pages[1:])
    whole = (tmp_path / "cut.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) * 3 // 4])          # cut inside the last record
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "text.warc").write_text("đây không phải là một tệp WARC\n" * 20, "utf-8")
    (tmp_path / "noise.warc.gz").write_bytes(gzip.compress(b"\x00garbage\xff" * 500))
    (tmp_path / "nourl.html").write_text("<html><body><p>Trang lưu không có địa chỉ.</p></body></html>", "utf-8")
    files = sorted(tmp_path.iterdir())
    stats = import_files(con, files)
    landed = {u for (u,) in con.execute("select url from raw.articles").fetchall()}
    assert landed == {url for url, _ in pages}          # a record cut short lands with the text it has (as HTML)
    flagged = con.execute("select url from raw.articles where list_contains(parse_warnings, 'truncated_record')")
    assert flagged.fetchall() == [(pages[2][0],)]       # ... flagged (regression: it looked whole)
    kinds = errors_of(con)
    assert set(kinds.values()) <= {"bad_warc", "no_url"} and "no_url" in kinds.values()
    assert {o.split("#")[0].split(":")[0].rsplit("/", 1)[-1] for o in kinds} == {"text.warc",
                                                                                   "noise.warc.gz", "nourl.html"}
    assert stats.files == len(files) and stats.files_unreadable == 4     # empty, text, noise, nourl
    figures.add_faults({"broken_archives": len(kinds)})


def test_absurd_numbers_and_dates_in_articles_give_no_facts_and_no_crash(con):
    text = ("Ngày 31/2, tỉnh Quảng Ninh và tỉnh Gyeonggi (Hàn Quốc) ký kết biên bản ghi nhớ hợp tác.\n\n"
            "Kim ngạch thương mại giữa Quảng Ninh và Hàn Quốc năm 2020 đạt 1.2.3 tỷ USD, tăng 1.2.3% so với năm trước."
            "\n\nĐến ngày 30/2/2100, hai bên sẽ tổng kết.")
    facts = extract_article("Quảng Ninh hợp tác với Gyeonggi", None, text, datetime(2021, 3, 5))
    assert all(t.value is None or t.value < 1e12 for t in facts.trade)
    assert not any(abs(t.value - 2.3e9) < 1 for t in facts.trade if t.value)
    assert all(e.event_date is None or 2020 <= e.event_date.year <= 2022 for e in facts.events)


def test_the_tail_of_a_malformed_numeral_is_not_read_as_money():
    """Regression: "1.2.3 tỷ USD" was read as 2.3 billion USD (the regex started inside the numeral)."""
    for garbage in ("đạt 1.2.3 tỷ USD", "đạt 1.234.5678 tỷ USD", "khoảng 12,3,4 triệu USD"):
        assert find_money(match_form(garbage)) == [], garbage
    for fine in ("đạt 4,85 tỷ USD", "năm 2020, 3 tỷ USD", "(953,3 triệu USD)"):
        assert len(find_money(match_form(fine))) == 1, fine


def test_extraction_of_a_poisoned_article_is_recorded_and_the_rest_goes_on(con, monkeypatch):
    from warehouse.landing import land_articles
    from warehouse.records import ArticleRecord

    made = articles(5, seed=61)
    land_articles(con, [ArticleRecord(url=a["url"], source="vneconomy", title=a["title"], body_text=a["text"])
                        for a in made])
    import extraction

    real = extraction.extract_article
    poisoned = made[2]["title"]

    def flaky(title, *args):
        if title == poisoned:
            raise RecursionError("a pathological sentence")
        return real(title, *args)

    monkeypatch.setattr(extraction, "extract_article", flaky)
    stats = extract_pending(con)
    assert (stats.articles, stats.failed) == (5, 1)
    assert con.execute("select count(*) from raw.extractions where error like 'RecursionError%'").fetchone()[0] == 1
    assert list(errors_of(con, "extract").values()) == ["extractor_exception"]


def test_nfc_and_nfd_copies_of_an_article_are_one_article_with_one_text(con, tmp_path):
    [article] = articles(1, seed=71)
    decomposed = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) and k != "url" else v
                  for k, v in article.items()}
    assert decomposed["title"] != article["title"]
    first = tmp_path / "nfc.jsonl"
    first.write_text(line(article), "utf-8")
    second = tmp_path / "nfd.jsonl"
    second.write_text(line(decomposed), "utf-8")
    assert import_files(con, [first]).landing.new == 1
    assert import_files(con, [second]).landing.unchanged == 1          # same text once normalised: no revision
    title, revision = con.execute("select title, revision from raw.articles").fetchone()
    assert title == article["title"] and unicodedata.is_normalized("NFC", title) and revision == 1
