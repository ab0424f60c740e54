{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_facts('investment_id', ref('int_investment_mentions__resolved'), 'investment_id') }}"
    )
}}

with

investment_mentions as (
    select * from {{ ref('int_investment_mentions__resolved') }}
),

{% if is_incremental() %}
    changed_articles as (
        {{ changed_article_ids('investment_mentions', ['article_id', 'investment_id', 'extractor_version']) }}
    ),
{% endif %}

final as (
    select
        investment_id,
        article_id,
        investor_country_code,
        investor_locality_code,
        investor_locality_name,
        host_country_code,
        host_locality_code,
        host_locality_name,
        project_count,
        project_count_qualifier,
        capital,
        currency,
        capital_usd,
        capital_qualifier,
        capital_kind,
        as_of_date,
        rank,
        evidence,
        extractor_version
    from investment_mentions
    {% if is_incremental() %}
        where article_id in (select changed_articles.article_id from changed_articles)
    {% endif %}
)

select * from final
