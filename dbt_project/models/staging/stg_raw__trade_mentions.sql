with

source as (
    select * from {{ source('raw', 'trade_mentions') }}
),

renamed as (
    select
        mention_id::varchar as mention_id,
        article_id::varchar as article_id,
        extractor_version::varchar as extractor_version,
        char_start::integer as char_start,
        char_end::integer as char_end,
        evidence::varchar as evidence,
        upper(trim(reporter_country_code))::varchar as reporter_country_code,
        nullif(trim(reporter_locality_code), '')::varchar as reporter_locality_code,
        nullif(trim(reporter_locality_name), '')::varchar as reporter_locality_name,
        upper(nullif(trim(partner_country_code), ''))::varchar as partner_country_code,
        nullif(trim(partner_locality_code), '')::varchar as partner_locality_code,
        nullif(trim(partner_locality_name), '')::varchar as partner_locality_name,
        lower(trim(flow))::varchar as flow,
        value::double as value,
        upper(nullif(trim(currency), ''))::varchar as currency,
        value_usd::double as value_usd,
        lower(nullif(trim(value_qualifier), ''))::varchar as value_qualifier,
        period_year::integer as period_year,
        period_month_from::integer as period_month_from,
        period_month_to::integer as period_month_to,
        change_pct::double as change_pct,
        confidence::double as confidence,
        confidence_reason::varchar as confidence_reason
    from source
),

final as (
    select * from renamed
)

select * from final
