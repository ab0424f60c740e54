{#
    Helpers for the per-article incremental facts (delete+insert on article_id).

    changed_article_ids: the articles whose fact keys differ between the freshly computed rows
    (a CTE of the model) and the table as built, in either direction: new or re-extracted
    articles, articles whose facts changed version or id, and articles whose facts vanished.
    Only these articles are transformed and rewritten.

    delete_vanished_facts (post-hook): delete+insert only deletes articles that still have rows
    to insert, so facts of an article that now has none (re-extracted with fewer facts, or marked
    irrelevant) are removed here.
#}
{% macro changed_article_ids(current_cte, compared_columns) -%}
    {%- set column_list = compared_columns | join(', ') -%}
    select fresh_minus_built.article_id
    from (
        select {{ column_list }} from {{ current_cte }}
        except
        select {{ column_list }} from {{ this }}
    ) as fresh_minus_built
    union
    select built_minus_fresh.article_id
    from (
        select {{ column_list }} from {{ this }}
        except
        select {{ column_list }} from {{ current_cte }}
    ) as built_minus_fresh
{%- endmacro %}

{% macro delete_vanished_facts(id_column, current_relation, current_id_column) -%}
    delete from {{ this }}
    where {{ id_column }} not in (select {{ current_id_column }} from {{ current_relation }})
{%- endmacro %}

{#
    incremental_by_event_config: the config of the event marts that a refresh rewrites per event
    (fct_cooperation_events and the two bridges): delete+insert on event_id, vanished events deleted.
#}
{% macro incremental_by_event_config() -%}
    {{ return({
        'materialized': 'incremental',
        'unique_key': 'event_id',
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'append_new_columns',
        'post_hook': "{{ delete_vanished_facts('event_id', ref('int_event_mentions__clustered'), 'event_id') }}",
    }) }}
{%- endmacro %}
