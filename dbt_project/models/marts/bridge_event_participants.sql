{#
    Participants of each deduplicated event: the union over its mentions, one row per side,
    country and place (a resolved locality code, or the name as written when unresolved).
    The name and level are taken from the earliest report that names the place.
    Incremental by event: a refresh rewrites the events of the mentions the clustering recomputed, writing only
    the rows that changed (rewrite_changed).
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

participants as (
    select * from {{ ref('int_event_participants__resolved') }}
),

keyed as (
    select
        clustered.event_id,
        clustered.report_key,
        participants.side,
        participants.country_code,
        participants.locality_code,
        participants.locality_name,
        participants.level,
        case
            when
                participants.locality_code is not null
                and participants.locality_code != '{{ unknown_locality_code() }}'
                then participants.locality_code
            when participants.locality_name is not null
                then 'name:' || lower(participants.locality_name)
            else ''
        end as place_key
    from participants
    inner join clustered
        on participants.mention_id = clustered.mention_id
),

deduplicated as (
    select
        event_id,
        side,
        country_code,
        arg_min(locality_code, report_key) as locality_code,
        arg_min(locality_name, report_key) as locality_name,
        arg_min(level, report_key) as level
    from keyed
    group by event_id, side, country_code, place_key
),

final as (
    select
        event_id,
        side,
        country_code,
        locality_code,
        locality_name,
        level
    from deduplicated
)

select * from final
