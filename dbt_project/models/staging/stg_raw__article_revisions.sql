with

source as (
    select * from {{ source('raw', 'article_revisions') }}
),

renamed as (
    select
        article_id::varchar as article_id,
        revision::integer as revision,
        text_sha256::varchar as text_sha256,
        title::varchar as title,
        sapo::varchar as sapo,
        body_text::varchar as body_text,
        published_at::timestamptz as published_at,
        superseded_at::timestamptz as superseded_at
    from source
),

final as (
    select * from renamed
)

select * from final
