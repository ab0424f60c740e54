"""Helpers that write crafted rows into the raw layer, as the scrapers and the extractor would."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

import duckdb

PARTICIPANTS_TYPE = (
    '[{"side": "VARCHAR", "country_code": "VARCHAR", "locality_code": "VARCHAR", '
    '"locality_name": "VARCHAR", "level": "VARCHAR"}]'
)
LANDED_AT = "2026-11-01 08:00:00+07"


def party(side: str, country: str, code: str | None = None, name: str | None = None, level: str | None = None):
    """One participant of an event mention, as the extractor writes it."""
    return {"side": side, "country_code": country, "locality_code": code, "locality_name": name,
            "level": level or ("country" if code is None and name is None else "province")}


def add_article(con: duckdb.DuckDBPyConnection, article_id: str, source: str, published_at: str,
                is_relevant: bool | None = True, title: str | None = None) -> None:
    url = f"https://{source}.example.vn/bai-viet/{article_id}.html"
    con.execute(
        "insert into raw.articles (article_id, url, source, title, body_text, published_at, text_sha256, "
        "is_relevant, parser_version, first_landed_at, landed_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, ?)",
        [article_id, url, source, title or f"Tin hợp tác {article_id}", "Nội dung bài viết thử nghiệm.",
         published_at, hashlib.sha256(article_id.encode()).hexdigest(), is_relevant, LANDED_AT, LANDED_AT],
    )


def set_extraction(con: duckdb.DuckDBPyConnection, article_id: str, version: str, counts=(0, 0, 0),
                   extracted_at: str | None = None) -> None:
    con.execute("delete from raw.extractions where article_id = ?", [article_id])
    con.execute(
        "insert into raw.extractions values (?, ?, ?, ?, ?, ?, ?, null)",
        [article_id, version, hashlib.sha256(article_id.encode()).hexdigest(),
         extracted_at or datetime.now().astimezone().isoformat(), *counts],
    )


def add_event(con: duckdb.DuckDBPyConnection, mention_id: str, article_id: str, version: str, *,
              event_date: str | None, precision: str | None, event_type: str, participants: list[dict],
              sectors: tuple[str, ...] = (), char_start: int = 0, evidence: str = "Hai bên đã có buổi làm việc.",
              end_date: str | None = None, location: str | None = None, location_country: str | None = None,
              agreement: str | None = None) -> None:
    con.execute(
        "insert into raw.event_mentions values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, "
        f"json_transform(?, '{PARTICIPANTS_TYPE}'), ?, 0.9, null)",
        [mention_id, article_id, version, char_start, char_start + len(evidence), evidence, event_date, precision,
         end_date, event_type, location, location_country, agreement, json.dumps(participants), list(sectors)],
    )


def add_trade(con: duckdb.DuckDBPyConnection, mention_id: str, article_id: str, version: str, *,
              reporter: str, partner: str | None, value_usd: float | None, flow: str = "turnover",
              reporter_code: str | None = None, reporter_name: str | None = None, year: int | None = 2023,
              evidence: str = "Kim ngạch thương mại hai chiều tăng mạnh.") -> None:
    con.execute(
        "insert into raw.trade_mentions (mention_id, article_id, extractor_version, char_start, char_end, evidence, "
        "reporter_country_code, reporter_locality_code, reporter_locality_name, partner_country_code, flow, value, "
        "currency, value_usd, value_qualifier, period_year, confidence) "
        "values (?, ?, ?, 0, 10, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, 'approx', ?, 0.8)",
        [mention_id, article_id, version, evidence, reporter, reporter_code, reporter_name, partner, flow,
         value_usd, value_usd, year],
    )


def add_investment(con: duckdb.DuckDBPyConnection, mention_id: str, article_id: str, version: str, *,
                   investor: str | None, host: str, capital_usd: float | None, host_code: str | None = None,
                   host_name: str | None = None, projects: int | None = None, as_of: str | None = None,
                   evidence: str = "Nhà đầu tư nước ngoài đã đăng ký thêm vốn.") -> None:
    con.execute(
        "insert into raw.investment_mentions (mention_id, article_id, extractor_version, char_start, char_end, "
        "evidence, investor_country_code, host_country_code, host_locality_code, host_locality_name, project_count, "
        "capital, currency, capital_usd, capital_kind, as_of_date, confidence) "
        "values (?, ?, ?, 0, 10, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, 'registered', ?, 0.8)",
        [mention_id, article_id, version, evidence, investor, host, host_code, host_name, projects, capital_usd,
         capital_usd, as_of],
    )


def add_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    """A slice of the gazetteer: a few countries, current units, merged provinces and foreign regions."""
    con.executemany(
        "insert into raw.ref_countries values (?, ?, ?)",
        [["VN", "Việt Nam", "Viet Nam"], ["RU", "Nga", "Russia"], ["KR", "Hàn Quốc", "South Korea"],
         ["JP", "Nhật Bản", "Japan"], ["LA", "Lào", "Laos"], ["FR", "Pháp", "France"]],
    )
    legacy_end = "2025-06-30"
    con.executemany(
        "insert into raw.ref_localities values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ["VN-01", "VN", "Hà Nội", "Ha Noi", "city", None, None, None, ["Thủ đô Hà Nội"]],
            ["VN-48", "VN", "Đà Nẵng", "Da Nang", "city", None, None, None, []],
            ["VN-68", "VN", "Lâm Đồng", "Lam Dong", "province", "2025-07-01", None, None, []],
            ["VN-79", "VN", "Hồ Chí Minh", "Ho Chi Minh", "city", None, None, None, ["TP.HCM"]],
            ["VN-L60", "VN", "Bình Thuận", "Binh Thuan", "province", None, legacy_end, "VN-68", []],
            ["VN-L68", "VN", "Lâm Đồng", "Lam Dong", "province", None, legacy_end, "VN-68", []],
            ["VN-L67", "VN", "Đắk Nông", "Dak Nong", "province", None, legacy_end, "VN-68", []],
            ["VN-L77", "VN", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau", "province", None, legacy_end, "VN-79", []],
            ["RU-KLU", "RU", "Kaluga", "Kaluga", "region", None, None, None, []],
            ["KR-26", "KR", "Busan", "Busan", "city", None, None, None, []],
            ["JP-14", "JP", "Kanagawa", "Kanagawa", "region", None, None, None, []],
        ],
    )
