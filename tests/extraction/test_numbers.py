import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.numbers import (
    RATES_DATE,
    USD_PER_UNIT,
    count_pattern,
    find_changes,
    find_counts,
    find_money,
    parse_number,
    word_number,
)
from extraction.text import match_form


def money(text):
    return find_money(match_form(text))


@pytest.mark.parametrize("text,value,currency,qualifier", [
    ("đạt gần 4,85 tỷ USD", 4.85e9, "USD", "approx"),
    ("tổng vốn đăng ký 953,3 triệu USD", 953.3e6, "USD", "exact"),
    ("khoảng 5.932 triệu USD", 5932e6, "USD", "approx"),
    ("với tổng số vốn 16 tỉ USD", 16e9, "USD", "exact"),
    ("hơn 1,1 tỉ USD", 1.1e9, "USD", "over"),
    ("trên 4,5 triệu USD", 4.5e6, "USD", "over"),
    ("lên đến 3 triệu nhân dân tệ", 3e6, "CNY", "exact"),
    ("xấp xỉ 2.500 tỷ đồng", 2500e9, "VND", "approx"),
    ("chưa đến 800 triệu yên", 800e6, "JPY", "under"),
    ("dưới 12 tỷ won", 12e9, "KRW", "under"),
    ("15 triệu euro", 15e6, "EUR", "exact"),
    ("1,2 nghìn tỷ đồng", 1.2e12, "VND", "exact"),
    ("3.5 tỷ USD", 3.5e9, "USD", "exact"),
    ("200 triệu rúp", 200e6, "RUB", "exact"),
    ("ước đạt 7,25 triệu đô la Mỹ", 7.25e6, "USD", "approx"),
])
def test_money(text, value, currency, qualifier):
    [m] = money(text)
    assert m.value == pytest.approx(value)
    assert (m.currency, m.qualifier) == (currency, qualifier)


def test_plain_dong_without_scale_is_not_money():
    assert money("giá 5 đồng") == []


def test_money_usd_conversion_uses_the_fixed_table():
    [usd] = money("4,85 tỷ USD")
    [vnd] = money("25.450 tỷ đồng")
    assert usd.usd == pytest.approx(4.85e9)
    assert vnd.usd == pytest.approx(1e9, rel=1e-6)
    assert RATES_DATE == "2024-12-31" and USD_PER_UNIT["USD"] == 1.0


@pytest.mark.parametrize("text,expected", [
    ("4,85", 4.85), ("953,3", 953.3), ("5.932", 5932), ("1.234.567", 1234567), ("1.234,5", 1234.5),
    ("3.5", 3.5), ("16", 16), ("1,234,567", 1234567),
])
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_parse_number_roundtrip_vietnamese_format(whole, cents):
    written = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_number(written) == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("triệu", 1e6), ("tỷ", 1e9), ("tỉ", 1e9)]))
def test_money_roundtrip(tenths, scale):
    written = f"{tenths // 10},{tenths % 10} {scale[0]} USD" if tenths % 10 else f"{tenths // 10} {scale[0]} USD"
    found = money(written)
    if tenths // 10 == 0 and tenths % 10 == 0:
        return
    assert len(found) == 1
    assert found[0].value == pytest.approx(tenths / 10 * scale[1])


@pytest.mark.parametrize("text,pct", [
    ("tăng 4,8% so với cùng kỳ", 4.8), ("giảm 3%", -3.0), ("tăng gần 9%", 9.0), ("tăng gần 4 lần", 300.0),
    ("tăng gấp đôi", 100.0), ("gấp 3 lần năm trước", 200.0), ("tăng trưởng 12,5%", 12.5), ("sụt giảm 15,2%", -15.2),
    ("giảm một nửa", -50.0), ("tăng hai lần", 100.0), ("giảm 2 lần", -50.0),
])
def test_changes(text, pct):
    [change] = find_changes(match_form(text))
    assert change.pct == pytest.approx(pct)


def test_share_is_not_a_change():
    assert find_changes(match_form("chiếm 25% tổng lượt khách")) == []


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=9), st.booleans())
def test_change_sign_property(whole, tenth, up):
    word = "tăng" if up else "giảm"
    [change] = find_changes(f"{word} {whole},{tenth}%")
    assert change.pct == pytest.approx((1 if up else -1) * (whole + tenth / 10))


@pytest.mark.parametrize("text,value,qualifier", [
    ("có 150 dự án", 150, "exact"), ("hơn 20 dự án", 20, "over"), ("bốn dự án", 4, "exact"),
    ("gần 5.400 dự án", 5400, "approx"), ("mười hai dự án", 12, "exact"), ("hai mươi lăm dự án", 25, "exact"),
])
def test_project_counts(text, value, qualifier):
    [count] = find_counts(count_pattern("dự án"), match_form(text))
    assert (count.value, count.qualifier) == (value, qualifier)


def test_word_numbers():
    assert word_number("bốn") == 4
    assert word_number("mười lăm") == 15
    assert word_number("ba mươi mốt") == 31
    assert word_number("đôi") is None


def test_money_starts_at_a_numeral():
    assert money("mã số 1.2.3 tỷ USD") == []
    assert [m.value for m in money("đạt 2.3 tỷ USD")] == [2.3e9]
