"""Append-only, hash-chained audit log (SQLite under `.idguard/state/`, or the shared PostgreSQL store).

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

The chain logic is here once; where the rows are kept is a `stores.ChainStore`
(`stores.SqliteStore` by default, `postgres.PostgresStore` when `IDGUARD_STORE_URL`
or `[store] url` names one: `docs/store.md`). The shared store keeps one chain per
repository, its head in the repository's head row.

Entries hold counts, fingerprints, ids and verdicts, never raw secrets: as a
last line of defence, any secret-shaped string in an entry is replaced before
it is written.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from idguard.guards.secrets import find_secrets
from pydantic import BaseModel, Field

from .stores import GENESIS, AuditError, AuditUnreadable, ChainMeta, ChainStore, SqliteStore, StoredRow

__all__ = ["GENESIS", "AuditError", "AuditEvent", "AuditEntry", "AuditLog", "Checkpoint", "VerifyResult", "cli_actor"]


@dataclass(frozen=True)
class AuditEvent:
    """One event to append: what happened, who did it, counts/ids/verdicts (never secret values)."""

    event: str
    actor: str
    data: dict[str, Any] | None = None
    path: str | None = None
    review_id: str | None = None
    ts: str | None = None  # kept from the source when an entry is imported; else the time of the append
    origin: str | None = None  # `log:seq:hash` of the imported entry (hashed into the new link)


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
    origin: str | None = Field(None, description="`log:seq:hash` of the entry this one was imported from")


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
    other_logs: dict[str, int] = Field(
        default_factory=dict, description="checkpoints of other logs (other machines, or a replaced log)"
    )


def _entry_hash(
    prev_hash: str,
    seq: int,
    ts: str,
    event: str,
    actor: str,
    path: str | None,
    review_id: str | None,
    data: str,
    key: bytes | None = None,
    origin: str | None = None,
) -> str:
    fields: list[Any] = [prev_hash, seq, ts, event, actor, path, review_id, data]
    if origin is not None:  # imported entries: the source entry's identity is covered by the new link
        fields.append(origin)
    canonical = json.dumps(fields, separators=(",", ":"))
    if key is not None:
        return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _scrub(text: str) -> str:
    matches = find_secrets(text)
    for match in reversed(matches):
        text = text[: match.start] + f"[[SECRET:{match.kind}]]" + text[match.end :]
    return text


def _entry(row: StoredRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        ts=row.ts,
        event=row.event,
        actor=row.actor,
        path=row.path,
        review_id=row.review_id,
        data=json.loads(row.data) if row.data.startswith("{") else {"raw": row.data},
        prev_hash=row.prev_hash,
        hash=row.hash,
        origin=row.origin,
    )


class AuditLog:
    def __init__(self, store: Path | ChainStore, key: bytes | None = None) -> None:
        """`store`: a SQLite path (the embedded default) or a `ChainStore`; `key`: the key that keys the chain
        (the installation key for SQLite; None only reads or verifies an unkeyed log)."""
        self.store: ChainStore = SqliteStore(store, key) if isinstance(store, Path) else store
        self.key = key

    @property
    def db_path(self) -> Path:
        return self.store.db_path  # type: ignore[attr-defined]  # the SQLite store has these; the PostgreSQL store is never asked

    @property
    def head_path(self) -> Path:
        return self.store.head_path  # type: ignore[attr-defined]  # the SQLite store has these; the PostgreSQL store is never asked

    def expected_log_id(self) -> str | None:
        return self.store.expected_log_id(self.key)

    def _key_for(self, seq: int, keyed_from: int) -> bytes | None:
        return self.key if seq >= keyed_from else None

    def head(self) -> Checkpoint:
        """This log's head now (seq 0 and the genesis hash for an empty log)."""
        meta, seq, digest = self.store.head()
        return Checkpoint(log=meta.log_id, seq=seq, hash=digest)

    def append(
        self,
        event: str,
        actor: str,
        data: dict[str, Any] | None = None,
        *,
        path: str | None = None,
        review_id: str | None = None,
    ) -> AuditEntry:
        return self.append_many([AuditEvent(event, actor, data, path, review_id)])[0]

    def append_many(
        self, events: list[AuditEvent], *, import_of: tuple[str, int, str] | None = None
    ) -> list[AuditEntry]:
        """Append `events` in one transaction, in order: all are written or none (one lock, one head write).

        `import_of` (source log id, entries, head hash): the events are a verified log being imported; the
        store records it in the same transaction and refuses a log imported before (shared store only)."""
        prepared = [
            (
                e.event,
                _scrub(e.actor),
                _scrub(json.dumps(e.data or {}, sort_keys=True, separators=(",", ":"), default=str)),
                e.path,
                e.review_id,
                e.ts,
                e.origin,
            )
            for e in events
        ]
        if not prepared:
            return []

        def build(meta: ChainMeta, seq: int, prev: str) -> list[StoredRow]:
            if meta.strict_keying and self.key is not None and meta.keyed_from != 1:
                raise AuditError(
                    f"{self.store.label} holds an unkeyed chain, but a store key is configured: "
                    "refusing to extend it (see docs/store.md, keying)"
                )
            rows = []
            for event, actor, payload, path, review_id, ts, origin in prepared:
                seq += 1
                if seq >= meta.keyed_from and self.key is None:
                    raise AuditError(f"{self.store.label} is keyed: appending needs {self.store.key_name}")
                ts = ts or datetime.now(UTC).isoformat(timespec="microseconds")
                digest = _entry_hash(
                    prev, seq, ts, event, actor, path, review_id, payload, self._key_for(seq, meta.keyed_from), origin
                )
                rows.append(StoredRow(seq, ts, event, actor, path, review_id, payload, origin, prev, digest))
                prev = digest
            return rows

        if import_of is not None:
            return [_entry(row) for row in self.store.append(build, import_of=import_of)]  # type: ignore[call-arg]  # the SQLite store has these; the PostgreSQL store is never asked
        return [_entry(row) for row in self.store.append(build)]

    def entries(
        self,
        *,
        path: str | None = None,
        review_id: str | None = None,
        actor: str | None = None,
        event: str | None = None,
        since: str | None = None,
    ) -> list[AuditEntry]:
        filters = {
            column: value
            for column, value in (("path", path), ("review_id", review_id), ("actor", actor), ("event", event))
            if value is not None
        }
        return [_entry(row) for row in self.store.rows(filters, since)]

    def verify(self, checkpoints: list[Checkpoint] | tuple[Checkpoint, ...] = ()) -> VerifyResult:
        """Recompute the chain, compare it with the separately kept head and with `checkpoints`.

        AuditError when the store cannot be reached at all (the caller fails closed); a store that answers
        with unreadable rows is reported as broken."""
        try:
            snapshot = self.store.snapshot()
        except AuditUnreadable as exc:
            return VerifyResult(ok=False, entries=0, first_broken=None, reason=str(exc))
        meta, rows = snapshot.meta, snapshot.rows
        log_id, keyed_from = meta.log_id, meta.keyed_from
        count = len(rows)

        def broken(first: int | None, reason: str) -> VerifyResult:
            return VerifyResult(ok=False, entries=count, first_broken=first, reason=reason, log_id=log_id)

        if self.key is None and count >= keyed_from:
            return broken(keyed_from, f"the log is keyed: verifying it needs {self.store.key_name}")
        if self.key is not None and meta.strict_keying and keyed_from != 1:
            return broken(
                1, "the chain is not keyed, but a store key is configured: it was created without the key or downgraded"
            )
        if self.expected_log_id() not in (None, log_id):
            return broken(1, "the log's id does not belong to this key or repository: the log was replaced")
        prev = GENESIS
        hashes: dict[int, str] = {}
        origins: dict[tuple[str, int], str] = {}
        for index, row in enumerate(rows, start=1):
            if row.seq != index:
                return broken(index, f"entry {index} is missing")
            if row.prev_hash != prev:
                return broken(row.seq, "previous-hash link broken")
            expected = _entry_hash(
                row.prev_hash,
                row.seq,
                row.ts,
                row.event,
                row.actor,
                row.path,
                row.review_id,
                row.data,
                self._key_for(row.seq, keyed_from),
                row.origin,
            )
            if not hmac.compare_digest(expected, row.hash):
                return broken(row.seq, "entry content altered")
            prev = row.hash
            hashes[row.seq] = row.hash
            if row.origin:
                source_log, source_seq, source_hash = (row.origin.split(":") + ["", "", ""])[:3]
                if source_seq.isdigit():
                    origins[(source_log, int(source_seq))] = source_hash
        head = snapshot.head
        head_name = self.store.head_name
        if head is None:
            if count:
                return broken(count, f"{head_name} is missing; the log's tail cannot be checked")
        else:
            head_seq, head_hash = head
            if head_seq > count:
                return broken(count + 1, f"entries {count + 1} to {head_seq} are missing (the log was truncated)")
            if head_seq < count or (count and head_hash != prev) or (not count and head_seq):
                return broken(max(head_seq, 1), f"{head_name} says entry {head_seq} is the last, with another hash")
        imported_logs = {
            source_log: max(seq for (log, seq) in origins if log == source_log) for source_log, _ in origins
        }
        verified, others = 0, {}  # type: ignore[var-annotated]  # filled below, read only by the summary
        for point in checkpoints:
            if point.log != log_id and point.log in imported_logs and 0 < point.seq <= imported_logs[point.log]:
                # A checkpoint of a log imported into this chain: the imported entry must carry its hash.
                if origins.get((point.log, point.seq)) != point.hash:
                    return broken(
                        None,
                        f"{point.source or 'a checkpoint'} saw entry {point.seq} of imported log "
                        f"{point.log}, which this chain does not hold as it was",
                    )
                verified += 1
                continue
            if point.log != log_id:
                others[point.log] = others.get(point.log, 0) + 1
                continue
            if point.seq == 0:
                verified += 1
                continue
            if point.seq > count:
                return broken(
                    count + 1,
                    f"{point.source or 'a checkpoint'} saw entry {point.seq}, but the log ends "
                    f"at {count}: entries were removed",
                )
            if hashes[point.seq] != point.hash:
                return broken(
                    point.seq, f"{point.source or 'a checkpoint'} saw another entry {point.seq}: the log was rewritten"
                )
            verified += 1
        return VerifyResult(
            ok=True,
            entries=count,
            log_id=log_id,
            head_hash=prev if count else None,
            checkpoints_verified=verified,
            other_logs=others,
        )


def cli_actor(workspace) -> str:
    """Who runs a CLI command: `ci:<system>` in CI, else `cli:<git user.email>`."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return f"ci:github:{os.environ.get('GITHUB_ACTOR', 'unknown')}"
    if os.environ.get("CI"):
        return "ci:unknown"
    return f"cli:{workspace.git_user_email() or 'unknown'}"
