"""Per-article working state shared by the fact extractors (built once per call, never global)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from .dates import find_dates
from .event_parts import sector_set
from .places import Place, find_places
from .text import Sentence, WordFinder, WordStarts, match_form, split_sentences, whole_word

# A locality referred to without its name: "tỉnh", "của tỉnh", "thành phố", "địa phương".
ANAPHORA = re.compile(r"(?<!\w)(?:tỉnh|thành phố|địa phương|tỉnh ta|thành phố ta)(?!\s+[A-ZĐÀ-Ỹa-zđà-ỹ]*[A-ZĐ])")
# A company named nearby: its own figures (revenue, a plant's exports), not a province's or a country's.
COMPANY = re.compile(rf"công ty|tập đoàn|nhà máy|{whole_word('hãng')}|ctcp|tnhh")

_NO_FINDER = WordFinder({})


@dataclass
class Article:
    text: str
    key: str
    published: date | None
    sentences: list[Sentence]
    places: list[Place]
    words: WordStarts | None = None                          # where the word-led patterns may match (see build)
    _starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _sectors: dict[int, set[str]] = field(default_factory=dict)
    memo: dict[str, dict] = field(default_factory=dict)      # per-article caches of the extractors

    @classmethod
    def build(cls, text: str, published: date | None, finder: WordFinder | None = None) -> Article:
        """The working state of one text; ``finder`` speeds up the scans for the word-led patterns it knows."""
        key = match_form(text)
        places = find_places(text, key, published)
        article = cls(text, key, published, split_sentences(text), places, (finder or _NO_FINDER).starts(key))
        article._starts = [p.start for p in places]
        article._sentence_starts = [s.start for s in article.sentences]
        return article

    def sentence_sectors(self, index: int) -> set[str]:
        """Sectors named in one sentence (computed once per sentence)."""
        if index not in self._sectors:
            s = self.sentences[index]
            self._sectors[index] = sector_set(self.key, self.text, s.start, s.end)
        return self._sectors[index]

    def sentence_matches(self, pattern: re.Pattern) -> dict[int, list[re.Match]]:
        """Matches of ``pattern`` by sentence index, offsets into the text (one scan of the whole text, cached).

        The same as scanning each sentence alone for patterns that cannot span a sentence end and whose look-arounds
        only test for word characters (a sentence is never preceded or followed by one)."""
        memo = self.memo.setdefault("matches", {})
        found = memo.get(pattern.pattern)
        if found is None:
            found = memo[pattern.pattern] = {}
            starts, sentences = self._sentence_starts, self.sentences
            for m in self.finditer(pattern):
                i = bisect.bisect_right(starts, m.start()) - 1
                if i >= 0 and m.end() <= sentences[i].end:
                    found.setdefault(i, []).append(m)
        return found

    def finditer(self, pattern: re.Pattern):
        """``pattern.finditer(self.key)``, faster for a word-led pattern of the finder the article was built with."""
        return self.words.finditer(pattern) if self.words is not None else pattern.finditer(self.key)

    def sentences_matching(self, pattern: re.Pattern) -> frozenset[int]:
        """Indexes of the sentences where ``pattern`` matches (one scan of the whole text, cached)."""
        memo = self.memo.setdefault("matching", {})
        if pattern.pattern not in memo:
            memo[pattern.pattern] = frozenset(self.sentence_matches(pattern))
        return memo[pattern.pattern]

    def sentence_dates(self, index: int) -> list:
        """Explicit dates of one sentence, without "cùng ngày" resolution (computed once per sentence)."""
        memo = self.memo.setdefault("dates", {})
        if index not in memo:
            s = self.sentences[index]
            memo[index] = find_dates(self.key[s.start:s.end], self.published)
        return memo[index]

    def index_of(self, sentence: Sentence) -> int:
        """Position of one of this article's sentences (by its start, without comparing sentences)."""
        return bisect.bisect_left(self._sentence_starts, sentence.start)

    def key_of(self, start: int, end: int) -> str:
        return self.key[start:end]

    def places_in(self, start: int, end: int) -> list[Place]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [p for p in self.places[lo:hi] if p.end <= end]

    def recent_vn_locality(self, before: int) -> Place | None:
        """The last Vietnamese province named before a position (for "tỉnh", "thành phố" used alone)."""
        hi = bisect.bisect_left(self._starts, before)
        for place in reversed(self.places[:hi]):
            if place.is_vietnamese and not place.is_country:
                return place
        return None

    def main_foreign_country(self) -> Place | None:
        """The foreign country of the headline, else the one the article names most (None when unclear)."""
        if self.sentences:
            head = self.sentences[0]
            named = [p for p in self.places_in(head.start, head.end) if not p.is_vietnamese]
            if len({p.country_code for p in named}) == 1:
                return next((p for p in self.places if p.is_country and p.country_code == named[0].country_code),
                            named[0] if named[0].is_country else None)
        counts: dict[str, list] = {}
        for p in self.places:
            if p.is_country and not p.is_vietnamese:
                counts.setdefault(p.country_code, [0, p])[0] += 1
        ranked = sorted(counts.values(), key=lambda v: -v[0])
        if not ranked or len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
            return None
        return ranked[0][1]

    def main_vn_locality(self) -> Place | None:
        counts: dict[str, list] = {}
        for p in self.places:
            if p.is_vietnamese and not p.is_country:
                counts.setdefault(p.locality_code, [0, p])[0] += 1
        if not counts:
            return None
        return max(counts.values(), key=lambda v: v[0])[1]
