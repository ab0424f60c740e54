with

source as (
    select * from {{ source('raw', 'investment_mentions') }}
),

renamed as (
    select
        mention_id::varchar as mention_id,
        article_id::varchar as article_id,
        extractor_version::varchar as extractor_version,
        char_start::integer as char_start,
        char_end::integer as char_end,
        evidence::varchar as evidence,
        upper(nullif(trim(investor_country_code), ''))::varchar as investor_country_code,
        nullif(trim(investor_locality_code), '')::varchar as investor_locality_code,
        nullif(trim(investor_locality_name), '')::varchar as investor_locality_name,
        upper(trim(host_country_code))::varchar as host_country_code,
        nullif(trim(host_locality_code), '')::varchar as host_locality_code,
        nullif(trim(host_locality_name), '')::varchar as host_locality_name,
        project_count::integer as project_count,
        lower(nullif(trim(project_count_qualifier), ''))::varchar as project_count_qualifier,
        capital::double as capital,
        upper(nullif(trim(currency), ''))::varchar as currency,
        capital_usd::double as capital_usd,
        lower(nullif(trim(capital_qualifier), ''))::varchar as capital_qualifier,
        lower(trim(capital_kind))::varchar as capital_kind,
        as_of_date::date as as_of_date,
        rank::integer as rank,
        confidence::double as confidence,
        confidence_reason::varchar as confidence_reason
    from source
),

final as (
    select * from renamed
)

select * from final
