with

source as (
    select * from {{ source('raw', 'articles') }}
),

renamed as (
    select
        article_id::varchar as article_id,
        url::varchar as url,
        lower(trim(source))::varchar as source,
        nullif(trim(title), '')::varchar as title,
        nullif(trim(sapo), '')::varchar as sapo,
        body_text::varchar as body_text,
        published_at::timestamptz as published_at,
        updated_at::timestamptz as updated_at,
        nullif(trim(author), '')::varchar as author,
        nullif(trim(section), '')::varchar as section,
        tags::varchar[] as tags,
        images::json as images,
        content_sha256::varchar as content_sha256,
        text_sha256::varchar as text_sha256,
        parse_path::varchar as parse_path,
        parse_warnings::varchar[] as parse_warnings,
        is_relevant::boolean as is_relevant,
        relevance_reason::varchar as relevance_reason,
        parser_version::varchar as parser_version,
        revision::integer as revision,
        first_landed_at::timestamptz as first_landed_at,
        landed_at::timestamptz as landed_at
    from source
),

final as (
    select * from renamed
)

select * from final
