with

countries as (
    select * from {{ ref('stg_raw__ref_countries') }}
),

unknown_member as (
    select
        '{{ unknown_country_code() }}' as country_code,
        'Không xác định' as name_vi,
        'Unknown' as name_en
    where not exists (
        select 1 from countries
        where countries.country_code = '{{ unknown_country_code() }}'
    )
),

final as (
    select
        country_code,
        name_vi,
        name_en
    from countries
    union all
    select * from unknown_member
)

select * from final
