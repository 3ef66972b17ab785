"""`idguard store migrate` and `idguard store import [--db PATH]`: the shared audit store (docs/store.md).

`migrate` creates or upgrades the PostgreSQL schema (the ordered SQL files in
`server/audit/migrations/`, recorded in `schema_version`); running it again is a
no-op. `import` verifies an existing SQLite audit log, then appends its entries,
in order, to this repository's chain in the store, in one transaction; a log is
imported once (a second import says so and changes nothing).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..audit.open import repository_identity


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("store", help="the shared audit store on PostgreSQL: migrate, import")
    sub = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    migrate = sub.add_parser("migrate", help="create or upgrade the store's schema (versioned migrations)")
    migrate.set_defaults(func=run_migrate)
    load = sub.add_parser("import", help="load this repository's SQLite audit log into the store, once")
    load.add_argument(
        "--db",
        metavar="PATH",
        help="the SQLite log to import (default: .idguard/state/audit.sqlite3"
        "); its installation key is read from fingerprint.key beside it",
    )
    load.set_defaults(func=run_import)


def _url(workspace) -> str:
    from ..audit.postgres import STORE_URL_ENV, configured_url
    from .main import CliError

    url = configured_url(workspace)
    if not url:
        raise CliError(
            f"no shared store is configured: set {STORE_URL_ENV}=postgresql://... or [store] url in "
            ".idguard/policy.toml"
        )
    return url


def run_migrate(args: argparse.Namespace) -> int:
    import os

    from ..audit.postgres import STORE_URL_ENV, Database
    from ..workspace import Workspace

    # The environment alone is enough: a database administrator need not stand in a repository.
    workspace = None if os.environ.get(STORE_URL_ENV, "").strip() else Workspace.discover()
    database = Database(_url(workspace))
    before, after = database.migrate()
    if before == after:
        print(f"store schema at {database.target} is up to date (version {after})")
    else:
        print(f"store schema at {database.target} migrated from version {before} to {after}")
    return 0


def _read_key(path: Path) -> bytes | None:
    """The installation key beside a SQLite log, read only (an import never creates one)."""
    from .main import CliError

    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"{path} is unreadable or corrupt ({type(exc).__name__})") from None


def run_import(args: argparse.Namespace) -> int:
    from ..audit.log import AuditEvent, AuditLog
    from ..audit.postgres import AlreadyImported, shared_log, store_key
    from ..workspace import Workspace
    from .main import CliError

    workspace = Workspace.discover()
    url = _url(workspace)
    db = Path(args.db).resolve() if args.db else workspace.audit_db
    if not db.is_file():
        raise CliError(f"{db}: no SQLite audit log there")
    source = AuditLog(db, key=_read_key(db.with_name("fingerprint.key")))
    checked = source.verify()
    if not checked.ok:
        print(
            f"idguard: refused: the source log {db} is BROKEN at entry {checked.first_broken}: {checked.reason}; "
            "nothing imported"
        )
        return 1
    entries = source.entries()
    if not entries:
        print(f"the source log {db} is empty: nothing to import")
        return 0
    target = shared_log(url, repository_identity(workspace), store_key())
    events = [
        AuditEvent(e.event, e.actor, e.data, e.path, e.review_id, ts=e.ts, origin=f"{checked.log_id}:{e.seq}:{e.hash}")
        for e in entries
    ]
    try:
        written = target.append_many(events, import_of=(checked.log_id or "", len(entries), checked.head_hash or ""))
    except AlreadyImported as exc:
        print(str(exc))
        return 0
    print(
        f"imported {len(written)} entries of log {checked.log_id} (verified) into {target.store.label} as "
        f"entries {written[0].seq} to {written[-1].seq}"
    )
    return 0
