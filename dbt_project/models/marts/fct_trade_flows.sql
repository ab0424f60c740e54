{{ config(**incremental_by_change_batch_config()) }}

with

trade_mentions as (
    select * from {{ ref('int_trade_mentions__resolved') }}
),

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
        extractor_version,
        change_batch
    from trade_mentions
    {% if is_incremental() %}
        where {{ above_watermark('change_batch') }}
    {% endif %}
)

select * from final
