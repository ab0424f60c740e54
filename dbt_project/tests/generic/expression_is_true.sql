{#
    Fails for every row where the SQL expression is not true (false or null).
    An optional condition restricts the rows that are checked.
#}
{% test expression_is_true(model, expression, condition='true') %}

with

checked as (
    select *
    from {{ model }}
    where ({{ condition }}) and not coalesce(({{ expression }}), false)
),

final as (
    select * from checked
)

select * from final

{% endtest %}
