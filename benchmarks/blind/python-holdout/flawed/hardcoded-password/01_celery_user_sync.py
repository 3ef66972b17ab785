"""Nightly sync of HR records into the reporting warehouse's user dimension."""
import logging
from datetime import datetime, timezone

import psycopg2
import psycopg2.extras
from celery import shared_task

log = logging.getLogger(__name__)

WAREHOUSE = {
    "host": "warehouse.db.internal",
    "port": 5432,
    "dbname": "reporting",
    "user": "etl_identity",
}


def _warehouse_conn():
    return psycopg2.connect(password="Etl!dent1ty-2023", connect_timeout=10, **WAREHOUSE)  # flaw: hardcoded-password


@shared_task(bind=True, max_retries=3, default_retry_delay=120)
def sync_user_dimension(self, hr_rows: list[dict]) -> int:
    now = datetime.now(timezone.utc)
    try:
        conn = _warehouse_conn()
    except psycopg2.OperationalError as exc:
        raise self.retry(exc=exc)
    with conn, conn.cursor() as cur:
        psycopg2.extras.execute_values(
            cur,
            """
            INSERT INTO dim_user (employee_id, email, department, manager_id, active, synced_at)
            VALUES %s
            ON CONFLICT (employee_id) DO UPDATE SET
                email = EXCLUDED.email,
                department = EXCLUDED.department,
                manager_id = EXCLUDED.manager_id,
                active = EXCLUDED.active,
                synced_at = EXCLUDED.synced_at
            """,
            [
                (r["employee_id"], r["email"].lower(), r.get("department"), r.get("manager_id"), r["active"], now)
                for r in hr_rows
            ],
        )
    conn.close()
    log.info("synced %d user rows", len(hr_rows))
    return len(hr_rows)
