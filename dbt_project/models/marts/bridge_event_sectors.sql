{#
    Sectors of each deduplicated event: the union of the sectors of its mentions; a sector
    outside the closed list becomes 'other'.
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

raw_mentions as (
    select * from {{ ref('stg_raw__event_mentions') }}
),

sectors as (
    select * from {{ ref('seed_sectors') }}
),

mention_sectors as (
    select
        clustered.event_id,
        lower(trim(unnest(raw_mentions.sectors))) as sector_as_read
    from clustered
    inner join raw_mentions
        on clustered.mention_id = raw_mentions.mention_id
),

final as (
    select distinct
        mention_sectors.event_id,
        coalesce(sectors.sector, 'other')::varchar as sector
    from mention_sectors
    left join sectors
        on mention_sectors.sector_as_read = sectors.sector
)

select * from final
