with

source as (
    select * from {{ source('raw', 'ref_countries') }}
),

renamed as (
    select
        upper(trim(country_code))::varchar as country_code,
        name_vi::varchar as name_vi,
        name_en::varchar as name_en
    from source
),

final as (
    select * from renamed
)

select * from final
