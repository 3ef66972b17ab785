"""Dramatiq actors that pull usage numbers from the warehouse and cache them in Redis."""
import dramatiq
import psycopg
import redis
from dramatiq.brokers.redis import RedisBroker

REDIS_OPTS = {"host": "cache.internal", "port": 6379, "password": "c4che-Pr0d-77", "db": 2}  # flaw: hardcoded-password
broker = RedisBroker(**REDIS_OPTS)
dramatiq.set_broker(broker)


def warehouse_conn():
    return psycopg.connect(host="warehouse.internal", dbname="usage", user="reporting", password="rep0rting!2023", connect_timeout=10)  # flaw: hardcoded-password


@dramatiq.actor(max_retries=3, time_limit=120_000)
def refresh_usage(tenant_id: int) -> None:
    with warehouse_conn() as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT date_trunc('day', ts), sum(units) FROM usage WHERE tenant_id = %s GROUP BY 1",
            (tenant_id,),
        )
        rows = cur.fetchall()
    cache = redis.Redis(**REDIS_OPTS)
    cache.hset(f"usage:{tenant_id}", mapping={d.isoformat(): int(u) for d, u in rows})
    cache.expire(f"usage:{tenant_id}", 3600)
