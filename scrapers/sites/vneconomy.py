"""vneconomy.vn: current template from a real 2026 capture (data-field attributes); 2021-25 template from scrapers."""
from __future__ import annotations

from scrapers.site import Site, Template

CURRENT = Template(
    name="vneconomy-2026",
    path="selectors",
    body=("main#article-editor", "main[data-field=body]"),
    title=("h1.article-header__title", "h1[data-field=title]"),
    sapo=("h4.article-content__lead", "[data-field=sapo]"),
    author=("[data-field=author] .article-meta__name", ".article-meta__name"),
    time=("time[data-field=distributionDate]", "time.article-meta__time"),
    section=("nav.breadcrumb a.is-active [data-field=zone]", "nav.breadcrumb a.is-active"),
    tags=("div.tags a.tag .tag-name", "div.tags a.tag"),
    remove=("[data-field=sapo]", ".article-content__lead", "figure", "figcaption"),
)
LEGACY = Template(
    name="vneconomy-2021",
    path="legacy",
    body=("[data-field=body]", "div.detail__content", "section.block-detail-page", "div.detail-content"),
    title=("h1.name-detail", "h1.detail__title", "h1.detail-title", "[data-field=title]"),
    sapo=("[data-field=sapo]", ".sapo-detail", "div.detail__summary", "div.detail-sapo"),
    author=("[data-field=author]", ".detail__author", ".author-detail", "p.author"),
    time=("[data-field=distributionDate]", ".detail__meta .date", ".detail__time", "p.date", "div.detail-time"),
    section=("[data-field=zone]", "[class*=breadcrumb] a.text-breadcrumb"),
    tags=(".detail__tag a", ".tags a", ".box-tag a"),
    remove=("[data-field=sapo]", ".sapo-detail", "figure", "figcaption", "table.picture", ".detail__related"),
)

SITE = Site(
    name="vneconomy",
    base="https://vneconomy.vn",
    hosts=("vneconomy.vn", "www.vneconomy.vn"),
    article_pattern=r"^/(?:[a-z0-9]+-){5,}[a-z0-9]+(?:-\d+)?\.htm$",
    templates=(CURRENT, LEGACY),
    feeds=("/tin-moi.rss", "/tieu-diem.rss", "/dau-tu.rss", "/kinh-te-the-gioi.rss",
           "/thi-truong-xuat-nhap-khau.rss", "/dia-oc.rss"),
    sitemap_index="/sitemap.xml",
    sitemap_shards=("/sitemap/news-{year}-{month:02d}.xml",),
    sections=("/tieu-diem.htm", "/dau-tu.htm", "/the-gioi-kinh-te.htm", "/kinh-te-the-gioi.htm",
              "/thi-truong-xuat-nhap-khau.htm", "/dia-phuong.htm"),
    page_pattern="{section}.htm?page={n}",
    brand_names=("VnEconomy", "Tạp chí Kinh tế Việt Nam", "Nhịp sống kinh tế Việt Nam & Thế giới"),
    extra={"section_slugs_are_short": True},
)
