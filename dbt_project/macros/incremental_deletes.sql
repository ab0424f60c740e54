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
    (fct_cooperation_events, fct_event_mentions and the two bridges): the rows of each selected event replace the
    built ones, writing only those that changed (rewrite_changed); vanished events deleted.
#}
{% macro incremental_by_event_config() -%}
    {{ return({
        'materialized': 'incremental',
        'unique_key': 'event_id',
        'incremental_strategy': 'rewrite_changed',
        'on_schema_change': 'append_new_columns',
        'post_hook': "{{ delete_vanished_facts('event_id', ref('int_event_mentions__clustered'), 'event_id') }}",
    }) }}
{%- endmacro %}

{#
    delete_superseded_activities (post-hook of rpt_locality_activity): rows whose activity (event, trade or
    investment figure) is gone or was rewritten with a newer change batch.
#}
{% macro delete_superseded_activities() -%}
    delete from {{ this }} as built
    where not exists (
        select 1
        from (
            select 'event' as activity_kind, event_id as activity_id, change_batch
            from {{ ref('fct_cooperation_events') }}
            union all
            select 'trade' as activity_kind, trade_flow_id as activity_id, change_batch
            from {{ ref('fct_trade_flows') }}
            union all
            select 'investment' as activity_kind, investment_id as activity_id, change_batch
            from {{ ref('fct_investments') }}
        ) as current_activities
        where
            current_activities.activity_kind = built.activity_kind
            and current_activities.activity_id = built.activity_id
            and current_activities.change_batch = built.change_batch
    )
{%- endmacro %}
