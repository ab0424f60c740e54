{#
    Summary of rpt_locality_activity per locality (grouped by the given columns) and foreign country:
    events, last event date, and the latest trade and investment figures (latest period first).
    Figures tied on their period (several articles, one period) are broken by activity id, so the
    same data always gives the same answer whatever the physical row order.
#}
{% macro locality_partner_summary(activity_relation, group_columns) -%}
    {%- set keys = group_columns | join(', ') -%}
    {#- latest period first; within one period a turnover figure wins over export or import -#}
    {%- set trade_recency = "(period_year * 1000 + coalesce(period_month_to, 12) * 10 + (flow = 'turnover')::integer"
        ~ ", activity_id)" -%}
    {%- set investment_recency = "(activity_date, activity_id)" -%}
    select
        {{ keys }},
        foreign_country_code,
        count(distinct activity_id) filter (where activity_kind = 'event') as event_count,
        max(activity_date) filter (where activity_kind = 'event') as last_event_date,
        max(period_year) filter (where activity_kind = 'trade' and value_usd is not null) as latest_trade_year,
        arg_max(flow, {{ trade_recency }}) filter (
            where activity_kind = 'trade' and value_usd is not null
        ) as latest_trade_flow,
        arg_max(value_usd, {{ trade_recency }}) filter (
            where activity_kind = 'trade' and value_usd is not null
        ) as latest_trade_value_usd,
        max(activity_date) filter (where activity_kind = 'investment') as latest_investment_as_of,
        arg_max(value_usd, {{ investment_recency }}) filter (
            where activity_kind = 'investment' and value_usd is not null
        ) as latest_investment_capital_usd,
        arg_max(project_count, {{ investment_recency }}) filter (
            where activity_kind = 'investment' and project_count is not null
        ) as latest_investment_project_count
    from {{ activity_relation }}
    group by {{ keys }}, foreign_country_code
{%- endmacro %}
