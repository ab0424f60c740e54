"""clean_text: what every text field of an ArticleRecord is normalised to before it lands."""
from __future__ import annotations

import unicodedata

from warehouse.records import clean_text


def test_odd_spaces_runs_and_line_edges_become_single_plain_spaces():
    assert clean_text("Kim\u00a0ngạch \t\t đạt\u2009 4,85\u202ftỷ USD  ") == "Kim ngạch đạt 4,85 tỷ USD"
    assert clean_text("  một \n\t hai\t\n ba ") == "một\nhai\nba"


def test_line_breaks_are_unified_and_at_most_one_blank_line_is_kept():
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("đoạn 1\n\n\n\n \n\t\nđoạn 2\n\n\n") == "đoạn 1\n\nđoạn 2"


def test_text_is_nfc_and_blank_or_missing_is_none():
    decomposed = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    assert clean_text(decomposed) == unicodedata.normalize("NFC", "Thừa Thiên Huế")
    assert clean_text(" \u00a0\n\t ") is None
    assert clean_text(None) is None
