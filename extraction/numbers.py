"""Numbers as the Vietnamese press writes them: money, qualifiers, growth rates and counts.

"4,85 tỷ" = 4.85e9 (comma decimal), "5.932 triệu" = 5.932e9 (dot thousands), "3.5 tỷ" = 3.5e9 (a dot followed by
one or two digits is read as a decimal point). All patterns work on the match form (lower case) of a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10, "mươi": 10, "đôi": 2}
WORD_NUMBER = r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười"

SCALES = {"nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "nghìn tỉ": 1e12, "ngàn tỉ": 1e12, "tỷ": 1e9, "tỉ": 1e9,
          "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, "trăm": 1e2}
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))

# ISO 4217 for the currency words; longest first in the pattern.
CURRENCIES = {
    "usd": "USD", "đô la mỹ": "USD", "đôla mỹ": "USD", "đô la": "USD", "đôla": "USD", "us$": "USD", "$": "USD",
    "đô": "USD", "vnđ": "VND", "vnd": "VND", "đồng": "VND", "nhân dân tệ": "CNY", "ndt": "CNY", "cny": "CNY",
    "euro": "EUR", "eur": "EUR", "€": "EUR", "yên nhật": "JPY", "yên": "JPY", "jpy": "JPY", "won": "KRW",
    "krw": "KRW", "rúp": "RUB", "ruble": "RUB", "rub": "RUB", "bảng anh": "GBP", "gbp": "GBP", "baht": "THB",
    "bạt": "THB", "thb": "THB", "kíp": "LAK", "lak": "LAK", "riel": "KHR", "khr": "KHR", "đô la úc": "AUD",
    "aud": "AUD", "đô la singapore": "SGD", "sgd": "SGD", "rupee": "INR", "inr": "INR",
}
_CURRENCY = "|".join(sorted((re.escape(c) for c in CURRENCIES), key=len, reverse=True))

# Fixed conversion to USD: approximate mid-market rates of 31 December 2024 (USD per unit of the currency).
# Documented and deliberately simple: value_usd is a comparable order of magnitude, not an accounting figure.
USD_PER_UNIT = {
    "USD": 1.0, "VND": 1 / 25_450, "CNY": 0.137, "EUR": 1.04, "JPY": 0.00636, "KRW": 0.000680, "RUB": 0.0093,
    "GBP": 1.25, "THB": 0.0293, "LAK": 0.0000457, "KHR": 0.000248, "AUD": 0.62, "SGD": 0.733, "INR": 0.0117,
}
RATES_DATE = "2024-12-31"

QUALIFIERS = {
    "gần": "approx", "xấp xỉ": "approx", "khoảng": "approx", "chừng": "approx", "ước đạt": "approx",
    "ước tính": "approx", "ước": "approx", "gần như": "approx", "hơn": "over", "trên": "over", "vượt": "over",
    "hơn mức": "over", "ngoài": "over", "dưới": "under", "chưa đến": "under", "chưa tới": "under",
    "không đến": "under", "không tới": "under", "lên đến": "exact", "lên tới": "exact", "tới": "exact",
    "đến": "exact",
}
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))

# The number must start a numeral: "1.2.3 tỷ USD" is garbage, not "2.3 tỷ USD". The amount is found digit first
# (NUMBER with its first digit taken out of the alternation, the look-behind after it), then the qualifier right
# before it: the same matches as one "(qualifier\s+)?amount" pattern, which had to be tried at every position.
_AMOUNT = re.compile(
    r"(?P<num>\d(?<![\d.,]\d)(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:[,.]\d+)?))\s*"
    rf"(?P<scale>(?:{_SCALE})(?:\s+(?:{_SCALE}))?)?\s*"
    rf"(?P<cur>{_CURRENCY})(?![\wđ])"
)
_QUALIFIER_BEFORE = re.compile(rf"(?P<qual>{_QUALIFIER})\s+\Z")
_LONGEST_QUALIFIER = max(map(len, QUALIFIERS))


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Money:
    start: int
    end: int
    value: float
    currency: str
    qualifier: str

    @property
    def usd(self) -> float | None:
        rate = USD_PER_UNIT.get(self.currency)
        return None if rate is None else round(self.value * rate, 2)


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_SCALE_RE = re.compile(_SCALE)


def parse_number(text: str) -> float:
    """'4,85' -> 4.85; '5.932' -> 5932; '1.234,5' -> 1234.5; '3.5' -> 3.5; '16' -> 16."""
    text = text.strip()
    if _DOT_THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _COMMA_THOUSANDS.fullmatch(text):   # English thousands: 1,234,567
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def scale_value(scale: str | None) -> float:
    if not scale:
        return 1.0
    factor = 1.0
    for word in _SCALE_RE.findall(scale):
        factor *= SCALES[word]
    return factor


def _qualifier_before(key: str, begin: int, number: int) -> re.Match | None:
    """"hơn 5 tỷ USD": a qualifier and blanks right before the number, not inside the amount before (``begin``)."""
    gap = number
    while gap > begin and key[gap - 1].isspace():
        gap -= 1
    if gap == number:
        return None
    return _QUALIFIER_BEFORE.search(key, max(begin, gap - _LONGEST_QUALIFIER), number)


def find_money(key: str) -> list[Money]:
    """Money amounts in a match-form string: value as stated (scaled), ISO currency and qualifier."""
    found = []
    last = 0
    for m in _AMOUNT.finditer(key):
        begin, last = last, m.end()
        if m.group("cur") in ("đồng", "đô") and not m.group("scale"):
            continue  # "5 đồng" alone is almost never a figure; "5 tỷ đồng" is
        qual = _qualifier_before(key, begin, m.start())
        value = parse_number(m.group("num")) * scale_value(m.group("scale"))
        qualifier = QUALIFIERS.get(qual.group("qual") if qual else "", "exact")
        found.append(Money(qual.start() if qual else m.start(), m.end(), value, CURRENCIES[m.group("cur")], qualifier))
    return found


_CHANGE = re.compile(
    rf"(?P<dir>tăng trưởng|tăng|giảm|sụt giảm|đi xuống|đi lên)\s+(?:(?:ở mức|mức|khoảng|gần|hơn|trên|xấp xỉ|đến|tới|"
    rf"lên|lên đến|lên tới|chỉ|đạt|thêm)\s+)*(?:(?P<pct>{NUMBER})\s*%"
    rf"|(?:gấp\s+)?(?P<times>{NUMBER}|{WORD_NUMBER})\s+lần"
    rf"|gấp (?P<double>đôi|rưỡi)|(?P<half>một nửa))"
)
_GAP = re.compile(rf"gấp\s+(?P<times>{NUMBER}|{WORD_NUMBER})\s+lần|gấp (?P<double>đôi)")


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Change:
    start: int
    end: int
    pct: float


def _times_to_pct(times: str) -> float:
    value = _WORD_NUMBERS.get(times)
    factor = float(value) if value is not None else parse_number(times)
    return round((factor - 1.0) * 100.0, 6)


def find_changes(key: str) -> list[Change]:
    """Signed growth rates: 'tăng 4,8%' = 4.8, 'giảm 3%' = -3, 'tăng gần 4 lần' = 300, 'gấp đôi' = 100."""
    found = []
    for m in _CHANGE.finditer(key):
        sign = -1.0 if m.group("dir") in ("giảm", "sụt giảm", "đi xuống") else 1.0
        if m.group("pct"):
            pct = parse_number(m.group("pct"))
        elif m.group("times"):
            pct = _times_to_pct(m.group("times"))
            sign = 1.0 if sign > 0 else -1.0
            if sign < 0:  # "giảm 2 lần" = halved
                pct = (1.0 - 1.0 / (pct / 100.0 + 1.0)) * 100.0
        elif m.group("double"):
            pct = 100.0 if m.group("double") == "đôi" else 50.0
        else:
            pct, sign = 50.0, -1.0
        found.append(Change(m.start(), m.end(), round(sign * pct, 6)))
    covered = [(c.start, c.end) for c in found]
    for m in _GAP.finditer(key):
        if any(s <= m.start() < e for s, e in covered):
            continue
        pct = 100.0 if m.group("double") else _times_to_pct(m.group("times"))
        found.append(Change(m.start(), m.end(), pct))
    return sorted(found, key=lambda c: c.start)


_COUNT = (rf"(?:(?P<qual>hơn|trên|gần|khoảng|xấp xỉ|chừng)\s+)?(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d+|(?:{WORD_NUMBER})"
          rf"(?:\s+mươi)?(?:\s+(?:{WORD_NUMBER}|mốt|lăm))?)\s+(?P<noun>")


def word_number(text: str) -> int | None:
    """'bốn' -> 4, 'mười hai' -> 12, 'hai mươi lăm' -> 25 (small cardinals only)."""
    parts = text.split()
    extra = {"mốt": 1, "lăm": 5}
    if len(parts) == 1:
        return _WORD_NUMBERS.get(parts[0]) if parts[0] != "đôi" else None
    if parts[0] == "mười" and len(parts) == 2:
        unit = _WORD_NUMBERS.get(parts[1]) or extra.get(parts[1])
        return 10 + unit if unit and unit < 10 else None
    if len(parts) >= 2 and parts[1] == "mươi":
        tens = _WORD_NUMBERS.get(parts[0])
        unit = 0 if len(parts) == 2 else (_WORD_NUMBERS.get(parts[2]) or extra.get(parts[2]) or 0)
        return tens * 10 + unit if tens and tens < 10 else None
    return None


def count_pattern(nouns: str) -> re.Pattern:
    """A compiled pattern for '<qualifier>? <number> <noun>' where nouns is a regex alternation."""
    return re.compile(r"(?<![\w,.])" + _COUNT + nouns + r")")


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Count:
    start: int
    end: int
    value: int
    qualifier: str


def find_counts(pattern: re.Pattern, key: str) -> list[Count]:
    found = []
    for m in pattern.finditer(key):
        raw = m.group("num")
        value = int(raw.replace(".", "")) if raw[0].isdigit() else word_number(raw)
        if value is None:
            continue
        qualifier = QUALIFIERS.get(m.group("qual") or "", "exact")
        found.append(Count(m.start(), m.end(), value, qualifier))
    return found


_PLAN = re.compile(r"mục tiêu|phấn đấu|kế hoạch(?! và đầu tư)|dự kiến|kỳ vọng|hướng tới|hướng đến|sẽ đạt|"
                   r"đặt chỉ tiêu|chỉ tiêu|có thể đạt|dự báo|nâng kim ngạch|đưa kim ngạch|nhằm đạt|sẽ tăng|sẽ đạt")
_ACHIEVED = re.compile(r"(?:%|so với|vượt|bằng|hoàn thành|đạt)\s*(?:của\s+|mức\s+|so với\s+)?$")


def is_plan(key: str) -> bool:
    """A target, forecast or plan ("phấn đấu đạt", "mục tiêu"), but not "đạt 105% kế hoạch" or "vượt chỉ tiêu"."""
    return any(not _ACHIEVED.search(key[max(0, m.start() - 14):m.start()]) for m in _PLAN.finditer(key))


__all__ = ["is_plan", "Money", "Change", "Count", "find_money", "find_changes", "find_counts", "count_pattern",
           "parse_number", "word_number", "USD_PER_UNIT", "RATES_DATE", "CURRENCIES"]
