"""nld.com.vn (Người Lao Động): afcbc family (current, reconstructed) and the pre-2022 template (scraper code).
A 2026 report says the domain now redirects to tuoitre.vn/nld/*: that path is allowlisted for this source."""
from __future__ import annotations

from scrapers.site import Site, Template
from scrapers.sites.afcbc import CURRENT

LEGACY = Template(
    name="nld-2013",
    path="legacy",
    body=("div.content-news-detail", "div#divNewsContent", "div.news-content", "div.detail-content"),
    title=("h1.title-content", "h1.title-detail"),
    sapo=("h2.sapo-detail", "h2.sapo", "p.sapo", ".news-sapo"),
    author=(".author-info .name", "p.author", ".author"),
    time=(".date-time", ".ad-item-time", ".ngayxuatban", "span.time"),
    section=(".breadcrumb-item a", "a.breadcrumb-item", ".breadcrumb a"),
    tags=(".tags a", ".tag-list a"),
    remove=("figure", "table.picture", ".box-ads", ".news-relate", ".related-container", ".VCSortableInPreviewMode"),
)

SITE = Site(
    name="nld",
    base="https://nld.com.vn",
    hosts=("nld.com.vn", "www.nld.com.vn", "tuoitre.vn/nld"),
    article_pattern=r"-\d{14,18}\.htm$",
    templates=(CURRENT, LEGACY),
    feeds=("/rss/home.rss", "/rss/thoi-su.rss", "/rss/quoc-te.rss", "/rss/kinh-te.rss"),
    sitemap_index="/sitemap.xml",
    sitemap_shards=("/sitemaps/news-{year}-{month}.xml",),
    sections=("/thoi-su.htm", "/quoc-te.htm", "/kinh-te.htm"),
    page_pattern="{section}/trang-{n}.htm",
    sapo_prefixes=(r"^\(NLĐO\)\s*[-–—]\s*", r"^\(NLĐ\)\s*[-–—]\s*"),
    brand_names=("Người Lao Động", "Báo Người Lao Động", "NLĐO", "nld.com.vn", "Tuổi Trẻ Online"),
    byline_from_tail=True,
)
