with

source as (
    select * from {{ source('raw', 'ref_localities') }}
),

renamed as (
    select
        trim(locality_code)::varchar as locality_code,
        upper(trim(country_code))::varchar as country_code,
        name::varchar as name,
        name_ascii::varchar as name_ascii,
        lower(trim(level))::varchar as level,
        valid_from::date as valid_from,
        valid_to::date as valid_to,
        nullif(trim(successor_code), '')::varchar as successor_code,
        aliases::varchar[] as aliases
    from source
),

final as (
    select * from renamed
)

select * from final
