"""The raw layer's keys and required columns are enforced by DuckDB (the migrations' DDL), not by dbt tests.

dbt's source tests leave out unique / not_null where the DDL enforces them (see _raw__sources.yml); this test
keeps that promise: if a migration ever drops one of these constraints, it fails.
"""
from __future__ import annotations

import duckdb
import pytest

from warehouse.db import connect

UNIQUE = {("articles", "article_id"), ("articles", "url"), ("event_mentions", "mention_id"),
          ("feed_state", "url"), ("fetches", "fetch_id"), ("frontier", "url"), ("ingest_errors", "error_id"),
          ("investment_mentions", "mention_id"), ("pages", "content_sha256"), ("ref_countries", "country_code"),
          ("ref_localities", "locality_code"), ("trade_mentions", "mention_id")}
NOT_NULL = UNIQUE | {("article_revisions", "article_id"), ("articles", "source"), ("articles", "text_sha256"),
                     ("event_mentions", "article_id"), ("extractions", "extractor_version"), ("fetches", "url"),
                     ("investment_mentions", "article_id"), ("trade_mentions", "article_id"),
                     ("unknown_places", "name")}


@pytest.fixture(scope="module")
def constraints(tmp_path_factory) -> list[tuple[str, str, list[str]]]:
    con = connect(tmp_path_factory.mktemp("raw") / "c.duckdb")
    rows = con.execute("select table_name, constraint_type, constraint_column_names from duckdb_constraints() "
                       "where schema_name = 'raw'").fetchall()
    con.close()
    return rows


def test_every_key_column_is_declared_unique_or_primary_key(constraints):
    unique = {(table, columns[0]) for table, kind, columns in constraints
              if kind in ("PRIMARY KEY", "UNIQUE") and len(columns) == 1}
    assert UNIQUE <= unique, UNIQUE - unique


def test_every_required_column_is_declared_not_null(constraints):
    not_null = {(table, column) for table, kind, columns in constraints
                if kind in ("NOT NULL", "PRIMARY KEY") for column in columns}
    assert NOT_NULL <= not_null, NOT_NULL - not_null


def test_duckdb_rejects_a_duplicate_key_and_a_missing_required_value(tmp_path):
    con = connect(tmp_path / "r.duckdb")
    insert = "insert into raw.feed_state (url) values (?)"
    con.execute(insert, ["https://vneconomy.vn/rss.rss"])
    with pytest.raises(duckdb.ConstraintException):
        con.execute(insert, ["https://vneconomy.vn/rss.rss"])
    with pytest.raises(duckdb.ConstraintException):
        con.execute(insert, [None])
    con.close()
