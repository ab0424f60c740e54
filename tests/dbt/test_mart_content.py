"""What the marts hold for the crafted scenario (see tests/dbt/dbt_scenario.py)."""
from __future__ import annotations

from datetime import date

from dbt_harness import query


def event_of(db, article_id: str) -> str:
    rows = query(db, "select event_id from marts.fct_event_mentions where article_id = ?", [article_id])
    assert len(rows) == 1, rows
    return rows[0][0]


def test_one_event_reported_by_three_articles_is_one_event(built_db):
    event_id = event_of(built_db, "a1")
    assert event_of(built_db, "a2") == event_id and event_of(built_db, "a3") == event_id
    row = query(built_db, "select mention_count, source_count, first_article_id, event_date, event_date_precision "
                          "from marts.fct_cooperation_events where event_id = ?", [event_id])
    # a1 + a2 + a3 (twice, once undated); sources vietnamplus and nld
    assert row == [(4, 2, "a1", date(2024, 5, 9), "day")]


def test_near_misses_stay_separate_events(built_db):
    kaluga = event_of(built_db, "a1")
    others = [event_of(built_db, a) for a in ("a4", "a5", "a6")]
    assert kaluga not in others and len(set(others)) == 3


def test_two_national_level_reports_merge_and_unknown_country_maps_to_zz(built_db):
    assert event_of(built_db, "a8") == event_of(built_db, "a9")
    parties = query(built_db, "select side, country_code, locality_name from marts.bridge_event_participants "
                              "where event_id = ? order by all", [event_of(built_db, "a8")])
    assert parties == [("foreign", "JP", None), ("foreign", "ZZ", "Đảo Lạ"), ("vn", "VN", None)]


def test_event_participants_and_sectors_are_the_union_of_mentions(built_db):
    event_id = event_of(built_db, "a1")
    parties = query(built_db, "select side, country_code, locality_code from marts.bridge_event_participants "
                              "where event_id = ? order by all", [event_id])
    assert parties == [("foreign", "RU", "RU-KLU"), ("foreign", "RU", None), ("vn", "VN", "VN-01")]
    sectors = query(built_db, "select sector from marts.bridge_event_sectors where event_id = ? order by 1",
                    [event_id])
    assert [s for (s,) in sectors] == ["education", "other", "tourism", "trade"]  # 'nông nghiệp' -> other


def test_facts_come_only_from_current_versions_of_relevant_articles(built_db):
    trade = query(built_db, "select trade_flow_id from marts.fct_trade_flows order by 1")
    assert [t for (t,) in trade] == ["t-a1-1", "t-a1-2", "t-a7-1", "t-a8-1"]
    mentions = query(built_db, "select count(*) from marts.fct_event_mentions where article_id in ('a10', 'a11')")
    assert mentions == [(0,)]
    articles = query(built_db, "select article_id, is_relevant from marts.dim_articles where article_id in "
                               "('a3', 'a10', 'a11') order by 1")
    assert articles == [("a10", False), ("a11", True), ("a3", None)]


def test_unknown_codes_map_to_explicit_unknown_members(built_db):
    row = query(built_db, "select reporter_locality_code, reporter_locality_name, partner_country_code "
                          "from marts.fct_trade_flows where trade_flow_id = 't-a8-1'")
    assert row == [("ZZ-X-UNKNOWN", "Tỉnh Lạ", "ZZ")]
    assert query(built_db, "select name_en from marts.dim_countries where country_code = 'ZZ'") == [("Unknown",)]
    investment = query(built_db, "select investor_country_code from marts.fct_investments "
                                 "where investment_id = 'i-a9-1'")
    assert investment == [(None,)]  # null keeps its meaning: foreign investors in general


def test_2019_binh_thuan_event_rolls_up_to_lam_dong_and_keeps_its_name(built_db):
    event_id = event_of(built_db, "a7")
    written = query(built_db, "select locality_code, locality_name from marts.bridge_event_participants "
                              "where event_id = ? and side = 'vn'", [event_id])
    assert written == [("VN-L60", "Bình Thuận")]
    partners = query(built_db, "select locality_name, locality_names_as_written, event_count, last_event_date, "
                               "latest_trade_value_usd, latest_investment_capital_usd "
                               "from marts.rpt_locality_partners where locality_code = 'VN-68' "
                               "and foreign_country_code = 'KR'")
    assert [(p[0], p[1], p[2], str(p[3]), p[4], p[5]) for p in partners] == [
        ("Lâm Đồng", ["Bình Thuận"], 1, "2019-03-14", 45e6, 120e6)]
    as_written = query(built_db, "select locality_name_as_written, current_locality_code "
                                 "from marts.rpt_locality_partners_as_written "
                                 "where locality_code_as_written = 'VN-L60'")
    assert as_written == [("Bình Thuận", "VN-68")]
    legacy = query(built_db, "select count(*) from marts.rpt_locality_partners where locality_code like 'VN-L%'")
    assert legacy == [(0,)]


def test_locality_dimension_carries_the_2025_merger(built_db):
    rows = query(built_db, "select locality_code, valid_to, successor_code from marts.dim_localities "
                           "where locality_code in ('VN-L60', 'VN-68', 'ZZ-X-UNKNOWN') order by 1")
    assert [(c, str(v) if v else None, s) for c, v, s in rows] == [
        ("VN-68", None, None), ("VN-L60", "2025-06-30", "VN-68"), ("ZZ-X-UNKNOWN", None, None)]


def test_event_marts_come_in_reporting_order(built_db):
    """Rows in the order the events were reported (publication, article): readers and the gold evaluation's
    greedy matching see the first report first."""
    published = dict(query(built_db, "select article_id, published_at from marts.dim_articles"))
    mentions = [row[0] for row in query(built_db, "select article_id from marts.fct_event_mentions")]
    mention_order = [(published[article], article) for article in mentions]
    events = query(built_db, "select first_reported_at, first_article_id from marts.fct_cooperation_events")
    assert len(mentions) >= 5 and len(events) >= 5
    assert mention_order == sorted(mention_order)
    assert events == sorted(events)
