"""HTML page -> ArticleRecord. Structured data first, the site's templates (current, then legacy) second, a generic
body extractor last; ``parse_path`` says where the body came from (selectors | legacy | jsonld | generic) and
``parse_warnings`` what was missing or guessed."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapers import dom
from scrapers import fields as F
from scrapers.decoding import decode_html
from scrapers.generic import generic_body
from scrapers.htmltext import body_from, bold_lead
from scrapers.registry import GENERIC, SITES, site_for_url
from scrapers.selectors import Scope, compiled
from scrapers.site import Site, Template
from scrapers.structured import structured_fields, time_datetime
from scrapers.timeparse import from_url, parse_any, parse_vn_text
from warehouse.records import ArticleRecord

PARSER_VERSION = "scrapers-1.0"


class ParseError(ValueError):
    """The page cannot become an article record (no URL can be determined)."""


def parse_html(html: bytes | str, url: str | None = None, source: str | None = None, *, site: Site | None = None,
               content_type: str | None = None, content_sha256: str | None = None) -> ArticleRecord:
    """Parse one article page; the site parser is chosen from ``url``, then canonical/og:url, then ``source``."""
    text = decode_html(html, content_type)
    root = dom.parse_document(text)
    data = structured_fields(root)
    canonical = str(data.get("canonical") or "")
    if canonical and not canonical.startswith("http") and url:
        canonical = urljoin(url, canonical)                 # a relative canonical, resolved against the page
    page_url = canonical if canonical.startswith(("http://", "https://")) else None
    site = site or site_for_url(url) or site_for_url(page_url) or SITES.get(source or "") or GENERIC
    record_url = _record_url(url, page_url, site)
    if not record_url:
        raise ParseError("no URL: pass url=, or the page needs <link rel=canonical> / og:url")
    name = site.name if site is not GENERIC else (source or _host_name(record_url))
    record = _extract(site, root, data, record_url, name)
    record.content_sha256 = content_sha256
    return record


def _record_url(url: str | None, page_url: str | None, site: Site) -> str | None:
    """The page's canonical URL when it is trustworthy (no URL given, on the site's hosts, or on the same host)."""
    if not page_url:
        return url
    if not url or site.owns(page_url) or urlsplit(url).hostname == urlsplit(page_url).hostname:
        return page_url
    return url


def _host_name(url: str) -> str:
    host = (urlsplit(url).hostname or "unknown").removeprefix("www.")
    return host


def _templates_for(site: Site, root) -> tuple[Template | None, object]:
    for template in site.templates:
        container = F.first(root, template.body)
        if container is not None:
            return template, container
    return None, None


def _pick(root, templates: list[Template], attr: str):
    for template in templates:
        tag = F.first(root, getattr(template, attr))
        if tag is not None:
            return tag
    return None


def _extract(site: Site, root, data: dict, url: str, source: str) -> ArticleRecord:
    warnings: list[str] = []
    template, container = _templates_for(site, root)
    ordered = ([template] if template else []) + [t for t in site.templates if t is not template]
    brands = tuple(site.brand_names) + ((data["site_name"],) if data.get("site_name") else ())

    title = _title(root, data, ordered, brands, warnings)
    sapo = F.text_of(_pick(root, ordered, "sapo"))
    sapo = sapo or data.get("sapo") or _meta_description(root, warnings)
    sapo = F.strip_sapo_prefix(sapo, site.sapo_prefixes)
    author = F.clean_author(F.text_of(_pick(root, ordered, "author")), brands)
    published = _published(root, data, ordered, url, site, warnings)

    body, byline, path, captions = None, None, None, []
    if template is not None:
        body, byline, captions = body_from(container, remove=list(template.remove), title=title, sapo=sapo,
                                           author=author, byline_from_tail=site.byline_from_tail)
        path = template.path
        if not body:
            warnings.append(f"template_body_empty:{template.name}")
    elif site.templates:
        warnings.append("site_selectors_missed")
    if not body and data.get("body"):
        body, path = data["body"], "jsonld"
    if not body:
        body, byline, captions, how, container = generic_body(root, title=title, sapo=sapo, author=author)
        path = "generic"
        warnings.append(f"generic_extractor:{how}")
    if not sapo and body:
        sapo, body = _split_bold_lead(container, body, warnings)
    if not body:
        warnings.append("no_body")

    author = author or F.clean_author(byline, brands) or F.clean_author(data.get("author"), brands)
    if not author:
        warnings.append("no_author")
    section = data.get("section") or _section(root, ordered) or _breadcrumb(root)
    tags = _tags(root, ordered, data)
    images = F.images_of(container, template.images if template else ("figure",), url, data.get("image"))
    for caption in captions:
        if not any(i.get("caption") == caption for i in images):
            images.append({"src": None, "caption": caption})
    return ArticleRecord(
        url=url, source=source, title=title, sapo=sapo, body_text=body, published_at=published,
        updated_at=data.get("updated_at"), author=author, section=section, tags=tags, images=images,
        parse_path=path or "generic", parse_warnings=warnings, parser_version=PARSER_VERSION,
    )


def _split_bold_lead(container, body: str, warnings: list[str]):
    lead = bold_lead(container)
    first, _, rest = body.partition("\n\n")
    if lead and first == lead and rest:
        warnings.append("sapo_from_bold_first_paragraph")
        return lead, rest
    return None, body


def _title(root, data: dict, ordered: list[Template], brands, warnings: list[str]) -> str | None:
    visible = F.text_of(_pick(root, ordered, "title"))
    structured = F.strip_brand(data.get("title"), brands)
    if visible and structured and visible != structured:
        if not structured.startswith(visible):
            warnings.append("title_mismatch_structured_vs_visible")
        return visible
    title = structured or visible
    if not title:
        title = F.text_of(dom.find(root, "h1")) or F.strip_brand(F.text_of(dom.find(root, "title")), brands)
        warnings.append("title_from_h1_or_html_title" if title else "no_title")
    return title


def _meta_description(root, warnings: list[str]) -> str | None:
    tag = next((meta for meta in root.iter("meta") if meta.get("name") == "description"), None)
    value = tag.get("content") if tag is not None else None
    if value:
        warnings.append("sapo_from_meta_description")
    return F.text_of(dom.parse_document(value)) if value else None


def _published(root, data: dict, ordered: list[Template], url: str, site: Site, warnings: list[str]):
    if data.get("published_at"):
        return data["published_at"]
    tag = _pick(root, ordered, "time")
    if tag is not None:
        value = parse_any(tag.get("datetime")) if tag.get("datetime") else None
        value = value or parse_vn_text(F.text_of(tag), month_first=site.time_month_first)
        if value:
            return value
    value = time_datetime(root) or _date_near_title(root, site)
    if value:
        return value
    value = from_url(url)
    warnings.append("published_from_url_id" if value else "no_published_at")
    return value


_DATE_BOXES = "[class*=date], [class*=time], [class*=publish], [class*=info], [class*=meta]"


def _date_near_title(root, site: Site):
    """Generic last resort: a short date-bearing element (class names date/time/info/meta/publish)."""
    for tag in dom.css(_DATE_BOXES).all(root)[:20]:
        text = F.text_of(tag)
        if text and len(text) <= 80:
            value = parse_vn_text(text, month_first=site.time_month_first)
            if value:
                return value
    return None


def _section(root, ordered: list[Template]) -> str | None:
    """The most specific section a template's selectors name (the last match that is not "Trang chủ")."""
    scope = Scope(root)
    for template in ordered:
        for selector in compiled(template.section):
            names = [F.text_of(tag) for tag in scope.all(selector)]
            names = [n for n in names if n and n.lower() not in ("trang chủ", "home")]
            if names:
                return names[-1]
    return None


def _breadcrumb(root) -> str | None:
    links = [F.text_of(a) for a in dom.css("[class*=breadcrumb] a").all(root)]
    links = [t for t in links if t and t.lower() not in ("trang chủ", "home")]
    return links[-1] if links else None


def _tags(root, ordered: list[Template], data: dict) -> list[str]:
    for template in ordered:
        values = [v.lstrip("#").strip() for v in F.all_texts(root, template.tags)]
        if any(values):
            return [v for v in values if v]
    return list(data.get("tags") or [])
