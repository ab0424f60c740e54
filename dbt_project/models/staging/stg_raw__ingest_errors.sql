with

source as (
    select * from {{ source('raw', 'ingest_errors') }}
),

renamed as (
    select
        error_id::varchar as error_id,
        origin::varchar as origin,
        stage::varchar as stage,
        kind::varchar as error_kind,
        message::varchar as error_message,
        recorded_at::timestamptz as recorded_at
    from source
),

final as (
    select * from renamed
)

select * from final
