"""Dates as the Vietnamese news sites write them -> aware datetimes (Asia/Ho_Chi_Minh unless an offset is given).

Handles ISO 8601 (also with an entity-encoded "+"), RFC 822 (feeds, often in GMT), "09:43, 04/09/2026",
"04/09/2026, 09:43", "04/12/2017 07:23 GMT+7", "lúc : 11/07/14 11:35", "Thứ năm, 05/09/2026 - 13:30" and the
baochinhphu feed's US form "9/5/2026 1:30:00 PM". Absurd years (before 1990, after next year) are rejected.
"""
from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MIN_YEAR = 1990

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)")
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})", re.I)
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_HM = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*([AaPp][Mm]))?(?!\d)")
_DATE_SPACE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}\s+\d")
_FIRST_SPACES = re.compile(r"\s+")
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.I)


def _plausible(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if not MIN_YEAR <= value.year <= datetime.now(UTC).year + 1:
        return None
    return value


def parse_iso(value: str | None) -> datetime | None:
    """ISO 8601 -> aware datetime; naive values are read as Vietnam time."""
    if not value:
        return None
    text = html.unescape(value).strip().replace("Z", "+00:00")
    text = _FIRST_SPACES.sub("T", text, count=1) if _DATE_SPACE_TIME.match(text) else text
    text = _COMPACT_OFFSET.sub(r"\1:\2", text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VN)
    return _plausible(parsed.astimezone(VN))


def parse_rfc822(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VN)
    return _plausible(parsed.astimezone(VN))


def parse_vn_text(value: str | None, month_first: bool = False) -> datetime | None:
    """A date (D/M/Y, or M/D/Y when ``month_first``) plus an optional H:M[:S] [AM/PM] and "GMT+7" anywhere."""
    if not value:
        return None
    text = html.unescape(value).replace("\xa0", " ")
    text = _WORDY.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{m.group(3)}", text)
    iso = _YMD.search(text)
    dmy = _DMY.search(text)
    if iso and not dmy:
        year, month, day = (int(g) for g in iso.groups())
        rest = text[:iso.start()] + " " + text[iso.end():]
    elif dmy:
        first, second, year = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
        day, month = (second, first) if month_first else (first, second)
        year = year + 2000 if year < 100 else year
        rest = text[:dmy.start()] + " " + text[dmy.end():]
    else:
        return None
    hour = minute = second_ = 0
    clock = _HM.search(rest)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second_ = int(clock.group(3) or 0)
        meridiem = (clock.group(4) or "").lower()
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    tz = VN
    offset = _OFFSET.search(rest)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        tz = timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)))
    try:
        parsed = datetime(year, month, day, hour, minute, second_, tzinfo=tz)
    except ValueError:
        return None
    return _plausible(parsed.astimezone(VN))


def parse_any(value: str | None) -> datetime | None:
    """ISO first, then RFC 822, then the Vietnamese text forms."""
    return parse_iso(value) or parse_rfc822(value) or parse_vn_text(value)


_URL_STAMP = re.compile(r"-(?:102|196|\d{3})?(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}\.htm")
_URL_LONG_STAMP = re.compile(r"-(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{2,3}\.htm")


def from_url(url: str | None) -> datetime | None:
    """The publish time some CMSs embed in article ids (NLD, baochinhphu, old VnEconomy); last resort only."""
    if not url:
        return None
    for pattern, century in ((_URL_LONG_STAMP, 0), (_URL_STAMP, 2000)):
        match = pattern.search(url)
        if match:
            year, month, day, hour, minute, second = (int(g) for g in match.groups())
            try:
                return _plausible(datetime(year + century, month, day, hour, minute, second, tzinfo=VN))
            except ValueError:
                continue
    return None
