{#
    Building blocks of event deduplication, shared by int_event_mentions__clustered (which clusters)
    and int_event_mentions__recluster_scope (which decides which mentions a refresh must cluster again).

    event_mention_shapes: what the rule compares, per mention of `mentions` (shaped like
    int_event_mentions__resolved) with the participant sets from `participants` (shaped like
    int_event_participants__resolved): dates, precision, participant sets (sorted), the identity key the event id
    hashes, the signature key (equal for dated mentions compatible with exactly the same mentions) and
    report_order, the order of reports (publication time, article, offset, mention id) within `mentions`: a rank
    (report_order='rank'), or a comparable key (report_order='key', event_report_key) where only order matters.

    event_signatures: one row per signature of `shaped` (its dated mentions with equal dates and participant
    sets, compatible with exactly the same mentions: pairs are computed once per signature), with its first
    member in report order.

    event_blocking_keys: the exact blocks of dated signatures (type group, calendar month, foreign country,
    Vietnamese place): two compatible dated signatures always share one (see the clustered model).

    event_compatible_pairs: every pair (mention_id, other_id) of distinct compatible mentions of `shaped`
    whose first mention is listed in `seeds` (a relation with a mention_id column); `signatures` and
    `blocks` are the signatures of `shaped` and their blocking keys.
#}
{% macro event_mention_shapes(mentions, participants, report_order='rank') -%}
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.type_group,
        mentions.event_date,
        mentions.event_date_precision,
        coalesce(mentions.event_end_date, mentions.event_date) as event_last_date,
        coalesce(participant_sets.foreign_countries, []) as foreign_countries,
        coalesce(participant_sets.foreign_places, []) as foreign_places,
        coalesce(participant_sets.vn_places, []) as vn_places,
        concat_ws(
            '|',
            mentions.article_id,
            mentions.type_group,
            coalesce(mentions.event_date::varchar, '-'),
            coalesce(mentions.event_date_precision, '-'),
            array_to_string(list_sort(coalesce(participant_sets.foreign_countries, [])), ','),
            array_to_string(list_sort(coalesce(participant_sets.foreign_places, [])), ','),
            array_to_string(list_sort(coalesce(participant_sets.vn_places, [])), ',')
        ) as identity_key,
        case
            when mentions.event_date is not null
                then concat_ws(
                    '|',
                    mentions.type_group,
                    mentions.event_date::varchar,
                    coalesce(mentions.event_end_date, mentions.event_date)::varchar,
                    mentions.event_date_precision,
                    array_to_string(list_sort(coalesce(participant_sets.foreign_countries, [])), ','),
                    array_to_string(list_sort(coalesce(participant_sets.foreign_places, [])), ','),
                    array_to_string(list_sort(coalesce(participant_sets.vn_places, [])), ',')
                )
        end as signature_key,
        {{ event_precision_rank('mentions.event_date_precision') }} as precision_rank,
        {% if report_order == 'key' -%}
            {{ event_report_key('mentions') }}
        {%- else -%}
            row_number() over (
                order by
                    mentions.published_at asc nulls last,
                    mentions.article_id asc,
                    mentions.char_start asc,
                    mentions.mention_id asc
            )
        {%- endif %} as report_order
    from {{ mentions }} as mentions
    left join (
        select
            mention_id,
            list_sort(list_distinct(
                list(country_code) filter (
                    where side = 'foreign' and country_code != '{{ unknown_country_code() }}'
                )
            )) as foreign_countries,
            list_sort(
                list_distinct(list(place_match_key) filter (where side = 'foreign' and place_match_key is not null))
            ) as foreign_places,
            list_sort(
                list_distinct(list(place_match_key) filter (where side = 'vn' and place_match_key is not null))
            ) as vn_places
        from {{ participants }}
        group by mention_id
    ) as participant_sets
        on mentions.mention_id = participant_sets.mention_id
{%- endmacro %}

{#
    event_shapes_reusing_built: event_mention_shapes of `mentions` (report_order as a key), read from `built` (the
    clustered table, which keeps what the rule compared) for the mentions whose built row is current (same change
    batch), computed with `participants` for the others only.
#}
{% macro event_shapes_reusing_built(mentions, built, participants) -%}
    with

    current_built as materialized (
        select built.*
        from {{ built }} as built
        semi join {{ mentions }} as mentions
            on built.mention_id = mentions.mention_id and built.change_batch = mentions.change_batch
    ),

    unshaped as materialized (
        select mentions.*
        from {{ mentions }} as mentions
        anti join current_built
            on mentions.mention_id = current_built.mention_id
    ),

    unshaped_participants as (
        select participants.*
        from {{ participants }} as participants
        semi join unshaped
            on participants.mention_id = unshaped.mention_id
    )

    select
        current_built.mention_id,
        current_built.article_id,
        current_built.type_group,
        current_built.event_date,
        current_built.event_date_precision,
        coalesce(current_built.event_end_date, current_built.event_date) as event_last_date,
        current_built.foreign_countries,
        current_built.foreign_places,
        current_built.vn_places,
        current_built.identity_key,
        current_built.signature_key,
        {{ event_precision_rank('current_built.event_date_precision') }} as precision_rank,
        {{ event_report_key('current_built') }} as report_order
    from current_built
    union all by name
    select * from ({{ event_mention_shapes('unshaped', 'unshaped_participants', report_order='key') }})
{%- endmacro %}

{# The rank of a date precision: 1 day, 2 month, 3 year, 4 none (the finer, the lower). #}
{% macro event_precision_rank(precision) -%}
    case {{ precision }} when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end
{%- endmacro %}

{#
    The order of reports as one comparable value per mention (publication time, article, offset, mention id; no
    publication time last): what the rank report_order numbers, for a set of mentions that is not ranked as one.
#}
{% macro event_report_key(alias) -%}
    struct_pack(
        published_at := coalesce({{ alias }}.published_at, 'infinity'::timestamptz),
        article_id := {{ alias }}.article_id,
        char_start := coalesce({{ alias }}.char_start, 2147483647),
        mention_id := {{ alias }}.mention_id
    )
{%- endmacro %}

{% macro event_signatures(shaped) -%}
    select
        signature_key,
        any_value(type_group) as type_group,
        any_value(event_date) as event_date,
        any_value(event_last_date) as event_last_date,
        any_value(event_date_precision) as event_date_precision,
        any_value(precision_rank) as precision_rank,
        any_value(foreign_countries) as foreign_countries,
        any_value(foreign_places) as foreign_places,
        any_value(vn_places) as vn_places,
        arg_min(mention_id, report_order) as first_member_id,
        min(report_order) as first_report_order
    from {{ shaped }}
    where signature_key is not null
    group by signature_key
{%- endmacro %}

{% macro event_blocking_keys(signatures) -%}
    select
        signature_key,
        type_group,
        block_month,
        block_country,
        unnest(case when len(vn_places) = 0 then ['-'] else vn_places end) as block_place
    from (
        select
            signature_key,
            type_group,
            vn_places,
            block_month,
            unnest(case when len(foreign_countries) = 0 then ['-'] else foreign_countries end) as block_country
        from (
            -- the calendar months a dated mention can match in: its month(s), or all months of its year
            select
                signature_key,
                type_group,
                foreign_countries,
                vn_places,
                unnest(
                    case
                        when event_date_precision = 'year'
                            then generate_series(
                                date_trunc('year', event_date)::timestamp,
                                date_trunc('year', event_date)::timestamp + interval 11 month,
                                interval 1 month
                            )
                        else generate_series(
                            date_trunc('month', event_date)::timestamp,
                            least(
                                date_trunc('month', event_last_date)::timestamp,
                                date_trunc('month', event_date)::timestamp + interval 11 month
                            ),
                            interval 1 month
                        )
                    end
                ) as block_month
            from {{ signatures }}
        ) as block_months
    ) as block_countries
{%- endmacro %}

{% macro event_compatible_pairs(seeds, shaped, signatures, blocks) -%}
    with

    seed_mentions as materialized (
        select seed_mention.*
        from {{ shaped }} as seed_mention
        where seed_mention.mention_id in (select seed.mention_id from {{ seeds }} as seed)
    ),

    compatible_signatures as materialized (
        {{ event_compatible_signatures('seed_mentions', signatures, blocks) }}
    )

    select
        seed_mentions.mention_id,
        other_mention.mention_id as other_id
    from seed_mentions
    inner join compatible_signatures
        on seed_mentions.signature_key = compatible_signatures.signature_key
    inner join {{ shaped }} as other_mention
        on compatible_signatures.other_key = other_mention.signature_key
    where seed_mentions.mention_id != other_mention.mention_id
    union
    {{ event_same_article_pairs('seed_mentions', shaped) }}
{%- endmacro %}

{#
    event_compatible_signatures: the pairs (signature_key, other_key) of compatible dated signatures whose first
    signature is one of `seed_mentions` (mentions of `shaped`, with their signature_key); the dated pairs of
    event_compatible_pairs before they are spread over the mentions of each signature.
#}
{% macro event_compatible_signatures(seed_mentions, signatures, blocks) -%}
    -- each step materialized, as in the clustered model: inlined, the optimizer joins all signatures of a
    -- type group with each other before it applies the blocks
    with

    seed_blocks as materialized (
        select seed_block.*
        from {{ blocks }} as seed_block
        where seed_block.signature_key in (select seed.signature_key from {{ seed_mentions }} as seed)
    ),

    candidate_pairs as materialized (
        select distinct
            seed_blocks.signature_key,
            other_block.signature_key as other_key
        from seed_blocks
        inner join {{ blocks }} as other_block
            on
                seed_blocks.type_group = other_block.type_group
                and seed_blocks.block_month = other_block.block_month
                and seed_blocks.block_country = other_block.block_country
                and seed_blocks.block_place = other_block.block_place
    ),

    candidate_signatures as materialized (
        select
            candidate_pairs.other_key,
            seed_sig.*
        from candidate_pairs
        inner join {{ signatures }} as seed_sig
            on candidate_pairs.signature_key = seed_sig.signature_key
    )

    select
        seed_sig.signature_key,
        other_sig.signature_key as other_key
    from candidate_signatures as seed_sig
    inner join {{ signatures }} as other_sig
        on seed_sig.other_key = other_sig.signature_key
    where {{ events_compatible('seed_sig', 'other_sig', both_dated=true) }}
{%- endmacro %}

{# event_same_article_pairs: compatible pairs within one article (the only pairs of undated mentions). #}
{% macro event_same_article_pairs(seed_mentions, shaped) -%}
    select
        seed_mentions.mention_id,
        other_mention.mention_id as other_id
    from {{ seed_mentions }} as seed_mentions
    inner join {{ shaped }} as other_mention
        on
            seed_mentions.article_id = other_mention.article_id
            and seed_mentions.type_group = other_mention.type_group
            and seed_mentions.mention_id != other_mention.mention_id
    where {{ events_compatible('seed_mentions', 'other_mention') }}
{%- endmacro %}

{#
    The events an incremental run of an event mart must rewrite: the events (as clustered now) of the
    mentions int_event_mentions__recluster_scope listed. Every other event kept its mentions and id.
    Events that no longer exist are deleted by the marts' post-hook (delete_vanished_facts on event_id).
#}
{% macro reclustered_event_ids() -%}
    select reclustered.event_id
    from {{ ref('int_event_mentions__clustered') }} as reclustered
    where reclustered.mention_id in (
        select scope.mention_id from {{ ref('int_event_mentions__recluster_scope') }} as scope
    )
{%- endmacro %}

{#
    The column names of a model's table as built by an earlier run in this model's schema (empty when
    there is none): lets a model read the state another model left without a ref (which would be a cycle).
    Outside dbt (sqlfluff's templater has no adapter) it returns no columns.
#}
{% macro built_columns(identifier) -%}
    {%- if adapter is not defined -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set relation = adapter.get_relation(database=this.database, schema=this.schema, identifier=identifier) -%}
    {%- if relation is none -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(adapter.get_columns_in_relation(relation) | map(attribute='name') | list) }}
{%- endmacro %}

{#
    Whether the clustered table as built keeps what a refresh reads from it: parent links, change batches and the
    shapes the rule compared (an older table is clustered again in full).
#}
{% macro clustered_keeps_links_and_shapes() -%}
    {%- set kept = built_columns('int_event_mentions__clustered') -%}
    {%- set needed = ['parent_mention_id', 'change_batch', 'signature_key', 'foreign_countries', 'foreign_places',
                      'vn_places', 'report_key'] -%}
    {{ return(needed | reject('in', kept) | list | length == 0) }}
{%- endmacro %}

{#
    changed_mention_share: the share of `mentions` (int_event_mentions__resolved) whose change batch is above the
    built clustered table's. When a gazetteer, seed or model change has changed most articles, the recluster scope
    lists every mention: finding the pairs of most mentions one by one costs far more than clustering them all
    (measured at 100k articles: 133 s against 4 s).
#}
{% macro changed_mention_share(mentions, clustered_identifier) -%}
    {%- if not execute -%}
        {{ return(0) }}
    {%- endif -%}
    {%- set clustered = this.database ~ "." ~ this.schema ~ "." ~ clustered_identifier -%}
    {%- set rows = run_query(
        "select count(*) filter (where " ~ above_watermark('change_batch', clustered) ~ ") / greatest(count(*), 1)"
        ~ " from " ~ mentions) -%}
    {{ return(rows.columns[0].values()[0]) }}
{%- endmacro %}
