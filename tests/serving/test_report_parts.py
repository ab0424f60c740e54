"""Chart geometry, number formatting and link safety of the report's building blocks."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import lxml.html
import pytest

from warehouse.report import fmt, svg


@pytest.mark.parametrize(("maximum", "ticks"), [
    (0, [0.0, 1.0]), (1, [0, 1]), (3, [0, 1, 2, 3]), (7, [0, 2, 4, 6, 8]), (27, [0, 10, 20, 30]),
    (100, [0, 20, 40, 60, 80, 100]), (2.4e9, [0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9]),
])
def test_nice_ticks(maximum, ticks) -> None:
    assert svg.nice_ticks(maximum) == ticks


def test_stacked_columns_stack_in_order_and_scale_to_the_top_tick() -> None:
    out = svg.stacked_columns(["2024-01", "2024-02"], [("Nga", [2, 1]), ("Other", [3, 0])], title="t <x>")
    doc = lxml.html.fromstring(out)
    rects = doc.xpath("//rect[@class='mark']")
    assert [(r.get("data-series"), r.get("data-category"), r.get("data-value")) for r in rects] == [
        ("Nga", "2024-01", "2"), ("Other", "2024-01", "3"), ("Nga", "2024-02", "1")]
    heights = [float(r.get("height")) for r in rects]
    assert heights[0] / heights[1] == pytest.approx(2 / 3)
    first, second = rects[0], rects[1]
    assert float(second.get("y")) + float(second.get("height")) == pytest.approx(float(first.get("y")))
    assert rects[1].get("fill") == svg.OTHER_COLOUR  # "Other" is grey
    assert "t &lt;x&gt;" in out and "<x>" not in out


def test_horizontal_bars_are_proportional_and_escape_labels() -> None:
    out = svg.horizontal_bars(["Hà Nội", "A & <B>"], [10, 5], title="bars")
    rects = lxml.html.fromstring(out).xpath("//rect[@class='mark']")
    assert float(rects[0].get("width")) == pytest.approx(2 * float(rects[1].get("width")))
    assert "A &amp; &lt;B&gt;" in out and "Hà Nội" in out


@pytest.mark.parametrize(("value", "currency", "qualifier", "text"), [
    (3.6e9, "USD", None, "3.6 bn USD"), (12.4e6, "USD", "approx", "≈ 12.4 m USD"),
    (850e6, "USD", "over", "> 850 m USD"),
    (4.85e12, "VND", None, "4,850 bn VND"), (950, "EUR", "under", "< 950 EUR"), (None, "USD", None, "–"),
])
def test_money(value, currency, qualifier, text) -> None:
    assert fmt.money(value, currency, qualifier) == text


def test_period_and_dates() -> None:
    assert fmt.period(2021, 1, 8) == "Jan–Aug 2021"
    assert fmt.period(2021, None, 8) == "Jan–Aug 2021"
    assert fmt.period(2021, 5, 5) == "May 2021"
    assert fmt.period(2018, None, None) == "2018" and fmt.period(None, 1, 2) == "–"
    late_utc = datetime(2024, 3, 4, 20, 0, tzinfo=UTC)
    assert fmt.day(late_utc) == "2024-03-05"  # the local (UTC+7) day
    assert fmt.day(date(2024, 3, 4)) == "2024-03-04"
    assert fmt.stamp(late_utc - timedelta(hours=1)) == "2024-03-05 02:00 (Asia/Ho_Chi_Minh)"


@pytest.mark.parametrize(("url", "safe"), [
    ("https://vneconomy.vn/a.htm", "https://vneconomy.vn/a.htm"), ("http://x.vn/b", "http://x.vn/b"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), ("data:text/html,x", None), ("//x.vn/a", None),
    ("", None), (None, None),
])
def test_safe_url(url, safe) -> None:
    assert fmt.safe_url(url) == safe
