with

source as (
    select * from {{ source('raw', 'fetches') }}
),

renamed as (
    select
        fetch_id::varchar as fetch_id,
        url::varchar as url,
        source::varchar as source,
        kind::varchar as fetch_kind,
        requested_at::timestamptz as requested_at,
        attempt::integer as attempt,
        status::integer as http_status,
        final_url::varchar as final_url,
        content_type::varchar as content_type,
        etag::varchar as etag,
        last_modified::varchar as last_modified,
        retry_after::varchar as retry_after,
        content_length::bigint as content_length,
        content_sha256::varchar as content_sha256,
        error::varchar as error_message,
        duration_ms::integer as duration_ms,
        coalesce(status between 200 and 299 and error is null, false) as is_success
    from source
),

final as (
    select * from renamed
)

select * from final
