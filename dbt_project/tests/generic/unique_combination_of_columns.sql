{#
    Fails for every combination of the given columns that occurs more than once
    (the dbt_utils test of the same name, which cannot be installed here).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set column_list = combination_of_columns | join(', ') %}

with

grouped as (
    select
        {{ column_list }},
        count(*) as n_rows
    from {{ model }}
    group by {{ column_list }}
),

final as (
    select * from grouped
    where n_rows > 1
)

select * from final

{% endtest %}
