with

source as (
    select * from {{ source('raw', 'unknown_places') }}
),

renamed as (
    select
        article_id::varchar as article_id,
        extractor_version::varchar as extractor_version,
        name::varchar as place_name,
        context::varchar as context,
        occurrences::integer as occurrences
    from source
),

final as (
    select * from renamed
)

select * from final
