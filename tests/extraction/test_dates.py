from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.dates import find_as_of, find_dates, find_periods, resolve_year
from extraction.text import match_form

PUB = date(2021, 10, 28)


def dates(text, published=PUB, same_day=None):
    return [(d.value, d.precision, d.end_value) for d in find_dates(match_form(text), published, same_day)]


@pytest.mark.parametrize("text,expected", [
    ("Chiều 27/10, tọa đàm diễn ra", (date(2021, 10, 27), "day", None)),
    ("Ngày 13-12, hội nghị khai mạc", (date(2021, 12, 13), "day", None)),   # upcoming, 46 days ahead
    ("Ngày 13-2, hội nghị khai mạc", (date(2021, 2, 13), "day", None)),
    ("trong buổi làm việc chiều 22/4 với", (date(2021, 4, 22), "day", None)),
    ("diễn ra từ 17 đến 18.9 tại Hà Nội", (date(2021, 9, 17), "day", date(2021, 9, 18))),
    ("thiết lập quan hệ vào tháng 12/2017", (date(2017, 12, 1), "month", None)),
    ("Tính đến 20/9/2021, Nga có", (date(2021, 9, 20), "day", None)),
    ("ngày 5 tháng 3 năm 2023", (date(2023, 3, 5), "day", None)),
    ("hội chợ diễn ra ngày 17-18/9/2022", (date(2022, 9, 17), "day", date(2022, 9, 18))),
    ("Sáng nay, đoàn lên đường", (PUB, "day", None)),
    ("hôm qua (27/10), hai bên", (date(2021, 10, 27), "day", None)),
    ("Tối 3.11, đại sứ tiếp đoàn", (date(2021, 11, 3), "day", None)),
    ("vào ngày 1/1/2022", (date(2022, 1, 1), "day", None)),
])
def test_dates(text, expected):
    assert dates(text)[0] == expected


def test_same_day_refers_to_previous_date():
    assert dates("chiều cùng ngày, tọa đàm", same_day=date(2021, 12, 13))[0] == (date(2021, 12, 13), "day", None)


@pytest.mark.parametrize("text", [
    "rút ngắn 1/2 thời gian vận chuyển", "tỷ lệ 3/4 số doanh nghiệp", "tăng 4,8% so với", "Nghị định 15/2021",
    "diện tích 2.500 ha", "ngày nay nhân dân hai nước",
])
def test_not_dates(text):
    assert dates(text) == []


def test_year_resolution_prefers_near_past_and_allows_next_january():
    assert resolve_year(5, 1, date(2021, 12, 20)) == date(2022, 1, 5)
    assert resolve_year(20, 12, date(2022, 1, 4)) == date(2021, 12, 20)
    assert resolve_year(22, 4, date(2019, 4, 23)) == date(2019, 4, 22)
    assert resolve_year(29, 2, date(2021, 3, 1)) == date(2020, 2, 29)
    assert resolve_year(1, 1, None) is None


def test_date_without_publication_has_no_value_unless_year_written():
    assert dates("Ngày 10/10, tại Moskva", published=None) == [(None, None, None)]
    assert dates("ngày 10/10/2019", published=None) == [(date(2019, 10, 10), "day", None)]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
       st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_resolved_year_is_within_a_year_of_publication(published, month, day):
    resolved = resolve_year(day, month, published)
    assert resolved.month == month and resolved.day == day
    assert abs((resolved - published).days) <= 366


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_full_dates_roundtrip(value):
    for written in (f"ngày {value.day}/{value.month}/{value.year}",
                    f"ngày {value.day:02d}-{value.month:02d}-{value.year}"):
        assert dates(written)[0] == (value, "day", None)


@pytest.mark.parametrize("text,expected", [
    ("8 tháng đầu năm 2021, con số này", (2021, 1, 8)),
    ("Trong 9 tháng đầu năm, xuất khẩu", (2021, 1, 9)),
    ("quý I/2023", (2023, 1, 3)),
    ("trong quý III năm 2022", (2022, 7, 9)),
    ("năm 2024 đạt", (2024, None, None)),
    ("6 tháng đầu năm nay", (2021, 1, 6)),
    ("nửa đầu năm 2022", (2022, 1, 6)),
    ("từ đầu năm đến nay", (2021, 1, 10)),
    ("Năm 2010, kim ngạch", (2010, None, None)),
    ("trong tháng 5/2023", (2023, 5, 5)),
    ("năm ngoái", (2020, None, None)),
    ("11 tháng năm 2023", (2023, 1, 11)),
    ("mười tháng đầu năm 2020", (2020, 1, 10)),
])
def test_periods(text, expected):
    p = find_periods(match_form(text), PUB)[0]
    assert (p.year, p.month_from, p.month_to) == expected


def test_comparison_base_is_not_the_period():
    assert find_periods("tăng 9% so với năm 2019", PUB) == []
    assert find_periods("so với cùng kỳ năm trước", PUB) == []


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1990, max_value=2040))
def test_first_months_period_property(n, year):
    [p] = find_periods(f"{n} tháng đầu năm {year}", PUB)
    assert (p.year, p.month_from, p.month_to) == (year, 1, n)


@pytest.mark.parametrize("text,expected", [
    ("Tính đến 20/9/2021, Nga có", date(2021, 9, 20)),
    ("tính đến hết tháng 9/2023", date(2023, 9, 30)),
    ("lũy kế đến ngày 31/12/2022", date(2022, 12, 31)),
    ("đến nay, tỉnh có 200 dự án", PUB),
])
def test_as_of(text, expected):
    assert find_as_of(match_form(text), PUB) == expected


def test_month_without_year_resolves_to_the_latest_such_month():
    assert dates("hai bên đã ký kết vào tháng 3 vừa qua", published=date(2024, 5, 2)) == [
        (date(2024, 3, 1), "month", None)]
    assert dates("ký kết hồi tháng 11", published=date(2024, 2, 2)) == [(date(2023, 11, 1), "month", None)]
    assert dates("trong tháng 5/2023") == [(date(2023, 5, 1), "month", None)]


def test_more_periods_and_as_of():
    p = find_periods(match_form("Trong 10 tháng, kim ngạch đạt"), date(2024, 11, 20))[0]
    assert (p.year, p.month_from, p.month_to) == (2024, 1, 10)
    assert find_as_of(match_form("Lũy kế đến hết năm 2023, Nhật Bản có"), PUB) == date(2023, 12, 31)
