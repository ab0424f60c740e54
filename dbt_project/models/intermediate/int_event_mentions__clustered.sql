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
    The rule (macro events_compatible) reads only dates and participant sets, except for undated
    mentions (same article only). So dated mentions with equal SIGNATURES (type group, dates,
    precision, participant sets) are compatible with each other and with exactly the same mentions:
    pairs are computed once per signature, and an event reported by hundreds of articles costs one
    signature, not hundreds squared pairs. Candidate signature pairs are blocked by (type group,
    calendar month, foreign country, Vietnamese place), so the comparison grows with block sizes, not
    with the square of all mentions; the blocks are implied by the rule (a day range spanning at most
    12 months). Pairs within one article are computed per mention (undated mentions, and the
    same-article preference below).
    Compatible mentions are linked without letting a vague mention bridge two precise events
    (a "May 2024" mention is compatible with both 9 May and 18 May):
      - peer links join compatible mentions of the same precision: day with day, and vaguer
        mentions (month, year, undated) with each other only when neither has a more precise
        compatible mention;
      - a parent link joins each vaguer mention to exactly ONE compatible mention of finer
        precision: from the same article first, then the most precise, then the first reported.
    Events are the connected components of these links (members of a linking signature are linked to
    its first member), found by min-label propagation. The event id hashes the identity key of the
    component's first mention (ordered by the article's publication time, article id, offset, mention
    id): article id, type group, date and precision, foreign countries and places, Vietnamese places. It is
    stable across rebuilds and across re-extractions that read the same facts (even if mention ids
    change); it changes when an earlier report of the event arrives or two events merge. Two clusters
    cannot share a key: mentions with equal keys are always compatible, hence in one cluster.
    report_key orders the reports (publication time, article, offset, mention id: event_report_key), a value of the
    mention alone, so a report joining an event does not renumber its other mentions; parent_mention_id is the
    mention's parent.
    The participant sets and signature key the rule compared are kept with each row: a refresh (the scope, then
    the clustering of the scope) reads the shapes of unchanged mentions from here instead of shaping them again.

    Incremental refresh (delete+insert on mention_id; the post-hook deletes vanished mentions). Only the
    mentions listed by int_event_mentions__recluster_scope are clustered again, on their own; the rows
    of all others are kept. Why the result equals a full build. Let G be the graph of links of the rule
    (parent links, peer links between compatible same-precision mentions; its components are the
    events). The links at a mention x depend only on the mentions compatible with x (their dates,
    precision, article, report order) and, for a peer link x-y, on whether x and y have a finer
    compatible mention. So a link can differ between the built graph OLD and the current graph NEW only
    if it touches: a new or changed mention; a mention whose parent changes (a better or first finer
    mention arrived: "relinked"); a mention whose parent vanished ("orphan"); or a vanished mention
    (removing a finer mention that is not x's parent changes nothing at x). The scope computes the
    other ends of every link NEW has at new/changed, relinked and orphan mentions (their parent, their
    compatible peers, for orphans every compatible mention) and takes, for all of these, their WHOLE
    old events. Then (1) the scope is closed under NEW's links: an unchanged link stays inside one old
    event, a changed one has both ends in the scope; so it is a union of NEW components, and each
    mention's parent, peers and "has a finer mention" are the same when computed inside the scope (its
    best finer mention is a linked neighbour, hence inside). (2) An old event outside the scope has no
    changed link and no new link reaching it, so it is a NEW component with the same mentions, first
    mention, report keys and id. The scope can be large when new mentions join very big events (every mention
    of the event is clustered again), never wrong; report order inside the scope is the global order. Of the
    scope's rows, only those that differ from the built ones are written (delete+insert); the others are kept.
#}
{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="{{ delete_vanished_facts('mention_id', ref('int_event_mentions__resolved'), 'mention_id') }}"
    )
}}
-- depends_on: {{ ref('int_event_mentions__recluster_scope') }}
{%- set reuses_built = is_incremental() and clustered_keeps_links_and_shapes() %}

with

mentions as (
    select * from {{ ref('int_event_mentions__resolved') }}
    {% if is_incremental() %}
        where mention_id in (select scope.mention_id from {{ ref('int_event_mentions__recluster_scope') }} as scope)
    {% endif %}
),

participants as (
    select * from {{ ref('int_event_participants__resolved') }}
    {% if is_incremental() %}
        where mention_id in (select scope.mention_id from {{ ref('int_event_mentions__recluster_scope') }} as scope)
    {% endif %}
),

shaped as (
    -- report_key orders the reports (event_report_key); report_order ranks them, the labels of the propagation below
    select
        * replace (row_number() over (order by report_order) as report_order),
        report_order as report_key
    from (
        {% if reuses_built %}
            -- the mentions whose row is current keep what the rule compared
            {{ event_shapes_reusing_built('mentions', this, 'participants') }}
        {% else %}
            {{ event_mention_shapes('mentions', 'participants', report_order='key') }}
        {% endif %}
    )
),

signatures as (
    -- dated mentions with equal dates and participant sets are compatible with exactly the same mentions
    -- (the article only matters for undated ones), so pairs are computed once per signature
    {{ event_signatures('shaped') }}
),

blocking_keys as (
    -- compatible dated mentions always share type group, a month, a foreign country (or both have none)
    -- and a Vietnamese place (or both have none): the blocks are exact, not a heuristic
    {{ event_blocking_keys('signatures') }}
),

signature_candidates as materialized (
    -- materialized: the compatibility test below must run on these candidates only; inlined, the optimizer
    -- turns it into a join of all signatures of a type group with each other
    select distinct
        this_key.signature_key,
        other_key.signature_key as other_key
    from blocking_keys as this_key
    inner join blocking_keys as other_key
        on
            this_key.type_group = other_key.type_group
            and this_key.block_month = other_key.block_month
            and this_key.block_country = other_key.block_country
            and this_key.block_place = other_key.block_place
            and this_key.signature_key != other_key.signature_key
),

candidate_signatures as materialized (
    select
        signature_candidates.other_key,
        this_sig.*
    from signature_candidates
    inner join signatures as this_sig
        on signature_candidates.signature_key = this_sig.signature_key
),

signature_pairs as materialized (
    select
        this_sig.signature_key,
        other_sig.signature_key as other_key,
        this_sig.precision_rank,
        other_sig.precision_rank as other_precision_rank,
        this_sig.first_member_id,
        other_sig.first_member_id as other_first_member_id,
        other_sig.first_report_order as other_first_report_order
    from candidate_signatures as this_sig
    inner join signatures as other_sig
        on this_sig.other_key = other_sig.signature_key
    where {{ events_compatible('this_sig', 'other_sig', both_dated=true) }}
),

article_pairs as (
    -- mentions of one article: the same-article preference of parent links, and undated mentions
    select
        this_mention.mention_id,
        other_mention.mention_id as other_id,
        this_mention.precision_rank,
        other_mention.precision_rank as other_precision_rank,
        other_mention.report_order as other_report_order
    from shaped as this_mention
    inner join shaped as other_mention
        on
            this_mention.article_id = other_mention.article_id
            and this_mention.type_group = other_mention.type_group
            and this_mention.mention_id != other_mention.mention_id
    where {{ events_compatible('this_mention', 'other_mention') }}
),

signature_parents as (
    -- the first-reported mention of the most precise compatible finer signature
    select
        signature_key,
        other_first_member_id as parent_id,
        row_number() over (
            partition by signature_key
            order by other_precision_rank asc, other_first_report_order asc
        ) as preference
    from signature_pairs
    where other_precision_rank < precision_rank
),

article_parents as (
    select
        mention_id,
        other_id as parent_id,
        row_number() over (
            partition by mention_id
            order by other_precision_rank asc, other_report_order asc
        ) as preference
    from article_pairs
    where other_precision_rank < precision_rank
),

parent_links as (
    -- each vaguer mention joins ONE finer compatible mention: from its own article first, then the most
    -- precise, then the first reported
    select
        mention_id,
        parent_id
    from article_parents
    where preference = 1
    union all
    select
        shaped.mention_id,
        signature_parents.parent_id
    from shaped
    inner join signature_parents
        on shaped.signature_key = signature_parents.signature_key
    where
        signature_parents.preference = 1
        and shaped.mention_id not in (select article_parents.mention_id from article_parents)
),

linking_signatures as (
    -- signatures whose members are peers: day precision, or vaguer with no finer compatible mention
    select
        signature_key,
        first_member_id,
        precision_rank
    from signatures
    where
        precision_rank = 1
        or signature_key not in (select signature_parents.signature_key from signature_parents)
),

peer_links as (
    select
        shaped.mention_id,
        linking_signatures.first_member_id as other_id
    from shaped
    inner join linking_signatures
        on shaped.signature_key = linking_signatures.signature_key
    where shaped.mention_id != linking_signatures.first_member_id
    union all
    select
        this_sig.first_member_id as mention_id,
        other_sig.first_member_id as other_id
    from signature_pairs
    inner join linking_signatures as this_sig
        on signature_pairs.signature_key = this_sig.signature_key
    inner join linking_signatures as other_sig
        on signature_pairs.other_key = other_sig.signature_key
    -- the precisions of the pair, not of the two joined sides: given this_sig.precision_rank =
    -- other_sig.precision_rank, the optimizer may join all linking signatures of a precision with each other
    -- first (9.5e9 rows when a refresh reclusters every mention, ~240 s)
    where signature_pairs.precision_rank = signature_pairs.other_precision_rank
    union all
    select
        article_pairs.mention_id,
        article_pairs.other_id
    from article_pairs
    where
        article_pairs.precision_rank = 4
        and article_pairs.other_precision_rank = 4
        and article_pairs.mention_id not in (select parent_links.mention_id from parent_links)
        and article_pairs.other_id not in (select parent_links.mention_id from parent_links)
),

-- read by the recursive CTE below, which sqlfluff cannot parse yet (USING KEY, recurring.)
edges as (  -- noqa: ST03
    select
        mention_id as from_id,
        parent_id as to_id
    from parent_links
    union all
    select
        parent_id as from_id,
        mention_id as to_id
    from parent_links
    union all
    select
        mention_id as from_id,
        other_id as to_id
    from peer_links
    union all
    select
        other_id as from_id,
        mention_id as to_id
    from peer_links
),

components as (
    -- min-label propagation: every mention starts with its own report order as label; each round, only
    -- mentions whose label dropped pass it to their neighbours, which keep it when it is lower than theirs.
    -- One row per mention (USING KEY): the work grows with the links times the component diameter, not
    -- with the square of the component size as a transitive closure would.
    with recursive labels (mention_id, label) using key (mention_id) as (  -- noqa: PRS
        select
            mention_id,
            report_order as label
        from shaped
        union
        (
            select
                edges.to_id as mention_id,
                min(labels.label) as label
            from labels
            inner join edges
                on labels.mention_id = edges.from_id
            inner join recurring.labels as current_labels
                on edges.to_id = current_labels.mention_id
            group by edges.to_id, current_labels.label
            having min(labels.label) < current_labels.label
        )
    )

    select
        labels.mention_id,
        first_mention.mention_id as first_mention_id
    from labels
    inner join shaped as first_mention
        on labels.label = first_mention.report_order
),

clustered as (
    select
        'ev-' || left(md5(first_mention.identity_key), 16) as event_id,
        components.first_mention_id,
        components.mention_id = components.first_mention_id as is_first_mention,
        shaped.report_key,
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
        mentions.extractor_version,
        shaped.identity_key,
        shaped.signature_key,
        shaped.foreign_countries,
        shaped.foreign_places,
        shaped.vn_places,
        parent_links.parent_id as parent_mention_id,
        mentions.change_batch
    from components
    inner join mentions
        on components.mention_id = mentions.mention_id
    inner join shaped
        on components.mention_id = shaped.mention_id
    inner join shaped as first_mention
        on components.first_mention_id = first_mention.mention_id
    left join parent_links
        on components.mention_id = parent_links.mention_id
),

final as (
    select * from clustered
    {% if reuses_built %}
        -- only the rows that differ from the built ones: most of a big event's mentions keep their row when a
        -- report joins it, and rows deleted and written again cost the checkpoint a rewrite of their row groups.
        -- Equal change batches mean equal mention columns and shapes (these are read from the built row), so
        -- the event, first mention, parent and report key are all that can differ.
        where not exists (
            select 1
            from {{ this }} as built
            where
                built.mention_id = clustered.mention_id
                and built.change_batch = clustered.change_batch
                and built.event_id = clustered.event_id
                and built.first_mention_id = clustered.first_mention_id
                and built.parent_mention_id is not distinct from clustered.parent_mention_id
                and built.report_key = clustered.report_key
        )
    {% endif %}
)

select * from final
