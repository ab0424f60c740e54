{#
    Roll-up of every locality to the unit that exists today. The Vietnamese provinces merged on
    2025-07-01 (VN-L<gso>) point to their successor; the successor chain is followed to its end,
    so a unit that never merged maps to itself. The unknown member maps to itself too.
#}
with

localities as (
    select * from {{ ref('stg_raw__ref_localities') }}
),

successor_chain as (
    with recursive walk (locality_code, reached_code, depth) as (
        select
            locality_code,
            locality_code as reached_code,
            0 as depth
        from localities
        union all
        select
            walk.locality_code,
            localities.successor_code,
            walk.depth + 1
        from walk
        inner join localities
            on walk.reached_code = localities.locality_code
        where localities.successor_code is not null and walk.depth < 10
    )

    select
        locality_code,
        arg_max(reached_code, depth) as current_locality_code
    from walk
    group by locality_code
),

rolled_up as (
    select
        successor_chain.locality_code,
        successor_chain.current_locality_code,
        current_unit.name as current_locality_name,
        current_unit.country_code as current_country_code,
        successor_chain.locality_code != successor_chain.current_locality_code as is_rolled_up
    from successor_chain
    inner join localities as current_unit
        on successor_chain.current_locality_code = current_unit.locality_code
),

unknown_member as (
    select
        '{{ unknown_locality_code() }}' as locality_code,
        '{{ unknown_locality_code() }}' as current_locality_code,
        'Không xác định' as current_locality_name,
        '{{ unknown_country_code() }}' as current_country_code,
        false as is_rolled_up
),

final as (
    select * from rolled_up
    union all
    select * from unknown_member
)

select * from final
