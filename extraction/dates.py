"""Dates and reporting periods in Vietnamese press text, resolved against the publication date.

All finders take the match form (lower case) of a sentence. A day/month without a year gets the year that puts the
date closest to publication (a future date counts triple, so "5/1" in a late-December article is next January).
Bare "d/m" needs a date cue before it ("ngày", "chiều", "vào", "từ"…, or the sentence start) so "1/2 thời gian" is
not a date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .numbers import WORD_NUMBER, word_number

_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>(?:19|20)\d{2})"
_SEP = r"\s*[/.\-]\s*"
_CUE = (r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|vào|từ|đến|tới|trước|sau|hết|tuần|qua|nay|cuối|đầu|mai|"
        r"(?:thứ|chủ nhật)(?:\s+\w+)?)[\s,(]*$")

_CUE_RE = re.compile(_CUE)
# A day that starts a numeral: "(?<![\d/.\-])\d{1,2}" written digit first, the look-behind after that digit, so the
# regex engine skips to digits instead of trying the pattern at every position (same matches).
_D_LED = r"(?P<d>\d(?<![\d/.\-]\d)\d?)"
_FULL = re.compile(rf"{_D_LED}{_SEP}{_M}{_SEP}{_Y}(?![\d/])")
_WORDY = re.compile(rf"ngày\s+{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?")
_RANGE = re.compile(rf"(?P<d1>\d(?<![\d/.\-]\d)\d?)\s*(?:-|–|đến|tới|và)\s*{_D}{_SEP}{_M}(?:{_SEP}{_Y})?"
                    rf"(?![\d/]|,\d)")
_SHORT = re.compile(rf"(?P<d>\d(?<![\d/.\-,]\d)\d?)[/.\-]{_M}(?![\d]|[/.\-]\d|,\d|\s*%)")
_MONTH = re.compile(rf"tháng\s+{_M}(?:{_SEP}|\s+năm\s+){_Y}")
_MONTH_ONLY = re.compile(rf"(?:vào|trong|hồi|cuối|đầu|giữa)\s+tháng\s+{_M}(?!\s*[/.\-]\s*\d|\d|\s+năm\s+\d)"
                         rf"(?:\s+(?:vừa qua|này|qua))?")
_RELATIVE = re.compile(r"(?:sáng|chiều|tối|trưa|đêm)\s+(?P<rel>nay|hôm nay|qua|hôm qua|cùng ngày|hôm đó)\b|"
                       r"(?P<rel2>hôm nay|hôm qua|ngày hôm qua|cùng ngày|ngày hôm đó)\b")


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class DateMention:
    start: int
    end: int
    value: date | None
    precision: str | None        # day | month | year
    end_value: date | None = None


def resolve_year(day: int, month: int, published: date | None) -> date | None:
    """The (day, month) nearest to publication, a future date weighing triple; None without a publication date."""
    if published is None:
        return None
    best: tuple[float, date] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        delta = (candidate - published).days
        cost = delta * 3 if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, candidate)
    return best[1] if best else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cued(key: str, start: int) -> bool:
    before = key[max(0, start - 30):start]
    return bool(_CUE_RE.search(before)) or not before.strip(" ,(\"“") and start < 3 or before.endswith("(")


def find_dates(key: str, published: date | None, same_day: date | None = None) -> list[DateMention]:
    """Explicit dates in a sentence, in text order; overlapping patterns keep the longest."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention) -> None:
        if any(s < mention.end and mention.start < e for s, e in taken):
            return
        taken.append((mention.start, mention.end))
        found.append(mention)

    if _HAS_DIGIT.search(key):
        _numeric_dates(key, published, add)
    if may_name_relative_day(key):
        _relative_dates(key, published, same_day, add)
    return sorted(found, key=lambda d: d.start)


def may_name_relative_day(key: str) -> bool:
    """Could ``key`` hold "hôm nay", "chiều qua", "cùng ngày"…? (else ``same_day`` cannot change find_dates)"""
    return "nay" in key or "qua" in key or "cùng ngày" in key or "hôm đó" in key


_HAS_DIGIT = re.compile(r"\d")


_DIGIT_SEP = re.compile(r"\d\s*[/.\-–]\s*\d")


def _numeric_dates(key: str, published: date | None, add) -> None:
    if _DIGIT_SEP.search(key):
        _slashed_dates(key, published, add)
    if "tháng" in key:
        _month_word_dates(key, published, add)


def _slashed_dates(key: str, published: date | None, add) -> None:
    for m in _RANGE.finditer(key):
        if not (m.group("y") or _cued(key, m.start())):
            continue
        d1, d2, month = int(m.group("d1")), int(m.group("d")), int(m.group("m"))
        if not (1 <= d1 < d2 <= 31 and 1 <= month <= 12):
            continue
        end = _safe(int(m.group("y")), month, d2) if m.group("y") else resolve_year(d2, month, published)
        start = _safe(end.year, month, d1) if end else None
        add(DateMention(m.start(), m.end(), start, "day" if start else None, end))
    for m in _FULL.finditer(key):
        value = _safe(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            add(DateMention(m.start(), m.end(), value, "day"))
    for m in _SHORT.finditer(key):
        day, month = int(m.group("d")), int(m.group("m"))
        if 1 <= day <= 31 and 1 <= month <= 12 and _cued(key, m.start()):
            value = resolve_year(day, month, published)
            add(DateMention(m.start(), m.end(), value, "day" if value else None))


def _month_word_dates(key: str, published: date | None, add) -> None:
    for m in _WORDY.finditer(key):
        day, month = int(m.group("d")), int(m.group("m"))
        value = _safe(int(m.group("y")), month, day) if m.group("y") else resolve_year(day, month, published)
        if 1 <= month <= 12:
            add(DateMention(m.start(), m.end(), value, "day" if value else None))
    for m in _MONTH.finditer(key):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            add(DateMention(m.start(), m.end(), date(int(m.group("y")), month, 1), "month"))
    for m in _MONTH_ONLY.finditer(key):
        month = int(m.group("m"))
        if 1 <= month <= 12 and published is not None:
            year = published.year if month <= published.month + 1 else published.year - 1
            add(DateMention(m.start(), m.end(), date(year, month, 1), "month"))


def _relative_dates(key: str, published: date | None, same_day: date | None, add) -> None:
    for m in _RELATIVE.finditer(key):
        rel = (m.group("rel") or m.group("rel2")).removeprefix("ngày ")
        if rel in ("nay", "hôm nay"):
            value = published
        elif rel in ("qua", "hôm qua"):
            value = published - timedelta(days=1) if published else None
        else:
            value = same_day
        add(DateMention(m.start(), m.end(), value, "day" if value else None))


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Period:
    start: int
    end: int
    year: int | None
    month_from: int | None
    month_to: int | None


_QUARTERS = {"i": 1, "1": 1, "ii": 2, "2": 2, "iii": 3, "3": 3, "iv": 4, "4": 4}
_YEAR_TAIL = rf"(?:\s*(?:năm\s+|/\s*)?{_Y}(?![\d/])|\s+(?P<rel>năm nay|năm ngoái|năm trước|năm qua))?"
_N_MONTHS = re.compile(rf"(?P<n>\d{{1,2}}|{WORD_NUMBER}(?:\s+(?:một|hai))?)\s+tháng(?:\s+(?:đầu|đầu tiên|đầu năm|"
                       rf"đầu năm nay|của năm|năm|qua|vừa qua))*{_YEAR_TAIL}")
_HALF = re.compile(rf"(?P<half>nửa đầu|nửa cuối)\s+năm(?:\s+{_Y}|\s+(?P<rel>nay|ngoái))?")
_QUARTER = re.compile(rf"quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:/|năm)\s*{_Y}|\s+(?P<rel>năm nay|năm ngoái))?")
_SINGLE_MONTH = re.compile(rf"(?:trong\s+)?tháng\s+{_M}(?:{_SEP}|\s+năm\s+){_Y}")
_YEAR = re.compile(rf"(?:năm|cả năm|trong năm)\s+{_Y}(?![\d/])|(?P<rel>năm nay|năm ngoái|năm qua|năm trước)")
_SINCE_JANUARY = re.compile(r"từ đầu năm(?:\s+(?:đến nay|tới nay))?")
_LED = re.compile(r"(?:trong|sau|tính chung|cả|qua)\s+$")
_PERIOD_WORD = re.compile(r"đầu|năm|qua")
_REPORTED = re.compile(r"\s+(?:đạt|tăng|giảm|ước)\b")
_COMPARISON = re.compile(r"(?:so với|cùng kỳ|bằng|so cùng kỳ)[\s\w]{0,12}$")


def _relative_year(rel: str | None, published: date | None) -> int | None:
    if published is None or rel is None:
        return None
    return published.year if "nay" in rel else published.year - 1


def _year_of(match: re.Match, published: date | None) -> int | None:
    groups = match.re.groupindex                  # (no groupdict(): a new dict per call)
    if "y" in groups and match.group("y"):
        return int(match.group("y"))
    if "rel" in groups and match.group("rel"):
        return _relative_year(match.group("rel"), published)
    return published.year if published else None


def find_periods(key: str, published: date | None) -> list[Period]:
    """Reporting periods, skipping comparison bases ("so với cùng kỳ năm 2020")."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, year: int | None, first: int | None, last: int | None) -> None:
        overlaps = any(s < m.end() and m.start() < e for s, e in taken)
        if overlaps or _COMPARISON.search(key[max(0, m.start() - 30):m.start()]):
            return
        taken.append((m.start(), m.end()))
        found.append(Period(m.start(), m.end(), year, first, last))

    months = "tháng" in key                                # the literal words each pattern needs
    for m in _N_MONTHS.finditer(key) if months else ():
        raw = m.group("n")
        n = int(raw) if raw.isdigit() else word_number(raw)
        led = _LED.search(key[max(0, m.start() - 12):m.start()])
        reported = _REPORTED.match(key, m.end())          # "Xuất khẩu 8 tháng đạt…", "… 9 tháng tăng 12%"
        if n and 1 <= n <= 12 and (_PERIOD_WORD.search(m.group(0)) or led or reported):
            add(m, _year_of(m, published), 1, n)
    for m in _HALF.finditer(key) if "nửa" in key else ():
        year = int(m.group("y")) if m.group("y") else (_relative_year("năm " + m.group("rel"), published)
                                                         if m.group("rel") else (published.year if published else None))
        add(m, year, 1 if m.group("half") == "nửa đầu" else 7, 6 if m.group("half") == "nửa đầu" else 12)
    for m in _QUARTER.finditer(key) if "quý" in key else ():
        q = _QUARTERS[m.group("q")]
        add(m, _year_of(m, published), 3 * q - 2, 3 * q)
    for m in _SINGLE_MONTH.finditer(key) if months else ():
        month = int(m.group("m"))
        if 1 <= month <= 12:
            add(m, int(m.group("y")), month, month)
    for m in _SINCE_JANUARY.finditer(key) if "từ đầu năm" in key else ():
        add(m, published.year if published else None, 1, published.month if published else None)
    for m in _YEAR.finditer(key) if "năm" in key else ():
        add(m, _year_of(m, published) if m.group("y") or m.group("rel") else None, None, None)
    return sorted(found, key=lambda p: p.start)


_AS_OF = re.compile(rf"(?:tính đến|tính tới|lũy kế đến|lũy kế tới|đến hết|tới hết|tính đến hết|tính đến thời điểm)"
                    rf"\s+(?:hết\s+)?(?:ngày\s+)?(?:(?P<d>\d{{1,2}}){_SEP})?(?:tháng\s+)?(?P<m>\d{{1,2}}){_SEP}{_Y}"
                    rf"|(?:tính đến|tính tới|lũy kế đến|lũy kế tới|đến hết|tới hết)\s+(?:hết\s+)?năm\s+"
                    rf"(?P<year>(?:19|20)\d{{2}})"
                    rf"|(?P<now>tính đến nay|đến nay|hiện nay|hiện có)")


def find_as_of(key: str, published: date | None) -> date | None:
    """'tính đến 20/9/2021' -> 2021-09-20; 'tính đến hết tháng 9/2023' -> 2023-09-30; 'đến nay' -> publication."""
    if "đến" not in key and "tới" not in key and "hiện" not in key:
        return None                         # every form of _AS_OF has one of these words
    m = _AS_OF.search(key)
    if not m:
        return None
    if m.group("now"):
        return published
    if m.group("year"):
        return date(int(m.group("year")), 12, 31)
    year, month = int(m.group("y")), int(m.group("m"))
    if not 1 <= month <= 12:
        return None
    if m.group("d"):
        return _safe(year, month, int(m.group("d")))
    return date(year, month, calendar.monthrange(year, month)[1])
