"""Pure-function fact extraction from Vietnamese news text.

    facts = extract_article(title, sapo, body, published_at)

No I/O and no global mutable state (the gazetteer index is built once and only read). Character offsets of every
fact index ``article_text(title, sapo, body)``; the evidence is the whole sentence holding the fact.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .context import Article
from .events import extract_events
from .facts import ArticleFacts, EventFact, InvestmentFact, Participant, TradeFact, UnknownPlace
from .investment import extract_investments
from .restated import drop_restated_investments, drop_restated_trade
from .text import article_text
from .trade import extract_trade
from .unknown import find_unknown_places

EXTRACTOR_VERSION = "2026.11.1"

__all__ = ["EXTRACTOR_VERSION", "ArticleFacts", "EventFact", "InvestmentFact", "Participant", "TradeFact",
           "UnknownPlace", "article_text", "extract_article", "extract_text"]


VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _as_date(published_at: datetime | date | None) -> date | None:
    """The publication day in Vietnam (an aware 23:30 UTC timestamp is already the next day in Hà Nội)."""
    if published_at is None:
        return None
    if isinstance(published_at, datetime):
        if published_at.tzinfo is not None:
            published_at = published_at.astimezone(VIETNAM_TZ)
        return published_at.date()
    return published_at


def extract_text(text: str, published_at: datetime | date | None) -> ArticleFacts:
    """Facts from an already joined article text (offsets index ``text``)."""
    article = Article.build(text, _as_date(published_at))
    return ArticleFacts(
        trade=drop_restated_trade(extract_trade(article, EXTRACTOR_VERSION)),
        investments=drop_restated_investments(extract_investments(article, EXTRACTOR_VERSION)),
        events=extract_events(article, EXTRACTOR_VERSION),
        unknown_places=find_unknown_places(article.text, article.key, article.places),
    )


def extract_article(title: str | None, sapo: str | None, body: str | None,
                    published_at: datetime | None) -> ArticleFacts:
    """Trade, investment and event facts (and unknown place names) of one article."""
    return extract_text(article_text(title, sapo, body), published_at)
