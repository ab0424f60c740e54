"""Formatting and escaping for the report: every text that comes from data goes through ``esc``."""
from __future__ import annotations

from datetime import date, datetime
from html import escape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from warehouse.db import TIMEZONE

QUALIFIER_MARKS = {"approx": "≈ ", "over": "> ", "under": "< ", "exact": ""}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def esc(value: object) -> str:
    return "" if value is None else escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links make it into an href (article URLs are data, not trusted markup)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def amount(value: float | None) -> str:
    """3.6e9 -> '3.6 bn', 12.4e6 -> '12.4 m', 850 -> '850'."""
    if value is None:
        return "–"
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money(value: float | None, currency: str | None, qualifier: str | None = None) -> str:
    if value is None:
        return "–"
    mark = QUALIFIER_MARKS.get(qualifier or "", "")
    return f"{mark}{amount(value)} {currency or ''}".strip()


def usd(value: float | None) -> str:
    return "–" if value is None else f"{amount(value)} USD"


def period(year: int | None, month_from: int | None, month_to: int | None) -> str:
    if not year:
        return "–"
    if month_from and month_to and month_from != month_to:
        return f"{MONTHS[month_from - 1]}–{MONTHS[month_to - 1]} {year}"
    if month_to and not month_from:
        return f"Jan–{MONTHS[month_to - 1]} {year}"
    month = month_from or month_to
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def pct(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def share(part: int, whole: int) -> str:
    return "–" if not whole else f"{100 * part / whole:.1f}%"


def day(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(TIMEZONE)) if value.tzinfo else value
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def stamp(value: datetime | None) -> str:
    if value is None:
        return "–"
    local = value.astimezone(ZoneInfo(TIMEZONE)) if value.tzinfo else value
    return local.strftime("%Y-%m-%d %H:%M") + " (Asia/Ho_Chi_Minh)"


def count(value: int | float | None) -> str:
    return "–" if value is None else f"{value:,}"
