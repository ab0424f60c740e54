{{ config(materialized='view') }}

with

mentions as (
    select * from {{ ref('stg_raw__investment_mentions') }}
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
        current_mentions.mention_id as investment_id,
        current_mentions.article_id,
        {{ resolve_code('current_mentions.investor_country_code', 'investor_country.country_code',
                        unknown_country_code()) }} as investor_country_code,
        {{ resolve_code('current_mentions.investor_locality_code', 'investor_locality.locality_code',
                        unknown_locality_code()) }} as investor_locality_code,
        current_mentions.investor_locality_name,
        coalesce(host_country.country_code, '{{ unknown_country_code() }}') as host_country_code,
        {{ resolve_code('current_mentions.host_locality_code', 'host_locality.locality_code',
                        unknown_locality_code()) }} as host_locality_code,
        current_mentions.host_locality_name,
        current_mentions.project_count,
        current_mentions.project_count_qualifier,
        current_mentions.capital,
        current_mentions.currency,
        current_mentions.capital_usd,
        current_mentions.capital_qualifier,
        current_mentions.capital_kind,
        current_mentions.as_of_date,
        current_mentions.rank,
        current_mentions.evidence,
        current_mentions.extractor_version,
        current_mentions.change_batch
    from current_mentions
    left join countries as investor_country
        on current_mentions.investor_country_code = investor_country.country_code
    left join countries as host_country
        on current_mentions.host_country_code = host_country.country_code
    left join localities as investor_locality
        on current_mentions.investor_locality_code = investor_locality.locality_code
    left join localities as host_locality
        on current_mentions.host_locality_code = host_locality.locality_code
),

final as (
    select * from resolved
)

select * from final
