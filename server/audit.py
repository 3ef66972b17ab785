"""Append-only, hash-chained audit log (SQLite under `.idguard/state/`).

Each entry stores the hash of the previous one; `verify()` recomputes the
chain and reports the first entry that does not match. The chain alone cannot
show that its newest entries were deleted, so every append also records the
head (last sequence number and hash) in a second place, the file
`audit.head` beside the database, and `verify()` compares the two. Entries hold counts,
fingerprints, ids and verdicts, never raw secrets: as a last line of defence,
any secret-shaped string in an entry is replaced before it is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
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


class AuditError(Exception):
    """The audit log cannot be written or read (message says why)."""


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


class VerifyResult(BaseModel):
    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str | None = None
    head_hash: str | None = Field(None, description="hash of the last entry: anchor it elsewhere to detect rewrites")


def _entry_hash(prev_hash: str, seq: int, ts: str, event: str, actor: str, path: str | None,
                review_id: str | None, data: str) -> str:
    canonical = json.dumps([prev_hash, seq, ts, event, actor, path, review_id, data], separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _scrub(text: str) -> str:
    matches = find_secrets(text)
    for match in reversed(matches):
        text = text[: match.start] + f"[[SECRET:{match.kind}]]" + text[match.end :]
    return text


class AuditLog:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.head_path = db_path.with_name(db_path.stem + ".head")

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
        except (sqlite3.Error, OSError) as exc:
            raise AuditError(f"audit log {self.db_path} unavailable: {exc}") from None
        return conn

    def append(self, event: str, actor: str, data: dict[str, Any] | None = None, *,
               path: str | None = None, review_id: str | None = None) -> AuditEntry:
        payload = _scrub(json.dumps(data or {}, sort_keys=True, separators=(",", ":"), default=str))
        actor = _scrub(actor)
        ts = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        conn = self._connect()
        head_written = False
        try:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            digest = _entry_hash(prev, seq, ts, event, actor, path, review_id, payload)
            conn.execute(
                "INSERT INTO audit (seq, ts, event, actor, path, review_id, data, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, event, actor, path, review_id, payload, prev, digest),
            )
            # Written while this transaction holds the write lock, so heads follow appends in order.
            self._write_head(seq, digest)
            head_written = True
            conn.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
                if head_written:  # the head already names the entry that was rolled back: put it back
                    try:
                        if row:
                            self._write_head(row[0], row[1])
                        else:
                            self.head_path.unlink(missing_ok=True)
                    except OSError:
                        pass  # verify() will report the mismatch; the rows are consistent
            raise AuditError(f"audit log {self.db_path} could not be written: {exc}") from None
        finally:
            conn.close()
        return AuditEntry(seq=seq, ts=ts, event=event, actor=actor, path=path, review_id=review_id,
                          data=json.loads(payload), prev_hash=prev, hash=digest)

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

    def verify(self) -> VerifyResult:
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT seq, ts, event, actor, path, review_id, data, prev_hash, hash FROM audit ORDER BY seq"
            ).fetchall()
        except sqlite3.Error as exc:
            return VerifyResult(ok=False, entries=0, first_broken=None, reason=f"unreadable: {exc}")
        finally:
            conn.close()
        prev = GENESIS
        for index, (seq, ts, event, actor, path, review_id, data, prev_hash, digest) in enumerate(rows, start=1):
            if seq != index:
                return VerifyResult(ok=False, entries=len(rows), first_broken=index, reason=f"entry {index} is missing")
            if prev_hash != prev:
                return VerifyResult(ok=False, entries=len(rows), first_broken=seq, reason="previous-hash link broken")
            if _entry_hash(prev_hash, seq, ts, event, actor, path, review_id, data) != digest:
                return VerifyResult(ok=False, entries=len(rows), first_broken=seq, reason="entry content altered")
            prev = digest
        count = len(rows)
        head = self._read_head()
        if head is None:
            if count:
                return VerifyResult(ok=False, entries=count, first_broken=count,
                                    reason=f"head record {self.head_path.name} is missing; the log's tail cannot be checked")
            return VerifyResult(ok=True, entries=0)
        head_seq, head_hash = head
        if head_seq > count:
            return VerifyResult(ok=False, entries=count, first_broken=count + 1,
                                reason=f"entries {count + 1} to {head_seq} are missing (the log was truncated)")
        if head_seq < count or (count and head_hash != prev) or (not count and head_seq):
            return VerifyResult(ok=False, entries=count, first_broken=max(head_seq, 1),
                                reason=f"head record says entry {head_seq} is the last, with another hash")
        return VerifyResult(ok=True, entries=count, head_hash=prev if count else None)


def cli_actor(workspace) -> str:
    """Who runs a CLI command: `ci:<system>` in CI, else `cli:<git user.email>`."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return f"ci:github:{os.environ.get('GITHUB_ACTOR', 'unknown')}"
    if os.environ.get("CI"):
        return "ci:unknown"
    return f"cli:{workspace.git_user_email() or 'unknown'}"
