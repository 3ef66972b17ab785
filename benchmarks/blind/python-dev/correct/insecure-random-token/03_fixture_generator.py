#!/usr/bin/env python3
"""Generate fake users for local development databases.

Display names and sign-up dates are random. Fake users get an unusable
password marker (Django's "!" prefix) with a suffix from the secrets module,
so dev dumps shared with contractors cannot be logged into.
"""
import argparse
import csv
import random
import secrets
import sys
from datetime import date, timedelta

FIRST = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances"]
LAST = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen"]


def fake_user(rng: random.Random, index: int) -> dict:
    first, last = rng.choice(FIRST), rng.choice(LAST)  # near-miss: insecure-random-token
    joined = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1400))  # near-miss: insecure-random-token
    return {
        "username": f"{first.lower()}.{last.lower()}{index}",
        "display_name": f"{first} {last}",
        "joined": joined.isoformat(),
        "password": "!" + secrets.token_hex(20),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    rows = [fake_user(rng, i) for i in range(args.count)]
    rng.shuffle(rows)  # near-miss: insecure-random-token

    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
