"""JSONL import: validation of each line, bad lines reported as file:line, idempotent landing."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warehouse import db
from warehouse.importer import import_files, iter_jsonl, parse_published_at, record_from_json

GOOD = {"url": "https://vneconomy.vn/dong-nai-tiep-doan-han-quoc.htm", "source": "vneconomy",
        "title": "Đồng Nai tiếp đoàn doanh nghiệp Hàn Quốc", "published_at": "2024-05-02T08:00:00",
        "text": "Sáng 1/5, lãnh đạo tỉnh Đồng Nai tiếp đoàn doanh nghiệp Hàn Quốc.\u00a0Hai bên bàn về đầu tư."}


def test_naive_datetime_is_vietnamese_time():
    parsed = parse_published_at("2024-05-02T08:00:00")
    assert parsed.utcoffset() == timedelta(hours=7)
    assert parsed.astimezone(UTC).hour == 1


def test_date_only_and_explicit_offset():
    assert parse_published_at("2019-04-24") == datetime(2019, 4, 24, tzinfo=parsed_tz())
    assert parse_published_at("2024-05-02T01:00:00Z").utcoffset() == timedelta(0)


def parsed_tz():
    return parse_published_at("2019-04-24").tzinfo


@pytest.mark.parametrize("value", ["24/04/2019", "2019-13-01", "yesterday", "1900-01-01", 20190424])
def test_malformed_dates_are_rejected_with_the_value(value):
    with pytest.raises(ValueError, match="published_at"):
        parse_published_at(value)


def test_record_normalises_text_and_keeps_fields():
    record = record_from_json(GOOD)
    expected = "Sáng 1/5, lãnh đạo tỉnh Đồng Nai tiếp đoàn doanh nghiệp Hàn Quốc. Hai bên bàn về đầu tư."
    assert record.body_text == expected
    assert record.source == "vneconomy" and record.parse_path == "text"
    assert len(record.article_id) == 16


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"title": "no url", "text": "x"}, "missing required field 'url'"),
        ({"url": "ftp://example.com/a", "text": "x"}, r"not an http\(s\) URL"),
        ({"url": "https://example.com/a"}, "needs a 'text' or an 'html' field"),
        ({"url": "https://example.com/a", "text": "x", "published_at": "31/2/2024"}, "published_at"),
        ({"url": "https://example.com/a", "text": "x", "tags": [1, 2]}, "tags"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_bad_records_say_why(obj, reason):
    with pytest.raises(ValueError, match=reason):
        record_from_json(obj)


def test_bad_lines_are_reported_with_file_and_line(write_jsonl):
    path = write_jsonl([GOOD, "{not json", {"title": "missing url", "text": "x"}, "",
                        {**GOOD, "url": "https://vneconomy.vn/b.htm", "published_at": "hôm qua"}])
    items = list(iter_jsonl(path))
    errors = [str(i) for i in items if not hasattr(i, "article_id")]
    assert len(items) - len(errors) == 1
    assert errors[0].startswith(f"{path}:2: invalid JSON")
    assert errors[1] == f"{path}:3: missing required field 'url'"
    assert errors[2].startswith(f"{path}:5: published_at")


def test_import_lands_good_lines_records_bad_ones_and_is_idempotent(warehouse_file, write_jsonl):
    path = write_jsonl([GOOD, "{broken", {**GOOD, "url": "https://nld.com.vn/x.htm", "source": "nld"}])
    con = db.connect()
    first = import_files(con, [path])
    assert (first.records_read, first.rejected, first.landing.new) == (2, 1, 2)
    second = import_files(con, [path])
    assert (second.landing.new, second.landing.unchanged) == (0, 2)
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 2
    assert con.execute("select count(*) from raw.ingest_errors where stage = 'import'").fetchone()[0] == 1
    relevant = con.execute("select is_relevant, relevance_reason from raw.articles order by url").fetchall()
    assert all(flag is not None and reason for flag, reason in relevant)


def test_changed_text_makes_a_new_revision(warehouse_file, write_jsonl):
    con = db.connect()
    import_files(con, [write_jsonl([GOOD], "a.jsonl")])
    stats = import_files(con, [write_jsonl([{**GOOD, "text": GOOD["text"] + " Bản cập nhật."}], "b.jsonl")])
    assert stats.landing.updated == 1
    row = con.execute("select revision, body_text from raw.articles").fetchone()
    assert row[0] == 2 and row[1].endswith("Bản cập nhật.")
    old = con.execute("select revision, body_text from raw.article_revisions").fetchone()
    assert old[0] == 1 and not old[1].endswith("Bản cập nhật.")


def test_missing_and_empty_files_read_nothing(warehouse_file, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    con = db.connect()
    stats = import_files(con, [empty, tmp_path / "missing.jsonl"])
    assert stats.records_read == 0 and stats.files_unreadable == 2
