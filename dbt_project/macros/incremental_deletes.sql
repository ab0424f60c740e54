{#
    delete_vanished_facts (post-hook): delete+insert only deletes keys that still have rows to insert, so rows
    whose key vanished from the current relation (a mention gone on re-extraction, an event merged away) are
    removed here. The article-keyed facts use change batches instead (macros/change_batches.sql).
#}
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
