"""One module per site; each exposes ``SITE``. The registry (scrapers.registry) collects them."""
