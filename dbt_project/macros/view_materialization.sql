{#
    The view materialization of vnwh (DuckDB): dbt's own, except that a view which would come out exactly as it
    is already is left alone. Recreating a view is half a dozen DDL statements and a commit (~0.1 s each at 100k
    articles, ~2 s of every refresh for the 19 views), and a daily refresh changes no view.

    "Exactly as it is" (view_is_current): the view exists as a view, its comment holds the md5 of the compiled
    SQL it was created from (set below after each rebuild), and the columns that SQL gives now (names and
    types, as DuckDB binds it against the current upstream relations) are the columns the view stores. A
    changed model, an upstream table whose columns changed, a view created by someone else (no comment) or
    `--full-refresh` rebuild it with dbt's default view materialization. A contracted view is still checked
    against its contract; a view with hooks is always rebuilt (its hooks run).
#}
{% materialization view, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- set marker = 'vnwh view sql md5 ' ~ local_md5(sql) -%}
    {%- if view_is_current(target_relation, sql, marker) -%}
        {%- if config.get('contract').enforced -%}
            {%- do get_assert_columns_equivalent(sql) -%}
        {%- endif -%}
        {%- call statement('main') -%}
            select 'view unchanged' as status
        {%- endcall -%}
        {{ adapter.commit() }}
        {{ return({'relations': [target_relation]}) }}
    {%- endif -%}
    {%- set result = materialization_view_default() -%}
    {%- call statement('view_marker') -%}
        comment on view {{ target_relation }} is '{{ marker }}'
    {%- endcall -%}
    {{ adapter.commit() }}
    {{ return(result) }}
{% endmaterialization %}


{% macro view_is_current(relation, sql, marker) -%}
    {%- if should_full_refresh() or model.config.pre_hook or model.config.post_hook or config.get('sql_header') -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set stored = run_query(
        "select (select comment from duckdb_views() where database_name = '" ~ relation.database
        ~ "' and schema_name = '" ~ relation.schema ~ "' and view_name = '" ~ relation.identifier ~ "'),"
        ~ " (select string_agg(column_name || ' ' || data_type, ', ' order by column_index) from duckdb_columns()"
        ~ " where database_name = '" ~ relation.database ~ "' and schema_name = '" ~ relation.schema
        ~ "' and table_name = '" ~ relation.identifier ~ "')"
    ) -%}
    {%- if stored.rows[0][0] != marker -%}
        {{ return(false) }}
    {%- endif -%}
    {#- DuckDB's own type names on both sides (dbt's column objects flatten structs) -#}
    {%- set fresh = run_query("describe select * from (\n" ~ sql ~ "\n) where false") -%}
    {%- set columns = [] -%}
    {%- for row in fresh.rows -%}
        {%- do columns.append(row[0] ~ ' ' ~ row[1]) -%}
    {%- endfor -%}
    {{ return(stored.rows[0][1] == columns | join(', ')) }}
{%- endmacro %}
