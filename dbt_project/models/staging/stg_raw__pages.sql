with

source as (
    select * from {{ source('raw', 'pages') }}
),

renamed as (
    select
        content_sha256::varchar as content_sha256,
        url::varchar as first_url,
        content_type::varchar as content_type,
        size_bytes::bigint as size_bytes,
        compression::varchar as compression,
        first_seen_at::timestamptz as first_seen_at
    from source
),

final as (
    select * from renamed
)

select * from final
