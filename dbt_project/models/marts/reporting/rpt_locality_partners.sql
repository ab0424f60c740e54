{#
    Per current Vietnamese unit (the 34 units in force since 2025-07-01; merged provinces roll up
    to their successor) and foreign country: events, last event date, latest trade and investment
    figures, and the locality names as the articles wrote them.
    rpt_locality_partners_as_written has the same measures per locality as written.
    A table, not a view: its data tests and the serving copy read it three times per build, and each
    read of a view would aggregate rpt_locality_activity again.
#}
{{ config(materialized='table') }}

with

activities as (
    select * from {{ ref('rpt_locality_activity') }}
    where locality_code is not null and locality_code != '{{ unknown_locality_code() }}'
),

countries as (
    select * from {{ ref('dim_countries') }}
),

summary as (
    {{ locality_partner_summary('activities', ['locality_code', 'locality_name']) }}
),

names_as_written as (
    select
        locality_code,
        foreign_country_code,
        list_sort(list_distinct(list(locality_name_as_written))) as locality_names_as_written
    from activities
    group by locality_code, foreign_country_code
),

final as (
    select
        summary.locality_code,
        summary.locality_name,
        names_as_written.locality_names_as_written,
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
    inner join names_as_written
        on
            summary.locality_code = names_as_written.locality_code
            and summary.foreign_country_code = names_as_written.foreign_country_code
    left join countries
        on summary.foreign_country_code = countries.country_code
)

select * from final
