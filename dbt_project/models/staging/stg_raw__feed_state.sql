with

source as (
    select * from {{ source('raw', 'feed_state') }}
),

renamed as (
    select
        url::varchar as feed_url,
        source::varchar as source,
        etag::varchar as etag,
        last_modified::varchar as last_modified,
        last_status::integer as last_http_status,
        last_checked_at::timestamptz as last_checked_at
    from source
),

final as (
    select * from renamed
)

select * from final
