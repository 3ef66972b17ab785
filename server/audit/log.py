"""Append-only, hash-chained audit log (SQLite under `.idguard/state/`).

Each entry stores the hash of the previous one; `verify()` recomputes the
chain and reports the first entry that does not match. The chain is *keyed*:
each entry's hash is an HMAC-SHA256 under the installation key, so a copy of
the database alone cannot be re-chained after an edit (entries written before
keying existed keep plain SHA-256 links; `meta.keyed_from` says where keying
starts).

A chain, even keyed, can be rewritten by whoever holds the key (any process of
the same user). Two things make a rewrite visible:

- every append also records the head (last sequence number and hash) in a
  second place, the file `audit.head` beside the database;
- checkpoints held elsewhere: each signed approval records the head of its
  reviewer's log (`audit_checkpoint`), committed to the repository and covered
  by the reviewer's signature, and each gate run reports the head it saw.
  `verify(checkpoints)` checks every checkpoint of this log (by its `log_id`):
  a rewrite or truncation before the last checkpoint is detected.

Entries hold counts, fingerprints, ids and verdicts, never raw secrets: as a
last line of defence, any secret-shaped string in an entry is replaced before
it is written.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from idguard.guards.secrets import find_secrets

GENESIS = "0" * 64

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


class AuditError(Exception):
    """The audit log cannot be written or read (message says why)."""


@dataclass(frozen=True)
class AuditEvent:
    """One event to append: what happened, who did it, counts/ids/verdicts (never secret values)."""

    event: str
    actor: str
    data: dict[str, Any] | None = None
    path: str | None = None
    review_id: str | None = None


class AuditEntry(BaseModel):
    seq: int
    ts: str
    event: str
    actor: str
    path: str | None
    review_id: str | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


class Checkpoint(BaseModel):
    """The head of one audit log as someone saw it: entry `seq` of log `log` had hash `hash`."""

    log: str
    seq: int
    hash: str
    source: str = Field("", description="where the checkpoint was found (an approval file, a gate report)")


class VerifyResult(BaseModel):
    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str | None = None
    log_id: str | None = None
    head_hash: str | None = Field(None, description="hash of the last entry: anchor it elsewhere to detect rewrites")
    checkpoints_verified: int = Field(0, description="checkpoints of this log that match it")
    other_logs: dict[str, int] = Field(default_factory=dict,
                                       description="checkpoints of other logs (other machines, or a replaced log)")


def _entry_hash(prev_hash: str, seq: int, ts: str, event: str, actor: str, path: str | None,
                review_id: str | None, data: str, key: bytes | None = None) -> str:
    canonical = json.dumps([prev_hash, seq, ts, event, actor, path, review_id, data], separators=(",", ":"))
    if key is not None:
        return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _scrub(text: str) -> str:
    matches = find_secrets(text)
    for match in reversed(matches):
        text = text[: match.start] + f"[[SECRET:{match.kind}]]" + text[match.end :]
    return text


class AuditLog:
    def __init__(self, db_path: Path, key: bytes | None = None) -> None:
        """`key`: the installation key that keys the chain (None only reads or verifies an unkeyed log)."""
        self.db_path = db_path
        self.head_path = db_path.with_name(db_path.stem + ".head")
        self.key = key

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
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('log_id', ?)", (self.expected_log_id() or secrets.token_hex(8),))
                conn.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            raise AuditError(f"audit log {self.db_path} unavailable: {exc}") from None
        return conn

    def expected_log_id(self) -> str | None:
        """The id this installation's log has: derived from the installation key, so a log deleted and created
        anew has the same id, and the checkpoints of the old one show what it lost."""
        if self.key is None:
            return None
        return hmac.new(self.key, b"idguard audit log id", hashlib.sha256).hexdigest()[:16]

    @staticmethod
    def _meta(conn: sqlite3.Connection) -> tuple[str, int]:
        values = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return values["log_id"], int(values["keyed_from"])

    def _key_for(self, seq: int, keyed_from: int) -> bytes | None:
        return self.key if seq >= keyed_from else None

    def head(self) -> Checkpoint:
        """This log's head now (seq 0 and the genesis hash for an empty log)."""
        conn = self._connect()
        try:
            log_id, _ = self._meta(conn)
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            raise AuditError(f"audit log {self.db_path} could not be read: {exc}") from None
        finally:
            conn.close()
        return Checkpoint(log=log_id, seq=row[0] if row else 0, hash=row[1] if row else GENESIS)

    def append(self, event: str, actor: str, data: dict[str, Any] | None = None, *,
               path: str | None = None, review_id: str | None = None) -> AuditEntry:
        return self.append_many([AuditEvent(event, actor, data, path, review_id)])[0]

    def append_many(self, events: list["AuditEvent"]) -> list[AuditEntry]:
        """Append `events` in one transaction, in order: all are written or none (one lock, one head write)."""
        prepared = [
            (e.event, _scrub(e.actor), _scrub(json.dumps(e.data or {}, sort_keys=True, separators=(",", ":"),
                                                         default=str)), e.path, e.review_id)
            for e in events
        ]
        if not prepared:
            return []
        conn = self._connect()
        head_written = False
        written: list[AuditEntry] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            _, keyed_from = self._meta(conn)
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0], row[1]) if row else (0, GENESIS)
            for event, actor, payload, path, review_id in prepared:
                seq += 1
                if seq >= keyed_from and self.key is None:
                    raise AuditError(f"audit log {self.db_path} is keyed: appending needs the installation key")
                ts = datetime.now(timezone.utc).isoformat(timespec="microseconds")
                digest = _entry_hash(prev, seq, ts, event, actor, path, review_id, payload,
                                     self._key_for(seq, keyed_from))
                conn.execute(
                    "INSERT INTO audit (seq, ts, event, actor, path, review_id, data, prev_hash, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, ts, event, actor, path, review_id, payload, prev, digest),
                )
                written.append(AuditEntry(seq=seq, ts=ts, event=event, actor=actor, path=path, review_id=review_id,
                                          data=json.loads(payload), prev_hash=prev, hash=digest))
                prev = digest
            # Written while this transaction holds the write lock, so heads follow appends in order.
            self._write_head(seq, prev)
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
            raise AuditError(f"audit log {self.db_path} could not be written: {exc}") from None
        finally:
            conn.close()
        return written

    def entries(self, *, path: str | None = None, review_id: str | None = None, actor: str | None = None,
                event: str | None = None, since: str | None = None) -> list[AuditEntry]:
        clauses, params = [], []
        for column, value in (("path", path), ("review_id", review_id), ("actor", actor), ("event", event)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            clauses.append("ts >= ?")
            params.append(since)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT seq, ts, event, actor, path, review_id, data, prev_hash, hash FROM audit"
                f"{where} ORDER BY seq", params
            ).fetchall()
        except sqlite3.Error as exc:
            raise AuditError(f"audit log {self.db_path} could not be read: {exc}") from None
        finally:
            conn.close()
        return [
            AuditEntry(seq=r[0], ts=r[1], event=r[2], actor=r[3], path=r[4], review_id=r[5],
                       data=json.loads(r[6]) if r[6].startswith("{") else {"raw": r[6]}, prev_hash=r[7], hash=r[8])
            for r in rows
        ]

    def verify(self, checkpoints: list[Checkpoint] | tuple[Checkpoint, ...] = ()) -> VerifyResult:
        conn = self._connect()
        try:
            log_id, keyed_from = self._meta(conn)
            rows = conn.execute(
                "SELECT seq, ts, event, actor, path, review_id, data, prev_hash, hash FROM audit ORDER BY seq"
            ).fetchall()
        except sqlite3.Error as exc:
            return VerifyResult(ok=False, entries=0, first_broken=None, reason=f"unreadable: {exc}")
        finally:
            conn.close()
        count = len(rows)

        def broken(first: int | None, reason: str) -> VerifyResult:
            return VerifyResult(ok=False, entries=count, first_broken=first, reason=reason, log_id=log_id)

        if self.key is None and count >= keyed_from:
            return broken(keyed_from, "the log is keyed: verifying it needs the installation key")
        if self.expected_log_id() not in (None, log_id):
            return broken(1, "the log's id does not belong to this installation's key: the log was replaced")
        prev = GENESIS
        hashes: dict[int, str] = {}
        for index, (seq, ts, event, actor, path, review_id, data, prev_hash, digest) in enumerate(rows, start=1):
            if seq != index:
                return broken(index, f"entry {index} is missing")
            if prev_hash != prev:
                return broken(seq, "previous-hash link broken")
            expected = _entry_hash(prev_hash, seq, ts, event, actor, path, review_id, data,
                                   self._key_for(seq, keyed_from))
            if not hmac.compare_digest(expected, digest):
                return broken(seq, "entry content altered")
            prev = digest
            hashes[seq] = digest
        head = self._read_head()
        if head is None:
            if count:
                return broken(count, f"head record {self.head_path.name} is missing; the log's tail cannot be checked")
        else:
            head_seq, head_hash = head
            if head_seq > count:
                return broken(count + 1, f"entries {count + 1} to {head_seq} are missing (the log was truncated)")
            if head_seq < count or (count and head_hash != prev) or (not count and head_seq):
                return broken(max(head_seq, 1), f"head record says entry {head_seq} is the last, with another hash")
        verified, others = 0, {}
        for point in checkpoints:
            if point.log != log_id:
                others[point.log] = others.get(point.log, 0) + 1
                continue
            if point.seq == 0:
                verified += 1
                continue
            if point.seq > count:
                return broken(count + 1, f"{point.source or 'a checkpoint'} saw entry {point.seq}, but the log ends "
                              f"at {count}: entries were removed")
            if hashes[point.seq] != point.hash:
                return broken(point.seq, f"{point.source or 'a checkpoint'} saw another entry {point.seq}: the log "
                              "was rewritten")
            verified += 1
        return VerifyResult(ok=True, entries=count, log_id=log_id, head_hash=prev if count else None,
                            checkpoints_verified=verified, other_logs=others)


def cli_actor(workspace) -> str:
    """Who runs a CLI command: `ci:<system>` in CI, else `cli:<git user.email>`."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return f"ci:github:{os.environ.get('GITHUB_ACTOR', 'unknown')}"
    if os.environ.get("CI"):
        return "ci:unknown"
    return f"cli:{workspace.git_user_email() or 'unknown'}"
