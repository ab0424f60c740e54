"""The crafted articles every dbt test builds on.

Events (extractor version v1 is current; v0 rows are stale):
  E-HN-KALUGA  Hà Nội × Kaluga working session on 2024-05-09, reported by a1 (vietnamplus), a2 (nld, as a
               reception with Russia only), and a3 (vietnamplus, month precision, mentioned twice, once undated)
               -> one event, 4 mentions, 3 articles, 2 sources.
  near misses  a4: Hà Nội × Russia working session on 2024-05-18 (same partners, other date);
               a5: Đà Nẵng × Russia visit on 2024-05-09 (same date, other province);
               a6: Hà Nội × Russia agreement signing on 2024-05-09 (other type group)   -> 3 separate events.
  national     a8 + a9: Việt Nam × Japan conference on 2024-06-01, national level only -> one event.
  roll-up      a7 (2019): Bình Thuận (VN-L60) × Busan working session -> rolls up to Lâm Đồng VN-68.
  excluded     a10 is_relevant = false; a11 has no extraction; stale v0 mentions of a1.
"""
from __future__ import annotations

import duckdb
from dbt_raw_rows import (
    add_article,
    add_event,
    add_investment,
    add_reference_data,
    add_trade,
    party,
    set_extraction,
)

HANOI = party("vn", "VN", "VN-01", "Hà Nội", "city")
DANANG = party("vn", "VN", "VN-48", "Đà Nẵng", "city")
BINH_THUAN = party("vn", "VN", "VN-L60", "Bình Thuận", "province")
VIETNAM = party("vn", "VN")
RUSSIA = party("foreign", "RU")
KALUGA = party("foreign", "RU", "RU-KLU", "Kaluga", "region")
JAPAN = party("foreign", "JP")
BUSAN = party("foreign", "KR", "KR-26", "Busan", "city")

ARTICLES = [
    ("a1", "vietnamplus", "2024-05-10 09:00:00+07", True),
    ("a2", "nld", "2024-05-10 15:00:00+07", True),
    ("a3", "vietnamplus", "2024-05-12 08:00:00+07", None),
    ("a4", "nld", "2024-05-19 08:00:00+07", True),
    ("a5", "baoquocte", "2024-05-10 10:00:00+07", True),
    ("a6", "baoquocte", "2024-05-10 11:00:00+07", True),
    ("a7", "baobinhthuan", "2019-03-15 08:00:00+07", True),
    ("a8", "vietnamplus", "2024-06-02 08:00:00+07", True),
    ("a9", "nld", "2024-06-02 09:00:00+07", True),
    ("a10", "nld", "2024-05-11 08:00:00+07", False),
    ("a11", "nld", "2024-05-10 08:30:00+07", True),
]


def load_scenario(con: duckdb.DuckDBPyConnection) -> None:
    add_reference_data(con)
    for article_id, source, published_at, relevant in ARTICLES:
        add_article(con, article_id, source, published_at, relevant)
    for article_id in ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"):
        set_extraction(con, article_id, "v1", extracted_at="2026-11-01 09:00:00+07")
    day = dict(precision="day")
    add_event(con, "m-a1-1", "a1", "v1", event_date="2024-05-09", event_type="working_session", **day,
              participants=[HANOI, KALUGA], sectors=("trade", "education"), location="Hà Nội", location_country="VN",
              evidence="Ngày 9/5, lãnh đạo Hà Nội làm việc với đoàn tỉnh Kaluga.")
    add_event(con, "m-a1-old", "a1", "v0", event_date="2024-05-09", event_type="working_session", **day,
              participants=[HANOI, KALUGA], evidence="Bản trích xuất cũ không còn hiệu lực.")
    add_event(con, "m-a2-1", "a2", "v1", event_date="2024-05-09", event_type="reception", **day,
              participants=[HANOI, RUSSIA], sectors=("tourism", "nông nghiệp"),
              evidence="Chủ tịch thành phố tiếp đoàn công tác Liên bang Nga hôm 9/5.")
    add_event(con, "m-a3-1", "a3", "v1", event_date="2024-05-01", event_type="working_session", precision="month",
              participants=[HANOI, KALUGA], char_start=10, evidence="Trong tháng 5, Hà Nội đón đoàn Kaluga.")
    add_event(con, "m-a3-2", "a3", "v1", event_date=None, event_type="working_session", precision=None,
              participants=[HANOI, KALUGA], char_start=200, evidence="Tại buổi làm việc, hai bên nhất trí.")
    add_event(con, "m-a4-1", "a4", "v1", event_date="2024-05-18", event_type="working_session", **day,
              participants=[HANOI, RUSSIA], evidence="Ngày 18/5, Hà Nội tiếp tục làm việc với phía Nga.")
    add_event(con, "m-a5-1", "a5", "v1", event_date="2024-05-09", event_type="visit", **day,
              participants=[DANANG, RUSSIA], evidence="Ngày 9/5, đoàn Nga thăm Đà Nẵng.")
    add_event(con, "m-a6-1", "a6", "v1", event_date="2024-05-09", event_type="agreement_signing", **day,
              participants=[HANOI, RUSSIA], agreement="signed", evidence="Hai bên ký biên bản ghi nhớ hôm 9/5.")
    add_event(con, "m-a7-1", "a7", "v1", event_date="2019-03-14", event_type="working_session", **day,
              participants=[BINH_THUAN, BUSAN], sectors=("seaport",),
              evidence="Ngày 14/3, tỉnh Bình Thuận làm việc với đoàn thành phố Busan.")
    add_event(con, "m-a8-1", "a8", "v1", event_date="2024-06-01", event_type="conference", **day,
              participants=[VIETNAM, JAPAN], evidence="Hội nghị hợp tác Việt - Nhật diễn ra ngày 1/6.")
    add_event(con, "m-a9-1", "a9", "v1", event_date="2024-06-01", event_type="trade_promotion", **day,
              participants=[VIETNAM, JAPAN, party("foreign", "XX", None, "Đảo Lạ", "region")],
              evidence="Diễn đàn xúc tiến Việt Nam - Nhật Bản khai mạc ngày 1/6.")
    add_event(con, "m-a10-1", "a10", "v1", event_date="2024-05-09", event_type="visit", **day,
              participants=[HANOI, RUSSIA], evidence="Bài không liên quan, không được tính.")
    add_trade(con, "t-a1-1", "a1", "v1", reporter="VN", reporter_code="VN-01", reporter_name="Hà Nội",
              partner="RU", value_usd=150e6, year=2023)
    add_trade(con, "t-a1-2", "a1", "v1", reporter="VN", reporter_code="VN-01", reporter_name="Hà Nội",
              partner="RU", value_usd=60e6, flow="export", year=2023)
    add_trade(con, "t-a1-old", "a1", "v0", reporter="VN", partner="RU", value_usd=1.0)
    add_trade(con, "t-a7-1", "a7", "v1", reporter="VN", reporter_code="VN-L60", reporter_name="Bình Thuận",
              partner="KR", value_usd=45e6, year=2018)
    add_trade(con, "t-a8-1", "a8", "v1", reporter="VN", partner="XX", value_usd=5e9,
              reporter_code="VN-99", reporter_name="Tỉnh Lạ")
    add_trade(con, "t-a10-1", "a10", "v1", reporter="VN", partner="RU", value_usd=9e9)
    add_investment(con, "i-a7-1", "a7", "v1", investor="KR", host="VN", host_code="VN-L60",
                   host_name="Bình Thuận", capital_usd=120e6, projects=12, as_of="2019-02-28")
    add_investment(con, "i-a2-1", "a2", "v1", investor="RU", host="VN", host_code="VN-01", host_name="Hà Nội",
                   capital_usd=30e6, projects=4, as_of="2024-04-30")
    add_investment(con, "i-a9-1", "a9", "v1", investor=None, host="VN", capital_usd=2e9)
