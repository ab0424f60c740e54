"""Helpers for tests/serving: a small hand-made build file with the raw layer (via the real migrations)
and a marts schema per the issue-5 contract.

Every sentence below was written for these tests; figures are invented.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from warehouse.db import connect

MARTS_DDL = """
create schema if not exists marts;
create table marts.dim_articles (article_id varchar primary key, source varchar, url varchar unique, title varchar,
    published_at timestamptz, author varchar, section varchar, is_relevant boolean);
create table marts.dim_countries (country_code varchar primary key, name_vi varchar, name_en varchar);
create table marts.dim_localities (locality_code varchar primary key, country_code varchar, name varchar,
    name_ascii varchar, level varchar, valid_from date, valid_to date, successor_code varchar);
create table marts.fct_trade_flows (trade_flow_id varchar primary key, article_id varchar,
    reporter_country_code varchar not null, reporter_locality_code varchar, reporter_locality_name varchar,
    partner_country_code varchar, partner_locality_code varchar, partner_locality_name varchar, flow varchar,
    value double, currency varchar, value_usd double, value_qualifier varchar, period_year integer,
    period_month_from integer, period_month_to integer, change_pct double, evidence varchar not null,
    extractor_version varchar);
create table marts.fct_investments (investment_id varchar primary key, article_id varchar,
    investor_country_code varchar, investor_locality_code varchar, investor_locality_name varchar,
    host_country_code varchar not null, host_locality_code varchar, host_locality_name varchar,
    project_count integer, project_count_qualifier varchar, capital double, currency varchar, capital_usd double,
    capital_qualifier varchar, capital_kind varchar, as_of_date date, rank integer, evidence varchar not null,
    extractor_version varchar);
create table marts.fct_cooperation_events (event_id varchar primary key, event_date date,
    event_date_precision varchar, event_end_date date, event_type varchar, is_online boolean, location_name varchar,
    location_country_code varchar, agreement_status varchar, mention_count integer, source_count integer,
    first_article_id varchar, first_reported_at timestamptz, evidence varchar);
create table marts.fct_event_mentions (event_mention_id varchar primary key, event_id varchar, article_id varchar,
    evidence varchar, extractor_version varchar);
create table marts.bridge_event_participants (event_id varchar, side varchar, country_code varchar not null,
    locality_code varchar, locality_name varchar, level varchar);
create table marts.bridge_event_sectors (event_id varchar, sector varchar);
create view marts.rpt_events_per_country as
    select p.country_code, count(distinct e.event_id) as events
    from marts.fct_cooperation_events e join marts.bridge_event_participants p using (event_id)
    where p.side = 'foreign' group by all;
"""

ARTICLES = [
    ("a1", "vietnamplus", "https://example.vn/a1", "Quảng Ninh mở rộng hợp tác với vùng Sakha", "2024-03-05 09:00+07",
     "text", "Hai địa phương thống nhất tăng cường trao đổi đoàn trong năm nay.", True),
    ("a2", "vneconomy", "https://example.vn/a2", "Bình Thuận làm việc với tỉnh Kaluga", "2019-04-24 10:30+07",
     "jsonld", "Đoàn công tác của tỉnh đã làm việc với lãnh đạo tỉnh bạn.", True),
    ("a3", "nld", "https://example.vn/a3", "Tin <b>thời tiết</b> & giao thông", "2024-03-06 08:00+07",
     "generic", "", False),
    ("a4", "nld", "https://example.vn/a4", "Đà Nẵng đón đoàn doanh nghiệp Hàn Quốc", "2024-04-10 14:00+07",
     "text", "Thành phố giới thiệu các dự án kêu gọi đầu tư mới.", True),
]
COUNTRIES = [("VN", "Việt Nam", "Viet Nam"), ("RU", "Nga", "Russia"), ("KR", "Hàn Quốc", "South Korea"),
             ("ZZ", "Không rõ", "Unknown")]
LOCALITIES = [
    ("VN-22", "VN", "Quảng Ninh", "Quang Ninh", "province", None, None, None),
    ("VN-60", "VN", "Bình Thuận", "Binh Thuan", "province", None, "2025-06-30", "VN-68"),
    ("VN-68", "VN", "Lâm Đồng", "Lam Dong", "province", None, None, None),
    ("VN-48", "VN", "Đà Nẵng", "Da Nang", "city", None, None, None),
    ("RU-SA", "RU", "Sakha (Yakutia)", "Sakha (Yakutia)", "province", None, None, None),
    ("RU-KLU", "RU", "Kaluga", "Kaluga", "province", None, None, None),
]
EVENTS = [  # event_id, date, type, article, participants [(side, country, locality)]
    ("e1", "2024-03-04", "working_session", "a1", [("vn", "VN", "VN-22"), ("foreign", "RU", "RU-SA")]),
    ("e2", "2019-04-22", "working_session", "a2", [("vn", "VN", "VN-60"), ("foreign", "RU", "RU-KLU")]),
    ("e3", "2024-04-09", "reception", "a4", [("vn", "VN", "VN-48"), ("foreign", "KR", None)]),
    ("e4", "2024-03-20", "conference", "a1", [("vn", "VN", "VN-68"), ("foreign", "RU", None),
                                               ("foreign", "KR", None)]),
]
TRADE = [
    ("t1", "a1", "VN", None, "RU", "turnover", 3.6e9, "USD", 3.6e9, 2024,
     "Kim ngạch thương mại hai chiều năm 2024 đạt 3,6 tỷ USD."),
    ("t2", "a2", "VN", "VN-60", "RU", "export", 12.4e6, "USD", 12.4e6, 2018,
     "Xuất khẩu của tỉnh sang Nga đạt khoảng 12,4 triệu USD <script>alert(1)</script>."),
]
INVESTMENTS = [
    ("i1", "a4", "KR", "VN", "VN-48", 12, 850e6, "USD", 850e6, "registered",
     "Hàn Quốc có 12 dự án với tổng vốn đăng ký 850 triệu USD tại thành phố."),
]


_TEMPLATE: list[Path] = []


def make_build_db(path: Path, filler_rows: int = 0) -> Path:
    """Create a build file like the real one; ``filler_rows`` extra event mentions make a publish take longer.

    The file is built once per test session and copied (a fresh, independent file for every caller).
    """
    if not _TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="vnwh-serving-template-")) / "vnwh.duckdb"
        _write_build_db(template)
        _TEMPLATE.append(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATE[0], path)
    if filler_rows:
        con = connect(path)
        try:
            add_filler(con, filler_rows)
        finally:
            con.close()
    return path


def _write_build_db(path: Path) -> None:
    con = connect(path)
    try:
        con.execute(MARTS_DDL)
        for a in ARTICLES:
            con.execute("insert into marts.dim_articles values (?, ?, ?, ?, ?, 'Phóng viên', 'Thời sự', ?)",
                        [a[0], a[1], a[2], a[3], a[4], a[7]])
            con.execute(
                "insert into raw.articles (article_id, url, source, title, body_text, published_at, parse_path,"
                " is_relevant, text_sha256, first_landed_at, landed_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'x', ?, ?)",
                [a[0], a[2], a[1], a[3], a[6], a[4], a[5], a[7], a[4], a[4]],
            )
        con.executemany("insert into marts.dim_countries values (?, ?, ?)", COUNTRIES)
        con.executemany("insert into marts.dim_localities values (?, ?, ?, ?, ?, ?, ?, ?)", LOCALITIES)
        for event_id, day, kind, article, participants in EVENTS:
            con.execute(
                "insert into marts.fct_cooperation_events values (?, ?, 'day', null, ?, false, null, 'VN', null,"
                " 1, 1, ?, ?, 'Hai bên đã trao đổi về hợp tác.')", [event_id, day, kind, article, day])
            con.execute("insert into marts.fct_event_mentions values (?, ?, ?, 'Hai bên đã trao đổi.', 'x1')",
                        [f"m-{event_id}", event_id, article])
            for side, country, locality in participants:
                level = "province" if locality else "country"
                name = dict((row[0], row[2]) for row in LOCALITIES).get(locality)
                con.execute("insert into marts.bridge_event_participants values (?, ?, ?, ?, ?, ?)",
                            [event_id, side, country, locality, name, level])
            con.execute("insert into marts.bridge_event_sectors values (?, 'trade')", [event_id])
        for t in TRADE:
            con.execute(
                "insert into marts.fct_trade_flows (trade_flow_id, article_id, reporter_country_code,"
                " reporter_locality_code, partner_country_code, flow, value, currency, value_usd, period_year,"
                " evidence, extractor_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x1')", list(t))
        for i in INVESTMENTS:
            con.execute(
                "insert into marts.fct_investments (investment_id, article_id, investor_country_code,"
                " host_country_code, host_locality_code, project_count, capital, currency, capital_usd,"
                " capital_kind, evidence, extractor_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x1')",
                list(i))
        con.execute("insert into raw.unknown_places values ('a1', 'x1', 'Xanh Pê-téc-bua', 'đến Xanh Pê-téc-bua', 2)")
        con.execute("insert into raw.ingest_errors values ('err1', 'file:3', 'import', 'bad_json', 'lỗi', now())")
        con.execute("checkpoint")
    finally:
        con.close()


def add_filler(con, rows: int, tag: str = "f") -> None:
    con.execute(
        "insert into marts.fct_event_mentions select ? || i::varchar, 'e1', 'a1', 'Nội dung bổ sung.', 'x1'"
        " from range(?) t(i)", [tag, rows])
