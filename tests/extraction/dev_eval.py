"""Score extract_article on the gold dev set with eval.py's matching rules (no warehouse needed).

    uv run python tests/extraction/dev_eval.py [--verbose]
"""
from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from extraction import extract_article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def load_eval():
    spec = importlib.util.spec_from_file_location("gold_eval", SHARED / "gold" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_parts(ev, g: dict) -> tuple[str | None, str]:
    text = ev.clean_text(g["text"]).strip()
    first, _, rest = text.partition("\n")
    if len(first) <= 150 and not first.rstrip().endswith((".", ":", ";")) and rest.strip():
        return first.strip(), rest.strip()
    return None, text


def predictions(ev, gold: list[dict]) -> dict:
    out = {"trade": {}, "investment": {}, "events": {}}
    for g in gold:
        title, body = article_parts(ev, g)
        published = date.fromisoformat(g["published_date"]) if g.get("published_date") else None
        facts = extract_article(title, None, body, published)
        url = ev.article_url(g)
        out["trade"][url] = [asdict(f) for f in facts.trade]
        out["investment"][url] = [asdict(f) for f in facts.investments]
        out["events"][url] = [{**asdict(f), "sectors": set(f.sectors)} for f in facts.events]
    return out


def print_scores(report: dict, kinds) -> None:
    """eval.py's per-type line (and the gold facts missed) for each fact type."""
    for kind in kinds:
        v = report[kind]
        print(f"{kind:10s} gold {v['gold']:3d} predicted {v['predicted']:3d} matched {v['matched']:3d} "
              f"P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} {v['attributes']}")
        for m in v["missed"]:
            print(f"    missed {m}")


def print_overall(report: dict) -> None:
    o = report["overall"]
    print(f"overall P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}")


def main() -> int:
    ev = load_eval()
    gold = ev.load_gold(str(SHARED / "gold" / "dev"))
    pred = predictions(ev, gold)
    report = ev.score(gold, pred)
    print_scores(report, ev.MATCHERS)
    if "--verbose" in sys.argv:
        for kind, by_url in pred.items():
            for url, items in by_url.items():
                for item in items:
                    item.pop("extractor_version", None)
                    print(kind, url[-10:], json.dumps(item, ensure_ascii=False, default=str)[:400])
    print_overall(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
