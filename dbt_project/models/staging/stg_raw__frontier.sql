with

source as (
    select * from {{ source('raw', 'frontier') }}
),

renamed as (
    select
        url::varchar as url,
        source::varchar as source,
        discovered_at::timestamptz as discovered_at,
        discovered_from::varchar as discovered_from,
        published_hint::timestamptz as published_hint,
        status::varchar as crawl_status,
        attempts::integer as attempts,
        last_attempt_at::timestamptz as last_attempt_at,
        last_error::varchar as last_error,
        article_id::varchar as article_id
    from source
),

final as (
    select * from renamed
)

select * from final
