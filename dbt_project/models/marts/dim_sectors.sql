with

sectors as (
    select * from {{ ref('seed_sectors') }}
),

final as (
    select
        sector::varchar as sector,
        label_vi::varchar as label_vi,
        label_en::varchar as label_en,
        sort_order::integer as sort_order
    from sectors
)

select * from final
