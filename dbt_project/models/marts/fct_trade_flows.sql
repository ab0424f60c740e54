{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_facts('trade_flow_id', ref('int_trade_mentions__resolved'), 'trade_flow_id') }}"
    )
}}

with

trade_mentions as (
    select * from {{ ref('int_trade_mentions__resolved') }}
),

{% if is_incremental() %}
    changed_articles as (
        {{ changed_article_ids('trade_mentions', ['article_id', 'trade_flow_id', 'extractor_version']) }}
    ),
{% endif %}

final as (
    select
        trade_flow_id,
        article_id,
        reporter_country_code,
        reporter_locality_code,
        reporter_locality_name,
        partner_country_code,
        partner_locality_code,
        partner_locality_name,
        flow,
        value,
        currency,
        value_usd,
        value_qualifier,
        period_year,
        period_month_from,
        period_month_to,
        change_pct,
        evidence,
        extractor_version
    from trade_mentions
    {% if is_incremental() %}
        where article_id in (select changed_articles.article_id from changed_articles)
    {% endif %}
)

select * from final
