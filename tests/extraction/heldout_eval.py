"""Score extract_article on our own held-out articles (tests/extraction/heldout/*.json, SCHEMA.md format).

The matching rules are those of ../shared/gold/eval.py; its country and region tables are widened with the
partners these articles name (the shared table only knows the dev set's).

    uv run python tests/extraction/heldout_eval.py [--verbose]
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_DEV = _sibling("dev_eval")
load_eval, predictions, SHARED = _DEV.load_eval, _DEV.predictions, _DEV.SHARED

HELDOUT = Path(__file__).resolve().parent / "heldout"
MORE_COUNTRIES = {"duc": "DE", "canada": "CA", "an do": "IN", "indonesia": "ID", "malaysia": "MY", "cuba": "CU",
                  "belarus": "BY", "ba lan": "PL", "hungary": "HU", "hoa ky": "US", "my": "US", "anh": "GB",
                  "y": "IT", "israel": "IL", "philippines": "PH", "myanmar": "MM", "mong co": "MN",
                  "ha lan": "NL", "thai lan": "TH", "eu": "EU"}
MORE_REGIONS = {"quang dong": "CN", "con minh": "CN", "gunma": "JP", "osaka": "JP", "nagasaki": "JP", "tokyo": "JP",
                "fukuoka": "JP", "gyeonggi": "KR", "chungcheongbuk": "KR", "jeollanam": "KR", "seoul": "KR",
                "busan": "KR", "bavaria": "DE", "sachsen": "DE", "texas": "US", "queensland": "AU",
                "khammouane": "LA", "kham muon": "LA", "hua phan": "LA", "houaphanh": "LA", "champasak": "LA",
                "svay rieng": "KH", "prey veng": "KH", "tbong khmum": "KH", "tatarstan": "RU",
                "primorsky": "RU", "nouvelle-aquitaine": "FR", "nouvelle aquitaine": "FR", "ile-de-france": "FR",
                "melbourne": "AU", "brisbane": "AU", "bang tuong": "CN", "mukdahan": "TH", "kosice": "SK",
                "chungcheongnam": "KR", "quang chau": "CN", "chiet giang": "CN",
                "rotterdam": "NL", "tay java": "ID", "attapeu": "LA", "phong xa ly": "LA",
                "kratie": "KH", "incheon": "KR", "ratanakiri": "KH"}


def widened_eval():
    ev = load_eval()
    ev.COUNTRIES.update(MORE_COUNTRIES)
    ev.FOREIGN_REGIONS.update(MORE_REGIONS)
    return ev


def heldout_report(folder: Path = HELDOUT) -> tuple[dict, list[dict]]:
    ev = widened_eval()
    gold = ev.load_gold(str(folder))
    return ev.score(gold, predictions(ev, gold)), gold


def main() -> int:
    report, gold = heldout_report()
    _DEV.print_scores(report, ("trade", "investment", "events"))
    if "--verbose" in sys.argv:
        ev = widened_eval()
        for kind, by_url in predictions(ev, gold).items():
            for url, items in by_url.items():
                for item in items:
                    item.pop("extractor_version", None)
                    item.pop("evidence", None)
                    print(kind, url[-5:], json.dumps(item, ensure_ascii=False, default=str)[:500])
    _DEV.print_overall(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
