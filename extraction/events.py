"""Cooperation events: meetings, conferences, visits, receptions, signings, twinnings, trade promotions.

A trigger phrase makes a candidate; it becomes an event when it is dated close to publication (or, undated, told as
done: "đã", "vừa", "chính thức") and has a foreign participant (or is a conference on external affairs).
Anniversaries, plans, generic plurals ("các hội nghị"), references to an earlier event ("bên lề", "trong khuôn khổ")
and old dates are not events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .context import Article
from .dates import DateMention, find_dates, may_name_relative_day
from .event_context import (
    VN_BODY,
    address_detail,
    agreement_status,
    in_dateline,
    location_of,
    plausible,
    sectors_of_event,
    sides_of,
    venue_only,
)
from .event_parts import (
    ONLINE,
    TYPE_PRIORITY,
    as_country_if_mission_seat,
    is_mission_seat,
    merge_events,
    merge_into,
    participants_of,
    sectors_in_order,
)
from .event_triggers import TRIGGER as _TRIGGER
from .event_triggers import TRIGGER_TYPE
from .facts import EventFact
from .text import whole_word

_FRAME = re.compile(r"(?:khuôn khổ|bên lề|kể từ|kết quả|tinh thần|nhân dịp|chuẩn bị cho|trước thềm|kết thúc|sau|"
                    r"phát biểu tại|từ sau|thành công của|kết luận)\s+(?:các\s+)?$")
_REFERENCE = re.compile(r"(?:tại|trong|cũng tại|dự|tham dự|tham gia)\s+(?:các\s+)?$")
_PURPOSE = re.compile(r"(?:nhằm|mục đích|cơ hội|khả năng|tiềm năng|tiến tới|hướng tới|xem xét|nghiên cứu|"
                      r"mong muốn|đề nghị|đề xuất)\b[^.;:]*$")
_DISTINCT = re.compile(r"^(?:trước đó|sau đó|tiếp đó|tiếp theo|cùng ngày|hôm sau|ngày hôm sau|cũng trong chuyến)")
_GENERIC = re.compile(r"(?:các|những|nhiều|mỗi|hàng năm|thường niên|một số|nhiều cuộc|các cuộc)\s+"
                      r"(?:cuộc\s+|buổi\s+)?$")
# An anniversary is no event, but a visit made "nhân dịp kỷ niệm…" is one: the occasion does not count.
_ANNIVERSARY_ANY = ("kỷ niệm", "ngày thành lập", "năm thiết lập")      # phrases: "in" finds them faster than a regex
_ANNIVERSARY = re.compile(r"(?<!nhân dịp )(?<!nhân )(?<!chào mừng )(?<!dịp )(?:kỷ niệm|ngày thành lập|năm thiết lập)")
_CELEBRATION_TYPES = ("conference", "roundtable", "other")      # "gặp mặt/hội thảo nhân kỷ niệm…" is the celebration
_GATHERING = re.compile(r"gặp mặt|gặp gỡ|buổi gặp|giao lưu")
_ANNIVERSARY_NAME = re.compile(r"kỷ niệm [^.;,]*$")    # "…kỷ niệm 57 năm Ngày thiết lập quan hệ ngoại giao"
_BACKREF = re.compile(r"^(?:nhân dịp này|dịp này|trong dịp này|tại đây|cũng tại đây|trong chương trình|"
                      r"trong chuyến thăm|trong chuyến công tác|cũng trong chuyến)\b")
_PLAN = re.compile(r"(?<!\w)(?:sẽ|dự kiến|kế hoạch(?! và đầu tư)|mong muốn|đề nghị|đề xuất|hy vọng|tiến tới|"
                   r"hướng tới|chuẩn bị|nếu|có thể|cần(?! thơ)|nên|phấn đấu|mục tiêu)(?!\w)")   # not "Cần Thơ"
_DONE = re.compile(rf"{whole_word('đã')}|{whole_word('vừa')}|mới đây|vừa qua|chính thức|hôm nay|sáng nay|chiều nay|"
                   r"tối nay")
_AFFAIRS = re.compile(rf"ngoại vụ|đối ngoại|ngoại giao|quốc tế|nước ngoài|xúc tiến đầu tư|{whole_word('fdi')}|hội nhập|"
                      r"đại sứ|lãnh sự|kiều bào|người việt nam ở nước ngoài")
_TRAINING = re.compile(rf"tập huấn|bồi dưỡng|khóa học|lớp học|{whole_word('lớp')}")
_SEVERAL = re.compile(r"\s(?:được\s+)?(?:nhiều|hàng loạt|một số)\s")
_BACKGROUND = re.compile(r"trước đây|năm \d{4}|từ năm|thời gian qua|những năm qua|nhiều năm|thời gian tới|"
                         r"hằng năm|hàng năm|thường xuyên|giai đoạn|đến nay|hiện nay|tính đến|từ trước")
_CONTINUATION = re.compile(r"^(?:kết thúc|tại buổi|trong buổi|cũng tại|bên lề|nhân dịp|dịp này|trong khuôn khổ|"
                           r"sau buổi|(?:tại|trong|trong khuôn khổ)\s+(?:chương trình|hội chợ|sự kiện|lễ|hội nghị|"
                           r"hội thảo|diễn đàn|tọa đàm|triển lãm|hội đàm)\b)")
_LISTED = re.compile(r"\s*(?:,|và|hoặc)?\s*")
_WITHIN = re.compile(r"^(?:tại|trong)\s+(?:chương trình|hội chợ|sự kiện|hội nghị|hội thảo|diễn đàn|tọa đàm|triển lãm)")


@dataclass
class _Candidate:
    type: str
    start: int          # absolute offsets of the segment the trigger governs
    end: int
    trigger_start: int
    is_reference: bool


def _triggers(key: str, written: str, matches: list[re.Match], offset: int) -> list[list]:
    """[type, position, is_reference] per trigger; adjacent triggers ("thăm và làm việc") fold into one.

    ``written`` is the sentence as written: a trigger inside a proper name ("Tổ chức Xúc tiến Thương mại Nhật Bản")
    has capitalised inner words and is no trigger. ``matches`` are the trigger matches of the sentence, offsets into
    the article (``offset`` is the sentence start)."""
    found: list[list] = []
    skipped_end = -10
    for m in matches:
        start, end, phrase = m.start() - offset, m.end() - offset, m.group(0)
        words = written[start:end].split()
        if words[0][:1].isupper() and any(word[:1].isupper() for word in words[1:]):
            continue
        before = key[max(0, start - 25):start]
        around = key[max(0, start - 40):end + 30]
        listed_after_skipped = skipped_end >= 0 and \
            _LISTED.fullmatch(key, skipped_end, start) is not None    # "các hội nghị xúc tiến"
        purpose = _PURPOSE.search(key[max(0, start - 60):start])
        named_in_anniversary = _ANNIVERSARY_NAME.search(key[max(0, start - 40):start])
        kind = TRIGGER_TYPE[phrase]
        celebration = kind in _CELEBRATION_TYPES or _GATHERING.match(phrase)
        if _GENERIC.search(before) or _FRAME.search(before) or _anniversary(around, celebration) \
                or listed_after_skipped or purpose or named_in_anniversary:
            skipped_end = end
            continue
        if found and start - found[-1][1] < 25 and ";" not in key[found[-1][1]:start]:
            if TYPE_PRIORITY.index(kind) < TYPE_PRIORITY.index(found[-1][0]):
                found[-1][0] = kind
            continue
        found.append([kind, start, bool(_REFERENCE.search(before))])
    return found


def _anniversary(text: str, celebration) -> bool:
    """An anniversary named in ``text`` (for a celebration, its occasion counts too)."""
    return any(phrase in text for phrase in _ANNIVERSARY_ANY) and (celebration or _ANNIVERSARY.search(text) is not None)


def _segments(article: Article, index: int) -> list[_Candidate]:
    sentence = article.sentences[index]
    key = article.key_of(sentence.start, sentence.end)
    found = _triggers(key, sentence.text, article.sentence_matches(_TRIGGER).get(index, []), sentence.start)
    candidates = []
    for i, (kind, pos, is_reference) in enumerate(found):
        clause_start = key.rfind(";", 0, pos) + 1
        previous = found[i - 1][1] if i else -1
        start = pos if previous >= clause_start else clause_start
        end = found[i + 1][1] if i + 1 < len(found) else len(key)
        semi = key.find(";", pos)
        end = min(end, semi) if semi >= 0 else end
        candidates.append(_Candidate(kind, sentence.start + start, sentence.start + end, sentence.start + pos,
                                     is_reference))
    return candidates


_OLD = DateMention(0, 0, None, None)   # the segment is dated, but not near publication: background


def _event_date(article: Article, index: int, cand: _Candidate, same_day: date | None) -> DateMention | None:
    key = article.key_of(cand.start, cand.end)
    sentence = article.sentences[index]
    if cand.start == sentence.start and cand.end == sentence.end and not may_name_relative_day(key):
        mentions = article.sentence_dates(index)          # the whole sentence: its dates, found once
    else:
        mentions = find_dates(key, article.published, same_day)
    for mention in mentions:
        window = key[max(0, mention.start - 30):mention.end + 5]
        in_range_brackets = key[:mention.start].rstrip().endswith("(") and "-" in key[mention.end:mention.end + 4]
        if _anniversary(window, False) or in_range_brackets:
            continue
        if plausible(mention, article.published):
            return mention
    return _OLD if mentions else None


def extract_events(article: Article, version: str) -> list[EventFact]:
    events: list[EventFact] = []
    same_day: date | None = None
    dated_before: tuple[int, EventFact] | None = None     # (sentence index, last dated event of that sentence)
    for index in sorted(article.sentences_matching(_TRIGGER)):      # only sentences with an event word
        sentence = article.sentences[index]
        key = article.key_of(sentence.start, sentence.end)
        candidates = _segments(article, index)
        inherited: DateMention | None = None
        for cand in candidates:
            event = _event(article, index, cand, same_day, version, inherited, len(candidates) == 1)
            if event is None:
                continue
            if event.event_date is None and events and _WITHIN.search(key) and not _DISTINCT.search(key):
                merge_into(events[-1], event, keep_type=True)      # "Tại hội chợ, các doanh nghiệp đã ký kết…"
                continue
            if event.event_date is None and dated_before is not None and dated_before[0] == index - 1 \
                    and article.sentences[index - 1].paragraph == sentence.paragraph and not _DISTINCT.search(key):
                _date_from(event, dated_before[1])
            elif event.event_date is None and _BACKREF.search(key):
                _date_from_sentence(article, index - 1, event)     # "Dịp này, hai tỉnh đã hội đàm…"
            if event.event_date is not None:
                inherited = DateMention(0, 0, event.event_date, event.event_date_precision, event.event_end_date)
                dated_before = (index, event)
            earlier = None if _DISTINCT.search(key) else _restated(events, event)
            if earlier is not None or (event.event_date is None and events and _CONTINUATION.search(key)):
                merge_into(earlier or events[-1], event, keep_type=earlier is None and bool(_WITHIN.search(key)))
                continue
            events.append(event)
        for mention in article.sentence_dates(index):                    # "chiều cùng ngày" refers to it
            if mention.precision == "day" and mention.value and plausible(mention, article.published):
                same_day = mention.value
    return merge_events(events)


def _date_from(event: EventFact, previous: EventFact) -> None:
    """"Hai bên đã ký kết…" right after "Ngày 4/11, đoàn đã làm việc…": the same day."""
    event.event_date, event.event_date_precision = previous.event_date, previous.event_date_precision
    event.confidence = round(event.confidence - 0.05, 2)
    reason = (event.confidence_reason or "").replace("undated, told as done", "").strip("; ")
    event.confidence_reason = "; ".join(r for r in (reason, "date from the previous sentence") if r)


def _date_from_sentence(article: Article, index: int, event: EventFact) -> None:
    """The day named by the sentence a back-reference ("dịp này") points to, when it names one near publication."""
    if index < 0:
        return
    day = next((d for d in article.sentence_dates(index)
                if d.precision == "day" and d.value and plausible(d, article.published)), None)
    if day is not None:
        event.event_date, event.event_date_precision, event.event_end_date = day.value, "day", None
        event.confidence = round(event.confidence - 0.05, 2)
        reason = (event.confidence_reason or "").replace("undated, told as done", "").strip("; ")
        event.confidence_reason = "; ".join(r for r in (reason, "date from the sentence referred to") if r)


def _restated(events: list[EventFact], event: EventFact) -> EventFact | None:
    """An undated mention of an event type already seen, naming no new foreign place, restates that event."""
    if event.event_date is not None:
        return None
    new = {p.country_code for p in event.participants if p.side == "foreign"}
    for earlier in reversed(events):
        seen = {p.country_code for p in earlier.participants if p.side == "foreign"}
        if earlier.event_type == event.event_type and new <= seen:
            return earlier
    return None


def _event(article: Article, index: int, cand: _Candidate, same_day: date | None, version: str,
           inherited: DateMention | None = None, alone: bool = True) -> EventFact | None:
    sentence = article.sentences[index]
    key = article.key_of(cand.start, cand.end)
    sentence_key = article.key_of(sentence.start, sentence.end)
    around = article.key[max(sentence.start, cand.trigger_start - 40):cand.trigger_start + 40]
    celebration = cand.type in _CELEBRATION_TYPES or _GATHERING.match(article.key, cand.trigger_start)
    if _anniversary(around, celebration):
        return None
    if _SEVERAL.search(article.key, cand.trigger_start, cand.trigger_start + 25):
        return None
    own = _event_date(article, index, cand, same_day)
    lead_in = article.key[max(sentence.start, cand.trigger_start - 25):cand.end]     # "… sẽ ký thỏa thuận"
    if own is None and inherited is not None and _PLAN.search(lead_in):
        return None                     # "…, hai bên thống nhất sẽ ký thỏa thuận": a plan inside a dated meeting
    mention = own or inherited
    if mention is _OLD or mention is not None and mention.precision == "month" and _PLAN.search(
            article.key_of(sentence.start, cand.end)):
        return None
    reason = []
    if mention is None:
        if cand.is_reference or _PLAN.search(key) or not _DONE.search(article.key_of(sentence.start, cand.end)):
            return None
        if _BACKGROUND.search(article.key_of(sentence.start, cand.end)):
            return None
        reason.append("undated, told as done")
    elif mention.value and article.published and mention.value > article.published + timedelta(days=1):
        reason.append("scheduled")
    vn, foreign = sides_of(article, index, cand, alone)
    vn = [p for p in vn if not in_dateline(article, p)]
    foreign = [p for p in foreign if not in_dateline(article, p)]
    if not vn and not VN_BODY.search(sentence_key):
        return None                                   # two foreign parties: not Vietnam's cooperation
    if foreign and cand.type in ("working_session", "visit", "reception") and \
            all(is_mission_seat(article, p) for p in foreign):
        return None                   # a delegation calling on Vietnam's own embassy abroad
    affairs_meeting = cand.type in ("conference", "roundtable", "trade_promotion") and _AFFAIRS.search(sentence_key) \
        and not _TRAINING.search(sentence_key)
    if not foreign and not affairs_meeting:
        return None
    if not foreign:
        reason.append("no foreign participant named")
    window = sectors_of_event(article, index, cand, alone)
    status = agreement_status(cand.type, lead_in, sentence_key)
    location = location_of(article, cand)
    confidence = 0.9 - 0.15 * (mention is None) - 0.15 * (not foreign)
    return EventFact(
        extractor_version=version, char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
        event_date=mention.value if mention else None, event_date_precision=mention.precision if mention else None,
        event_end_date=mention.end_value if mention else None, event_type=cand.type,
        is_online=bool(ONLINE.search(sentence_key)), location_name=location.entry.name if location else None,
        location_country_code=location.country_code if location else None, agreement_status=status,
        participants=participants_of([p for p in vn if not address_detail(article, p)
                                      and not venue_only(article, p, vn, sentence_key)],
                                     [as_country_if_mission_seat(article, p) for p in foreign]),
        sectors=sectors_in_order(window), confidence=round(confidence, 2),
        confidence_reason="; ".join(reason) or None,
    )
