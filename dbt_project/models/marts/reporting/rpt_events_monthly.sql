{#
    Deduplicated events per month and event type, for trend charts: events, mentions and events
    reported by more than one newspaper. Events dated only to the year are left out.
#}
with

events as (
    select * from {{ ref('fct_cooperation_events') }}
),

event_types as (
    select * from {{ ref('dim_event_types') }}
),

monthly as (
    select
        date_trunc('month', event_date)::date as event_month,
        event_type,
        count(*) as event_count,
        sum(mention_count) as mention_count,
        count(*) filter (where source_count > 1) as multi_source_event_count
    from events
    where event_date is not null and event_date_precision in ('day', 'month')
    group by date_trunc('month', event_date)::date, event_type
),

final as (
    select
        monthly.event_month,
        monthly.event_type,
        event_types.label_vi as event_type_label_vi,
        event_types.label_en as event_type_label_en,
        monthly.event_count,
        monthly.mention_count,
        monthly.multi_source_event_count
    from monthly
    left join event_types
        on monthly.event_type = event_types.event_type
)

select * from final
