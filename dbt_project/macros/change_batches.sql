{#
    Change batches: how a refresh finds its work without comparing every row it built with every row it would build.

    int_articles__fact_scope keeps one row per in-scope article with its content_key (the article's publication
    fields, its extraction, the ids and versions of its raw mentions, the reference data and the project's models and
    seeds) and change_batch, the build in which that key last changed. Batches are epoch milliseconds of the build,
    kept above the previous batch, so they only grow, also across a --full-refresh of the scope alone.

    An article-keyed incremental model (incremental_by_change_batch_config) stores the change_batch of the rows it
    writes, which is its watermark: a refresh transforms the articles whose batch is above the model's highest
    (above_watermark), appends their rows, and its post-hook deletes the rows whose (article, batch) is no longer
    the scope's: the old rows of re-extracted articles and the rows of articles that left the scope. Every batch
    above the watermark has no rows in the table (the watermark is their maximum), so appending never duplicates;
    a failed build rolls back, and the next one finds the same articles again.

    Not covered by the content key: an edit of a macro (e.g. the clustering rule) or of raw mention fields in place
    (the extractor rewrites an article's mentions together with its extraction row). Run `dbt build --full-refresh`
    after such a change.
#}

{# The articles facts are built from (see int_articles__fact_scope), also read by its post-hook. #}
{% macro fact_scope_articles() -%}
    select
        articles.article_id,
        articles.source,
        articles.published_at,
        articles.is_relevant,
        extractions.extractor_version,
        extractions.extracted_at
    from {{ ref('stg_raw__articles') }} as articles
    inner join {{ ref('stg_raw__extractions') }} as extractions
        on articles.article_id = extractions.article_id
    where articles.is_relevant is distinct from false
{%- endmacro %}

{% macro new_change_batch() -%}
    {%- if is_incremental() -%}
        greatest(epoch_ms(now()), (select coalesce(max(change_batch), 0) + 1 from {{ this }}))
    {%- else -%}
        epoch_ms(now())
    {%- endif -%}
{%- endmacro %}

{# The file checksums of the project's models and seeds, so a changed model or seed reprocesses every article. #}
{% macro project_checksums() -%}
    {%- set parts = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | sort(attribute='unique_id')
                if node.resource_type in ('model', 'seed') -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- parts | join(';') -}}
{%- endmacro %}

{#
    Rows of changed articles: their change batch is above the highest `built` (this model by default) holds, or
    the highest of its rows that match `built_rows` (a condition on `built`) when given.
#}
{% macro above_watermark(batch_column, built=this, built_rows=none) -%}
    {{ batch_column }} > (
        select coalesce(max(built.change_batch), -1) from {{ built }} as built
        {%- if built_rows %} where {{ built_rows }}{% endif -%}
    )
{%- endmacro %}

{% macro delete_superseded_rows(scope) -%}
    delete from {{ this }} as built
    where not exists (
        select 1
        from {{ scope }} as scope
        where scope.article_id = built.article_id and scope.change_batch = built.change_batch
    )
{%- endmacro %}

{% macro incremental_by_change_batch_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'append_new_columns',
        'post_hook': "{{ delete_superseded_rows(ref('int_articles__fact_scope')) }}",
    }) }}
{%- endmacro %}
