"""Load the gazetteers' reference data (countries, localities) into raw.ref_* for the dimensions.

The gazetteer shipped with ``extraction`` is the single source of truth: what the extractor can emit is exactly
what the dimensions hold. Reloading replaces both tables in one transaction.
"""
from __future__ import annotations

import duckdb

from warehouse.db import insert_columns

LOCALITY_COLUMNS = ("locality_code", "country_code", "name", "name_ascii", "level", "valid_from", "valid_to",
                    "successor_code", "aliases")
COUNTRY_COLUMNS = ("country_code", "name_vi", "name_en")


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    from extraction.gazetteer import reference_countries, reference_localities

    countries = [[row[c] for c in COUNTRY_COLUMNS] for row in reference_countries()]
    localities = [[row.get(c) for c in LOCALITY_COLUMNS] for row in reference_localities()]
    con.execute("begin transaction")
    try:
        con.execute("delete from raw.ref_countries")
        con.execute("delete from raw.ref_localities")
        insert_columns(con, f"insert into raw.ref_countries ({', '.join(COUNTRY_COLUMNS)})", countries)
        insert_columns(con, f"insert into raw.ref_localities ({', '.join(LOCALITY_COLUMNS)})", localities)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return {"countries": len(countries), "localities": len(localities)}
