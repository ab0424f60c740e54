"""Fact records: field names are exactly the raw.*_mentions columns minus mention_id and article_id."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class TradeFact:
    extractor_version: str
    char_start: int
    char_end: int
    evidence: str
    reporter_country_code: str
    reporter_locality_code: str | None
    reporter_locality_name: str | None
    partner_country_code: str | None
    partner_locality_code: str | None
    partner_locality_name: str | None
    flow: str                                 # turnover | export | import
    value: float | None
    currency: str | None
    value_usd: float | None
    value_qualifier: str | None               # exact | approx | over | under
    period_year: int | None
    period_month_from: int | None
    period_month_to: int | None
    change_pct: float | None
    confidence: float
    confidence_reason: str | None


@dataclass
class InvestmentFact:
    extractor_version: str
    char_start: int
    char_end: int
    evidence: str
    investor_country_code: str | None
    investor_locality_code: str | None
    investor_locality_name: str | None
    host_country_code: str
    host_locality_code: str | None
    host_locality_name: str | None
    project_count: int | None
    project_count_qualifier: str | None
    capital: float | None
    currency: str | None
    capital_usd: float | None
    capital_qualifier: str | None
    capital_kind: str                         # registered | disbursed | pledged | unspecified
    as_of_date: date | None
    rank: int | None
    confidence: float
    confidence_reason: str | None


@dataclass(frozen=True)
class Participant:
    side: str                 # vn | foreign
    country_code: str
    locality_code: str | None
    locality_name: str | None
    level: str                # country | province | city | district | commune | region


@dataclass
class EventFact:
    extractor_version: str
    char_start: int
    char_end: int
    evidence: str
    event_date: date | None
    event_date_precision: str | None          # day | month | year
    event_end_date: date | None
    event_type: str
    is_online: bool
    location_name: str | None
    location_country_code: str | None
    agreement_status: str | None              # signed | draft | proposed
    participants: list[Participant]
    sectors: list[str]
    confidence: float
    confidence_reason: str | None


@dataclass
class UnknownPlace:
    name: str
    context: str
    occurrences: int


@dataclass
class ArticleFacts:
    trade: list[TradeFact] = field(default_factory=list)
    investments: list[InvestmentFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    unknown_places: list[UnknownPlace] = field(default_factory=list)


FLOWS = ("turnover", "export", "import")
QUALIFIERS = ("exact", "approx", "over", "under")
CAPITAL_KINDS = ("registered", "disbursed", "pledged", "unspecified")
EVENT_TYPES = ("conference", "roundtable", "working_session", "visit", "reception", "agreement_signing", "twinning",
               "trade_promotion", "other")
SECTORS = ("trade", "investment", "tourism", "energy", "education", "health", "agriculture", "industry", "logistics",
           "culture", "technology", "finance", "seaport", "labour", "environment", "transport", "other")
AGREEMENT_STATUSES = ("signed", "draft", "proposed")
DATE_PRECISIONS = ("day", "month", "year")
SIDES = ("vn", "foreign")
LEVELS = ("country", "province", "city", "district", "commune", "region")
