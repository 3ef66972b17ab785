"""The shared audit store on PostgreSQL (psycopg 3): one hash chain per repository, many writers.

Selected by `IDGUARD_STORE_URL=postgresql://...` or `[store] url` in the policy (the environment wins;
`docs/store.md`). Each append is one transaction: it locks the repository's row in `chains`
(`SELECT ... FOR UPDATE`), reads the head from it, inserts the entries and moves the head, so writers from
any number of processes and machines extend one chain with no gap and no duplicate.

The chain is plain SHA-256 by default: the database is the trust boundary, and the checkpoints in signed
approvals and gate reports (held outside it) expose a rewrite before them. `IDGUARD_STORE_KEY_FILE` names a
key shared by every writer and verifier to key it with HMAC instead.

Fails closed: an unreachable database is an `AuditError` naming the host, never the password, so every
command that audits exits 2 and every hook or MCP decision that audits denies.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from ..policy import PolicyError, policy_source
from .log import AuditLog
from .stores import AuditError, Build, ChainMeta, ChainSnapshot, StoredRow
from .urls import describe_target, redact_url, url_password

STORE_URL_ENV = "IDGUARD_STORE_URL"
STORE_KEY_ENV = "IDGUARD_STORE_KEY_FILE"
CONNECT_TIMEOUT_SECONDS = 5
LOCK_TIMEOUT_SECONDS = 15
UNKEYED_FROM = 2**62  # keyed_from of an unkeyed chain: no entry is ever keyed
_MIGRATION_LOCK = 0x1D6A4D  # pg_advisory_xact_lock id serialising `store migrate`
_COLUMNS = "seq, ts, event, actor, path, review_id, data, origin, prev_hash, hash"


class AlreadyImported(AuditError):
    """The source log was imported before (the message says when and where)."""


# ---------------------------------------------------------------- URLs (audit/urls.py)


def _reason(exc: BaseException, url: str) -> str:
    """A one-line reason from a driver error, without the password."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    text = text.rsplit("failed: ", 1)[-1]
    password = url_password(url)
    if password:
        text = text.replace(password, "***")
    return text[:200]


# ---------------------------------------------------------------- configuration


def configured_url(workspace: Any | None) -> str | None:
    """`IDGUARD_STORE_URL`, else the workspace policy's `[store] url`, else None (the SQLite default)."""
    env = os.environ.get(STORE_URL_ENV, "").strip()
    if env:
        return env
    if workspace is None:
        return None
    return _policy_store_url(workspace)


_STORE_TABLE = re.compile(r"^\s*\[\s*(tool\.idguard\.)?store\s*\]|^\s*store\s*[.=]", re.MULTILINE)


def _policy_store_url(workspace: Any) -> str | None:
    """`[store] url` of the working tree's policy, read on its own: a policy broken elsewhere (a key the gate
    reads from the trust ref, a file the assistant damaged) must not stop the audit of that very decision. A
    policy idguard cannot parse that mentions a store is an error: where to audit is then unknown."""
    source = policy_source(workspace)
    if source is None:
        return None
    try:
        text = source.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        try:
            mentions_store = bool(_STORE_TABLE.search(source.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            mentions_store = True
        if mentions_store:
            raise PolicyError(
                f"{source}: cannot read the [store] table ({type(exc).__name__}), so the audit "
                "store is unknown; fix the file or set IDGUARD_STORE_URL"
            ) from None
        return None
    if source.name == "pyproject.toml":
        data = data.get("tool", {}).get("idguard", {})
    store = data.get("store") if isinstance(data, dict) else None
    url = store.get("url") if isinstance(store, dict) else None
    if store is not None and not isinstance(url, (str, type(None))):
        raise PolicyError(f"{source}: key 'store.url': expected a postgresql:// URL")
    url = (url or "").strip()
    if url and url_password(url):
        raise PolicyError(
            f"{source}: key 'store.url': holds a password, and the policy is committed: give the "
            "password with PGPASSFILE or PGPASSWORD, or the whole URL with IDGUARD_STORE_URL"
        )
    return url or None


def store_key() -> bytes | None:
    """The key named by `IDGUARD_STORE_KEY_FILE` (64 or more hex characters), or None for a SHA-256 chain."""
    name = os.environ.get(STORE_KEY_ENV, "").strip()
    if not name:
        return None
    try:
        key = bytes.fromhex(Path(name).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise AuditError(f"{STORE_KEY_ENV} {name}: unreadable or not hex ({type(exc).__name__})") from None
    if len(key) < 32:
        raise AuditError(f"{STORE_KEY_ENV} {name}: the key must be at least 32 bytes (64 hex characters)")
    return key


# ---------------------------------------------------------------- schema


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration shipped in the package, in order."""
    found = []
    for item in resources.files("idguard.server.audit").joinpath("migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", item.name)
        if match:
            found.append((int(match.group(1)), match.group(2), item.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return max(version for version, _, _ in migrations())


class Database:
    """Connections to one store URL, with errors turned into one-line `AuditError`s."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.target = describe_target(url)

    def open(self) -> Any:
        """A new autocommit connection (transactions are explicit)."""
        try:
            import psycopg
        except ImportError:
            raise AuditError("the shared audit store needs psycopg 3: pip install 'psycopg[binary]'") from None
        try:
            conn = psycopg.connect(
                self.url, connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="idguard", autocommit=True
            )
            # A writer that holds a head row and hangs must not stall every other writer for ever: fail closed.
            conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'")
            return conn
        except psycopg.Error as exc:
            raise AuditError(f"audit store unreachable at {self.target}: {_reason(exc, self.url)}") from None
        except Exception as exc:  # noqa: BLE001 - a malformed URL: its text may hold the password
            raise AuditError(
                f"audit store URL is invalid ({type(exc).__name__}): {redact_url(self.url)[:120]}"
            ) from None

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Driver errors while using a connection, as one-line `AuditError`s (never the password)."""
        import psycopg

        try:
            yield
        except psycopg.errors.UndefinedTable:
            raise AuditError(
                f"audit store at {self.target} has no idguard schema: run `idguard store migrate`"
            ) from None
        except psycopg.OperationalError as exc:
            raise AuditError(f"audit store at {self.target} failed: {_reason(exc, self.url)}") from None
        except psycopg.Error as exc:
            raise AuditError(f"audit store at {self.target} refused the operation: {_reason(exc, self.url)}") from None

    @contextmanager
    def connect(self) -> Iterator[Any]:
        conn = self.open()
        try:
            with self.errors():
                yield conn
        finally:
            conn.close()

    def version(self, conn: Any) -> int:
        row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        if not row[0]:
            return 0
        return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])

    def migrate(self) -> tuple[int, int]:
        """Apply the pending migrations in one transaction (one migrator at a time); (version before, after)."""
        with self.connect() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            before = self.version(conn)
            if before > latest_version():
                raise AuditError(
                    f"audit store at {self.target} has schema version {before}, newer than this "
                    f"idguard ({latest_version()}): upgrade idguard"
                )
            for version, name, sql in migrations():
                if version > before:
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (version, name))
            return before, self.version(conn)


# ---------------------------------------------------------------- the store


class PostgresStore:
    """One repository's chain in the shared store (implements `stores.ChainStore`)."""

    head_name = "head row (chains.head_seq)"
    key_name = f"the store key ({STORE_KEY_ENV})"

    def __init__(self, url: str, repo: str, key: bytes | None = None) -> None:
        self.db = Database(url)
        self.repo = repo
        self.key = key
        self.label = f"audit store {self.db.target} (repository {repo})"
        self._held: tuple[Any, int] | None = None
        self._lock = threading.Lock()

    def expected_log_id(self, key: bytes | None) -> str | None:
        """Derived from the repository (and the key, when there is one): a chain deleted and created anew has
        the same id, so the checkpoints of the old one show what it lost."""
        material = b"idguard store log id\0" + self.repo.encode("utf-8")
        if key is not None:
            return hmac.new(key, material, hashlib.sha256).hexdigest()[:16]
        return hashlib.sha256(material).hexdigest()[:16]

    def _check_schema(self, conn: Any) -> None:
        version = self.db.version(conn)
        if version == 0:
            raise AuditError(f"audit store at {self.db.target} has no idguard schema: run `idguard store migrate`")
        if version > latest_version():
            raise AuditError(
                f"audit store at {self.db.target} has schema version {version}, newer than this "
                f"idguard ({latest_version()}): upgrade idguard"
            )
        if version < latest_version():
            raise AuditError(
                f"audit store at {self.db.target} has schema version {version}: run `idguard store migrate`"
            )

    def _connection(self) -> Any:
        """The connection this store keeps (a long-lived server pays the connection once), checked alive first:
        a database that restarted since costs a reconnect, not a failed call."""
        import psycopg

        held = self._held
        if held is not None and held[1] == os.getpid() and not held[0].closed and not held[0].broken:
            try:
                held[0].execute("SELECT 1")
                return held[0]
            except psycopg.Error:
                pass
        self._drop()
        conn = self.db.open()
        try:
            with self.db.errors():
                self._check_schema(conn)
        except BaseException:
            conn.close()
            raise
        self._held = (conn, os.getpid())
        return conn

    def _drop(self) -> None:
        held, self._held = self._held, None
        if held is not None and held[1] == os.getpid():
            try:
                held[0].close()
            except Exception:  # noqa: BLE001 - already broken
                pass

    @contextmanager
    def _conn(self) -> Iterator[Any]:
        """The kept connection, one user at a time; dropped after any failure (the next call reconnects)."""
        from psycopg.pq import TransactionStatus

        with self._lock:
            conn = self._connection()
            try:
                with self.db.errors():
                    yield conn
            except BaseException:
                if conn.closed or conn.broken or conn.info.transaction_status != TransactionStatus.IDLE:
                    self._drop()
                raise

    @staticmethod
    def _meta(row: tuple[Any, ...]) -> ChainMeta:
        log_id, keyed = row[0], row[1]
        return ChainMeta(log_id, 1 if keyed else UNKEYED_FROM, strict_keying=True)

    def _locked_head(self, conn: Any) -> tuple[ChainMeta, int, str]:
        """The repository's head row, locked until the transaction ends (created on first use)."""
        from .log import GENESIS

        query = "SELECT log_id, keyed, head_seq, head_hash FROM chains WHERE repo = %s FOR UPDATE"
        row = conn.execute(query, (self.repo,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO chains (repo, log_id, keyed, head_seq, head_hash) VALUES (%s, %s, %s, 0, %s)"
                " ON CONFLICT (repo) DO NOTHING",
                (self.repo, self.expected_log_id(self.key), self.key is not None, GENESIS),
            )
            row = conn.execute(query, (self.repo,)).fetchone()
        return self._meta(row), int(row[2]), row[3]

    def head(self) -> tuple[ChainMeta, int, str]:
        from .log import GENESIS

        with self._conn() as conn:
            row = conn.execute(
                "SELECT log_id, keyed, head_seq, head_hash FROM chains WHERE repo = %s", (self.repo,)
            ).fetchone()
        if row is None:  # no entry yet: the head a new chain will start from
            return ChainMeta(self.expected_log_id(self.key) or "", 1 if self.key else UNKEYED_FROM, True), 0, GENESIS
        return self._meta(row), int(row[2]), row[3]

    def append(self, build: Build, import_of: tuple[str, int, str] | None = None) -> list[StoredRow]:
        """Append what `build` returns under the head row's lock; `import_of` (source log, entries, head hash)
        also records an import, refused when that log was imported before."""
        with self._conn() as conn, conn.transaction():
            if import_of is not None:
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ("idguard import " + import_of[0],))
                done = conn.execute(
                    "SELECT repo, entries, imported_at FROM imports WHERE source_log = %s", (import_of[0],)
                ).fetchone()
                if done is not None:
                    raise AlreadyImported(
                        f"audit log {import_of[0]} was already imported into repository "
                        f"{done[0]} ({done[1]} entries, {done[2]:%Y-%m-%d %H:%M} UTC): "
                        "nothing to do"
                    )
            meta, seq, prev = self._locked_head(conn)
            rows = build(meta, seq, prev)
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO audit (repo, seq, ts, event, actor, path, review_id, data, origin, prev_hash,"
                    " hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [(self.repo, *row) for row in rows],
                )
            conn.execute(
                "UPDATE chains SET head_seq = %s, head_hash = %s WHERE repo = %s",
                (rows[-1].seq, rows[-1].hash, self.repo),
            )
            if import_of is not None:
                conn.execute(
                    "INSERT INTO imports (source_log, repo, entries, source_head, first_seq)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    (import_of[0], self.repo, import_of[1], import_of[2], rows[0].seq),
                )
        return rows

    def rows(self, filters: dict[str, str], since: str | None) -> list[StoredRow]:
        clauses = ["repo = %s"] + [f"{column} = %s" for column in filters]
        params: list[str] = [self.repo, *filters.values()]
        if since is not None:
            clauses.append("ts >= %s")
            params.append(since)
        with self._conn() as conn:
            result = conn.execute(
                f"SELECT {_COLUMNS} FROM audit WHERE {' AND '.join(clauses)} ORDER BY seq", params
            ).fetchall()
        return [StoredRow(*(int(r[0]), *r[1:])) for r in result]

    def snapshot(self) -> ChainSnapshot:
        with self._conn() as conn, conn.transaction():  # one consistent view of the rows and the head row
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            head = conn.execute(
                "SELECT log_id, keyed, head_seq, head_hash FROM chains WHERE repo = %s", (self.repo,)
            ).fetchone()
            rows = conn.execute(f"SELECT {_COLUMNS} FROM audit WHERE repo = %s ORDER BY seq", (self.repo,)).fetchall()
        stored = [StoredRow(*(int(r[0]), *r[1:])) for r in rows]
        if head is None:
            meta = ChainMeta(self.expected_log_id(self.key) or "", 1 if self.key else UNKEYED_FROM, True)
            return ChainSnapshot(meta, stored, (0, "") if not stored else None)
        return ChainSnapshot(self._meta(head), stored, (int(head[2]), head[3]))


def shared_log(url: str, repo: str, key: bytes | None = None):
    """The `AuditLog` of repository `repo` in the store at `url`, keyed with `key` (None: SHA-256)."""
    return AuditLog(PostgresStore(url, repo, key), key=key)
