{#
    The work list of one refresh of the event chain: the current event mentions that
    int_event_mentions__clustered must cluster again; every other mention keeps its row (event id,
    first mention, rank in its event, parent), and the event marts rewrite only the events of these
    mentions. A full build (no clustered table yet, --full-refresh, a table built before the clustering
    stored parent_mention_id and change_batch, or more than a share of the mentions changed: var
    recluster_all_share, 0.1) lists every mention. Read before the clustering runs: it compares the
    current mentions with the clustered table as built by the previous run (OLD). What the rule compares (dates,
    participant sets, signature) is read from OLD for the mentions whose row there is current, and computed for
    the others only; report order is compared as a key (event_report_key), which orders like the global rank.

    CHANGED  = every mention of an article whose change batch is above OLD's highest (new, re-extracted or
               re-resolved articles, macros/change_batches.sql): a superset of the mentions whose inputs
               differ from OLD, which only widens the scope.
    VANISHED = mentions of OLD that are gone, or of a changed article (OLD's row is not the current one).
    RELINKED = unchanged mentions whose parent link changes: a finer CHANGED mention is compatible and
               beats the OLD parent (same article, precision, report order), or there was none.
    ORPHANS  = unchanged mentions whose OLD parent vanished.
    scope    = CHANGED + the whole OLD events of: RELINKED, ORPHANS, VANISHED, the parent and the
               compatible same-precision peers of every CHANGED mention, every mention compatible with an
               orphan. These are the mentions whose links can change and the other ends of their new links;
               the argument is in the header of int_event_mentions__clustered.
#}
{%- set rebuild_all = not clustered_keeps_links_and_shapes()
    or (flags is defined and flags.FULL_REFRESH)
    or changed_mention_share(ref('int_event_mentions__resolved'), 'int_event_mentions__clustered')
        > var('recluster_all_share', 0.1) %}
-- depends_on: {{ ref('int_event_participants__resolved') }}

with

mentions as (
    select * from {{ ref('int_event_mentions__resolved') }}
),

{% if rebuild_all %}

    final as (
        select mention_id from mentions
    )

{% else %}

    built as (
        select * from {{ this.database }}.{{ this.schema }}.int_event_mentions__clustered
    ),

    shaped as materialized (
        -- what the rule compares, for every current mention; report_order is a key with the order of the ranks
        {{ event_shapes_reusing_built('mentions', 'built', ref('int_event_participants__resolved')) }}
    ),

    changed as materialized (
        -- mentions of articles whose change batch is above the clustered table's (macros/change_batches.sql)
        select mentions.mention_id
        from mentions
        where {{ above_watermark('mentions.change_batch', 'built') }}
    ),

    vanished as materialized (
        -- built rows that are not current as built: mentions gone, and the old rows of changed articles
        select built.mention_id
        from built
        where not exists (
            select 1
            from mentions
            where mentions.mention_id = built.mention_id and mentions.change_batch = built.change_batch
        )
    ),

    signatures as materialized (
        {{ event_signatures('shaped') }}
    ),

    blocks as materialized (
        {{ event_blocking_keys('signatures') }}
    ),

    changed_pairs as materialized (
        -- every current mention compatible with a new or changed one
        select
            changed_mention.mention_id,
            changed_mention.article_id,
            changed_mention.precision_rank,
            changed_mention.report_order,
            compatible_mention.mention_id as other_id,
            compatible_mention.article_id as other_article_id,
            compatible_mention.precision_rank as other_precision_rank
        from ({{ event_compatible_pairs('changed', 'shaped', 'signatures', 'blocks') }}) as pairs
        inner join shaped as changed_mention
            on pairs.mention_id = changed_mention.mention_id
        inner join shaped as compatible_mention
            on pairs.other_id = compatible_mention.mention_id
    ),

    parent_candidates as (
        -- an unchanged vaguer mention compatible with a finer changed one: its parent as built, and
        -- those finer changed mentions, in the order of preference of parent links
        select
            other_id as mention_id,
            mention_id as candidate_id,
            article_id = other_article_id as is_same_article,
            precision_rank,
            report_order
        from changed_pairs
        where
            precision_rank < other_precision_rank
            and other_id not in (select changed.mention_id from changed)
        union all
        select
            built.mention_id,
            built.parent_mention_id as candidate_id,
            built_parent.article_id = built.article_id as is_same_article,
            built_parent.precision_rank,
            built_parent.report_order
        from built
        inner join shaped as built_parent
            on built.parent_mention_id = built_parent.mention_id
        where built.mention_id in (select changed_pairs.other_id from changed_pairs)
    ),

    new_parents as (
        select
            mention_id,
            candidate_id as parent_id,
            row_number() over (
                partition by mention_id
                order by is_same_article desc, precision_rank asc, report_order asc
            ) as preference
        from parent_candidates
    ),

    relinked as (
        -- unchanged mentions whose parent link changes (a better or a first finer mention arrived)
        select new_parents.mention_id
        from new_parents
        inner join built
            on new_parents.mention_id = built.mention_id
        where
            new_parents.preference = 1
            and new_parents.parent_id is distinct from built.parent_mention_id
    ),

    changed_parents as (
        select
            mention_id,
            other_id as parent_id,
            row_number() over (
                partition by mention_id
                order by (article_id = other_article_id) desc, other_precision_rank asc, other_report_order asc
            ) as preference
        from (
            select
                changed_pairs.*,
                other_mention.report_order as other_report_order
            from changed_pairs
            inner join shaped as other_mention
                on changed_pairs.other_id = other_mention.mention_id
            where changed_pairs.other_precision_rank < changed_pairs.precision_rank
        ) as finer_pairs
    ),

    changed_links as (
        -- the other ends of the links of new and changed mentions: their parent, their peers (same
        -- precision; vaguer ones only when the changed mention has no finer one), their children (relinked)
        select parent_id as mention_id
        from changed_parents
        where preference = 1
        union
        select other_id as mention_id
        from changed_pairs
        where
            other_precision_rank = precision_rank
            and (
                precision_rank = 1
                or mention_id not in (select changed_parents.mention_id from changed_parents)
            )
    ),

    orphans as materialized (
        -- unchanged mentions whose parent vanished: they link anew, to any compatible mention
        select built.mention_id
        from built
        where
            built.parent_mention_id in (select vanished.mention_id from vanished)
            and built.mention_id in (select mentions.mention_id from mentions)
            and built.mention_id not in (select changed.mention_id from changed)
    ),

    orphan_links as (
        select orphan_pairs.other_id as mention_id
        from ({{ event_compatible_pairs('orphans', 'shaped', 'signatures', 'blocks') }}) as orphan_pairs
    ),

    touched as materialized (
        select relinked.mention_id from relinked
        union
        select changed_links.mention_id from changed_links
        union
        select orphans.mention_id from orphans
        union
        select orphan_links.mention_id from orphan_links
        union
        select vanished.mention_id from vanished
    ),

    final as (
        select changed.mention_id from changed
        union
        select built.mention_id
        from built
        where
            built.event_id in (
                select touched_event.event_id
                from built as touched_event
                where touched_event.mention_id in (select touched.mention_id from touched)
            )
            and built.mention_id in (select mentions.mention_id from mentions)
    )

{% endif %}

select * from final
