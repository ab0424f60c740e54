with

event_types as (
    select * from {{ ref('seed_event_types') }}
),

final as (
    select
        event_type::varchar as event_type,
        type_group::varchar as type_group,
        label_vi::varchar as label_vi,
        label_en::varchar as label_en,
        sort_order::integer as sort_order
    from event_types
)

select * from final
