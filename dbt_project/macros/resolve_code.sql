{#
    Resolution of a code read by the extractor against a dimension that was left-joined:
    null stays null (the contract gives null a meaning, e.g. "whole country" or "all partners"),
    a code found in the dimension is kept, and a code the dimension does not know becomes the
    explicit unknown member, so relationships hold.
#}
{% macro resolve_code(raw_code, matched_code, unknown_code) -%}
    case
        when {{ raw_code }} is null then null
        when {{ matched_code }} is null then '{{ unknown_code }}'
        else {{ matched_code }}
    end
{%- endmacro %}

{% macro unknown_country_code() -%}ZZ{%- endmacro %}

{% macro unknown_locality_code() -%}ZZ-X-UNKNOWN{%- endmacro %}
