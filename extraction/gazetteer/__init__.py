"""Gazetteers: countries (ISO 3166-1 + press names), Vietnamese provinces across the 2025 merger, foreign regions.

Public: ``reference_countries()``, ``reference_localities()`` (rows for raw.ref_countries / raw.ref_localities) and
``place_index()`` (token n-gram -> candidate places, used by extraction.places).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry

from ..text import TOKEN, ascii_fold, match_form
from .countries import AGENCIES, EU_NAME_EN, PAIR_SHORTHANDS, PRESS_NAMES, UNKNOWN
from .foreign_regions import REGIONS

DATA_DIR = Path(__file__).resolve().parent / "data"
VN_LOCALITIES_CSV = DATA_DIR / "vn_localities.csv"
MERGER_DATE = date(2025, 7, 1)


@dataclass(frozen=True)
class PlaceEntry:
    country_code: str
    locality_code: str | None     # None for a country
    name: str                     # display name
    level: str                    # country | province | region | city
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def is_country(self) -> bool:
        return self.locality_code is None


def _read_vn_rows() -> list[dict]:
    with VN_LOCALITIES_CSV.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def reference_countries() -> list[dict]:
    """One row per country the extractors can emit (ISO 3166-1 alpha-2, plus EU and ZZ); a fresh list each call."""
    return [dict(r) for r in _countries()]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    rows = []
    for code, names in PRESS_NAMES.items():
        if code == "EU":
            name_en = EU_NAME_EN
        else:
            country = pycountry.countries.get(alpha_2=code)
            name_en = getattr(country, "common_name", None) or country.name
        rows.append({"country_code": code, "name_vi": names[0], "name_en": name_en})
    rows.append({"country_code": UNKNOWN[0], "name_vi": UNKNOWN[1], "name_en": UNKNOWN[2]})
    return tuple(rows)


@lru_cache(maxsize=1)
def _localities() -> tuple[dict, ...]:
    rows = []
    for r in _read_vn_rows():
        rows.append({"locality_code": r["locality_code"], "country_code": "VN", "name": r["name"],
                     "name_ascii": r["name_ascii"], "level": r["level"], "valid_from": _parse_date(r["valid_from"]),
                     "valid_to": _parse_date(r["valid_to"]), "successor_code": r["successor_code"] or None,
                     "aliases": r["aliases"].split("|")})
    for code, country, name, level, aliases in REGIONS:
        rows.append({"locality_code": code, "country_code": country, "name": name, "name_ascii": ascii_fold(name),
                     "level": level, "valid_from": None, "valid_to": None, "successor_code": None,
                     "aliases": list(aliases)})
    return tuple(rows)


def reference_localities() -> list[dict]:
    """One row per locality the extractors can emit: raw.ref_localities columns."""
    return [{**r, "aliases": list(r["aliases"])} for r in _localities()]


def alias_key(alias: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in TOKEN.finditer(match_form(alias)))


_TYPE_WORDS = {"tỉnh", "thành", "phố", "tp", "thủ", "đô", "cộng", "hòa", "khu", "tự", "trị", "vùng", "bang"}


def _capital_mask(alias: str) -> tuple[bool, ...]:
    """Which words must be capitalised in the text: proper-name words, not "tỉnh"/"thành phố"/"thủ đô"."""
    return tuple(m.group(0)[:1].isupper() and match_form(m.group(0)) not in _TYPE_WORDS
                 for m in TOKEN.finditer(alias))


@dataclass
class IndexEntry:
    candidates: list[PlaceEntry]
    capitals: tuple[bool, ...]     # which tokens must be capitalised in the text


def _add(index: dict, alias: str, entry: PlaceEntry) -> None:
    key = alias_key(alias)
    if not key:
        return
    mask = _capital_mask(alias)
    found = index.get(key)
    if found is None:
        index[key] = IndexEntry([entry], mask)
        return
    if entry not in found.candidates:
        found.candidates.append(entry)
    found.capitals = tuple(a and b for a, b in zip(found.capitals, mask, strict=False))


@lru_cache(maxsize=1)
def place_index() -> dict[tuple[str, ...], IndexEntry]:
    """Token-key n-grams of every alias -> the places it may denote."""
    index: dict[tuple[str, ...], IndexEntry] = {}
    for code, names in PRESS_NAMES.items():
        entry = PlaceEntry(code, None, names[0], "country")
        for name in names + AGENCIES.get(code, []) + PAIR_SHORTHANDS.get(code, []):
            _add(index, name, entry)
    for row in _localities():
        entry = PlaceEntry(row["country_code"], row["locality_code"], row["name"], row["level"],
                           row["valid_from"], row["valid_to"])
        for alias in row["aliases"]:
            _add(index, alias, entry)
    return index


def resolve(candidates: list[PlaceEntry], published: date | None) -> PlaceEntry:
    """Pick among same-name units: legacy before the 2025 merger, current from it (current when undated)."""
    if len(candidates) == 1:
        return candidates[0]
    legacy = [c for c in candidates if c.valid_to is not None]
    current = [c for c in candidates if c.valid_to is None]
    if published is not None and published < MERGER_DATE and legacy:
        return legacy[0]
    return (current or legacy)[0]


@lru_cache(maxsize=1)
def alias_prefixes() -> frozenset[tuple[str, ...]]:
    """Every leading token sequence of an alias key (to stop n-gram walks early)."""
    return frozenset(key[:n] for key in place_index() for n in range(1, len(key) + 1))
