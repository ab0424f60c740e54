"""Which removal selectors the junk rules already cover (boxes.beyond_junk), and the stop-heading pre-check."""
from __future__ import annotations

import pytest

from scrapers.boxes import _flat, beyond_junk, is_junk, may_hold_stop_heading
from scrapers.dom import parse_document
from scrapers.selectors import css


@pytest.mark.parametrize("selector", ["figure", "div > figure", ".x .related", "#sidebar", "p.ads", "figure.x",
                                      "[type=photo]", "[TYPE=Photo]", ".VCSortableInPreviewMode[type=RelatedNews]",
                                      ".tag-list", ".sas-container"])
def test_selectors_whose_every_match_is_junk_are_left_out(selector):
    assert beyond_junk((selector, ".lead")) == (".lead",)


@pytest.mark.parametrize("selector", ["div.related a", "a:not(.related)", "p.badsx", "figure + p", "*",
                                      "[id^=sas_]", "[data-role=sapo]", ".lead", "[type*=photo]"])
def test_selectors_that_can_match_non_junk_stay(selector):
    assert selector in beyond_junk((selector, "figure"))


def test_a_group_that_is_not_union_safe_stays_whole():
    assert beyond_junk(("figure", "p:first-child")) == ("figure", "p:first-child")


def test_every_match_of_a_left_out_selector_is_junk():
    root = parse_document('<div><p class="x ads">a</p><p class="adsx">b</p><figure class="q">c</figure>'
                          '<section id="sidebar"><p type="RelatedNews" class="VCSortableInPreviewMode">d</p>'
                          '</section></div>')
    for selector in ("p.ads", "figure.q", "#sidebar", ".VCSortableInPreviewMode[type=RelatedNews]"):
        matches = css(selector).all(root)
        assert matches and all(is_junk(tag) for tag in matches)


def test_collapsed_text_flattens_like_any_text():
    for text in ("Tin liên quan", "  Xem   thêm:\n", "Đọc\u00a0tiếp", "a b c"):
        collapsed = " ".join(text.split())
        assert _flat(collapsed, collapsed=True) == _flat(text)
    assert may_hold_stop_heading("Bài viết. Tin liên quan", collapsed=True)
    assert not may_hold_stop_heading("Bài viết hay", collapsed=True)
