{#
    The articles facts are built from: relevant (is_relevant true, or null = not classified yet;
    only an explicit false excludes) and extracted, together with the extractor version whose
    mentions are current for the article.
#}
with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

extractions as (
    select * from {{ ref('stg_raw__extractions') }}
),

in_scope as (
    select
        articles.article_id,
        articles.source,
        articles.published_at,
        articles.is_relevant,
        extractions.extractor_version,
        extractions.extracted_at
    from articles
    inner join extractions
        on articles.article_id = extractions.article_id
    where articles.is_relevant is distinct from false
),

final as (
    select * from in_scope
)

select * from final
