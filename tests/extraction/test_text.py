import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.event_triggers import TRIGGER, TRIGGER_TYPE
from extraction.investment import CUE, CUE_PHRASES
from extraction.text import (
    WordFinder,
    article_text,
    ascii_fold,
    canonical_name,
    match_form,
    split_sentences,
    whole_word,
)
from extraction.unknown import PLACE_WORD, PLACE_WORDS


def test_article_text_joins_non_empty_parts_with_blank_line():
    assert article_text("Tiêu đề", None, "Thân bài.") == "Tiêu đề\n\nThân bài."
    assert article_text(None, "  ", "Chỉ thân bài.") == "Chỉ thân bài."
    assert article_text(None, None, None) == ""


def test_article_text_is_nfc_and_replaces_odd_spaces():
    decomposed = "Kha\u0301nh Ho\u0300a\u00a0và\u200bHà Nội"
    text = article_text(None, None, decomposed)
    assert text == "Khánh Hòa và Hà Nội"


def test_match_form_moves_old_style_tones_and_lowers():
    assert match_form("Khánh Hoà") == "khánh hòa"
    assert match_form("Thuỷ sản") == "thủy sản"
    assert match_form("Toạ đàm") == "tọa đàm"
    assert match_form("toàn quốc") == "toàn quốc"     # tone followed by a consonant stays
    assert match_form("Quý I") == "quý i"             # "qu" keeps its tone on y


@given(st.text(max_size=200))
def test_match_form_preserves_length(text):
    assert len(match_form(text)) == len(text)


def test_canonical_name_spaces_hyphens():
    assert canonical_name("Bà Rịa-Vũng Tàu") == canonical_name("Bà Rịa - Vũng Tàu") == "bà rịa - vũng tàu"


def test_ascii_fold():
    assert ascii_fold("Đắk Lắk") == "Dak Lak"


def test_sentences_keep_abbreviations_and_offsets():
    text = "Đoàn đã đến St. Petersburg. Tại TP. HCM, hội nghị diễn ra.\n\n\"Chúng tôi rất vui.\" Ông nói thêm."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Đoàn đã đến St. Petersburg.", "Tại TP. HCM, hội nghị diễn ra.",
                                           "\"Chúng tôi rất vui.\"", "Ông nói thêm."]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_decimal_points_do_not_split_sentences():
    sentences = split_sentences("Kim ngạch đạt 3.5 tỷ USD. Năm sau tăng.")
    assert len(sentences) == 2


_FINDER = WordFinder({TRIGGER: TRIGGER_TYPE, CUE: CUE_PHRASES, PLACE_WORD: PLACE_WORDS})
_OTHER = re.compile(r"hội nghị")


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_word_finder_gives_what_finditer_gives():
    texts = ["hội nghị xúc tiến đầu tư tại tỉnh quảng ninh", "(hội đàm)\n\nký kết;tp.hcm, tỉnh  bình định",
             "tỉnh thành phố huế: đã ký kết", "nhà đầu tư vào chợ", "ñký kết 中ký kết 5ký kết _ký kết", "",
             "thăm và làm việc với đoàn; tiếp đoàn", "tiếp đoàn đại sứ.tiếp xúc với"]
    for text in texts:
        words = _FINDER.starts(text)
        for pattern in (TRIGGER, CUE, PLACE_WORD, _OTHER):
            assert _spans(words.finditer(pattern)) == _spans(pattern.finditer(text)), (text, pattern.pattern)


@given(st.lists(st.sampled_from(["ký kết", "tỉnh", "tp.", "đầu tư", "vào", "hội", " ", "-", "(", "ñ", "x", "\n", "_"]),
                max_size=12))
def test_word_finder_on_random_texts(parts):
    text = "".join(parts)
    words = _FINDER.starts(text)
    for pattern in (TRIGGER, CUE, PLACE_WORD):
        assert _spans(words.finditer(pattern)) == _spans(pattern.finditer(text))



@pytest.mark.parametrize("text", ["sẽ ký", "đã sẽ", "xsẽ sẽx sẽ", "(sẽ)", "_sẽ", "5sẽ", "hãng hãngx xhãng", "", "sẽ"])
def test_whole_word_matches_like_word_boundaries(text):
    for old, new in ((re.compile(r"\bsẽ\b"), re.compile(whole_word("sẽ"))),
                     (re.compile(r"\bhãng\b|hã"), re.compile(whole_word("hãng") + "|hã"))):
        assert _spans(new.finditer(text)) == _spans(old.finditer(text)), (old.pattern, text)
        for pos in range(len(text) + 1):       # a search from inside the text looks behind its start too
            old_m, new_m = old.search(text, pos), new.search(text, pos)
            assert (old_m and old_m.span()) == (new_m and new_m.span()), (old.pattern, text, pos)


@given(st.lists(st.sampled_from(["sẽ", "ký", "hãng", " ", "x", "(", "_", "5", "\n"]), max_size=8))
def test_whole_word_on_random_texts(parts):
    text = "".join(parts)
    assert _spans(re.compile(whole_word("hãng")).finditer(text)) == _spans(re.compile(r"\bhãng\b").finditer(text))
