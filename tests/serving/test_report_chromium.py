"""The report in a real headless browser (Debian ``chromium``): the charts are painted, the page is not blank.

Runs when /usr/bin/chromium exists (``make`` installs it: apt-get install -y chromium). The screenshot is kept in
the test's tmp folder; set VNWH_REPORT_SCREENSHOT=/path.png to keep a copy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from rich_factory import make_rich_build_db

from warehouse.publish import publish
from warehouse.report import render_report
from warehouse.report.svg import PALETTE

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium (apt-get install -y chromium)")


def _screenshot(page: Path, out: Path) -> Image.Image:
    profile = tempfile.mkdtemp(prefix="vnwh-chromium-")
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--screenshot={out}", "--window-size=1280,2400",
        "--hide-scrollbars", page.as_uri(),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return Image.open(out).convert("RGB")


def _pixels_near(image: Image.Image, hex_colour: str, box: tuple[int, int, int, int], tolerance: int = 12) -> int:
    """How many pixels in ``box`` are within ``tolerance`` of the colour on every channel."""
    target = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    bands = image.crop(box).split()
    masks = [band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0) for band, c in zip(bands, target,
                                                                                                 strict=True)]
    both = ImageChops.logical_and(ImageChops.logical_and(masks[0].convert("1"), masks[1].convert("1")),
                                  masks[2].convert("1"))
    return both.convert("L").histogram()[255]


def test_report_renders_charts_in_headless_chromium(tmp_path: Path) -> None:
    build = make_rich_build_db(tmp_path / "vnwh.duckdb")
    publish(build, tmp_path / "serving.duckdb")
    page = render_report(tmp_path / "serving.duckdb")
    image = _screenshot(page, tmp_path / "report.png")
    if os.environ.get("VNWH_REPORT_SCREENSHOT"):
        shutil.copy(tmp_path / "report.png", os.environ["VNWH_REPORT_SCREENSHOT"])
    assert image.size == (1280, 2400)
    # the header band is painted in its dark blue
    assert _pixels_near(image, "#0b3d62", (0, 0, 1280, 60)) > 20_000
    # the stacked event chart (first ~700 px below the header) shows the leading partners' colours
    chart_area = (0, 150, 1280, 700)
    for colour in PALETTE[:4]:
        assert _pixels_near(image, colour, chart_area) > 500, colour
    # the localities bar chart below it is drawn in the first palette colour
    assert _pixels_near(image, PALETTE[0], (0, 700, 1280, 1300)) > 5_000
    # and the page is not a blank sheet: plenty of dark text pixels
    assert _pixels_near(image, "#1f2328", (0, 0, 1280, 2400), tolerance=40) > 5_000
