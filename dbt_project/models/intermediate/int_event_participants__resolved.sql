{#
    One row per participant of a current event mention, with codes resolved against the gazetteer
    (an unknown country becomes ZZ, an unknown locality code the unknown member) and the current
    administrative unit of Vietnamese localities, which deduplication compares.
    Incremental by change batch (macros/change_batches.sql): a refresh transforms only the changed articles.
#}
{{ config(**incremental_by_change_batch_config()) }}

with

mentions as (
    select * from {{ ref('stg_raw__event_mentions') }}
),

current_mentions as (
    select * from {{ ref('int_event_mentions__resolved') }}
    {% if is_incremental() %}
        where {{ above_watermark('change_batch') }}
    {% endif %}
),

countries as (
    select country_code from {{ ref('stg_raw__ref_countries') }}
),

localities as (
    select * from {{ ref('stg_raw__ref_localities') }}
),

current_units as (
    select * from {{ ref('int_localities__current_units') }}
),

exploded as (
    select
        mentions.mention_id,
        mentions.article_id,
        current_mentions.change_batch,
        unnest(mentions.participants) as participant
    from mentions
    inner join current_mentions
        on mentions.mention_id = current_mentions.mention_id
),

flattened as (
    select
        exploded.mention_id,
        exploded.article_id,
        exploded.change_batch,
        lower(trim(exploded.participant.side)) as side,
        upper(nullif(trim(exploded.participant.country_code), '')) as country_code,
        nullif(trim(exploded.participant.locality_code), '') as locality_code,
        nullif(trim(exploded.participant.locality_name), '') as locality_name,
        lower(nullif(trim(exploded.participant.level), '')) as level
    from exploded
),

resolved as (
    select distinct
        flattened.mention_id,
        flattened.article_id,
        case when flattened.side = 'vn' then 'vn' else 'foreign' end as side,
        coalesce(
            participant_country.country_code,
            case when flattened.side = 'vn' then 'VN' else '{{ unknown_country_code() }}' end
        ) as country_code,
        {{ resolve_code('flattened.locality_code', 'participant_locality.locality_code',
                        unknown_locality_code()) }} as locality_code,
        flattened.locality_name,
        case
            when flattened.locality_code is null and flattened.locality_name is null then 'country'
            when flattened.level in ('province', 'city', 'district', 'commune', 'region') then flattened.level
            when participant_locality.level is not null then participant_locality.level
            else 'region'
        end as level,
        flattened.change_batch
    from flattened
    left join countries as participant_country
        on flattened.country_code = participant_country.country_code
    left join localities as participant_locality
        on flattened.locality_code = participant_locality.locality_code
),

with_match_key as (
    select
        resolved.*,
        current_units.current_locality_code,
        case
            when resolved.locality_code is not null and resolved.locality_code != '{{ unknown_locality_code() }}'
                then current_units.current_locality_code
            when resolved.locality_name is not null
                then 'name:' || lower(strip_accents(resolved.locality_name))
        end as place_match_key
    from resolved
    left join current_units
        on resolved.locality_code = current_units.locality_code
),

final as (
    select * from with_match_key
)

select * from final
