{#
    dbt's accepted_values for several columns of one model or source in one test (one node instead of
    one per column: each dbt node costs a fixed ~30-60 ms of a build). `columns` maps a column to its
    accepted values; nulls are accepted. Fails with one row per (column, value) outside its list.
#}
{% test accepted_values_of_columns(model, columns) %}

with

{% for column, values in columns.items() %}
    unexpected_{{ loop.index }} as (
        select
            '{{ column }}' as column_name,
            {{ column }}::varchar as unexpected_value,
            count(*) as n_records
        from {{ model }}
        where {{ column }} not in (
            {%- for value in values %}'{{ value }}'{{ ', ' if not loop.last }}{% endfor -%}
        )
        group by {{ column }}
    ),
{% endfor %}

final as (
    {% for column in columns %}
        select * from unexpected_{{ loop.index }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final

{% endtest %}
