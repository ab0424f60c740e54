"""Regenerate data/vn_localities.csv from the ``vietnamadminunits`` package (a dev dependency).

    uv run python -m extraction.gazetteer.build_vn_localities

Codes: the 34 current provinces are "VN-<gso>" (valid_from 2025-07-01 when formed or changed by the merger, no
validity for the 11 unchanged ones); every pre-merger province merged into another is "VN-L<gso>" with valid_to
2025-06-30 and successor_code "VN-<new gso>". Only province level is converted (ward conversion calls a geocoder).
Pre-2025 districts are "VN-D<gso>" (level district, or city for provincial cities), valid_to 2025-06-30 (the
district level was abolished), successor_code = the current province that holds them; they only match with their
type word. Press aliases are added by hand below; the runtime reads the CSV only.
"""
from __future__ import annotations

import csv
from pathlib import Path

from extraction.text import ascii_fold

DATA = Path(__file__).resolve().parent / "data" / "vn_localities.csv"
MERGER_FROM = "2025-07-01"
MERGER_TO = "2025-06-30"
COLUMNS = ["locality_code", "country_code", "name", "name_ascii", "level", "valid_from", "valid_to", "successor_code",
           "aliases", "official_name", "era"]

# Press forms that the package does not carry (keyed by the package's short name).
PRESS_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "TP.Hồ Chí Minh", "TP Hồ Chí Minh", "TP. Hồ Chí Minh",
                    "Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh", "Sài Gòn", "TP.HCM.", "HCMC"],
    "Hà Nội": ["Thủ đô Hà Nội", "thủ đô Hà Nội", "TP Hà Nội", "TP. Hà Nội"],
    "Huế": ["Thừa Thiên Huế", "Thừa Thiên - Huế", "TP Huế", "thành phố Huế", "Cố đô Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa Vũng Tàu", "BR-VT", "BRVT"],
    "Đà Nẵng": ["TP Đà Nẵng", "TP. Đà Nẵng"],
    "Hải Phòng": ["TP Hải Phòng", "TP. Hải Phòng"],
    "Cần Thơ": ["TP Cần Thơ", "TP. Cần Thơ"],
    "Đắk Lắk": ["Đắc Lắc", "Daklak", "Đăk Lăk", "Đắk Lắc"],
    "Đắk Nông": ["Đắc Nông", "Đăk Nông"],
    "Khánh Hòa": ["Khánh Hoà"],
    "Thanh Hóa": ["Thanh Hoá"],
    "Hòa Bình": ["Hoà Bình"],
    "Kon Tum": ["Kontum"],
}
# Short names that are also common words or person names: only matched with their full official name or an alias.
NEEDS_PREFIX = {"Hồ Chí Minh"}


def _province_short(full: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


def _rows() -> list[dict]:
    from vietnamadminunits import convert_address
    from vietnamadminunits.database import get_data

    fields = ["province", "provinceShort", "provinceCode"]
    current = {r["provinceCode"]: r for r in get_data(fields=fields, table="admin_units")}
    legacy = {r["provinceCode"]: r for r in get_data(fields=fields, table="admin_units_legacy")}
    legacy["46"] = {**legacy["46"], "provinceShort": "Thừa Thiên Huế", "province": "Tỉnh Thừa Thiên Huế"}
    successor = {code: str(convert_address(r["province"]).province_code).zfill(2) for code, r in legacy.items()}
    sources: dict[str, list[str]] = {}
    for old, new in successor.items():
        sources.setdefault(new, []).append(old)
    unchanged = {new for new, olds in sources.items() if olds == [new]}
    rows = []
    for code, r in sorted(current.items()):
        short = r["provinceShort"]
        rows.append(_row(f"VN-{code}", short, r["province"], None if code in unchanged else MERGER_FROM, None, None,
                         "both" if code in unchanged else "current"))
    for code, r in sorted(legacy.items()):
        if code in unchanged:
            continue
        rows.append(_row(f"VN-L{code}", r["provinceShort"], r["province"], None, MERGER_TO, f"VN-{successor[code]}",
                         "legacy"))
    return rows + _district_rows(successor, rows)


DISTRICT_PREFIXES = {"Huyện": ["huyện", "Huyện"], "Quận": ["quận", "Quận"], "Thị xã": ["thị xã", "Thị xã", "TX"],
                     "Thành phố": ["thành phố", "Thành phố", "TP", "TP.", "tp"]}


def _district_rows(successor: dict[str, str], provinces: list[dict]) -> list[dict]:
    """Pre-2025 districts ("VN-D<gso>", level district or city), matched only with their type word ("huyện Ea Súp",
    "thành phố Vinh"); names shared by several districts, or already naming a province, are left out."""
    from vietnamadminunits.database import get_data

    fields = ["provinceCode", "district", "districtShort", "districtCode", "districtType"]
    units = {r["districtCode"]: r for r in get_data(fields=fields, table="admin_units_legacy")}
    seen: dict[str, int] = {}
    for r in units.values():
        seen[r["districtShort"]] = seen.get(r["districtShort"], 0) + 1
    taken = {alias.lower() for row in provinces for alias in row["aliases"].split("|")}
    rows = []
    for code, r in sorted(units.items()):
        short, kind = r["districtShort"], r["districtType"]
        aliases = [f"{prefix} {short}" for prefix in DISTRICT_PREFIXES.get(kind, [])]
        if seen[short] > 1 or not aliases or any(a.lower() in taken for a in aliases):
            continue
        rows.append({"locality_code": f"VN-D{code}", "country_code": "VN", "name": short,
                     "name_ascii": ascii_fold(short), "level": "city" if kind == "Thành phố" else "district",
                     "valid_from": "", "valid_to": MERGER_TO, "successor_code": f"VN-{successor[r['provinceCode']]}",
                     "aliases": "|".join(aliases), "official_name": r["district"], "era": "legacy"})
    return rows


def _row(code: str, short: str, official: str, valid_from, valid_to, successor, era: str) -> dict:
    aliases = [short] if short not in NEEDS_PREFIX else []
    aliases += [official] + PRESS_ALIASES.get(short, [])
    if short == "Thừa Thiên Huế":
        aliases += PRESS_ALIASES["Huế"]
    if short == "Huế" and era != "legacy":
        aliases += ["Thừa Thiên Huế", "Thừa Thiên - Huế"]
    seen: list[str] = []
    for alias in aliases:
        if alias not in seen:
            seen.append(alias)
    return {"locality_code": code, "country_code": "VN", "name": short, "name_ascii": ascii_fold(short),
            "level": "province", "valid_from": valid_from or "", "valid_to": valid_to or "",
            "successor_code": successor or "", "aliases": "|".join(seen), "official_name": official, "era": era}


def main() -> None:
    rows = _rows()
    DATA.parent.mkdir(parents=True, exist_ok=True)
    with DATA.open("w", encoding="utf-8", newline="") as out:
        out.write("# generated by extraction/gazetteer/build_vn_localities.py from vietnamadminunits; version 1\n")
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {DATA}")


if __name__ == "__main__":
    main()
