"""Where an audit chain is kept: the interface `AuditLog` writes through, and the embedded SQLite store.

The chain logic (hashing, keying, scrubbing, checkpoints, verification) lives in `log.py` once; a store
only keeps rows and serialises writers. `append(build)` calls `build(meta, head_seq, head_hash)` while the
store holds its write lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the repository's head row `FOR
UPDATE`), writes the rows it returns and the head record in the same transaction, so concurrent writers
extend one chain with no gap and no duplicate.

Two stores implement it: `SqliteStore` here (`.idguard/state/audit.sqlite3`, the default) and
`postgres.PostgresStore` (the shared store, `docs/store.md`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

GENESIS = "0" * 64  # the previous hash of a chain's first entry


class AuditError(Exception):
    """The audit log cannot be written or read (message says why)."""


class AuditUnreadable(AuditError):
    """The store answered, but its rows cannot be read (a damaged file): verification reports it as broken."""


class StoredRow(NamedTuple):
    seq: int
    ts: str
    event: str
    actor: str
    path: str | None
    review_id: str | None
    data: str
    origin: str | None  # `log:seq:hash` of the entry this one was imported from (shared store only)
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainMeta:
    log_id: str
    keyed_from: int  # entries from this seq on are HMAC-keyed; earlier ones have plain SHA-256 links
    strict_keying: bool = False  # a verifier holding a key refuses unkeyed entries (no legacy prefix allowed)


@dataclass(frozen=True)
class ChainSnapshot:
    meta: ChainMeta
    rows: list[StoredRow]
    head: tuple[int, str] | None  # the head recorded in a second place; None when there is none; (-1, "") unreadable


Build = Callable[[ChainMeta, int, str], list[StoredRow]]


class ChainStore(Protocol):
    label: str  # names the store in messages (a path, or a host and repository: never a password)
    head_name: str  # names the separately kept head in messages
    key_name: str  # names the key that keys the chain, in messages

    def expected_log_id(self, key: bytes | None) -> str | None: ...

    def head(self) -> tuple[ChainMeta, int, str]: ...

    def append(self, build: Build) -> list[StoredRow]: ...

    def rows(self, filters: dict[str, str], since: str | None) -> list[StoredRow]: ...

    def snapshot(self) -> ChainSnapshot: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    path TEXT,
    review_id TEXT,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)
"""
_META_SCHEMA = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_COLUMNS = "seq, ts, event, actor, path, review_id, data, NULL, prev_hash, hash"


class SqliteStore:
    """One chain in a SQLite file, its head also kept in the file `audit.head` beside it."""

    def __init__(self, db_path: Path, key: bytes | None = None) -> None:
        self.db_path = db_path
        self.head_path = db_path.with_name(db_path.stem + ".head")
        self.key = key
        self.label = f"audit log {db_path}"
        self.head_name = f"head record {self.head_path.name}"
        self.key_name = "the installation key"

    def expected_log_id(self, key: bytes | None) -> str | None:
        """Derived from the installation key, so a log deleted and created anew has the same id, and the
        checkpoints of the old one show what it lost."""
        if key is None:
            return None
        return hmac.new(key, b"idguard audit log id", hashlib.sha256).hexdigest()[:16]

    def _write_head(self, seq: int, digest: str) -> None:
        tmp = self.head_path.with_name(self.head_path.name + ".tmp")
        tmp.write_text(f"{seq} {digest}\n", encoding="ascii")
        os.replace(tmp, self.head_path)

    def _read_head(self) -> tuple[int, str] | None:
        try:
            seq, digest = self.head_path.read_text(encoding="ascii").split()
            return int(seq), digest
        except FileNotFoundError:
            return None
        except (ValueError, OSError, UnicodeDecodeError):
            return (-1, "")

    def _connect(self) -> sqlite3.Connection:
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.db_path, timeout=15, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=15000")
            conn.execute(_SCHEMA)
            conn.execute(_META_SCHEMA)
            if conn.execute("SELECT value FROM meta WHERE key = 'log_id'").fetchone() is None:
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute("SELECT MAX(seq) FROM audit").fetchone()
                # A log written before keying keeps its plain links up to here; new entries are keyed.
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('keyed_from', ?)", (str((row[0] or 0) + 1),))
                conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('log_id', ?)",
                    (self.expected_log_id(self.key) or secrets.token_hex(8),),
                )
                conn.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            raise AuditError(f"{self.label} unavailable: {exc}") from None
        return conn

    @staticmethod
    def _meta(conn: sqlite3.Connection) -> ChainMeta:
        values = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return ChainMeta(values["log_id"], int(values["keyed_from"]))

    def head(self) -> tuple[ChainMeta, int, str]:
        conn = self._connect()
        try:
            meta = self._meta(conn)
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            raise AuditError(f"{self.label} could not be read: {exc}") from None
        finally:
            conn.close()
        return meta, (row[0] if row else 0), (row[1] if row else GENESIS)

    def append(self, build: Build) -> list[StoredRow]:
        conn = self._connect()
        head_written = False
        row = None
        try:
            conn.execute("BEGIN IMMEDIATE")
            meta = self._meta(conn)
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0], row[1]) if row else (0, GENESIS)
            written = build(meta, seq, prev)
            conn.executemany(
                "INSERT INTO audit (seq, ts, event, actor, path, review_id, data, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.seq, r.ts, r.event, r.actor, r.path, r.review_id, r.data, r.prev_hash, r.hash) for r in written],
            )
            # Written while this transaction holds the write lock, so heads follow appends in order.
            self._write_head(written[-1].seq, written[-1].hash)
            head_written = True
            conn.execute("COMMIT")
        except (sqlite3.Error, OSError, AuditError) as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
                if head_written:  # the head already names entries that were rolled back: put it back
                    try:
                        if row:
                            self._write_head(row[0], row[1])
                        else:
                            self.head_path.unlink(missing_ok=True)
                    except OSError:
                        pass  # verify() will report the mismatch; the rows are consistent
            if isinstance(exc, AuditError):
                raise
            raise AuditError(f"{self.label} could not be written: {exc}") from None
        finally:
            conn.close()
        return written

    def rows(self, filters: dict[str, str], since: str | None) -> list[StoredRow]:
        clauses = [f"{column} = ?" for column in filters]
        params: list[str] = list(filters.values())
        if since is not None:
            clauses.append("ts >= ?")
            params.append(since)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        conn = self._connect()
        try:
            return [StoredRow(*r) for r in conn.execute(f"SELECT {_COLUMNS} FROM audit{where} ORDER BY seq", params)]
        except sqlite3.Error as exc:
            raise AuditError(f"{self.label} could not be read: {exc}") from None
        finally:
            conn.close()

    def snapshot(self) -> ChainSnapshot:
        conn = self._connect()
        try:
            meta = self._meta(conn)
            rows = [StoredRow(*r) for r in conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq")]
        except sqlite3.Error as exc:
            raise AuditUnreadable(f"unreadable: {exc}") from None
        finally:
            conn.close()
        return ChainSnapshot(meta, rows, self._read_head())
