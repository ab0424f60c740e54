{#
    The incremental strategy 'rewrite_changed': delete+insert on unique_key, except that rows equal in every column
    to a row the model selected stay as built. A refresh of an event mart selects every row of the events the
    clustering recomputed; when a report joins an event reported by a thousand articles, most of those rows are
    what they were. delete+insert would delete and write them again, and each refresh's scattered deletes make
    DuckDB's checkpoint rewrite more of the table's row groups (bench/FINDINGS.md). The result is the same: after
    the delete, the built rows of the selected keys are a subset of the selected rows, and the insert adds the rest.
    Rows are compared with IS NOT DISTINCT FROM (NULLs equal), on the columns the model selects.

    Config rewrite_changed_updates: columns left out of the comparison (a change batch); a kept row takes their
    values from the selected row it equals (an UPDATE of those columns only, which DuckDB applies in place).
#}
{% macro get_incremental_rewrite_changed_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set unique_key = arg_dict['unique_key'] -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set columns = arg_dict['dest_columns'] | map(attribute='quoted') | list -%}
    {%- set updated = config.get('rewrite_changed_updates', []) | map('lower') | list -%}
    {%- set compared = arg_dict['dest_columns'] | rejectattr('name', 'in', updated)
                       | map(attribute='quoted') | list -%}
    delete from {{ target }} as built
    where
        exists (
            select 1 from {{ source }} as fresh
            where {{ rows_match('fresh', 'built', keys) }}
        )
        and not exists (
            select 1 from {{ source }} as fresh
            where {{ rows_match('fresh', 'built', compared) }}
        );

    {% if updated -%}
        update {{ target }} as built
        set {% for column in updated %}{{ column }} = fresh.{{ column }}{{ ', ' if not loop.last }}{% endfor %}
        from {{ source }} as fresh
        where
            {{ rows_match('fresh', 'built', compared) }}
            and not ({{ rows_match('fresh', 'built', updated) }});
    {%- endif %}

    insert into {{ target }} ({{ columns | join(', ') }})
    select {{ columns | join(', ') }}
    from {{ source }} as fresh
    where not exists (
        select 1 from {{ target }} as built
        where {{ rows_match('fresh', 'built', compared) }}
    )
{%- endmacro %}

{% macro rows_match(left, right, columns) -%}
    {%- for column in columns -%}
        {{ left }}.{{ column }} is not distinct from {{ right }}.{{ column }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
