"""The public interface the Dagster asset relies on: field names = raw table columns, codes in the gazetteers."""
from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extraction
from extraction import ArticleFacts, EventFact, InvestmentFact, TradeFact, UnknownPlace, article_text, extract_article
from extraction.facts import (
    AGREEMENT_STATUSES,
    CAPITAL_KINDS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    FLOWS,
    LEVELS,
    QUALIFIERS,
    SECTORS,
    SIDES,
)
from extraction.gazetteer import reference_countries, reference_localities
from warehouse.schema import MIGRATIONS

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "dev"


def table_columns(table: str) -> list[str]:
    ddl = "\n".join(m[2] for m in MIGRATIONS)
    body = re.search(rf"create table if not exists raw\.{table} \((.*?)\n\s*\);", ddl, re.S).group(1)
    while re.search(r"\([^()]*\)", body):
        body = re.sub(r"\([^()]*\)", "", body)
    names = []
    for line in body.splitlines():
        line = line.strip()
        if line and not line.startswith(("primary key", "--")):
            names.append(line.split()[0])
    return names


@pytest.mark.parametrize("cls,table", [(TradeFact, "trade_mentions"), (InvestmentFact, "investment_mentions"),
                                       (EventFact, "event_mentions")])
def test_fact_fields_are_the_raw_columns(cls, table):
    columns = [c for c in table_columns(table) if c not in ("mention_id", "article_id")]
    assert [f.name for f in dataclasses.fields(cls)] == columns


def test_unknown_place_fields():
    columns = [c for c in table_columns("unknown_places") if c not in ("article_id", "extractor_version")]
    assert [f.name for f in dataclasses.fields(UnknownPlace)] == columns


def test_version_string():
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", extraction.EXTRACTOR_VERSION)


def gold_articles():
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        published = date.fromisoformat(g["published_date"]) if g.get("published_date") else None
        yield g["text"], published


def all_facts():
    for text, published in gold_articles():
        title, _, body = text.partition("\n")
        when = datetime(published.year, published.month, published.day, 8, tzinfo=UTC) if published else None
        yield article_text(title, None, body), extract_article(title, None, body, when)


def test_enumerations_codes_and_offsets_on_real_articles():
    countries = {c["country_code"] for c in reference_countries()}
    localities = {r["locality_code"]: r for r in reference_localities()}
    seen = 0
    for text, facts in all_facts():
        assert isinstance(facts, ArticleFacts)
        for f in facts.trade + facts.investments + facts.events:
            seen += 1
            assert text[f.char_start:f.char_end] == f.evidence
            assert 0 < f.confidence <= 1 and f.extractor_version == extraction.EXTRACTOR_VERSION
        for f in facts.trade:
            assert f.flow in FLOWS and (f.value_qualifier is None or f.value_qualifier in QUALIFIERS)
            for code in (f.reporter_country_code, f.partner_country_code):
                assert code is None or code in countries
            for code in (f.reporter_locality_code, f.partner_locality_code):
                assert code is None or code in localities
        for f in facts.investments:
            assert f.capital_kind in CAPITAL_KINDS and f.host_country_code in countries
            assert f.investor_country_code is None or f.investor_country_code in countries
            for code in (f.investor_locality_code, f.host_locality_code):
                assert code is None or code in localities
        for e in facts.events:
            assert e.event_type in EVENT_TYPES and set(e.sectors) <= set(SECTORS)
            assert e.agreement_status is None or e.agreement_status in AGREEMENT_STATUSES
            assert e.event_date_precision is None or e.event_date_precision in DATE_PRECISIONS
            assert e.location_country_code is None or e.location_country_code in countries
            for p in e.participants:
                assert p.side in SIDES and p.level in LEVELS and p.country_code in countries
                assert p.locality_code is None or localities[p.locality_code]["country_code"] == p.country_code
    assert seen >= 15


def test_extraction_is_pure_and_deterministic():
    text, published = next(gold_articles())
    first = extract_article(None, None, text, published)
    second = extract_article(None, None, text, published)
    assert first == second
    assert extract_article(None, None, text, None) != first   # the publication date matters (years, codes)


def test_empty_and_odd_inputs():
    assert extract_article(None, None, None, None) == ArticleFacts()
    assert extract_article("", "   ", "\u00a0", None) == ArticleFacts()
    facts = extract_article("Tiêu đề", None, "Một câu không có dữ kiện nào cả.", datetime.now(UTC))
    assert facts == ArticleFacts()


def test_facts_can_sit_in_the_title_or_lead():
    facts = extract_article("Năm 2023, kim ngạch thương mại Việt Nam - Lào đạt 1,6 tỷ USD",
                            "Sáng 3/5, tỉnh Sơn La đã ký kết thỏa thuận hợp tác với tỉnh Luang Prabang (Lào).",
                            "Nội dung chi tiết.", date(2024, 5, 4))
    assert [f.value for f in facts.trade] == [1.6e9]
    assert [e.event_date for e in facts.events] == [date(2024, 5, 3)]
    text = article_text("Năm 2023, kim ngạch thương mại Việt Nam - Lào đạt 1,6 tỷ USD",
                        "Sáng 3/5, tỉnh Sơn La đã ký kết thỏa thuận hợp tác với tỉnh Luang Prabang (Lào).",
                        "Nội dung chi tiết.")
    e = facts.events[0]
    assert text[e.char_start:e.char_end] == e.evidence


def test_dev_set_scores_through_eval_rules():
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import dev_eval
    ev = dev_eval.load_eval()
    gold = ev.load_gold(str(GOLD))
    report = ev.score(gold, dev_eval.predictions(ev, gold))
    for kind in ("trade", "investment", "events"):
        assert report[kind]["f1"] >= 0.8, (kind, report[kind])


FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures"


@pytest.mark.parametrize("name", [
    "baochinhphu/article_2026-09-05_co-che-chinh-sach-xac-dinh-gia-san-pham-in-duc-tien_EXCERPT.html",
    "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html",
])
def test_real_unrelated_articles_yield_no_facts(name):
    """Real saved pages (read at run time) about pricing rules and a company's profit: nothing to extract."""
    from bs4 import BeautifulSoup
    text = BeautifulSoup((FIXTURES / name).read_text(encoding="utf-8"), "lxml").get_text("\n")
    facts = extract_article(None, None, text, date(2026, 9, 5))
    assert (facts.trade, facts.investments, facts.events) == ([], [], [])
    from extraction.relevance import classify
    assert classify(None, None, text)[0] is False


def test_publication_day_is_taken_in_vietnam():
    body = "Sáng nay, tỉnh Bắc Ninh đã ký kết thỏa thuận hợp tác với tỉnh Gyeonggi (Hàn Quốc)."
    late_utc = datetime(2024, 3, 14, 23, 30, tzinfo=UTC)          # 06:30 on 15 March in Hà Nội
    [event] = extract_article(None, None, body, late_utc).events
    assert event.event_date == date(2024, 3, 15)
    [naive] = extract_article(None, None, body, datetime(2024, 3, 14, 23, 30)).events
    assert naive.event_date == date(2024, 3, 14)


_WORDS = ["Ngày", "12/3", "chiều", "kim ngạch", "xuất khẩu", "sang", "Nga", "Việt Nam", "đạt", "4,85 tỷ USD", "tăng",
          "9%", "hội đàm", "tỉnh", "Kaluga", "đã", "ký kết", "dự án", "vốn đăng ký", "Hàn Quốc", "có", "150", ";",
          ",", ".", "\n", "(", ")", "Tính đến", "20/9/2021", "lần lượt", "và", "con số này", "Tọa đàm", "hơn",
          "gần 4 lần", "TP.HCM", "Trong đó", "thăm", "Bình Thuận", "quý I/2023", "9 tháng đầu năm"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1))))
def test_never_raises_and_offsets_hold(words, published):
    body = " ".join(words)
    facts = extract_article(None, None, body, published)
    text = article_text(None, None, body)
    for f in facts.trade + facts.investments + facts.events:
        assert text[f.char_start:f.char_end] == f.evidence


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(body):
    extract_article("Tiêu đề", None, body, date(2024, 1, 1))


def test_publication_date_as_iso_text_is_accepted():
    body = "Sáng nay, tỉnh Bắc Ninh đã ký kết thỏa thuận hợp tác với tỉnh Gyeonggi (Hàn Quốc)."
    assert [e.event_date for e in extract_article(None, None, body, "2024-03-15").events] == [date(2024, 3, 15)]
    assert [e.event_date for e in extract_article(None, None, body, "not a date").events] == [None]
