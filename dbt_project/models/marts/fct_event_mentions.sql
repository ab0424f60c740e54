{#
    One row per (event, article). Incremental by article: a refresh rewrites every article with a
    mention the clustering recomputed (int_event_mentions__recluster_scope: new and re-extracted
    articles, and articles whose mentions may have moved to a merged or split event); the post-hook
    deletes the links whose mention vanished.
#}
{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_facts('event_mention_id', ref('int_event_mentions__clustered'), 'mention_id') }}"
    )
}}
-- depends_on: {{ ref('int_event_mentions__recluster_scope') }}

with

clustered as (
    select * from {{ ref('int_event_mentions__clustered') }}
    {% if is_incremental() %}
        where article_id in (
            select reclustered.article_id
            from {{ ref('int_event_mentions__clustered') }} as reclustered
            where reclustered.mention_id in (
                select scope.mention_id from {{ ref('int_event_mentions__recluster_scope') }} as scope
            )
        )
    {% endif %}
),

per_article as (
    select
        arg_min(mention_id, report_order) as event_mention_id,
        event_id,
        article_id,
        arg_min(evidence, report_order) as evidence,
        arg_min(extractor_version, report_order) as extractor_version,
        min(published_at) as published_at,
        min(char_start) as first_char_start
    from clustered
    group by event_id, article_id
),

final as (
    select
        event_mention_id,
        event_id,
        article_id,
        evidence,
        extractor_version
    from per_article
    -- rows in reporting order: publication, article, position of the event's first mention in its text
    order by published_at, article_id, first_char_start, event_mention_id
)

select * from final
