"""Nightly cleanup of expired contractor accounts (Ferncastle infra)."""
import argparse
import datetime as dt

import psycopg2
import psycopg2.extras

REVOCATION_QUERIES = {
    "sessions": "DELETE FROM web_sessions WHERE user_id = %(uid)s",
    "api_tokens": "UPDATE api_tokens SET revoked_at = now() WHERE user_id = %(uid)s AND revoked_at IS NULL",
}

SSH_KEYS_QUERY = "SELECT fingerprint FROM ssh_keys WHERE user_id = %(uid)s"


def expired_contractors(cur, today: dt.date):
    cur.execute(
        "SELECT id, email FROM users WHERE kind = 'contractor' AND contract_end < %s AND active",
        (today,),
    )
    return cur.fetchall()


def retire_contractor(cur, uid: int) -> None:  # flaw: incomplete-deprovisioning
    for name, sql in REVOCATION_QUERIES.items():
        cur.execute(sql, {"uid": uid})
    cur.execute("UPDATE users SET active = false WHERE id = %s", (uid,))


def list_ssh_keys(cur, uid: int):
    cur.execute(SSH_KEYS_QUERY, {"uid": uid})
    return [row["fingerprint"] for row in cur.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    args = parser.parse_args()
    with psycopg2.connect(args.dsn) as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            for row in expired_contractors(cur, dt.date.today()):
                retire_contractor(cur, row["id"])
                print(f"retired {row['email']}")


if __name__ == "__main__":
    main()
