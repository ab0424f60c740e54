{#
    Every activity linking a Vietnamese locality with a foreign country: deduplicated events (each
    Vietnamese participant locality x each foreign participant country), trade figures reported by
    a locality, and inward investment figures hosted by a locality. Each row carries the locality
    as written (code and name) and rolled up to today's unit after the 2025-07-01 merger, so a 2019
    event of Bình Thuận counts for Lâm Đồng while still showing "Bình Thuận".
    A table, not a view like the other reports: the partner reports, their tests and the serving copy
    all read it, and as a view each of them recomputed every join below.
    Incremental by change batch: each row keeps the change_batch of the event, trade figure or
    investment figure it comes from. A refresh selects the rows of the activities whose batch is above the
    highest of their kind in the table (new or rewritten facts and events) and replaces the built rows of
    those activities, writing only the rows that changed (rewrite_changed; an unchanged row only takes the
    new batch). The post-hook deletes the rows whose (activity, batch) is no longer current: vanished
    activities, and those that no longer give a row.
    The gazetteer, a seed or a model changing gives every fact and event a new batch (see
    macros/change_batches.sql), so every row is rewritten then.
#}
{{
    config(
        materialized='incremental',
        incremental_strategy='rewrite_changed',
        unique_key=['activity_kind', 'activity_id'],
        rewrite_changed_updates=['change_batch'],
        on_schema_change='append_new_columns',
        post_hook="{{ delete_superseded_activities() }}"
    )
}}

with

events as (
    select * from {{ ref('fct_cooperation_events') }}
    {% if is_incremental() %}
        where {{ above_watermark('change_batch', built_rows="activity_kind = 'event'") }}
    {% endif %}
),

participants as (
    select * from {{ ref('bridge_event_participants') }}
    {% if is_incremental() %}
        where event_id in (select events.event_id from events)
    {% endif %}
),

trade_flows as (
    select * from {{ ref('fct_trade_flows') }}
    {% if is_incremental() %}
        where {{ above_watermark('change_batch', built_rows="activity_kind = 'trade'") }}
    {% endif %}
),

investments as (
    select * from {{ ref('fct_investments') }}
    {% if is_incremental() %}
        where {{ above_watermark('change_batch', built_rows="activity_kind = 'investment'") }}
    {% endif %}
),

current_units as (
    select * from {{ ref('int_localities__current_units') }}
),

vn_participants as (
    select * from participants
    where side = 'vn' and (locality_code is not null or locality_name is not null)
),

foreign_countries as (
    select distinct
        event_id,
        country_code
    from participants
    where side = 'foreign' and country_code != 'VN'
),

event_activity as (
    select
        'event' as activity_kind,
        events.event_id as activity_id,
        events.first_article_id as article_id,
        vn_participants.locality_code as locality_code_as_written,
        vn_participants.locality_name as locality_name_as_written,
        foreign_countries.country_code as foreign_country_code,
        events.event_date as activity_date,
        year(events.event_date) as period_year,
        null::integer as period_month_to,
        events.event_type,
        null::varchar as flow,
        null::double as value_usd,
        null::integer as project_count,
        events.change_batch
    from events
    inner join vn_participants
        on events.event_id = vn_participants.event_id
    inner join foreign_countries
        on events.event_id = foreign_countries.event_id
),

trade_activity as (
    select
        'trade' as activity_kind,
        trade_flow_id as activity_id,
        article_id,
        reporter_locality_code as locality_code_as_written,
        reporter_locality_name as locality_name_as_written,
        partner_country_code as foreign_country_code,
        null::date as activity_date,
        period_year,
        period_month_to,
        null::varchar as event_type,
        flow,
        value_usd,
        null::integer as project_count,
        change_batch
    from trade_flows
    where
        reporter_country_code = 'VN'
        and (reporter_locality_code is not null or reporter_locality_name is not null)
        and partner_country_code is not null
        and partner_country_code != 'VN'
),

investment_activity as (
    select
        'investment' as activity_kind,
        investment_id as activity_id,
        article_id,
        host_locality_code as locality_code_as_written,
        host_locality_name as locality_name_as_written,
        investor_country_code as foreign_country_code,
        as_of_date as activity_date,
        year(as_of_date) as period_year,
        month(as_of_date) as period_month_to,
        null::varchar as event_type,
        null::varchar as flow,
        capital_usd as value_usd,
        project_count,
        change_batch
    from investments
    where
        host_country_code = 'VN'
        and (host_locality_code is not null or host_locality_name is not null)
        and investor_country_code is not null
        and investor_country_code != 'VN'
),

activities as (
    select * from event_activity
    union all
    select * from trade_activity
    union all
    select * from investment_activity
),

final as (
    select
        activities.activity_kind,
        activities.activity_id,
        activities.article_id,
        current_units.current_locality_code as locality_code,
        current_units.current_locality_name as locality_name,
        activities.locality_code_as_written,
        activities.locality_name_as_written,
        coalesce(current_units.is_rolled_up, false) as is_rolled_up,
        activities.foreign_country_code,
        activities.activity_date,
        activities.period_year,
        activities.period_month_to,
        activities.event_type,
        activities.flow,
        activities.value_usd,
        activities.project_count,
        activities.change_batch
    from activities
    left join current_units
        on activities.locality_code_as_written = current_units.locality_code
)

select * from final
