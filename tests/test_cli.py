"""The `vnwh` command line: help on every command, exit codes scripts can trust."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orchestration.cli import EXIT_NOTHING_READ, EXIT_USAGE, app

runner = CliRunner()
COMMANDS = ["import", "build", "demo", "status", "crawl", "probe", "query", "shell"]


def test_top_level_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and command in result.output


def test_unknown_command_is_a_usage_error():
    assert runner.invoke(app, ["frobnicate"]).exit_code == EXIT_USAGE


def test_import_without_files_is_a_usage_error():
    assert runner.invoke(app, ["import"]).exit_code == EXIT_USAGE


def test_import_of_an_empty_file_reads_nothing(warehouse_file, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = runner.invoke(app, ["import", str(empty)])
    assert result.exit_code == EXIT_NOTHING_READ
    assert "nothing could be read" in result.output


def test_import_reports_bad_lines_and_lands_good_ones(warehouse_file, write_jsonl):
    good = {"url": "https://www.vietnamplus.vn/a-post1.vnp", "title": "Hà Nội tiếp đoàn Lào",
            "published_at": "2024-03-01", "text": "Ngày 29/2, Hà Nội tiếp đoàn đại biểu thủ đô Viêng Chăn."}
    path = write_jsonl([good, '{"title": "no url", "text": "x"}', "{oops"])
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:2: missing required field 'url'" in result.output
    assert f"{path}:3: invalid JSON" in result.output
    assert "1 new" in result.output and "2 rejected" in result.output


def test_status_without_a_warehouse_fails_clearly(warehouse_file):
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "no warehouse" in result.output


def test_import_of_saved_html_pages_lands_the_parsed_fields(warehouse_file):
    import duckdb

    pages = Path(__file__).resolve().parent / "fixtures" / "pages"
    files = [pages / "nld_current_reconstructed.html", pages / "vietnamplus_current_reconstructed.html"]
    result = runner.invoke(app, ["import", *map(str, files)])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        rows = con.execute(
            "select source, title, author, section, strftime(published_at at time zone 'Asia/Ho_Chi_Minh', "
            "'%Y-%m-%d %H:%M'), parse_path, is_relevant from raw.articles order by source"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("nld", "Cần Thơ và tỉnh Chungcheongnam ký kết hợp tác", "Lê Vĩnh", "Quốc tế", "2026-03-20 10:15",
         "selectors", True),
        ("vietnamplus", "Hải Phòng và Kobe mở rộng hợp tác cảng biển", "Thanh Hương", "Thế giới", "2026-05-14 09:20",
         "selectors", True),
    ]
