"""HTML sections of the report. Every value from the data is escaped with ``fmt.esc``."""
from __future__ import annotations

from warehouse.report import fmt, svg
from warehouse.report.data import LocalityRow, MonthlyPartners
from warehouse.report.fmt import esc
from warehouse.report.style import CSS


def document(title: str, subtitle: str, cards: list[tuple[str, str]], sections: list[str], footer: str) -> str:
    card_html = "".join(
        f'<div class="card"><div class="value">{esc(value)}</div><div class="label">{esc(label)}</div></div>'
        for label, value in cards
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f'<header><div class="inner"><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></div></header>'
        f'<main><div class="cards">{card_html}</div>{"".join(sections)}</main>'
        f"<footer>{esc(footer)}</footer></body></html>\n"
    )


def section(section_id: str, heading: str, note: str, body: str) -> str:
    return f'<section id="{esc(section_id)}"><h2>{esc(heading)}</h2><p class="note">{esc(note)}</p>{body}</section>'


def table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), table_id: str = "") -> str:
    """``rows`` hold ready (escaped) HTML cells."""
    if not rows:
        return '<p class="empty">No data yet.</p>'
    head = "".join(f'<th class="num">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    ident = f' id="{esc(table_id)}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def events_chart(monthly: MonthlyPartners) -> str:
    if not monthly.buckets:
        return '<p class="empty">No dated events yet.</p>'
    return svg.stacked_columns(
        monthly.buckets, monthly.series, title=f"Events per {monthly.granularity} by partner country",
        y_label="events",
    )


def localities_block(rows: list[LocalityRow], partner_order: list[str]) -> str:
    """Bars stacked by partner country (the leading partners of the events chart, the rest as "Other")."""
    if not rows:
        return '<p class="empty">No events with a Vietnamese province or city yet.</p>'
    leaders = [name for name in partner_order if name != "Other"]
    by_partner = {name: [float(dict(row.partners).get(name, 0)) for row in rows] for name in leaders}
    others = [float(sum(n for p, n in row.partners if p not in leaders)) for row in rows]
    series = [(name, values) for name, values in by_partner.items() if any(values)]
    if any(others):
        series.append(("Other", others))
    chart = svg.stacked_bars(
        [row.name for row in rows], series, [f"{row.events} event{'' if row.events == 1 else 's'}" for row in rows],
        title="Events per Vietnamese locality, by partner country",
    )
    cells = [
        [
            f"<strong>{esc(row.name)}</strong>",
            fmt.count(row.events),
            f'<span class="nowrap">{esc(fmt.day(row.last_event))}</span>',
            '<div class="chips">' + "".join(f"<span>{esc(p)} · {n}</span>" for p, n in row.partners[:5]) + "</div>",
            esc(", ".join(row.written_as)) or '<span class="muted">–</span>',
        ]
        for row in rows
    ]
    listing = table(["Locality (34 units)", "Events", "Last event", "Main partners", "Also reported as"], cells,
                    numeric={1}, table_id="localities")
    return f"{chart}<h3>Partners per locality</h3>{listing}"


def _nowrap(text: str) -> str:
    return f'<span class="nowrap">{esc(text)}</span>'


def _article_link(row: dict) -> str:
    url, title = fmt.safe_url(row.get("url")), row.get("title") or row.get("url") or "article"
    link = f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(title)}</a>' if url else esc(title)
    return f'<div class="source">{link} <span class="muted">· {esc(row.get("source"))}</span></div>'


def _evidence(row: dict) -> str:
    return f'<div class="evidence">“{esc(row.get("evidence"))}”</div>{_article_link(row)}'


def trade_table(rows: list[dict]) -> str:
    cells = [
        [
            _nowrap(fmt.day(r["published_at"])),
            f"{esc(r['reporter'])} → {esc(r['partner'])}<br><span class=\"muted\">{esc(r['flow'])}</span>",
            esc(fmt.money(r["value"], r["currency"], r["value_qualifier"])),
            esc(fmt.usd(r["value_usd"])),
            _nowrap(fmt.period(r["period_year"], r["period_month_from"], r["period_month_to"])),
            esc(fmt.pct(r["change_pct"], signed=True)),
            _evidence(r),
        ]
        for r in rows
    ]
    return table(["Published", "Flow", "Value", "USD", "Period", "Change", "Evidence and article"], cells,
                 numeric={2, 3, 5}, table_id="trade")


def investment_table(rows: list[dict]) -> str:
    cells = [
        [
            _nowrap(fmt.day(r["published_at"])),
            f"{esc(r['investor'])} → {esc(r['host'])}<br><span class=\"muted\">{esc(r['capital_kind'])}</span>",
            esc(fmt.count(r["project_count"])),
            esc(fmt.money(r["capital"], r["currency"], r["capital_qualifier"])),
            esc(fmt.usd(r["capital_usd"])),
            _nowrap(fmt.day(r["as_of_date"])),
            _evidence(r),
        ]
        for r in rows
    ]
    return table(["Published", "Investor → host", "Projects", "Capital", "USD", "As of", "Evidence and article"],
                 cells, numeric={2, 3, 4}, table_id="investments")


def check_detail(check) -> str:
    d = check.details
    if check.name == "volume_anomaly":
        below = ", ".join(d["anomalous_sources"]) or "no source"
        return f"{d['day']}: {below} under {check.threshold:.0%} of its {d['window_days']}-day median"
    if check.name == "unknown_place_share":
        return f"{d['with_unknown_places']:,} of {d['relevant_articles']:,} relevant articles"
    hits = d.get("empty", d.get("generic", 0))
    return f"{hits:,} of {d['articles']:,} articles"


def quality_block(q: dict | None) -> str:
    if q is None:
        return '<p class="empty">The serving copy holds no ingest data (no ops schema).</p>'
    cards = [
        ("Articles", fmt.count(q["articles"])),
        ("Relevant", f"{fmt.count(q['relevant'])} ({fmt.share(q['relevant'], q['articles'])})"),
        ("Empty bodies", f"{fmt.count(q['empty_bodies'])} ({fmt.share(q['empty_bodies'], q['articles'])})"),
        ("Unknown place names", f"{fmt.count(q['unknown_place_names'])} ({q['unknown_place_occurrences']:,} uses)"),
        ("Ingest errors", fmt.count(q["ingest_errors"])),
    ]
    card_html = '<div class="cards" style="margin:0 0 16px" id="quality-counts">' + "".join(
        f'<div class="card"><div class="value">{esc(v)}</div><div class="label">{esc(k)}</div></div>' for k, v in cards
    ) + "</div>"
    paths = svg.horizontal_bars([p for p, _ in q["parse_paths"]], [n for _, n in q["parse_paths"]],
                                title="Articles by parse path", width=520, label_w=110, series="articles",
                                colour=svg.PALETTE[5])
    checks = table(["Check", "Value", "Limit", "Status"], [
        [f'{esc(c.name.replace("_", " "))}<br><span class="muted">{esc(check_detail(c))}</span>',
         esc(f"{c.value:.1%}"), esc(("≥ " if c.name == "volume_anomaly" else "≤ ") + f"{c.threshold:.0%}"),
         '<span class="badge ok">pass</span>' if c.passed else '<span class="badge bad">fail</span>']
        for c in q["checks"]
    ], numeric={1, 2}, table_id="checks")
    unknown = table(["Unknown place name", "Uses"], [[esc(n), fmt.count(c)] for n, c in q["top_unknown_places"]],
                    numeric={1})
    errors = table(["Stage", "Kind", "Errors"], [[esc(s), esc(k), fmt.count(n)] for s, k, n in q["errors_by_stage"]],
                   numeric={2})
    return (f'{card_html}<div class="split"><div><h3>Parse paths</h3>{paths}</div><div><h3>Checks</h3>{checks}'
            f'</div></div><div class="split"><div><h3>Unknown places</h3>{unknown}</div>'
            f"<div><h3>Ingest errors</h3>{errors}</div></div>")
