{#
    The articles facts are built from: relevant (is_relevant true, or null = not classified yet;
    only an explicit false excludes) and extracted, together with the extractor version whose
    mentions are current for the article.
    Incremental (delete+insert on article_id): content_key sums up what the article's facts are built from (see
    macros/change_batches.sql); an article whose key is new or changed gets this build's change_batch, which the
    article-keyed models downstream read to find their work. Articles that left the scope are deleted (post-hook).
#}
{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_facts('article_id', '(' ~ fact_scope_articles() ~ ')', 'article_id') }}"
    )
}}

with

in_scope as (
    {{ fact_scope_articles() }}
),

raw_mentions as (
    select
        article_id,
        hash(mention_id, extractor_version) as mention_hash
    from {{ ref('stg_raw__trade_mentions') }}
    union all
    select
        article_id,
        hash(mention_id, extractor_version) as mention_hash
    from {{ ref('stg_raw__investment_mentions') }}
    union all
    select
        article_id,
        hash(mention_id, extractor_version) as mention_hash
    from {{ ref('stg_raw__event_mentions') }}
),

mention_sets as (
    select
        article_id,
        bit_xor(mention_hash) as mentions_hash,
        count(*) as mention_count
    from raw_mentions
    group by article_id
),

reference_data as (
    -- the gazetteer the facts are resolved against, and the models and seeds that build them
    select
        hash(
            -- each row hashed whole: a column added to the gazetteer counts too
            (select bit_xor(hash(countries)) from {{ ref('stg_raw__ref_countries') }} as countries),  -- noqa: AL05
            (select bit_xor(hash(localities)) from {{ ref('stg_raw__ref_localities') }} as localities),  -- noqa: AL05
            md5('{{ project_checksums() }}')
        ) as reference_hash
),

keyed as (
    select
        in_scope.*,
        hash(
            in_scope.source,
            in_scope.published_at,
            in_scope.is_relevant,
            in_scope.extractor_version,
            in_scope.extracted_at,
            mention_sets.mentions_hash,
            mention_sets.mention_count,
            reference_data.reference_hash
        ) as content_key
    from in_scope
    cross join reference_data
    left join mention_sets
        on in_scope.article_id = mention_sets.article_id
),

{% if is_incremental() %}
    changed as (
        select keyed.*
        from keyed
        where not exists (
            select 1
            from {{ this }} as built
            where built.article_id = keyed.article_id and built.content_key = keyed.content_key
        )
    ),
{% else %}
    changed as (
        select * from keyed
    ),
{% endif %}

final as (
    select
        article_id,
        source,
        published_at,
        is_relevant,
        extractor_version,
        extracted_at,
        content_key,
        {{ new_change_batch() }} as change_batch
    from changed
)

select * from final
