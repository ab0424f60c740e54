"""The VCCorp "detail-*/afcbc/data-role" CMS family shared by nld.com.vn, tuoitre.vn and baochinhphu.vn.

Modelled on the real 2026 baochinhphu.vn capture; NLD-specific names come from scraper code (unverified)."""
from __future__ import annotations

from scrapers.site import Template

REMOVE = (
    ".VCSortableInPreviewMode[type=RelatedNewsBox]", ".VCSortableInPreviewMode[type=RelatedNews]",
    ".VCSortableInPreviewMode[type=RelatedOneNews]", ".kbwscwl-relatedbox", "figure", "figcaption",
    ".PhotoCMS_Caption", ".box-ads", ".news-relate", ".related-container", "[data-role=sapo]",
)

CURRENT = Template(
    name="afcbc-detail",
    path="selectors",
    body=("div.detail-content.afcbc-body", "div.detail-content[data-role=content]", "[data-role=content]"),
    title=("h1.detail-title", "h1[data-role=title]", "h1.article-title"),
    sapo=("h2.detail-sapo", "[data-role=sapo]"),
    author=("div.detail-author p.name[data-role=author]", "[data-role=author]", ".detail-author .name",
            ".author-info .name", ".detail-author-top .name"),
    time=("div.detail-time [data-role=publishdate]", "[data-role=publishdate]", ".detail-time"),
    section=("div.detail-cate a.category-name_ac", "div.detail-breadcrumb a[data-role=cate-name]",
             "[data-role=cate-name]", ".detail-cate a"),
    tags=("ul.detail-tag-list a", "[data-role=tags] a", ".detail-tab a"),
    remove=REMOVE,
    images=("figure",),
)
