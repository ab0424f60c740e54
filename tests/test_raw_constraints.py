"""The raw layer's keys and required columns are enforced by DuckDB (the migrations' DDL), not by dbt tests.

dbt's source tests leave out unique / not_null where the DDL enforces them (see _raw__sources.yml); this test
keeps that promise: if a migration ever drops one of these constraints, it fails.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect

UNIQUE = {("articles", "article_id"), ("articles", "url"), ("event_mentions", "mention_id"),
          ("extractions", "article_id"), ("feed_state", "url"), ("fetches", "fetch_id"), ("frontier", "url"),
          ("ingest_errors", "error_id"), ("investment_mentions", "mention_id"), ("pages", "content_sha256"),
          ("ref_countries", "country_code"), ("ref_localities", "locality_code"), ("trade_mentions", "mention_id")}
NOT_NULL = UNIQUE | {("article_revisions", "article_id"), ("articles", "source"), ("articles", "text_sha256"),
                     ("event_mentions", "article_id"), ("extractions", "extractor_version"), ("fetches", "url"),
                     ("investment_mentions", "article_id"), ("trade_mentions", "article_id"),
                     ("unknown_places", "name"), ("trade_mentions", "flow"), ("investment_mentions", "capital_kind"),
                     ("event_mentions", "event_type"), ("ref_localities", "country_code"), ("ref_localities", "level")}


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


# staging column -> the raw key it passes through unchanged (their unique / not_null tests live in the raw DDL)
STAGING_KEYS = {
    ("stg_raw__fetches", "fetch_id"): ("fetches", "fetch_id"),
    ("stg_raw__pages", "content_sha256"): ("pages", "content_sha256"),
    ("stg_raw__articles", "article_id"): ("articles", "article_id"),
    ("stg_raw__articles", "url"): ("articles", "url"),
    ("stg_raw__article_revisions", "article_id"): ("article_revisions", "article_id"),
    ("stg_raw__article_revisions", "revision"): ("article_revisions", "revision"),
    ("stg_raw__frontier", "url"): ("frontier", "url"),
    ("stg_raw__feed_state", "feed_url"): ("feed_state", "url"),
    ("stg_raw__ingest_errors", "error_id"): ("ingest_errors", "error_id"),
    ("stg_raw__extractions", "article_id"): ("extractions", "article_id"),
    ("stg_raw__trade_mentions", "mention_id"): ("trade_mentions", "mention_id"),
    ("stg_raw__investment_mentions", "mention_id"): ("investment_mentions", "mention_id"),
    ("stg_raw__event_mentions", "mention_id"): ("event_mentions", "mention_id"),
    ("stg_raw__unknown_places", "place_name"): ("unknown_places", "name"),
}
STAGING_DIR = Path(__file__).resolve().parent.parent / "dbt_project" / "models" / "staging"


def _sql_without_comments(path: Path) -> str:
    return re.sub(r"\{#.*?#\}|--[^\n]*", "", path.read_text(), flags=re.DOTALL).lower()


@pytest.mark.parametrize(("model", "column"), sorted(STAGING_KEYS))
def test_staging_key_is_an_unchanged_raw_key(model, column, constraints):
    """The staging yml leaves these keys untested: they must be raw keys DuckDB enforces, passed through as is."""
    table, raw_column = STAGING_KEYS[(model, column)]
    sql = _sql_without_comments(STAGING_DIR / f"{model}.sql")
    assert f"{{{{ source('raw', '{table}') }}}}" in sql
    assert re.search(rf"^\s*{raw_column}::\w+ as {column},?$", sql, re.MULTILINE), f"{model}.{column} is transformed"
    assert not re.search(r"\b(join|where|group by|union|distinct|unnest)\b", sql), f"{model} is not one-to-one"
    enforced = {(t, c) for t, kind, columns in constraints if kind in ("PRIMARY KEY", "UNIQUE", "NOT NULL")
                for c in columns}
    assert (table, raw_column) in enforced


@pytest.mark.parametrize(("table", "columns"), [("article_revisions", ["article_id", "revision"]),
                                               ("unknown_places", ["article_id", "name"])])
def test_composite_raw_keys_are_enforced(constraints, table, columns):
    assert (table, "PRIMARY KEY", columns) in [(t, kind, list(cols)) for t, kind, cols in constraints]


MARTS_DIR = STAGING_DIR.parent / "marts"
# dim_articles column -> the staging column it passes on, and the raw constraint that makes it safe without tests
DIM_ARTICLES_KEYS = {"article_id": ("article_id", "PRIMARY KEY"), "url": ("url", "UNIQUE"),
                     "source": ("source", "NOT NULL")}


@pytest.mark.parametrize("column", sorted(DIM_ARTICLES_KEYS))
def test_dim_articles_view_passes_raw_keys_and_required_columns_through(column, constraints):
    """dim_articles is a view without constraints or key tests: one-to-one over stg_raw__articles, its key and
    required columns are raw.articles' enforced ones (the staging expression keeps them non-null and distinct)."""
    mart = _sql_without_comments(MARTS_DIR / "dim_articles.sql")
    assert "materialized='view'" in mart and "{{ ref('stg_raw__articles') }}" in mart
    assert not re.search(r"\b(join|where|group by|union|distinct|unnest)\b", mart), "dim_articles is not one-to-one"
    assert re.search(rf"^\s*{column},?$", mart, re.MULTILINE), f"dim_articles.{column} is transformed"
    staging = _sql_without_comments(STAGING_DIR / "stg_raw__articles.sql")
    raw_column, kind = DIM_ARTICLES_KEYS[column]
    # unchanged (a cast), or for source a lower(trim()) that keeps a non-null value non-null
    assert re.search(rf"^\s*(lower\(trim\({raw_column}\)\)|{raw_column})::varchar as {column},?$", staging,
                     re.MULTILINE), f"stg_raw__articles.{column}"
    enforced = {(c, k) for t, k, columns in constraints if t == "articles" for c in columns}
    assert (raw_column, kind) in enforced
    if kind != "NOT NULL":
        assert (raw_column, "NOT NULL") in enforced or kind == "PRIMARY KEY"
