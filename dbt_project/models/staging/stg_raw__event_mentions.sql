with

source as (
    select * from {{ source('raw', 'event_mentions') }}
),

renamed as (
    select
        mention_id::varchar as mention_id,
        article_id::varchar as article_id,
        extractor_version::varchar as extractor_version,
        char_start::integer as char_start,
        char_end::integer as char_end,
        evidence::varchar as evidence,
        event_date::date as event_date,
        lower(nullif(trim(event_date_precision), ''))::varchar as event_date_precision,
        event_end_date::date as event_end_date,
        lower(trim(event_type))::varchar as event_type,
        is_online::boolean as is_online,
        nullif(trim(location_name), '')::varchar as location_name,
        upper(nullif(trim(location_country_code), ''))::varchar as location_country_code,
        lower(nullif(trim(agreement_status), ''))::varchar as agreement_status,
        participants,
        sectors::varchar[] as sectors,
        confidence::double as confidence,
        confidence_reason::varchar as confidence_reason
    from source
),

final as (
    select * from renamed
)

select * from final
