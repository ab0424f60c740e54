"""Pure-function fact extraction from Vietnamese news text.

    facts = extract_article(title, sapo, body, published_at)   # -> ArticleFacts(trade, investments, events,
                                                               #                 unknown_places)

No I/O and no global mutable state (the gazetteer index is built once, lazily, and only read). Character offsets
of every fact index ``article_text(title, sapo, body)`` (NFC, odd spaces as spaces, parts joined by a blank line);
``evidence`` is the whole sentence holding the fact and equals ``text[char_start:char_end]``. Fact field names are
the raw.*_mentions columns (without mention_id/article_id).

Conventions
- Countries: ISO 3166-1 alpha-2 ('EU' for the European Union, 'ZZ' unknown); every code emitted is in
  ``gazetteer.reference_countries()``. Localities: ``gazetteer.reference_localities()`` — "VN-<gso>" for the 34
  provinces since 1 July 2025, "VN-L<gso>" for merged pre-2025 provinces (resolved by publication date when a name
  exists in both eras), ISO 3166-2 for foreign regions, "<CC>-X-<NAME>" for foreign cities without one.
- Money: value and ISO 4217 currency as stated; value_usd/capital_usd through the fixed table in numbers.py
  (rates of RATES_DATE). Qualifiers exact/approx/over/under; change_pct signed ("tăng gần 4 lần" = +300).
- Dates: day/month/year precision; a day-month without a year takes the year nearest publication (future x3).
- Precision first: targets, forecasts, anniversaries, background, generic plurals, company- and commodity-level
  figures and aid are skipped; doubtful facts carry a lower ``confidence`` and say why in ``confidence_reason``.
- ``extraction.relevance.classify`` tells whether an article is about Vietnam's foreign cooperation.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .context import Article
from .event_triggers import TRIGGER, TRIGGER_TYPE
from .events import extract_events
from .facts import ArticleFacts, EventFact, InvestmentFact, Participant, TradeFact, UnknownPlace
from .investment import CUE, CUE_PHRASES, extract_investments
from .outward import extract_outward
from .restated import drop_restated_investments, drop_restated_trade
from .text import WordFinder, article_text
from .trade import extract_trade
from .unknown import PLACE_WORD, PLACE_WORDS, find_unknown_places

EXTRACTOR_VERSION = "2026.11.10"

__all__ = ["EXTRACTOR_VERSION", "ArticleFacts", "EventFact", "InvestmentFact", "Participant", "TradeFact",
           "UnknownPlace", "article_text", "extract_article", "extract_text"]


VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_WORD_FINDER = WordFinder({TRIGGER: TRIGGER_TYPE, CUE: CUE_PHRASES, PLACE_WORD: PLACE_WORDS})   # one scan for the three


def _as_date(published_at: datetime | date | str | None) -> date | None:
    """The publication day in Vietnam (an aware 23:30 UTC timestamp is already the next day in Hà Nội)."""
    if published_at is None:
        return None
    if isinstance(published_at, str):           # tolerate ISO text ("2021-10-27", "2021-10-27T08:00:00+07:00")
        try:
            published_at = datetime.fromisoformat(published_at.strip())
        except ValueError:
            return None
    if isinstance(published_at, datetime):
        if published_at.tzinfo is not None:
            published_at = published_at.astimezone(VIETNAM_TZ)
        return published_at.date()
    return published_at


def extract_text(text: str, published_at: datetime | date | None) -> ArticleFacts:
    """Facts from an already joined article text (offsets index ``text``)."""
    article = Article.build(text, _as_date(published_at), _WORD_FINDER)
    abroad, covered = extract_outward(article, EXTRACTOR_VERSION)
    investments = [f for f in extract_investments(article, EXTRACTOR_VERSION)
                   if not any(start <= f.char_start < end for start, end in covered)] + abroad
    return ArticleFacts(
        trade=drop_restated_trade(extract_trade(article, EXTRACTOR_VERSION)),
        investments=drop_restated_investments(investments),
        events=extract_events(article, EXTRACTOR_VERSION),
        unknown_places=find_unknown_places(article.text, article.key, article.places, article.finditer(PLACE_WORD)),
    )


def extract_article(title: str | None, sapo: str | None, body: str | None,
                    published_at: datetime | None) -> ArticleFacts:
    """Trade, investment and event facts (and unknown place names) of one article."""
    return extract_text(article_text(title, sapo, body), published_at)
