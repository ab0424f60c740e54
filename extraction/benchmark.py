"""Rough single-core throughput of extract_article (a benchmark, not a test).

    uv run python -m extraction.benchmark [--articles 2000] [--texts DIR_OF_GOLD_JSON]

Texts default to the shared gold dev articles (read at run time, never copied), cycled with a per-copy variation
so no cache can help. Prints articles per second (wall clock and CPU time: on a shared machine the CPU figure is
the one-core rate) and peak memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from . import extract_article

DEFAULT_TEXTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "dev"


def load_texts(folder: Path) -> list[tuple[str, date | None]]:
    texts = []
    for path in sorted(folder.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        texts.append((g["text"], date.fromisoformat(g["published_date"]) if g.get("published_date") else None))
    return texts


def run(n: int, texts: list[tuple[str, date | None]]) -> dict:
    extract_article(None, None, texts[0][0], texts[0][1])        # build the gazetteer index once
    started, cpu_started = time.perf_counter(), time.process_time()
    chars = facts = 0
    for i in range(n):
        text, published = texts[i % len(texts)]
        body = f"{text}\nBài {i}."
        when = published + timedelta(days=i % 30) if published else None
        result = extract_article(None, None, body, when)
        chars += len(body)
        facts += len(result.trade) + len(result.investments) + len(result.events)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": round(elapsed, 2), "articles_per_second": round(n / elapsed, 1),
            "cpu_seconds": round(cpu, 2), "articles_per_cpu_second": round(n / cpu, 1),
            "mean_chars": chars // n, "facts": facts, "peak_rss_mb": round(peak_mb, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    args = parser.parse_args()
    print(json.dumps(run(args.articles, load_texts(args.texts))))


if __name__ == "__main__":
    main()
