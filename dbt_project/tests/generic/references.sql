{#
    Referential integrity of several columns of one model in one test (one node instead of one
    relationships test per column: each dbt node costs a fixed ~30-60 ms of a build). `keys` lists
    {column, to, field}: every non-null `column` value must exist as `field` of model `to`.
    Fails with one row per (column, missing value), like dbt's relationships test per column.
#}
{% test references(model, keys) %}

with

{% for key in keys %}
    missing_{{ loop.index }} as (
        select distinct
            '{{ key.column }}' as column_name,
            '{{ key.to }}.{{ key.field }}' as referenced,
            child.{{ key.column }}::varchar as missing_value
        from {{ model }} as child
        where
            child.{{ key.column }} is not null
            and not exists (
                select 1
                from {{ ref(key.to) }} as parent
                where parent.{{ key.field }} = child.{{ key.column }}
            )
    ),
{% endfor %}

final as (
    {% for key in keys %}
        select * from missing_{{ loop.index }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final

{% endtest %}
