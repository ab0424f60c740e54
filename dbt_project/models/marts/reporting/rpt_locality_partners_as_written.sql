{#
    Per Vietnamese locality AS WRITTEN in the articles (a 2019 "Bình Thuận" stays Bình Thuận) and
    foreign country: the same measures as rpt_locality_partners, plus the current unit it rolls up to.
#}
with

activities as (
    select * from {{ ref('rpt_locality_activity') }}
),

countries as (
    select * from {{ ref('dim_countries') }}
),

summary as (
    {{ locality_partner_summary('activities', [
        'locality_code_as_written', 'locality_name_as_written', 'locality_code', 'locality_name'
    ]) }}
),

final as (
    select
        summary.locality_code_as_written,
        summary.locality_name_as_written,
        summary.locality_code as current_locality_code,
        summary.locality_name as current_locality_name,
        summary.foreign_country_code,
        countries.name_vi as foreign_country_name_vi,
        countries.name_en as foreign_country_name_en,
        summary.event_count,
        summary.last_event_date,
        summary.latest_trade_year,
        summary.latest_trade_flow,
        summary.latest_trade_value_usd,
        summary.latest_investment_as_of,
        summary.latest_investment_capital_usd,
        summary.latest_investment_project_count
    from summary
    left join countries
        on summary.foreign_country_code = countries.country_code
)

select * from final
