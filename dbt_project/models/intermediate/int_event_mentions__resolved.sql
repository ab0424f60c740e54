{#
    Current event mentions of in-scope articles, flat (participants and sectors are split out),
    with the type group that deduplication compares and the article's source and publication time.
    Incremental by change batch (macros/change_batches.sql): a refresh transforms only the changed articles.
#}
{{ config(**incremental_by_change_batch_config()) }}

with

mentions as (
    select * from {{ ref('stg_raw__event_mentions') }}
),

scope as (
    select * from {{ ref('int_articles__fact_scope') }}
    {% if is_incremental() %}
        where {{ above_watermark('change_batch') }}
    {% endif %}
),

event_types as (
    select * from {{ ref('seed_event_types') }}
),

countries as (
    select country_code from {{ ref('stg_raw__ref_countries') }}
),

resolved as (
    select
        mentions.mention_id,
        mentions.article_id,
        scope.source,
        scope.published_at,
        mentions.char_start,
        mentions.evidence,
        mentions.event_date,
        case
            when mentions.event_date is null then null
            else coalesce(mentions.event_date_precision, 'day')
        end as event_date_precision,
        mentions.event_end_date,
        coalesce(event_types.event_type, 'other') as event_type,
        coalesce(event_types.type_group, 'other') as type_group,
        mentions.is_online,
        mentions.location_name,
        {{ resolve_code('mentions.location_country_code', 'location_country.country_code',
                        unknown_country_code()) }} as location_country_code,
        mentions.agreement_status,
        mentions.extractor_version,
        scope.change_batch
    from mentions
    inner join scope
        on
            mentions.article_id = scope.article_id
            and mentions.extractor_version = scope.extractor_version
    left join event_types
        on mentions.event_type = event_types.event_type
    left join countries as location_country
        on mentions.location_country_code = location_country.country_code
),

final as (
    select * from resolved
)

select * from final
