{#
    One row per (event, article). Incremental by article: the clustering is global, so a new
    article can move mentions of other articles into a merged event; the changed-article check
    compares (article, mention, event, version) and therefore also rewrites articles whose
    mentions changed event, not only the new ones.
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

with

clustered as (
    select * from {{ ref('int_event_mentions__clustered') }}
),

per_article as (
    select
        arg_min(mention_id, report_order) as event_mention_id,
        event_id,
        article_id,
        arg_min(evidence, report_order) as evidence,
        arg_min(extractor_version, report_order) as extractor_version,
        min(report_order) as report_order
    from clustered
    group by event_id, article_id
),

{% if is_incremental() %}
    changed_articles as (
        {{ changed_article_ids('per_article', ['article_id', 'event_mention_id', 'event_id', 'extractor_version']) }}
    ),
{% endif %}

final as (
    select
        event_mention_id,
        event_id,
        article_id,
        evidence,
        extractor_version
    from per_article
    {% if is_incremental() %}
        where article_id in (select changed_articles.article_id from changed_articles)
    {% endif %}
    -- rows in reporting order (publication, article, position in the text): deterministic output
    order by report_order
)

select * from final
