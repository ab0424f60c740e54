with

source as (
    select * from {{ source('raw', 'extractions') }}
),

renamed as (
    select
        article_id::varchar as article_id,
        extractor_version::varchar as extractor_version,
        text_sha256::varchar as text_sha256,
        extracted_at::timestamptz as extracted_at,
        n_trade::integer as n_trade,
        n_investment::integer as n_investment,
        n_events::integer as n_events,
        error::varchar as error_message
    from source
),

final as (
    select * from renamed
)

select * from final
