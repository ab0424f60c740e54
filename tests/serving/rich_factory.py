"""A larger, deterministic build file for looking at the report (and for the chromium test).

Two years of events between Vietnamese provinces and foreign partners; the sentences are templates written for vnwh,
the figures are random.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from serving_factory import MARTS_DDL

from warehouse.db import connect

ICT = timezone(timedelta(hours=7))
COUNTRIES = [
    ("VN", "Việt Nam", "Viet Nam"), ("RU", "Nga", "Russia"), ("KR", "Hàn Quốc", "South Korea"),
    ("JP", "Nhật Bản", "Japan"), ("CN", "Trung Quốc", "China"), ("LA", "Lào", "Laos"),
    ("FR", "Pháp", "France"), ("DE", "Đức", "Germany"), ("US", "Hoa Kỳ", "United States"),
    ("TH", "Thái Lan", "Thailand"), ("ZZ", "Không rõ", "Unknown"),
]
WEIGHTS = [0, 14, 22, 18, 12, 8, 4, 3, 5, 4, 0]
PROVINCES = [  # code, name, ascii, successor (merged on 2025-07-01)
    ("VN-01", "Hà Nội", "Ha Noi", None), ("VN-79", "Thành phố Hồ Chí Minh", "Thanh pho Ho Chi Minh", None),
    ("VN-48", "Đà Nẵng", "Da Nang", None), ("VN-22", "Quảng Ninh", "Quang Ninh", None),
    ("VN-31", "Hải Phòng", "Hai Phong", None), ("VN-56", "Khánh Hòa", "Khanh Hoa", None),
    ("VN-68", "Lâm Đồng", "Lam Dong", None), ("VN-38", "Thanh Hóa", "Thanh Hoa", None),
    ("VN-40", "Nghệ An", "Nghe An", None), ("VN-92", "Cần Thơ", "Can Tho", None),
    ("VN-60", "Bình Thuận", "Binh Thuan", "VN-68"), ("VN-49", "Quảng Nam", "Quang Nam", "VN-48"),
    ("VN-77", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau", "VN-79"), ("VN-74", "Bình Dương", "Binh Duong", "VN-79"),
]
SOURCES = ["vietnamplus", "vneconomy", "nld", "baoquocte"]
TYPES = ["conference", "working_session", "visit", "reception", "agreement_signing", "trade_promotion"]


def make_rich_build_db(path: Path, events: int = 160, seed: int = 7) -> Path:
    rng = random.Random(seed)
    con = connect(path)
    try:
        con.execute(MARTS_DDL)
        con.executemany("insert into marts.dim_countries values (?, ?, ?)", COUNTRIES)
        con.executemany(
            "insert into marts.dim_localities values (?, 'VN', ?, ?, 'province', null, ?, ?)",
            [(c, n, a, "2025-06-30" if s else None, s) for c, n, a, s in PROVINCES],
        )
        batch = _Batch()
        for i in range(events):
            _event(batch, rng, i)
        batch.flush(con)
        con.execute(
            "insert into raw.unknown_places select article_id, 'x1', ?, null, 1 + (hash(article_id) % 3)::int"
            " from marts.dim_articles using sample 12 rows", ["Xanh Pê-téc-bua"])
        con.execute(
            "insert into raw.ingest_errors select 'e' || i, 'feed:' || i, 'fetch', 'http_503', 'Máy chủ bận', now()"
            " from range(3) t(i)")
    finally:
        con.close()
    return path


class _Batch:
    """Collects single-row INSERT ... VALUES (...) statements and runs them as multi-row inserts (much faster)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[list]] = {}

    def execute(self, sql: str, params: list) -> None:
        self.rows.setdefault(sql, []).append(list(params))

    def flush(self, con, chunk: int = 200) -> None:
        for sql, rows in self.rows.items():
            head, group = sql.split(" values ", 1)
            for start in range(0, len(rows), chunk):
                part = rows[start:start + chunk]
                con.execute(f"{head} values {', '.join([group] * len(part))}", [v for row in part for v in row])
        self.rows.clear()


def _event(con: _Batch, rng: random.Random, i: int) -> None:
    start = date(2023, 1, 1)
    day = start + timedelta(days=int(rng.triangular(0, 729, 600)))
    published = datetime(day.year, day.month, day.day, 9, 30, tzinfo=ICT) + timedelta(days=1)
    province = rng.choice(PROVINCES[:10] * 2 + PROVINCES[10:])
    partner = rng.choices(COUNTRIES, weights=WEIGHTS)[0]
    article, source = f"r{i:04d}", rng.choice(SOURCES)
    title = f"{province[1]} thúc đẩy hợp tác với các đối tác {partner[1]}"
    con.execute("insert into marts.dim_articles values (?, ?, ?, ?, ?, null, 'Thời sự', true)",
                [article, source, f"https://{source}.example.vn/bai-{i}.htm", title, published])
    body = "" if i % 37 == 0 else "Nội dung bài viết."
    parse_path = "generic" if i % 11 == 0 else rng.choice(["text", "jsonld", "jsonld", "meta"])
    con.execute(
        "insert into raw.articles (article_id, url, source, title, body_text, published_at, parse_path, is_relevant,"
        " text_sha256, first_landed_at, landed_at) values (?, ?, ?, ?, ?, ?, ?, true, 'x', ?, ?)",
        [article, f"https://{source}.example.vn/bai-{i}.htm", source, title, body, published, parse_path, published,
         published])
    event = f"ev{i:04d}"
    con.execute(
        "insert into marts.fct_cooperation_events values (?, ?, 'day', null, ?, false, null, 'VN', null, 1, 1, ?, ?,"
        " 'Lãnh đạo hai bên đã trao đổi các biện pháp thúc đẩy hợp tác.')",
        [event, day, rng.choice(TYPES), article, published])
    con.execute("insert into marts.fct_event_mentions values (?, ?, ?, 'Hai bên đã trao đổi.', 'x1')",
                [f"m{i}", event, article])
    con.execute("insert into marts.bridge_event_participants values (?, 'vn', 'VN', ?, ?, 'province')",
                [event, province[0], province[1]])
    con.execute("insert into marts.bridge_event_participants values (?, 'foreign', ?, null, null, 'country')",
                [event, partner[0]])
    if i % 3 == 0:
        value = round(rng.uniform(5, 900), 1)
        con.execute(
            "insert into marts.fct_trade_flows (trade_flow_id, article_id, reporter_country_code,"
            " reporter_locality_code, partner_country_code, flow, value, currency, value_usd, value_qualifier,"
            " period_year, period_month_from, period_month_to, change_pct, evidence) values"
            " (?, ?, 'VN', ?, ?, 'export', ?, 'USD', ?, 'approx', ?, 1, ?, ?, ?)",
            [f"tf{i}", article, province[0], partner[0], value * 1e6, value * 1e6, day.year, day.month,
             round(rng.uniform(-12, 35), 1),
             f"Kim ngạch xuất khẩu của {province[1]} sang thị trường {partner[1]} đạt khoảng "
             f"{str(value).replace('.', ',')} triệu USD."])
    if i % 4 == 1:
        capital, projects = round(rng.uniform(20, 3000), 0), rng.randint(3, 180)
        con.execute(
            "insert into marts.fct_investments (investment_id, article_id, investor_country_code, host_country_code,"
            " host_locality_code, project_count, capital, currency, capital_usd, capital_kind, as_of_date, evidence)"
            " values (?, ?, ?, 'VN', ?, ?, ?, 'USD', ?, 'registered', ?, ?)",
            [f"iv{i}", article, partner[0], province[0], projects, capital * 1e6, capital * 1e6, day,
             f"Các nhà đầu tư {partner[1]} hiện có {projects} dự án với tổng vốn đăng ký {capital:.0f} triệu USD "
             f"tại {province[1]}."])
