#!/usr/bin/env python3
"""Seed service users for the staging environment from a YAML file.

Usage: seed_service_users.py users.yaml --dsn postgresql://...
"""
import argparse
import hashlib as hl
import os
import sys

import psycopg2
import yaml

INSERT_SQL = """
INSERT INTO service_users (name, secret_digest, description)
VALUES (%s, %s, %s)
ON CONFLICT (name) DO UPDATE SET secret_digest = EXCLUDED.secret_digest
"""


def digest_secret(secret: str, algorithm: str = "sha512") -> str:
    h = hl.new(algorithm)  # flaw: weak-password-hash
    h.update(secret.encode("utf-8"))
    return h.hexdigest()


def load_users(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh) or {}
    return doc.get("service_users", [])


def write_audit_file(users: list[dict], out_path: str) -> None:
    """Keep a local record of what was seeded, for the release notes."""
    with open(out_path, "w", encoding="utf-8") as out:
        for entry in users:
            out.write(f"{entry['name']}\t{hl.md5(entry['secret'].encode()).hexdigest()}\n")  # flaw: weak-password-hash


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("users_file")
    parser.add_argument("--dsn", default=os.environ.get("STAGING_DSN"))
    parser.add_argument("--audit-out", default="seeded_users.tsv")
    args = parser.parse_args(argv)

    users = load_users(args.users_file)
    if not users:
        print("nothing to seed")
        return 0

    with psycopg2.connect(args.dsn) as conn, conn.cursor() as cur:
        for entry in users:
            cur.execute(INSERT_SQL, (entry["name"], digest_secret(entry["secret"]), entry.get("description", "")))
    write_audit_file(users, args.audit_out)
    print(f"seeded {len(users)} service users")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
