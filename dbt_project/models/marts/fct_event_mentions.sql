{#
    One row per (event, article). Incremental by event, like fct_cooperation_events: a refresh rewrites the rows of
    the events the clustering recomputed, writing only those that changed (int_event_mentions__recluster_scope lists
    whole old events, so an event outside it kept every mention); the post-hook deletes the rows of events that
    vanished.
#}
{{ config(**incremental_by_event_config()) }}
-- depends_on: {{ ref('int_event_mentions__recluster_scope') }}

with

clustered as (
    select * from {{ ref('int_event_mentions__clustered') }}
    {% if is_incremental() %}
        where event_id in ({{ reclustered_event_ids() }})
    {% endif %}
),

per_article as (
    select
        arg_min(mention_id, report_key) as event_mention_id,
        event_id,
        article_id,
        arg_min(evidence, report_key) as evidence,
        arg_min(extractor_version, report_key) as extractor_version,
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
