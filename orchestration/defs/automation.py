"""Automation: the daily refresh schedule and the inbox sensor."""
import os

import dagster as dg

from orchestration.defs.jobs import refresh_job
from warehouse.inbox import inbox_dir, waiting_files

DEFAULT_REFRESH_CRON = "0 6 * * *"   # 06:00 in Vietnam, after the morning papers


def refresh_cron() -> str:
    return os.environ.get("VNWH_REFRESH_CRON", DEFAULT_REFRESH_CRON)


daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule=refresh_cron(),
    execution_timezone="Asia/Ho_Chi_Minh",
    run_config={"ops": {"ingest_articles": {"config": {"crawl": True, "lookback_days": 3}}}},
    description="Every day: crawl the sites (with a 3-day lookback, since articles get corrected), extract, "
    "dbt build, publish. The time is $VNWH_REFRESH_CRON (cron, Asia/Ho_Chi_Minh).",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


def _run_key(path) -> str:
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}"


@dg.sensor(
    name="inbox_sensor",
    job=refresh_job,
    minimum_interval_seconds=60,
    description="Imports files dropped into the inbox folder ($VNWH_INBOX, or inbox/ beside the build file): JSONL, "
    ".html, WARC. Each file gets one refresh run; it is moved to done/ or failed/ when the run has read it.",
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    files = waiting_files()
    if not files:
        return dg.SkipReason(f"no files waiting in {inbox_dir()}")
    return [
        dg.RunRequest(
            run_key=_run_key(path),
            run_config={"ops": {"ingest_articles": {"config": {"import_paths": [str(path)], "settle_inbox": True}}}},
            tags={"vnwh/inbox_file": path.name},
        )
        for path in files
    ]


defs = dg.Definitions(schedules=[daily_refresh], sensors=[inbox_sensor])
