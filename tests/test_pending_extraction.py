"""Which articles the extraction step picks up: never extracted, extracted by another version, or re-landed with a
new text; in article id order, batch by batch, with their text."""
from __future__ import annotations

import dataclasses

import extraction
from bench import corpus
from warehouse.facts import count_pending, extract_pending, pending_articles_sql
from warehouse.landing import land_articles


def _pending_ids(con, limit=None) -> list[str]:
    return [row[0] for row in con.execute(pending_articles_sql(limit), [extraction.EXTRACTOR_VERSION]).fetchall()]


def test_pending_articles_are_the_unextracted_ones_with_their_text(con):
    records = list(corpus.records(6, 0))
    land_articles(con, records)
    ids = sorted(row[0] for row in con.execute("select article_id from raw.articles").fetchall())
    assert _pending_ids(con) == ids and count_pending(con) == 6
    assert _pending_ids(con, limit=2) == ids[:2]

    extract_pending(con)
    assert _pending_ids(con) == [] and count_pending(con) == 0

    # a text changed after extraction, and another extractor version, make an article pending again
    changed = dataclasses.replace(records[0], body_text=records[0].body_text + " Thêm một câu.")
    land_articles(con, [changed])
    changed_id = con.execute("select article_id from raw.articles where url = ?", [changed.url]).fetchone()[0]
    older_id = next(article_id for article_id in ids if article_id != changed_id)
    con.execute("update raw.extractions set extractor_version = 'older' where article_id = ?", [older_id])
    assert _pending_ids(con) == sorted([older_id, changed_id]) and count_pending(con) == 2

    row = con.execute(pending_articles_sql(), [extraction.EXTRACTOR_VERSION]).fetchall()
    by_id = {r[0]: r for r in row}
    assert by_id[changed_id][3].endswith("Thêm một câu.")     # body_text of the current revision


def test_extraction_goes_batch_by_batch_and_reads_no_batch_beyond_the_pending_count(con, monkeypatch):
    from warehouse import facts

    queries = []
    original = facts.pending_articles_sql
    monkeypatch.setattr(facts, "BATCH_SIZE", 2)
    monkeypatch.setattr(facts, "pending_articles_sql", lambda limit=None: queries.append(limit) or original(limit))
    land_articles(con, list(corpus.records(5, 0)))
    stats = extract_pending(con)
    assert (stats.pending, stats.articles, count_pending(con)) == (5, 5, 0)
    assert queries == [2, 2, 1]               # 2 + 2 + 1: the last batch asks for what is left

    queries.clear()
    land_articles(con, list(corpus.records(4, 100)))
    stats = extract_pending(con)
    assert (stats.pending, stats.articles, count_pending(con)) == (4, 4, 0)
    assert queries == [2, 2]                  # 2 + 2 full batches; no query that finds none

    queries.clear()
    land_articles(con, list(corpus.records(3, 200)))
    stats = extract_pending(con, limit=2)
    assert (stats.pending, stats.articles, count_pending(con)) == (3, 2, 1)
    assert queries == [2]
    assert extract_pending(con).articles == 1 and extract_pending(con).articles == 0
    assert queries == [2, 1]                  # nothing pending: not even one batch query
