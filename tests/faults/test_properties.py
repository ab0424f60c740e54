"""Property-based tests (hypothesis) of the normalisers, beyond tests/extraction: never raise, round-trips of
Vietnamese-formatted values, resolved dates near publication, NFC and NFD giving identical results."""
from __future__ import annotations

import calendar
import unicodedata
from datetime import date, datetime

import pytest
from corpus import BODY, PARTNERS, PROVINCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import extract_article
from extraction.dates import find_as_of, find_dates, find_periods
from extraction.numbers import CURRENCIES, QUALIFIERS, find_changes, find_money
from extraction.text import article_text, match_form

pytestmark = pytest.mark.faults
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = ["ngày", "tháng", "năm", "quý", "I", "IV", "tỷ", "tỉ", "triệu", "nghìn", "USD", "đồng", "yên", "gần", "hơn",
          "tăng", "giảm", "%", "lần", "/", ".", ",", "-", "–", "đến", "từ", "hết", "tính đến", "nửa đầu", "cùng kỳ",
          "so với", "sáng", "chiều", "nay", "qua", "hôm qua", "31/2", "29/2", "1.2.3", "00", "9999", "1900", "2100",
          "\u00a0", "\u200b", "\n", "Hà Nội", "hoà", "Thuỷ"]
noisy_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.integers(0, 10**7).map(str), st.text(max_size=4)),
                      max_size=30).map(" ".join)
publication = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


@FAST
@given(noisy_text, st.one_of(st.none(), publication))
def test_finders_never_raise_on_arbitrary_text(text, published):
    key = match_form(text)
    for money in find_money(key):
        assert money.value >= 0 and money.currency in CURRENCIES.values()
    find_changes(key)
    for mention in find_dates(key, published):
        assert mention.value is None or 1900 <= mention.value.year <= 2100
    for period in find_periods(key, published):
        assert period.month_from is None or 1 <= period.month_from <= (period.month_to or 12) <= 12
    find_as_of(key, published)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_text, noisy_text, st.one_of(st.none(), st.datetimes(min_value=datetime(1995, 1, 1),
                                                                   max_value=datetime(2035, 1, 1))))
def test_whole_article_extraction_never_raises(title, body, published):
    facts = extract_article(title, None, body, published)
    text = article_text(title, None, body)
    for fact in [*facts.trade, *facts.investments, *facts.events]:
        assert 0 <= fact.char_start < fact.char_end <= len(text)


def vietnamese(value: int, decimals: str) -> str:
    """12345 + "67" -> "12.345,67" (dot thousands, comma decimals)."""
    return f"{value:,}".replace(",", ".") + (f",{decimals}" if decimals else "")


SCALES = {"": 1.0, "nghìn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "nghìn tỷ": 1e12}
WRITTEN_QUALIFIERS = [q for q in QUALIFIERS if q not in ("ngoài", "tới", "đến", "hơn mức", "gần như")]


@FAST
@given(st.integers(1, 999_999), st.sampled_from(["", "5", "25", "125"]), st.sampled_from(sorted(SCALES)),
       st.sampled_from(["USD", "đô la Mỹ", "euro", "yên", "nhân dân tệ", "won"]),
       st.one_of(st.just(""), st.sampled_from(WRITTEN_QUALIFIERS)))
def test_money_written_the_vietnamese_way_reads_back(whole, decimals, scale, currency, qualifier):
    written = f"kim ngạch {qualifier} {vietnamese(whole, decimals)} {scale} {currency} trong năm".replace("  ", " ")
    [money] = find_money(match_form(written))
    expected = (whole + (int(decimals) / 10 ** len(decimals) if decimals else 0)) * SCALES[scale]
    assert money.value == pytest.approx(expected)
    assert money.currency == CURRENCIES[currency.lower()]
    assert money.qualifier == QUALIFIERS.get(qualifier, "exact")


@FAST
@given(publication, st.integers(1, 12), st.integers(1, 31), st.sampled_from(["Ngày", "Sáng", "Chiều", "Tối"]),
       st.sampled_from(["/", "-", "."]))
def test_dates_without_a_year_resolve_within_a_year_of_publication(published, month, day, cue, sep):
    sentence = f"{cue} {day}{sep}{month}, đoàn công tác của tỉnh đã sang làm việc."
    found = find_dates(match_form(sentence), published)
    if day > calendar.monthrange(2000, month)[1]:                       # 31/4, 30/2: never a date
        assert all(d.value is None for d in found)
        return
    [mention] = found
    if mention.value is None:                                             # 29/2 with no leap year nearby
        assert (day, month) == (29, 2)
        return
    assert (mention.value.day, mention.value.month) == (day, month)
    assert published.year - 1 <= mention.value.year <= published.year + 1


@FAST
@given(st.integers(1, 4), st.integers(1995, 2035), st.booleans(), publication)
def test_quarters_and_halves_round_trip(quarter, year, roman, published):
    q = ["I", "II", "III", "IV"][quarter - 1] if roman else str(quarter)
    [period] = find_periods(match_form(f"trong quý {q} năm {year}, xuất khẩu tăng"), published)
    assert (period.year, period.month_from, period.month_to) == (year, 3 * quarter - 2, 3 * quarter)
    half = "nửa đầu" if roman else "nửa cuối"
    [period] = find_periods(match_form(f"{half} năm {year}"), published)
    assert (period.year, period.month_from, period.month_to) == (year, 1 if roman else 7, 6 if roman else 12)


@FAST
@given(st.integers(1, 12), st.integers(1995, 2035))
def test_as_of_end_of_month_is_the_last_day(month, year):
    assert find_as_of(match_form(f"Tính đến hết tháng {month}/{year}, tỉnh có"), date(2036, 1, 1)) == date(
        year, month, calendar.monthrange(year, month)[1])


def nfd(text: str | None) -> str | None:
    return unicodedata.normalize("NFD", text) if text else text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PROVINCES), st.sampled_from(PARTNERS), st.integers(1, 28), st.integers(1, 12),
       st.integers(1, 999), st.booleans())
def test_nfc_and_nfd_inputs_give_identical_facts(province, partner, day, month, value, mix):
    country, region = partner
    words = {"province": province, "country": country, "region": region, "day": day, "month": month,
             "value": f"{value},5"}
    body = "\n\n".join(line.format(**words) for line in BODY)
    title = f"{province} và {region} ({country}) ký kết hợp tác"
    published = datetime(2024, 6, 30, 9, 0)
    nfc_facts = extract_article(title, None, body, published)
    decomposed_body = body if mix else nfd(body)                       # mixed: NFD title with an NFC body
    assert extract_article(nfd(title), None, decomposed_body, published) == nfc_facts
