"""Helpers for the extraction tests: run the extractor on one written sentence or paragraph."""
from __future__ import annotations

from datetime import date

import pytest

from extraction import extract_article


@pytest.fixture
def extract():
    def run(body: str, published: date | None = date(2024, 6, 15), title: str | None = None):
        return extract_article(title, None, body, published)
    return run
