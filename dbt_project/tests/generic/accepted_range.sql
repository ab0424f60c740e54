{#
    Fails for every non-null value outside [min_value, max_value]; a missing bound is not checked.
#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}

{%- set lower_bound = min_value if min_value is not none else column_name %}
{%- set upper_bound = max_value if max_value is not none else column_name %}

with

out_of_range as (
    select *
    from {{ model }}
    where
        {{ column_name }} is not null
        and not ({{ column_name }} >= {{ lower_bound }} and {{ column_name }} <= {{ upper_bound }})
),

final as (
    select * from out_of_range
)

select * from final

{% endtest %}
