{{ config(materialized='view') }}

with

mentions as (
    select * from {{ ref('stg_raw__trade_mentions') }}
),

scope as (
    select * from {{ ref('int_articles__fact_scope') }}
),

countries as (
    select country_code from {{ ref('stg_raw__ref_countries') }}
),

localities as (
    select locality_code from {{ ref('stg_raw__ref_localities') }}
),

current_mentions as (
    select
        mentions.*,
        scope.change_batch
    from mentions
    inner join scope
        on
            mentions.article_id = scope.article_id
            and mentions.extractor_version = scope.extractor_version
),

resolved as (
    select
        current_mentions.mention_id as trade_flow_id,
        current_mentions.article_id,
        coalesce(reporter_country.country_code, '{{ unknown_country_code() }}') as reporter_country_code,
        {{ resolve_code('current_mentions.reporter_locality_code', 'reporter_locality.locality_code',
                        unknown_locality_code()) }} as reporter_locality_code,
        current_mentions.reporter_locality_name,
        {{ resolve_code('current_mentions.partner_country_code', 'partner_country.country_code',
                        unknown_country_code()) }} as partner_country_code,
        {{ resolve_code('current_mentions.partner_locality_code', 'partner_locality.locality_code',
                        unknown_locality_code()) }} as partner_locality_code,
        current_mentions.partner_locality_name,
        current_mentions.flow,
        current_mentions.value,
        current_mentions.currency,
        current_mentions.value_usd,
        current_mentions.value_qualifier,
        current_mentions.period_year,
        current_mentions.period_month_from,
        current_mentions.period_month_to,
        current_mentions.change_pct,
        current_mentions.evidence,
        current_mentions.extractor_version,
        current_mentions.change_batch
    from current_mentions
    left join countries as reporter_country
        on current_mentions.reporter_country_code = reporter_country.country_code
    left join countries as partner_country
        on current_mentions.partner_country_code = partner_country.country_code
    left join localities as reporter_locality
        on current_mentions.reporter_locality_code = reporter_locality.locality_code
    left join localities as partner_locality
        on current_mentions.partner_locality_code = partner_locality.locality_code
),

final as (
    select * from resolved
)

select * from final
