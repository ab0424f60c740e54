{#
    The incremental fact tables must hold exactly the current in-scope mentions: any id missing from
    a table or left over in it (a stale row) is returned and fails the build.
#}
{{ config(meta={"dagster": {"ref": {"name": "fct_trade_flows"}}}) }}

with

trade_expected as (
    select trade_flow_id as fact_id from {{ ref('int_trade_mentions__resolved') }}
),

trade_built as (
    select trade_flow_id as fact_id from {{ ref('fct_trade_flows') }}
),

investment_expected as (
    select investment_id as fact_id from {{ ref('int_investment_mentions__resolved') }}
),

investment_built as (
    select investment_id as fact_id from {{ ref('fct_investments') }}
),

event_expected as (
    select
        arg_min(mention_id, report_key) as fact_id,
        event_id
    from {{ ref('int_event_mentions__clustered') }}
    group by event_id, article_id
),

event_built as (
    select
        event_mention_id as fact_id,
        event_id
    from {{ ref('fct_event_mentions') }}
),

trade_missing as (
    select fact_id from trade_expected
    except
    select fact_id from trade_built
),

trade_stale as (
    select fact_id from trade_built
    except
    select fact_id from trade_expected
),

investment_missing as (
    select fact_id from investment_expected
    except
    select fact_id from investment_built
),

investment_stale as (
    select fact_id from investment_built
    except
    select fact_id from investment_expected
),

event_missing as (
    select
        fact_id,
        event_id
    from event_expected
    except
    select
        fact_id,
        event_id
    from event_built
),

event_stale as (
    select
        fact_id,
        event_id
    from event_built
    except
    select
        fact_id,
        event_id
    from event_expected
),

differences as (
    select
        'fct_trade_flows' as table_name,
        'missing' as problem,
        fact_id
    from trade_missing
    union all
    select
        'fct_trade_flows' as table_name,
        'stale' as problem,
        fact_id
    from trade_stale
    union all
    select
        'fct_investments' as table_name,
        'missing' as problem,
        fact_id
    from investment_missing
    union all
    select
        'fct_investments' as table_name,
        'stale' as problem,
        fact_id
    from investment_stale
    union all
    select
        'fct_event_mentions' as table_name,
        'missing' as problem,
        fact_id
    from event_missing
    union all
    select
        'fct_event_mentions' as table_name,
        'stale' as problem,
        fact_id
    from event_stale
),

final as (
    select * from differences
)

select * from final
