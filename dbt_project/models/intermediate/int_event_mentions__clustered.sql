{#
    Event deduplication. Two current mentions are COMPATIBLE when all hold:
      1. same type group (seed_event_types.type_group: forum, meeting, agreement, other);
      2. compatible dates, compared at the coarser precision of the two:
         year  -> same year; month -> same year and month;
         day   -> the day ranges [event_date, event_end_date] overlap (no tolerance);
         a mention without a date is only compatible with mentions of the same article;
      3. overlapping participants:
         the foreign country sets intersect (unknown ZZ never counts), or both have none; and
         when both name foreign localities (regions, cities), these intersect too (Moscow and
         St Petersburg are two events even with Russia on both); and
         the Vietnamese locality sets intersect (compared as today's units, so a legacy province
         matches its successor; unresolved places by name), or both have none (national level).
    Candidate pairs are blocked by (type group, calendar month, foreign country, Vietnamese place),
    or come from the same article, so the comparison grows with block sizes, not with the square of
    all mentions. The blocks are implied by the rule (a day range spanning at most 12 months).
    Compatible mentions are linked without letting a vague mention bridge two precise events
    (a "May 2024" mention is compatible with both 9 May and 18 May):
      - peer links join compatible mentions of the same precision: day with day, and vaguer
        mentions (month, year, undated) with each other only when neither has a more precise
        compatible mention;
      - a parent link joins each vaguer mention to exactly ONE compatible mention of finer
        precision: from the same article first, then the most precise, then the first reported.
    Events are the connected components of these links. The event id hashes the identity key of the
    component's first mention (ordered by the article's publication time, article id, offset, mention
    id): article id, type group, date and precision, foreign countries and places, Vietnamese places. It is
    stable across rebuilds and across re-extractions that read the same facts (even if mention ids
    change); it changes when an earlier report of the event arrives or two events merge. Two clusters
    cannot share a key: mentions with equal keys are always compatible, hence in one cluster.
#}
with

mentions as (
    select * from {{ ref('int_event_mentions__resolved') }}
),

participants as (
    select * from {{ ref('int_event_participants__resolved') }}
),

participant_sets as (
    select
        mention_id,
        list_distinct(
            list(country_code) filter (where side = 'foreign' and country_code != '{{ unknown_country_code() }}')
        ) as foreign_countries,
        list_distinct(list(place_match_key) filter (where side = 'foreign' and place_match_key is not null))
            as foreign_places,
        list_distinct(list(place_match_key) filter (where side = 'vn' and place_match_key is not null))
            as vn_places
    from participants
    group by mention_id
),

shaped as (
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
        case mentions.event_date_precision
            when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4
        end as precision_rank,
        row_number() over (
            order by
                mentions.published_at asc nulls last,
                mentions.article_id asc,
                mentions.char_start asc,
                mentions.mention_id asc
        ) as report_order
    from mentions
    left join participant_sets
        on mentions.mention_id = participant_sets.mention_id
),

block_months as (
    -- the calendar months a dated mention can match in: its month(s), or all months of its year
    select
        mention_id,
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
    from shaped
    where event_date is not null
),

block_countries as (
    select
        mention_id,
        type_group,
        vn_places,
        block_month,
        unnest(case when len(foreign_countries) = 0 then ['-'] else foreign_countries end) as block_country
    from block_months
),

blocking_keys as (
    -- compatible dated mentions always share type group, a month, a foreign country (or both have none)
    -- and a Vietnamese place (or both have none): the blocks are exact, not a heuristic
    select
        mention_id,
        type_group,
        block_month,
        block_country,
        unnest(case when len(vn_places) = 0 then ['-'] else vn_places end) as block_place
    from block_countries
),

candidate_pairs as (
    select
        this_key.mention_id,
        other_key.mention_id as other_id
    from blocking_keys as this_key
    inner join blocking_keys as other_key
        on
            this_key.type_group = other_key.type_group
            and this_key.block_month = other_key.block_month
            and this_key.block_country = other_key.block_country
            and this_key.block_place = other_key.block_place
            and this_key.mention_id != other_key.mention_id
    union
    -- undated mentions can only match within their own article
    select
        this_mention.mention_id,
        other_mention.mention_id as other_id
    from shaped as this_mention
    inner join shaped as other_mention
        on
            this_mention.article_id = other_mention.article_id
            and this_mention.type_group = other_mention.type_group
            and this_mention.mention_id != other_mention.mention_id
),

compatible_pairs as (
    select
        this_mention.mention_id,
        other_mention.mention_id as other_id,
        this_mention.precision_rank,
        other_mention.precision_rank as other_precision_rank,
        this_mention.article_id = other_mention.article_id as is_same_article,
        other_mention.report_order as other_report_order
    from candidate_pairs
    inner join shaped as this_mention
        on candidate_pairs.mention_id = this_mention.mention_id
    inner join shaped as other_mention
        on candidate_pairs.other_id = other_mention.mention_id
    where
        this_mention.type_group = other_mention.type_group
        and case
            when this_mention.event_date is null or other_mention.event_date is null
                then this_mention.article_id = other_mention.article_id
            when 'year' in (this_mention.event_date_precision, other_mention.event_date_precision)
                then year(this_mention.event_date) = year(other_mention.event_date)
            when 'month' in (this_mention.event_date_precision, other_mention.event_date_precision)
                then date_trunc('month', this_mention.event_date) = date_trunc('month', other_mention.event_date)
            else
                this_mention.event_date <= other_mention.event_last_date
                and other_mention.event_date <= this_mention.event_last_date
        end
        and (
            list_has_any(this_mention.foreign_countries, other_mention.foreign_countries)
            or (len(this_mention.foreign_countries) = 0 and len(other_mention.foreign_countries) = 0)
        )
        and (
            len(this_mention.foreign_places) = 0
            or len(other_mention.foreign_places) = 0
            or list_has_any(this_mention.foreign_places, other_mention.foreign_places)
        )
        and (
            list_has_any(this_mention.vn_places, other_mention.vn_places)
            or (len(this_mention.vn_places) = 0 and len(other_mention.vn_places) = 0)
        )
),

parent_candidates as (
    select
        mention_id,
        other_id as parent_id,
        row_number() over (
            partition by mention_id
            order by is_same_article desc, other_precision_rank asc, other_report_order asc
        ) as preference
    from compatible_pairs
    where other_precision_rank < precision_rank
),

parent_links as (
    select
        mention_id,
        parent_id
    from parent_candidates
    where preference = 1
),

peer_links as (
    select
        compatible_pairs.mention_id,
        compatible_pairs.other_id
    from compatible_pairs
    where
        compatible_pairs.other_precision_rank = compatible_pairs.precision_rank
        and (
            compatible_pairs.precision_rank = 1
            or (
                compatible_pairs.mention_id not in (select parent_links.mention_id from parent_links)
                and compatible_pairs.other_id not in (select parent_links.mention_id from parent_links)
            )
        )
),

same_event_pairs as (
    select
        mention_id as mention_a,
        parent_id as mention_b
    from parent_links
    union
    select
        mention_id as mention_a,
        other_id as mention_b
    from peer_links
),

components as (
    with recursive reach (mention_id, reached_id) as (
        select
            mention_id,
            mention_id as reached_id
        from shaped
        union
        select
            reach.mention_id,
            edges.to_id
        from reach
        inner join (
            select
                mention_a as from_id,
                mention_b as to_id
            from same_event_pairs
            union all
            select
                mention_b as from_id,
                mention_a as to_id
            from same_event_pairs
        ) as edges
            on reach.reached_id = edges.from_id
    )

    select
        reach.mention_id,
        arg_min(reach.reached_id, reached.report_order) as first_mention_id
    from reach
    inner join shaped as reached
        on reach.reached_id = reached.mention_id
    group by reach.mention_id
),

clustered as (
    select
        'ev-' || left(md5(first_mention.identity_key), 16) as event_id,
        components.first_mention_id,
        components.mention_id = components.first_mention_id as is_first_mention,
        shaped.report_order,
        mentions.mention_id,
        mentions.article_id,
        mentions.source,
        mentions.published_at,
        mentions.char_start,
        mentions.evidence,
        mentions.event_date,
        mentions.event_date_precision,
        mentions.event_end_date,
        mentions.event_type,
        mentions.type_group,
        mentions.is_online,
        mentions.location_name,
        mentions.location_country_code,
        mentions.agreement_status,
        mentions.extractor_version
    from components
    inner join mentions
        on components.mention_id = mentions.mention_id
    inner join shaped
        on components.mention_id = shaped.mention_id
    inner join shaped as first_mention
        on components.first_mention_id = first_mention.mention_id
),

final as (
    select * from clustered
)

select * from final
