"""One figure stated twice in an article (headline, lead and body; a recap paragraph) is one fact.

Two figures are the same when their parties and flow/kind agree, the values are within 3 % (headlines round:
"hơn 27 tỷ USD" for 27,26 tỷ) and their periods do not contradict. The more precise statement is kept.
"""
from __future__ import annotations

from .facts import InvestmentFact, TradeFact

_TOLERANCE = 0.03


def _near(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b), 1e-9)


def _digits(value: float | None) -> int:
    """Significant digits as written: 27.26e9 -> 4, 27e9 -> 2."""
    if value is None:
        return 0
    return len(f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0"))


def _compatible(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _same_trade(a: TradeFact, b: TradeFact) -> bool:
    same_sides = (a.reporter_country_code, a.reporter_locality_code, a.partner_country_code, a.flow) == \
        (b.reporter_country_code, b.reporter_locality_code, b.partner_country_code, b.flow)
    if not same_sides or not _compatible(a.period_year, b.period_year):
        return False
    if a.value_usd is None and b.value_usd is None:
        return a.change_pct == b.change_pct and a.period_year == b.period_year
    return _near(a.value_usd, b.value_usd)


def _same_investment(a: InvestmentFact, b: InvestmentFact) -> bool:
    same_sides = (a.investor_country_code, a.host_country_code, a.host_locality_code) == \
        (b.investor_country_code, b.host_country_code, b.host_locality_code)
    if not same_sides:
        return False
    if a.capital_usd is None and b.capital_usd is None:
        return a.project_count is not None and a.project_count == b.project_count
    return _near(a.capital_usd, b.capital_usd)


def _keep_precise(facts: list, same, value_of) -> list:
    kept: list = []
    for fact in facts:
        twin = next((k for k in kept if same(k, fact)), None)
        if twin is None:
            kept.append(fact)
        elif _digits(value_of(fact)) > _digits(value_of(twin)):
            kept[kept.index(twin)] = fact
    return kept


def drop_restated_trade(facts: list[TradeFact]) -> list[TradeFact]:
    return _keep_precise(facts, _same_trade, lambda f: f.value)


def drop_restated_investments(facts: list[InvestmentFact]) -> list[InvestmentFact]:
    return _keep_precise(facts, _same_investment, lambda f: f.capital)
