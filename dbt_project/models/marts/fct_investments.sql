{{ config(**incremental_by_change_batch_config()) }}

with

investment_mentions as (
    select * from {{ ref('int_investment_mentions__resolved') }}
),

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
        extractor_version,
        change_batch
    from investment_mentions
    {% if is_incremental() %}
        where {{ above_watermark('change_batch') }}
    {% endif %}
)

select * from final
