"""baochinhphu.vn: secondary source (not crawled by default), real 2026 capture of the afcbc family."""
from __future__ import annotations

from scrapers.site import Site
from scrapers.sites.afcbc import CURRENT

SITE = Site(
    name="baochinhphu",
    base="https://baochinhphu.vn",
    hosts=("baochinhphu.vn", "www.baochinhphu.vn"),
    article_pattern=r"-102\d{9,15}\.htm$",
    templates=(CURRENT,),
    feeds=("/kinh-te.rss", "/chinh-sach-va-cuoc-song.rss", "/doi-ngoai.rss"),
    sections=("/doi-ngoai.htm", "/kinh-te.htm"),
    page_pattern="{section}/trang-{n}.htm",
    sapo_prefixes=(r"^\(Chinhphu\.vn\)\s*[-–—]\s*",),
    brand_names=("baochinhphu.vn", "Báo Điện tử Chính phủ"),
    byline_from_tail=True,
    time_month_first=False,
    default_crawl=False,
)
