{#
    rebuild_tables_with_stale_constraints (on-run-start): an incremental table keeps the DDL it was first created
    with, so a contract constraint declared later (a check or not_null in the models' yml) never reaches it and no
    data test checks that rule any more, and a key index declared earlier and since removed keeps costing every
    refresh.
    Before a build, every selected incremental model with an enforced contract whose table lacks a declared
    constraint, or has a different number of checks, primary keys or unique constraints than declared, is dropped;
    the build then creates it afresh, with its constraints, and every row is checked. Other tables are left alone.
#}
{% macro rebuild_tables_with_stale_constraints() %}
    {%- if execute -%}
        {%- set declared = {} -%}
        {%- for node in graph.nodes.values()
                if node.resource_type == 'model' and node.unique_id in selected_resources
                and node.config.materialized == 'incremental' and node.config.contract.enforced -%}
            {%- do declared.update({node.alias: {'node': node, 'counts': declared_constraint_counts(node)}}) -%}
        {%- endfor -%}
        {%- if declared -%}
            {%- set built = built_constraint_counts(declared.values() | map(attribute='node') | list) -%}
            {%- for name, model in declared.items() if name in built -%}
                {%- set differing = [] -%}
                {%- for kind in ['NOT NULL', 'CHECK', 'PRIMARY KEY', 'UNIQUE'] -%}
                    {%- set declared_count = model.counts.get(kind, 0) -%}
                    {%- set built_count = built[name].get(kind, 0) -%}
                    {%- if built_count < declared_count or (kind != 'NOT NULL' and built_count != declared_count) -%}
                        {%- do differing.append(kind) -%}
                    {%- endif -%}
                {%- endfor -%}
                {%- if differing -%}
                    {%- set node = model.node -%}
                    {%- do log('vnwh: ' ~ node.schema ~ '.' ~ name ~ ' has other ' ~ differing | join(', ')
                               ~ ' constraints than declared: dropped, this build creates it in full', info=true) -%}
                    {%- do adapter.drop_relation(api.Relation.create(
                            database=node.database, schema=node.schema, identifier=name, type='table')) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do adapter.commit() -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}

{# {constraint type in DuckDB's spelling: count} a model's contract declares, model- and column-level. #}
{% macro declared_constraint_counts(node) %}
    {%- set counts = {} -%}
    {%- set constraints = node.constraints | list -%}
    {%- for column in node.columns.values() -%}
        {%- do constraints.extend(column.constraints) -%}
    {%- endfor -%}
    {%- for constraint in constraints -%}
        {%- set kind = constraint.type | replace('_', ' ') | upper -%}
        {%- do counts.update({kind: counts.get(kind, 0) + 1}) -%}
    {%- endfor -%}
    {{ return(counts) }}
{% endmacro %}

{# {table name: {constraint type: count}} of the built tables among ``nodes`` (absent when not built yet). #}
{% macro built_constraint_counts(nodes) %}
    {%- set names = [] -%}
    {%- for node in nodes -%}
        {%- do names.append("('" ~ node.schema ~ "', '" ~ node.alias ~ "')") -%}
    {%- endfor -%}
    {%- set rows = run_query(
        "select t.table_name, c.constraint_type, count(c.constraint_type)"
        ~ " from duckdb_tables() as t left join duckdb_constraints() as c"
        ~ " on c.database_name = t.database_name and c.schema_name = t.schema_name and c.table_name = t.table_name"
        ~ " where t.database_name = current_database() and (t.schema_name, t.table_name) in (" ~ names | join(', ') ~ ")"
        ~ " group by all") -%}
    {%- set built = {} -%}
    {%- for row in rows -%}
        {%- do built.setdefault(row[0], {}) -%}
        {%- if row[1] is not none -%}
            {%- do built[row[0]].update({row[1]: row[2]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(built) }}
{% endmacro %}
