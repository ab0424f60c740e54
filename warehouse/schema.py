"""Versioned, idempotent DDL for everything Python writes (schema ``raw``).

Each migration runs once, inside a transaction, and is recorded in ``raw.schema_migrations``.
Add a new migration at the end of ``MIGRATIONS``; never edit one that has shipped.
dbt owns every other schema (staging, intermediate, marts).
"""
from __future__ import annotations

import duckdb


def body_chars_sql(body: str = "body_text") -> str:
    """SQL for ``raw.articles.body_chars``: characters of the body after trimming spaces (0 when missing or blank)."""
    return f"length(trim(coalesce({body}, '')))"


MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "raw layer: fetches, pages, articles, revisions, frontier, feed state, ingest errors",
        """
        create table if not exists raw.fetches (
            fetch_id        varchar primary key,
            url             varchar not null,
            source          varchar,
            kind            varchar,            -- robots | feed | sitemap | section | article
            requested_at    timestamptz not null,
            attempt         integer not null default 1,
            status          integer,            -- HTTP status; null when no response came
            final_url       varchar,
            content_type    varchar,
            etag            varchar,
            last_modified   varchar,
            retry_after     varchar,
            content_length  bigint,
            content_sha256  varchar,            -- key into raw.pages
            error           varchar,            -- why the attempt failed, null on success
            duration_ms     integer
        );
        create table if not exists raw.pages (
            content_sha256   varchar primary key,
            url              varchar,           -- the first URL this body was seen at
            content_type     varchar,
            size_bytes       bigint not null,
            compression      varchar not null,  -- zstd
            body             blob not null,
            first_seen_at    timestamptz not null
        );
        create table if not exists raw.articles (
            article_id        varchar primary key,  -- sha256(canonical url)[:16]
            url               varchar not null unique,
            source            varchar not null,
            title             varchar,
            sapo              varchar,
            body_text         varchar,
            published_at      timestamptz,
            updated_at        timestamptz,
            author            varchar,
            section           varchar,
            tags              varchar[],
            images            json,
            content_sha256    varchar,              -- the raw page it was parsed from, if any
            text_sha256       varchar not null,     -- of title + sapo + body: changes mean a new revision
            parse_path        varchar,              -- text | jsonld | meta | selectors | legacy | generic
            parse_warnings    varchar[],
            is_relevant       boolean,
            relevance_reason  varchar,
            parser_version    varchar,
            revision          integer not null default 1,
            first_landed_at   timestamptz not null,
            landed_at         timestamptz not null
        );
        create table if not exists raw.article_revisions (
            article_id      varchar not null,
            revision        integer not null,
            text_sha256     varchar not null,
            title           varchar,
            sapo            varchar,
            body_text       varchar,
            published_at    timestamptz,
            superseded_at   timestamptz not null,
            primary key (article_id, revision)
        );
        create table if not exists raw.frontier (
            url              varchar primary key,
            source           varchar not null,
            discovered_at    timestamptz not null,
            discovered_from  varchar,
            published_hint   timestamptz,
            status           varchar not null default 'pending',  -- pending | done | failed | skipped
            attempts         integer not null default 0,
            last_attempt_at  timestamptz,
            last_error       varchar,
            article_id       varchar
        );
        create table if not exists raw.feed_state (
            url              varchar primary key,
            source           varchar,
            etag             varchar,
            last_modified    varchar,
            last_status      integer,
            last_checked_at  timestamptz
        );
        create table if not exists raw.ingest_errors (
            error_id      varchar primary key,
            origin        varchar not null,    -- file:line, a URL, or an article_id
            stage         varchar not null,    -- import | fetch | parse | land | extract
            kind          varchar not null,    -- a short machine-readable reason
            message       varchar not null,
            recorded_at   timestamptz not null
        );
        """,
    ),
    (
        2,
        "extraction layer: runs per article, trade / investment / event mentions, unknown places",
        """
        create table if not exists raw.extractions (
            article_id         varchar primary key,
            extractor_version  varchar not null,
            text_sha256        varchar not null,
            extracted_at       timestamptz not null,
            n_trade            integer not null,
            n_investment       integer not null,
            n_events           integer not null,
            error              varchar
        );
        create table if not exists raw.trade_mentions (
            mention_id              varchar primary key,
            article_id              varchar not null,
            extractor_version       varchar not null,
            char_start              integer not null,
            char_end                integer not null,
            evidence                varchar not null,
            reporter_country_code   varchar not null,
            reporter_locality_code  varchar,
            reporter_locality_name  varchar,
            partner_country_code    varchar,
            partner_locality_code   varchar,
            partner_locality_name   varchar,
            flow                    varchar not null,
            value                   double,
            currency                varchar,
            value_usd               double,
            value_qualifier         varchar,
            period_year             integer,
            period_month_from       integer,
            period_month_to         integer,
            change_pct              double,
            confidence              double not null,
            confidence_reason       varchar
        );
        create table if not exists raw.investment_mentions (
            mention_id               varchar primary key,
            article_id               varchar not null,
            extractor_version        varchar not null,
            char_start               integer not null,
            char_end                 integer not null,
            evidence                 varchar not null,
            investor_country_code    varchar,
            investor_locality_code   varchar,
            investor_locality_name   varchar,
            host_country_code        varchar not null,
            host_locality_code       varchar,
            host_locality_name       varchar,
            project_count            integer,
            project_count_qualifier  varchar,
            capital                  double,
            currency                 varchar,
            capital_usd              double,
            capital_qualifier        varchar,
            capital_kind             varchar not null,
            as_of_date               date,
            rank                     integer,
            confidence               double not null,
            confidence_reason        varchar
        );
        create table if not exists raw.event_mentions (
            mention_id             varchar primary key,
            article_id             varchar not null,
            extractor_version      varchar not null,
            char_start             integer not null,
            char_end               integer not null,
            evidence               varchar not null,
            event_date             date,
            event_date_precision   varchar,
            event_end_date         date,
            event_type             varchar not null,
            is_online              boolean not null,
            location_name          varchar,
            location_country_code  varchar,
            agreement_status       varchar,
            participants           struct(side varchar, country_code varchar, locality_code varchar,
                                          locality_name varchar, level varchar)[],
            sectors                varchar[],
            confidence             double not null,
            confidence_reason      varchar
        );
        create table if not exists raw.unknown_places (
            article_id         varchar not null,
            extractor_version  varchar not null,
            name               varchar not null,
            context            varchar,
            occurrences        integer not null,
            primary key (article_id, name)
        );
        """,
    ),
    (
        3,
        "reference data loaded from the gazetteers: localities and countries",
        """
        create table if not exists raw.ref_countries (
            country_code  varchar primary key,   -- ISO 3166-1 alpha-2, 'ZZ' = unknown
            name_vi       varchar not null,
            name_en       varchar not null
        );
        create table if not exists raw.ref_localities (
            locality_code   varchar primary key,
            country_code    varchar not null,
            name            varchar not null,
            name_ascii      varchar not null,
            level           varchar not null,    -- province | city | district | commune | region
            valid_from      date,
            valid_to        date,
            successor_code  varchar,
            aliases         varchar[]
        );
        """,
    ),
    (
        4,
        "raw.articles.body_chars: length of the trimmed body, kept at landing so readers never read the bodies",
        f"""
        alter table raw.articles add column body_chars bigint;
        update raw.articles set body_chars = {body_chars_sql()};
        """,
    ),
    (
        5,
        "raw.dbt_reuse_state: fingerprint of the dbt nodes a successful build left up to date (see dbt_reuse)",
        """
        create table if not exists raw.dbt_reuse_state (
            node_set         varchar primary key,   -- "reference" or "views"
            fingerprint      varchar not null,      -- what the nodes are made from
            relations_state  varchar not null,      -- what their relations held after that build
            recorded_at      timestamptz not null default current_timestamp
        );
        """,
    ),
]


def articles_without_body(table: str = "raw.articles") -> str:
    """SQL for ``table`` without ``body_text``, ``body_chars`` computed for rows a writer left it null in.

    Landing (and migration 4) always fill ``body_chars``; rows inserted by other SQL may not. Those rows are read
    in a separate branch filtered on ``body_chars is null``: DuckDB skips every row group without nulls there, so
    the bodies of a fully landed table are never read.
    """
    return (
        f"(select * exclude (body_text) from {table} where body_chars is not null"
        f" union all by name select * exclude (body_text, body_chars), {body_chars_sql()} as body_chars"
        f" from {table} where body_chars is null)"
    )


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the raw schema up to date; returns the versions applied now (empty when current)."""
    con.execute("create schema if not exists raw")
    con.execute(
        "create table if not exists raw.schema_migrations "
        "(version integer primary key, description varchar, applied_at timestamptz default current_timestamp)"
    )
    done = {row[0] for row in con.execute("select version from raw.schema_migrations").fetchall()}
    applied = []
    for version, description, ddl in MIGRATIONS:
        if version in done:
            continue
        con.execute("begin transaction")
        try:
            con.execute(ddl)
            con.execute(
                "insert into raw.schema_migrations (version, description) values (?, ?)", [version, description]
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(version)
    return applied


def current_version() -> int:
    return MIGRATIONS[-1][0]
