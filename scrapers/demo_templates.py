"""Article pages in each site's current structure, for the demo site and the reconstructed test pages.

vneconomy follows the real 2026 capture (entity-encoded JSON-LD and meta, data-field attributes); vietnamplus and
nld are RECONSTRUCTIONS from scraper selectors (STRUCTURE.md) — plausible, not verified against live pages.
Each page carries the boxes a parser must leave out (related articles, sidebars, captions, share bars).
"""
from __future__ import annotations

import json
from datetime import datetime
from html import escape


def _entities(text: str) -> str:
    """HTML hex entities for every non-ASCII character, as vneconomy writes its meta and JSON-LD values."""
    return "".join(c if ord(c) < 128 else f"&#x{ord(c):X};" for c in escape(text, quote=True))


def _paragraphs(text: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return "\n".join(f"<p{attr}>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _when(a: dict) -> datetime:
    return datetime.fromisoformat(a["published_at"])


def vneconomy_page(a: dict) -> str:
    when = _when(a)
    iso = when.isoformat().replace("+", "&#x2B;")
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "url": a["url"], "headline": "HEADLINE", "description": "DESCRIPTION",
         "datePublished": "DATE", "dateModified": "DATE", "author": {"@type": "Person", "name": "AUTHOR"},
         "articleSection": "SECTION", "mainEntityOfPage": {"@type": "WebPage", "@id": a["url"]}},
        {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": {"@id": "https://vneconomy.vn/"}},
            {"@type": "ListItem", "position": 2, "name": "SECTION", "item": {"@id": "zone.htm"}}]}]}
    ld = json.dumps(graph, ensure_ascii=False, indent=1)
    for key, value in (("HEADLINE", a["title"]), ("DESCRIPTION", a["sapo"]), ("AUTHOR", a["author"] + " "),
                       ("SECTION", a["section"])):
        ld = ld.replace(f'"{key}"', json.dumps(_entities(value), ensure_ascii=False))
    ld = ld.replace('"DATE"', f'"{iso}"')
    tags = "".join(f'<a href="/tag/t{i}" class="tag"><span class="tag-name">{escape(t)}</span></a>'
                   for i, t in enumerate(a.get("tags") or []))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{_entities(a["title"])} - VnEconomy</title>
<meta name="description" content="{_entities("Tin nhanh: " + a["title"])}">
<meta name="author" content="{_entities(a["author"])} ">
<link rel="canonical" href="{a["url"]}">
<meta property="og:url" content="{a["url"]}">
<meta property="og:title" content="{_entities(a["title"])}">
<meta property="og:description" content="{_entities(a["sapo"])}">
<meta property="og:site_name" content="VnEconomy">
<meta property="article:section" content="{_entities(a["section"])}">
<meta property="article:tag" content="{_entities(", ".join(a.get("tags") or []))}">
<meta name="article:published_time" content="{iso}">
<meta name="article:modified_time" content="{iso}">
<script type="application/ld&#x2B;json">{ld}</script>
</head><body><main class="">
<div class="article-detail-section"><div class="container"><div class="article-detail-section__main">
<nav class="breadcrumb"><a href="zone.htm" class="block-see-more__tag is-active">
<span class="block-see-more--text" data-field="zone">{_entities(a["section"])}</span></a></nav>
<header class="article-header"><h1 class="article-header__title" data-field="title">{escape(a["title"])}</h1>
<div class="article-meta"><div class="article-meta__author"><div class="article-meta__avatar" data-field="author">
<span class="author-credit__avatar">{escape(a["author"][:1])}</span>
<span class="article-meta__name">{_entities(a["author"])} </span></div>
<div class="article-meta__content"><time class="article-meta__time" data-field="distributionDate">
{when:%H:%M, %d/%m/%Y}</time></div></div></div>
<div class="article-actions__share"><a class="share__item" title="Chia sẻ">Chia sẻ</a></div></header>
<div class="article-layout main-detail-page">
<main class="article-editor ct-edtior-web" id="article-editor" data-field="body">
<h4 class="article-content__lead" data-field="sapo">{escape(a["sapo"])}</h4>
<figure class="article-figure" data-field="avatar"><img src="https://premedia.vneconomy.vn/demo.jpg?w=1200"
 alt="VnEconomy"><figcaption class="article-figure__caption">Quang cảnh buổi làm việc. Ảnh: Tư liệu</figcaption>
</figure>
{_paragraphs(a["text"], "text-justify")}
</main>
<div class="block-news-feed related-detail_news"><h2 class="related__title">Bài liên quan</h2>
<article class="new-item_horizontal"><h3 class="title-size-20"><a href="/tin-khac-khong-lien-quan-den-bai.htm">
Một bài khác trong chuyên mục</a></h3></article></div>
<div class="tags"><h2 class="tags-label">Đọc bài theo từ khoá</h2><div class="list-tag">{tags}</div></div>
</div></div></div></div>
<section class="section-newest"><h2>Mới nhất trên VnEconomy</h2><article class="card-newest">
<span class="card-newest__time">19:50, 05/09/2026</span><h3 class="card-newest__title"><a href="/x.htm">
Tin mới khác</a></h3></article></section>
</main></body></html>"""


def vietnamplus_page(a: dict) -> str:
    when = _when(a)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(a["title"])} | Vietnam+ (VietnamPlus)</title>
<link rel="canonical" href="{a["url"]}"><meta property="og:url" content="{a["url"]}"></head>
<body><div class="site-header">VietnamPlus</div>
<div class="breadcrumb breadcrumb-detail"><h2><a href="/thegioi.vnp">{escape(a["section"])}</a></h2></div>
<div class="article">
<h1 class="article__title cms-title">{escape(a["title"])}</h1>
<div class="article__meta"><span class="author cms-author">{escape(a["author"])}</span>
<time class="time">{when:%d/%m/%Y %H:%M}</time></div>
<h2 class="article__sapo cms-desc">{escape(a["sapo"])}</h2>
<div class="article__body zce-content-body cms-body">
<figure class="expNoEdit"><img data-src="https://imagev3.vietnamplus.vn/w1000/demo.jpg.webp" alt="">
<figcaption>Toàn cảnh hội nghị. (Ảnh: Tư liệu/TTXVN)</figcaption></figure>
{_paragraphs(a["text"])}
<p style="text-align: right;"><strong>(TTXVN/Vietnam+)</strong></p>
</div>
<div class="article__tag"><a href="/tag/a.vnp">{"</a><a>".join(escape(t) for t in a.get("tags") or [])}</a></div>
</div>
<div class="box-related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/tin-khac-post1.vnp">Một tin khác</a></li>
</ul></div>
<div class="footer">Cơ quan chủ quản: THÔNG TẤN XÃ VIỆT NAM. © Bản quyền thuộc về VietnamPlus, TTXVN.</div>
</body></html>"""


def nld_page(a: dict) -> str:
    when = _when(a)
    ld = json.dumps({"@context": "http://schema.org", "@type": "NewsArticle", "headline": a["title"],
                     "datePublished": when.isoformat(), "author": {"@type": "Person", "name": "Báo Người Lao Động"},
                     "mainEntityOfPage": {"@type": "WebPage", "@id": a["url"]}}, ensure_ascii=False)
    tags = "".join(f'<li><a href="/t{i}.html">{escape(t)}</a></li>' for i, t in enumerate(a.get("tags") or []))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(a["title"])}</title>
<meta property="og:title" content="{escape(a["title"])}"><meta property="og:url" content="{a["url"]}">
<meta property="article:published_time" content="{when.isoformat().replace("+", "&#x2B;")}">
<link rel="canonical" href="{a["url"]}"><script type="application/ld+json">{ld}</script></head>
<body class="detail-page"><div class="detail__page"><article class="detail-mcontent">
<div class="detail-cate"><a class="category-name_ac" href="/kinh-te.htm">{escape(a["section"])}</a></div>
<h1 class="detail-title" data-role="title">{escape(a["title"])}</h1>
<h2 class="detail-sapo" data-role="sapo">(NLĐO) - {escape(a["sapo"])}</h2>
<div class="detail-info"><div class="detail-author"><p class="name" data-role="author">{escape(a["author"])}</p></div>
<div class="detail-time"><div data-role="publishdate">{when:%d/%m/%Y}<span class="icon"></span>{when:%H:%M}</div>
</div></div>
<div class="detail-content afcbc-body clearfix" data-role="content">
<figure class="VCSortableInPreviewMode" type="Photo"><div><img src="https://nld.mediacdn.vn/demo.jpg"
 data-original="https://nld.mediacdn.vn/demo-full.jpg"></div><figcaption class="PhotoCMS_Caption">
<p>Đại biểu dự buổi làm việc. Ảnh: Tư liệu</p></figcaption></figure>
{_paragraphs(a["text"])}
<!-- bonewsrelation --><div class="VCSortableInPreviewMode" type="RelatedNewsBox"><div class="kbwscwl-relatedbox">
<ul><li><span class="kbwscwlrl-label">Tin liên quan</span><a href="/khac-196250101000000000.htm">Tin khác
</a></li></ul></div></div><!-- eonewsrelation --><!-- react-text: 12 --><!--Mon Jan 01 2026 -->
</div>
<ul class="detail-tag-list" data-role="tags">{tags}</ul>
</article></div><div class="aside-news"><h3>Đọc nhiều</h3><a href="/doc-nhieu-196.htm">Tin đọc nhiều</a></div>
</body></html>"""


RENDERERS = {"vneconomy": vneconomy_page, "vietnamplus": vietnamplus_page, "nld": nld_page}
