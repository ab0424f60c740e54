{#
    The compatibility rule of event deduplication (see int_event_mentions__clustered) between two
    relations exposing type_group, event_date, event_last_date, event_date_precision, foreign_countries,
    foreign_places, vn_places and article_id (read only when a date may be missing: an undated mention
    is compatible with mentions of its own article only; both_dated=true leaves that branch out).
#}
{% macro events_compatible(this, other, both_dated=false) -%}
    {{ this }}.type_group = {{ other }}.type_group
    and case
    {%- if not both_dated %}
        when {{ this }}.event_date is null or {{ other }}.event_date is null
            then {{ this }}.article_id = {{ other }}.article_id
    {%- endif %}
        when 'year' in ({{ this }}.event_date_precision, {{ other }}.event_date_precision)
            then year({{ this }}.event_date) = year({{ other }}.event_date)
        when 'month' in ({{ this }}.event_date_precision, {{ other }}.event_date_precision)
            then date_trunc('month', {{ this }}.event_date) = date_trunc('month', {{ other }}.event_date)
        else
            {{ this }}.event_date <= {{ other }}.event_last_date
            and {{ other }}.event_date <= {{ this }}.event_last_date
    end
    and (
        list_has_any({{ this }}.foreign_countries, {{ other }}.foreign_countries)
        or (len({{ this }}.foreign_countries) = 0 and len({{ other }}.foreign_countries) = 0)
    )
    and (
        len({{ this }}.foreign_places) = 0
        or len({{ other }}.foreign_places) = 0
        or list_has_any({{ this }}.foreign_places, {{ other }}.foreign_places)
    )
    and (
        list_has_any({{ this }}.vn_places, {{ other }}.vn_places)
        or (len({{ this }}.vn_places) = 0 and len({{ other }}.vn_places) = 0)
    )
{%- endmacro %}
