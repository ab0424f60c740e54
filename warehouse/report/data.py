"""The report's numbers, read from the serving copy with plain SQL."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from warehouse.db import TIMEZONE

TOP_PARTNERS = 6
TOP_LOCALITIES = 15
LATEST_FIGURES = 12

# An event's day: its date, else the day it was first reported (local time); its month.
EVENT_DAY = f"coalesce(e.event_date, (e.first_reported_at at time zone '{TIMEZONE}')::date)"
EVENT_MONTH = f"date_trunc('month', {EVENT_DAY})::date"


@dataclass
class MonthlyPartners:
    granularity: str  # month | quarter | year
    buckets: list[str]
    series: list[tuple[str, list[float]]]
    events: int


@dataclass
class LocalityRow:
    code: str
    name: str
    events: int
    last_event: date | None
    partners: list[tuple[str, int]]
    written_as: list[str] = field(default_factory=list)


def rows_as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


HEADLINE_TABLES = {
    "events": "fct_cooperation_events", "mentions": "fct_event_mentions", "trade_figures": "fct_trade_flows",
    "investment_figures": "fct_investments", "articles": "dim_articles",
}


def headline(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main marts, read in one statement."""
    selects = ", ".join(f"(select count(*) from marts.{table})" for table in HEADLINE_TABLES.values())
    return dict(zip(HEADLINE_TABLES, con.execute(f"select {selects}").fetchone(), strict=True))


def events_by_partner(con: duckdb.DuckDBPyConnection, top: int = TOP_PARTNERS) -> MonthlyPartners:
    """Events per month (quarter or year over long spans) by foreign partner country; the rest is "Other"."""
    rows = con.execute(
        f"""
        with partners as (
            select distinct event_id, country_code from marts.bridge_event_participants where side = 'foreign'
        )
        select {EVENT_MONTH} as month, coalesce(c.name_en, p.country_code) as country, count(*) as events
        from marts.fct_cooperation_events e
        join partners p using (event_id)
        left join marts.dim_countries c on c.country_code = p.country_code
        where {EVENT_MONTH} is not null
        group by all
        """
    ).fetchall()
    total_events = con.execute("select count(*) from marts.fct_cooperation_events").fetchone()[0]
    if not rows:
        return MonthlyPartners("month", [], [], total_events)
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    granularity = "month" if span <= 36 else "quarter" if span <= 144 else "year"
    buckets = _buckets(first, last, granularity)
    totals: dict[str, int] = {}
    for _, country, n in rows:
        totals[country] = totals.get(country, 0) + n
    leaders = sorted(totals, key=lambda c: (-totals[c], c))[:top]
    names = leaders + (["Other"] if len(totals) > len(leaders) else [])
    values = {name: [0.0] * len(buckets) for name in names}
    index = {label: i for i, label in enumerate(buckets)}
    for month, country, n in rows:
        name = country if country in leaders else "Other"
        values[name][index[_bucket_label(month, granularity)]] += n
    return MonthlyPartners(granularity, buckets, [(name, values[name]) for name in names], total_events)


def _bucket_label(month: date, granularity: str) -> str:
    if granularity == "month":
        return month.strftime("%Y-%m")
    if granularity == "quarter":
        return f"{month.year} Q{(month.month - 1) // 3 + 1}"
    return str(month.year)


def _buckets(first: date, last: date, granularity: str) -> list[str]:
    labels, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = _bucket_label(date(year, month, 1), granularity)
        if not labels or labels[-1] != label:
            labels.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def active_localities(con: duckdb.DuckDBPyConnection, top: int = TOP_LOCALITIES) -> list[LocalityRow]:
    """Vietnamese provinces/cities by number of events, merged units rolled up to today's 34."""
    rows = con.execute(
        f"""
        with vn as (
            select distinct p.event_id, coalesce(l.successor_code, l.locality_code) as code,
                   coalesce(p.locality_name, l.name) as written
            from marts.bridge_event_participants p
            join marts.dim_localities l on l.locality_code = p.locality_code
            where p.side = 'vn' and l.country_code = 'VN'
        ),
        current_units as (
            select locality_code as code, name from marts.dim_localities
            where country_code = 'VN' and valid_to is null and level in ('province', 'city')
        ),
        events as (
            select vn.code, cu.name, count(distinct vn.event_id) as events, max({EVENT_DAY}) as last_event,
                   list(distinct vn.written order by vn.written) filter (where vn.written <> cu.name) as written_as
            from vn join current_units cu using (code)
            join marts.fct_cooperation_events e using (event_id)
            group by all
        ),
        partners as (
            select vn.code, coalesce(c.name_en, p.country_code) as partner, count(distinct vn.event_id) as n
            from vn join marts.bridge_event_participants p on p.event_id = vn.event_id and p.side = 'foreign'
            left join marts.dim_countries c on c.country_code = p.country_code
            group by all
        )
        select ev.code, ev.name, ev.events, ev.last_event, coalesce(ev.written_as, []) as written_as,
               list((pa.partner, pa.n) order by pa.n desc, pa.partner) filter (where pa.partner is not null) as partners
        from events ev left join partners pa using (code)
        group by all
        order by ev.events desc, ev.name
        limit ?
        """,
        [top],
    ).fetchall()
    return [
        LocalityRow(code, name, events, last_event, [(p[0], p[1]) for p in partners or []], list(written or []))
        for code, name, events, last_event, written, partners in rows
    ]
