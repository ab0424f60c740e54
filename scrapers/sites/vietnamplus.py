"""vietnamplus.vn: current (2023+) template from scraper code only (no real page offline); 2014-2017 template from
real fragments. Structured data first, so a wrong current selector costs only the body path."""
from __future__ import annotations

from scrapers.site import Site, Template

CURRENT = Template(
    name="vietnamplus-2023",
    path="selectors",
    body=("div.article__body.zce-content-body.cms-body", "div.article__body", "div.zce-content-body"),
    title=("h1.article__title.cms-title", "h1.article__title", "h1.cms-title"),
    sapo=("h2.article__sapo.cms-desc", "h2.article__sapo", ".article__sapo", ".cms-desc"),
    author=(".article__meta .cms-author", ".article__author", "span.author.cms-author", ".cms-author"),
    time=(".article__meta time", "time.time", ".article__meta .time"),
    section=("div.breadcrumb.breadcrumb-detail h2 a", "div.breadcrumb-detail a", ".breadcrumb a"),
    tags=(".article__tag a", ".article__tags a", "div.tags a"),
    remove=("figure", ".article__sapo", ".cms-desc", "div.article-photo", "table.image", "table.picture",
            "[id^=sas_]", ".sas-container", ".article__source"),
    images=("figure", "table.picture", "table.image"),
)
LEGACY = Template(
    name="vietnamplus-2014",
    path="legacy",
    body=("div.article-body.cms-body", "div.article-body", "div.cms-body"),
    title=("header.article-header h1", "h1.details__headline"),
    sapo=("header.article-header h2", ".article-summary", ".details__summary", ".sapo"),
    author=("header.article-header .author", "p.meta .author", ".cms-author"),
    time=("header.article-header time", "p.meta time", "time"),
    section=("ul.breadcrumb li a", ".breadcrumb a"),
    tags=(".article-tags a", ".tags a"),
    remove=("div.article-photo", "figure", "[id^=sas_]", ".sas-container", "table.image", "table.picture"),
    images=("div.article-photo", "figure", "table.picture", "table.image"),
)

SITE = Site(
    name="vietnamplus",
    base="https://www.vietnamplus.vn",
    hosts=("vietnamplus.vn", "www.vietnamplus.vn"),
    article_pattern=r"(-post\d+\.vnp$|/\d{5,}\.vnp$)",
    templates=(CURRENT, LEGACY),
    feeds=("/rss/home.rss", "/rss/chinhtri.rss", "/rss/thegioi.rss", "/rss/kinhte.rss", "/rss/xahoi.rss"),
    sitemap_index="/sitemap.xml",
    sitemap_shards=("/sitemaps/news-{year}-{month}.xml", "/sitemaps/news-{year}-{month:02d}.xml"),
    sections=("/chinhtri.vnp", "/thegioi.vnp", "/kinhte.vnp", "/xahoi.vnp"),
    page_pattern="{section}/trang{n}.vnp",
    brand_names=("VietnamPlus", "Vietnam+", "Vietnam+ (VietnamPlus)", "TTXVN"),
)
