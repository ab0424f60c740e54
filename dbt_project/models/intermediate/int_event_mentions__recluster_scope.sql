{#
    The work list of one refresh of the event chain: the current event mentions that
    int_event_mentions__clustered must cluster again; every other mention keeps its row (event id,
    first mention, report key, parent), and the event marts rewrite only the events of these
    mentions. A full build (no clustered table yet, --full-refresh, a table built before the clustering
    stored what a refresh reads: clustered_keeps_links_and_shapes, or more than a share of the mentions changed: var
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
    Peers in other articles count only by their OLD events, so they are read per signature (peer_events), never
    spread over mention pairs (an event reported hundreds of times would give every changed mention hundreds).
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

    changed_mentions as materialized (
        select shaped.*
        from shaped
        where shaped.mention_id in (select changed.mention_id from changed)
    ),

    changed_signature_pairs as materialized (
        {{ event_compatible_signatures('changed_mentions', 'signatures', 'blocks') }}
    ),

    changed_pairs as materialized (
        -- every current mention compatible with a new or changed one, but the dated ones of the same
        -- precision in another article: those count only by their events (peer_events)
        select
            changed_mention.mention_id,
            changed_mention.article_id,
            changed_mention.precision_rank,
            changed_mention.report_order,
            compatible_mention.mention_id as other_id,
            compatible_mention.article_id as other_article_id,
            compatible_mention.precision_rank as other_precision_rank
        from (
            select
                changed_mentions.mention_id,
                other_mention.mention_id as other_id
            from changed_mentions
            inner join changed_signature_pairs
                on changed_mentions.signature_key = changed_signature_pairs.signature_key
            inner join shaped as other_mention
                on changed_signature_pairs.other_key = other_mention.signature_key
            where
                changed_mentions.mention_id != other_mention.mention_id
                and changed_mentions.precision_rank != other_mention.precision_rank
            union
            {{ event_same_article_pairs('changed_mentions', 'shaped') }}
        ) as pairs
        inner join changed_mentions as changed_mention
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

    linking_peers as (
        -- changed mentions that link to their compatible peers (same precision): every day-precision one,
        -- a vaguer one only without a finer compatible mention
        select changed_mentions.mention_id
        from changed_mentions
        where
            changed_mentions.precision_rank = 1
            or changed_mentions.mention_id not in (select changed_parents.mention_id from changed_parents)
    ),

    changed_links as (
        -- the other ends of the links of new and changed mentions: their parent, their peers in the same
        -- article (peers elsewhere: peer_events), their children (relinked)
        select parent_id as mention_id
        from changed_parents
        where preference = 1
        union
        select other_id as mention_id
        from changed_pairs
        where
            other_precision_rank = precision_rank
            and mention_id in (select linking_peers.mention_id from linking_peers)
    ),

    peer_events as materialized (
        -- the OLD events of the dated peers of linking changed mentions, read per signature: a built row
        -- whose mention is unchanged has the signature it has now; the events of the other built rows
        -- (mentions gone or of changed articles) are in the scope anyway (VANISHED)
        select distinct peer.event_id
        from changed_mentions
        inner join changed_signature_pairs
            on changed_mentions.signature_key = changed_signature_pairs.signature_key
        inner join signatures as peer_signature
            on
                changed_signature_pairs.other_key = peer_signature.signature_key
                and changed_mentions.precision_rank = peer_signature.precision_rank
        inner join built as peer
            on changed_signature_pairs.other_key = peer.signature_key
        where changed_mentions.mention_id in (select linking_peers.mention_id from linking_peers)
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
            (
                built.event_id in (
                    select touched_event.event_id
                    from built as touched_event
                    where touched_event.mention_id in (select touched.mention_id from touched)
                )
                or built.event_id in (select peer_events.event_id from peer_events)
            )
            and built.mention_id in (select mentions.mention_id from mentions)
    )

{% endif %}

select * from final
