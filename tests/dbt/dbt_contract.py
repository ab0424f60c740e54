"""The mart contract of issue 5: column names and DuckDB types, in order (plus change_batch on the article-keyed
facts and on the events, which tells BI loads the rows that are new or replaced since a batch)."""
from __future__ import annotations

V, D, INT, BIG, B, DT, TZ = "VARCHAR", "DOUBLE", "INTEGER", "BIGINT", "BOOLEAN", "DATE", "TIMESTAMP WITH TIME ZONE"

CONTRACT: dict[str, list[tuple[str, str]]] = {
    "dim_articles": [("article_id", V), ("source", V), ("url", V), ("title", V), ("published_at", TZ),
                     ("author", V), ("section", V), ("is_relevant", B)],
    "fct_trade_flows": [
        ("trade_flow_id", V), ("article_id", V), ("reporter_country_code", V), ("reporter_locality_code", V),
        ("reporter_locality_name", V), ("partner_country_code", V), ("partner_locality_code", V),
        ("partner_locality_name", V), ("flow", V), ("value", D), ("currency", V), ("value_usd", D),
        ("value_qualifier", V), ("period_year", INT), ("period_month_from", INT), ("period_month_to", INT),
        ("change_pct", D), ("evidence", V), ("extractor_version", V), ("change_batch", BIG)],
    "fct_investments": [
        ("investment_id", V), ("article_id", V), ("investor_country_code", V), ("investor_locality_code", V),
        ("investor_locality_name", V), ("host_country_code", V), ("host_locality_code", V),
        ("host_locality_name", V), ("project_count", INT), ("project_count_qualifier", V), ("capital", D),
        ("currency", V), ("capital_usd", D), ("capital_qualifier", V), ("capital_kind", V), ("as_of_date", DT),
        ("rank", INT), ("evidence", V), ("extractor_version", V), ("change_batch", BIG)],
    "fct_cooperation_events": [
        ("event_id", V), ("event_date", DT), ("event_date_precision", V), ("event_end_date", DT),
        ("event_type", V), ("is_online", B), ("location_name", V), ("location_country_code", V),
        ("agreement_status", V), ("mention_count", INT), ("source_count", INT), ("first_article_id", V),
        ("first_reported_at", TZ), ("evidence", V), ("change_batch", BIG)],
    "fct_event_mentions": [("event_mention_id", V), ("event_id", V), ("article_id", V), ("evidence", V),
                           ("extractor_version", V)],
    "bridge_event_participants": [("event_id", V), ("side", V), ("country_code", V), ("locality_code", V),
                                  ("locality_name", V), ("level", V)],
    "bridge_event_sectors": [("event_id", V), ("sector", V)],
    "dim_localities": [("locality_code", V), ("country_code", V), ("name", V), ("name_ascii", V), ("level", V),
                       ("valid_from", DT), ("valid_to", DT), ("successor_code", V)],
    "dim_countries": [("country_code", V), ("name_vi", V), ("name_en", V)],
}

# columns the contract says are never null
NOT_NULL = {
    "fct_trade_flows": ["trade_flow_id", "reporter_country_code", "evidence", "change_batch"],
    "fct_investments": ["investment_id", "host_country_code", "evidence", "change_batch"],
    "fct_cooperation_events": ["event_id", "change_batch"],
    "bridge_event_participants": ["country_code"],
}
