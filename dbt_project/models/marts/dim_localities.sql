with

localities as (
    select * from {{ ref('stg_raw__ref_localities') }}
),

unknown_member as (
    select
        '{{ unknown_locality_code() }}' as locality_code,
        '{{ unknown_country_code() }}' as country_code,
        'Không xác định' as name,
        'Khong xac dinh' as name_ascii,
        'region' as level,
        null::date as valid_from,
        null::date as valid_to,
        null::varchar as successor_code
),

final as (
    select
        locality_code,
        country_code,
        name,
        name_ascii,
        level,
        valid_from,
        valid_to,
        successor_code
    from localities
    union all
    select * from unknown_member
)

select * from final
