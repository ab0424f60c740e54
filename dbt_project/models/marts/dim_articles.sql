with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

final as (
    select
        article_id,
        source,
        url,
        title,
        published_at,
        author,
        section,
        is_relevant
    from articles
)

select * from final
