"""Celery tasks that build the nightly usage reports."""
import csv
import io
from datetime import date, timedelta

import psycopg2
import redis
from celery import Celery

BROKER_URL = "redis://:q8Zr2vLw5nTe@redis-broker.internal:6379/0"  # flaw: hardcoded-password
app = Celery("reports", broker=BROKER_URL)

REPORT_DB = {
    "host": "analytics-db.internal",
    "dbname": "usage",
    "user": "report_reader",
    "password": "Rep0rting!Reader",  # flaw: hardcoded-password
}

_cache = redis.Redis("cache.internal", 6379, 2, "c4che-Passw0rd")  # flaw: hardcoded-password


def _connect():
    return psycopg2.connect(connect_timeout=10, **REPORT_DB)


@app.task(bind=True, max_retries=3, default_retry_delay=120)
def daily_usage_report(self, day: str | None = None) -> str:
    day = day or (date.today() - timedelta(days=1)).isoformat()
    cache_key = f"report:usage:{day}"
    cached = _cache.get(cache_key)
    if cached:
        return cached.decode()
    try:
        with _connect() as conn, conn.cursor() as cur:
            cur.execute(
                "SELECT tenant_id, SUM(requests), SUM(bytes_out) "
                "FROM usage_events WHERE day = %s GROUP BY tenant_id ORDER BY 2 DESC",
                (day,),
            )
            rows = cur.fetchall()
    except psycopg2.OperationalError as exc:
        raise self.retry(exc=exc)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["tenant_id", "requests", "bytes_out"])
    writer.writerows(rows)
    _cache.set(cache_key, buf.getvalue(), ex=86400)
    return buf.getvalue()
