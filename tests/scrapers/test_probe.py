"""probe(): newest feed item per site, which fields each parse path finds."""
from __future__ import annotations

import httpx

from scrapers.demo_site import build_demo_site, load_sample
from scrapers.fetch import Fetcher
from scrapers.probe import format_report, probe


def serve(pages, broken_body_for=None):
    def handler(request: httpx.Request) -> httpx.Response:
        site = request.url.host.split(".")[0]
        body = pages.get(f"/{site}{request.url.path}")
        if body is None:
            return httpx.Response(404)
        if site == broken_body_for and request.url.path.endswith((".htm", ".vnp")):
            body = b"<html><body><div class='moi'><p>Giao dien moi</p></div></body></html>"
        return httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8"})

    return httpx.MockTransport(handler)


OVERRIDES = {name: f"http://{name}.test" for name in ("vietnamplus", "vneconomy", "nld")}


def test_probe_reports_fields_per_path_and_the_newest_item():
    pages = build_demo_site(load_sample())
    with Fetcher(None, transport=serve(pages), min_delay=0) as fetcher:
        results = probe(fetcher=fetcher, site_overrides=OVERRIDES)
    by_site = {r.source: r for r in results}
    assert set(by_site) == {"vietnamplus", "vneconomy", "nld"}
    vne = by_site["vneconomy"]
    assert vne.ok and vne.parse_path == "selectors"
    assert vne.article_url == "https://vneconomy.vn/gia-vang-trong-nuoc-dao-chieu.htm"     # newest pubDate
    assert vne.paths["structured"]["title"] and vne.paths["structured"]["published_at"]
    assert all(vne.paths["selectors:vneconomy-2026"].values())
    assert by_site["vietnamplus"].paths["selectors:vietnamplus-2023"]["author"]
    lines = format_report(results)
    assert any(line.startswith("vneconomy: OK") for line in lines)


def test_probe_flags_a_site_whose_pages_stopped_parsing():
    pages = build_demo_site(load_sample())
    with Fetcher(None, transport=serve(pages, broken_body_for="nld"), min_delay=0) as fetcher:
        (result,) = probe(["nld"], fetcher=fetcher, site_overrides=OVERRIDES)
    assert not result.ok and result.parse_path == "generic"
    assert not any(result.paths["selectors:afcbc-detail"].values())
    assert "site_selectors_missed" in result.warnings


def test_probe_falls_back_to_section_pages_when_feeds_are_dead():
    pages = {k: v for k, v in build_demo_site(load_sample()).items() if not k.endswith(".rss")}
    with Fetcher(None, transport=serve(pages), min_delay=0) as fetcher:
        (result,) = probe(["vneconomy"], fetcher=fetcher, site_overrides=OVERRIDES)
    assert result.ok and result.feed_url.endswith(".htm") and result.article_url.startswith("https://vneconomy.vn/")
