"""A static, self-contained HTML report over the serving copy: no server, no JavaScript, no external assets.

``render_report()`` writes ``report_html/index.html`` beside the serving file (``warehouse/report/`` is this package,
so the output folder has another name).
"""
from __future__ import annotations

import json
import os
import uuid
from datetime import datetime
from pathlib import Path

from warehouse.db import has_table, serving_path
from warehouse.report import data, figures, fmt, page
from warehouse.serving import connect_serving

TITLE = "vnwh — Vietnam's subnational foreign relations"
__all__ = ["render_report", "build_html", "default_out_dir"]


def default_out_dir(serving_db: Path) -> Path:
    return serving_db.with_name("report_html")


def render_report(serving_db: Path | None = None, out_dir: Path | None = None) -> Path:
    """Render the report from the serving copy; returns the path of ``index.html`` (written atomically)."""
    serving_db = Path(serving_db or serving_path())
    out_dir = Path(out_dir or default_out_dir(serving_db))
    con = connect_serving(serving_db)
    try:
        html = build_html(con)
    finally:
        con.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    tmp = out_dir / f".index.html.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, target)
    return target


def build_html(con) -> str:
    headline = data.headline(con)
    monthly = data.events_by_partner(con)
    localities = data.active_localities(con)
    quality = figures.data_quality(con)
    manifest = _manifest(con)
    built_at = datetime.fromisoformat(manifest["built_at"]) if manifest.get("built_at") else None
    revision = (manifest.get("git_revision") or "")[:10] or "unknown"
    sections = [
        page.section(
            "events", "Cooperation events by partner country",
            f"Deduplicated events per {monthly.granularity}, stacked by foreign partner country (an event with two "
            "partner countries counts once for each). Undated events use the day they were first reported.",
            page.events_chart(monthly),
        ),
        page.section(
            "localities", "Most active Vietnamese localities and their partners",
            "Events per province or centrally-run city, with the units merged on 1 July 2025 rolled up to today's 34, "
            "split by partner country (an event with two partner countries counts once for each); "
            "“Also reported as” lists the names as the articles wrote them.",
            page.localities_block(localities, [name for name, _ in monthly.series]),
        ),
        page.section("trade", "Latest trade figures", "Newest articles first, each with its evidence sentence.",
                     page.trade_table(figures.latest_trade(con))),
        page.section("investment", "Latest investment figures", "Newest articles first, each with its evidence "
                     "sentence.", page.investment_table(figures.latest_investments(con))),
        page.section("quality", "Data quality", "What the crawl and the parsers produced, and the automated checks.",
                     page.quality_block(quality)),
    ]
    cards = [
        ("Events", fmt.count(headline["events"])), ("Event mentions", fmt.count(headline["mentions"])),
        ("Trade figures", fmt.count(headline["trade_figures"])),
        ("Investment figures", fmt.count(headline["investment_figures"])),
        ("Articles", fmt.count(headline["articles"])),
    ]
    subtitle = f"Published {fmt.stamp(built_at)} · vnwh {manifest.get('vnwh_version') or '?'} · git {revision}"
    footer = ("Generated from the read-only serving copy (marts schema). Figures are as stated in the articles; "
              "check the evidence before quoting them.")
    return page.document(TITLE, subtitle, cards, sections, footer)


def _manifest(con) -> dict:
    if not has_table(con, "ops", "publish_manifest"):
        return {}
    row = con.execute("select manifest from ops.publish_manifest limit 1").fetchone()
    return json.loads(row[0]) if row else {}
