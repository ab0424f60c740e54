{#
    One row per real-world event (a cluster of int_event_mentions__clustered). The descriptive
    attributes come from the representative mention: the one with the most precise date, then the
    earliest report. The agreement status is the furthest any mention reports (signed > draft >
    proposed). mention_count counts every mention (GDELT NumMentions), source_count the distinct
    newspapers (GDELT NumSources). Incremental by event: a refresh rewrites the events of the mentions the
    clustering recomputed (int_event_mentions__recluster_scope); the post-hook deletes events that vanished.
    change_batch is the build that last wrote the event (epoch milliseconds, increasing): rows above the
    last batch a reader loaded are new or rewritten (rpt_locality_activity and BI tools load them).
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

ranked as (
    select
        *,
        row_number() over (
            partition by event_id
            order by
                {{ event_precision_rank('event_date_precision') }},
                report_key
        ) as representative_rank
    from clustered
),

representatives as (
    select * from ranked
    where representative_rank = 1
),

aggregated as (
    select
        event_id,
        count(*) as mention_count,
        count(distinct source) as source_count,
        arg_min(article_id, report_key) as first_article_id,
        min(published_at) as first_reported_at,
        arg_min(char_start, report_key) as first_char_start,
        arg_min(location_name, report_key) filter (where location_name is not null) as first_location_name,
        arg_min(location_country_code, report_key) filter (
            where location_country_code is not null
        ) as first_location_country_code,
        max(
            case agreement_status when 'signed' then 3 when 'draft' then 2 when 'proposed' then 1 end
        ) as agreement_rank
    from clustered
    group by event_id
),

final as (
    select
        representatives.event_id,
        representatives.event_date,
        representatives.event_date_precision,
        representatives.event_end_date,
        representatives.event_type,
        representatives.is_online,
        coalesce(representatives.location_name, aggregated.first_location_name) as location_name,
        coalesce(
            representatives.location_country_code, aggregated.first_location_country_code
        ) as location_country_code,
        case aggregated.agreement_rank
            when 3 then 'signed' when 2 then 'draft' when 1 then 'proposed'
        end as agreement_status,
        aggregated.mention_count::integer as mention_count,
        aggregated.source_count::integer as source_count,
        aggregated.first_article_id,
        aggregated.first_reported_at,
        representatives.evidence,
        {{ new_change_batch() }} as change_batch
    from representatives
    inner join aggregated
        on representatives.event_id = aggregated.event_id
    -- rows in the order the events were first reported: publication, article, position in its text
    -- (a full build; a refresh appends its events)
    order by
        aggregated.first_reported_at,
        aggregated.first_article_id,
        aggregated.first_char_start,
        representatives.event_id
)

select * from final
