"""The shared audit store on a real PostgreSQL, driven through the real `idguard` CLI in subprocesses.

Migrations, import of a SQLite log that idguard commands wrote, tamper detection, many concurrent writers on
one chain, and failing closed when the database cannot be reached (one line naming the host, never the
password, exit 2; a hook decision that must be audited denies).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from pg_support import IDGUARD, Cluster, env_with, free_port, idguard, run_time_password


def dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


def rows(cluster: Cluster, url: str, sql: str, *params) -> list[tuple]:
    with cluster.admin(dbname(url)) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def tamper(cluster: Cluster, url: str, sql: str, *params) -> None:
    """Change rows as a database superuser who first switches the append-only triggers off."""
    with cluster.admin(dbname(url)) as conn, conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(sql, params)


def repo_id(repo: Path) -> str:
    """The identity the store files this repository under: its origin remote, normalised (host/owner/name)."""
    remote = subprocess.run(
        ["git", "-C", str(repo), "remote", "get-url", "origin"], capture_output=True, text=True, check=True
    ).stdout.strip()  # git@example.com:acme/NAME.git
    return "example.com/" + remote.split(":", 1)[1].removesuffix(".git")


def migrated(repo: Path, url: str) -> None:
    out = idguard(repo, url, "store", "migrate")
    assert out.returncode == 0, out.stderr


def show(repo: Path, url: str | None) -> list[dict]:
    out = idguard(repo, url, "audit", "show", "--format", "json")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


# A real process appending through the library, as the MCP server and the hook do (one transaction each).
WRITER = """
import sys, time
from pathlib import Path
from idguard.server.audit.open import open_audit_log
from idguard.server.workspace import Workspace
name, start, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
log = open_audit_log(Workspace(Path.cwd()))
while not start.exists():
    time.sleep(0.005)
for n in range(count):
    log.append("check", f"writer:{name}", {"n": n})
"""


def append_entries(repo: Path, url: str, count: int, name: str = "0", **extra: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", WRITER, name, str(repo), str(count)],
        cwd=repo,
        env=env_with(url, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr


def test_migrate_creates_the_schema_and_a_second_run_is_a_no_op(pg_cluster: Cluster, empty_store_url: str, repo: Path):
    store_url = empty_store_url
    first = idguard(repo, store_url, "store", "migrate")
    assert first.returncode == 0 and "migrated from version 0 to 3" in first.stdout, first.stderr
    tables = {r[0] for r in rows(pg_cluster, store_url, "SELECT tablename FROM pg_tables WHERE schemaname='public'")}
    assert {"schema_version", "chains", "audit", "imports"} <= tables
    second = idguard(repo, store_url, "store", "migrate")
    assert second.returncode == 0 and "up to date (version 3)" in second.stdout
    assert rows(pg_cluster, store_url, "SELECT version, name FROM schema_version") == [
        (1, "shared_audit"),
        (2, "append_only"),
        (3, "review_and_gate_views"),
    ]
    views = {r[0] for r in rows(pg_cluster, store_url, "SELECT viewname FROM pg_views WHERE schemaname='public'")}
    assert views == {"reviews", "review_decisions", "gate_results", "gate_file_results"}
    assert pg_cluster.password not in first.stdout + first.stderr + second.stdout + second.stderr


def test_an_unmigrated_store_refuses_to_audit(empty_store_url: str, repo: Path):
    out = idguard(repo, empty_store_url, "redact", stdin="hello\n")
    assert out.returncode == 2 and "idguard store migrate" in out.stderr and len(out.stderr.splitlines()) == 1


def test_import_of_a_real_sqlite_log_keeps_order_verifies_and_runs_once(
    pg_cluster: Cluster, store_url: str, repo: Path
):
    secret = "ghp" + "_" + run_time_password().replace("#", "x")[:20].ljust(36, "Q")
    assert idguard(repo, None, "redact", stdin=f"token {secret}\n").returncode == 0
    assert idguard(repo, None, "evidence", "--format", "json").returncode == 0
    local = show(repo, None)
    assert [e["event"] for e in local] == ["redact", "evidence"]
    out = idguard(repo, store_url, "store", "import")
    assert out.returncode == 0 and "imported 2 entries" in out.stdout and "(verified)" in out.stdout, out.stderr
    shared = show(repo, store_url)
    keep = ("ts", "event", "actor", "path", "review_id", "data")
    assert [{k: e[k] for k in keep} for e in shared] == [{k: e[k] for k in keep} for e in local]
    assert [e["origin"].split(":")[1:] for e in shared] == [[str(e["seq"]), e["hash"]] for e in local]
    assert rows(pg_cluster, store_url, "SELECT count(*) FROM audit WHERE repo = %s", repo_id(repo)) == [(2,)]
    verify = idguard(repo, store_url, "audit", "verify")
    assert verify.returncode == 0 and "intact: 2 entries" in verify.stdout, verify.stdout + verify.stderr
    dump = json.dumps(rows(pg_cluster, store_url, "SELECT * FROM audit WHERE repo = %s", repo_id(repo)), default=str)
    assert secret not in dump and "[[SECRET:" not in dump  # the log held fingerprints only

    # An approval made before the import recorded a head of the SQLite log: it is checked against the imports.
    from idguard.server.audit.log import Checkpoint
    from idguard.server.audit.postgres import shared_log

    log_id = json.loads(idguard(repo, None, "audit", "verify", "--format", "json").stdout)["log_id"]
    chain = shared_log(store_url, repo_id(repo))
    seen = Checkpoint(log=log_id, seq=1, hash=local[0]["hash"], source="approval")
    assert chain.verify([seen]).checkpoints_verified == 1
    forged = chain.verify([seen.model_copy(update={"hash": "0" * 64})])
    assert not forged.ok and "imported log" in forged.reason

    again = idguard(repo, store_url, "store", "import")
    assert again.returncode == 0 and "already imported" in again.stdout and len(again.stdout.splitlines()) == 1
    assert len(show(repo, store_url)) == 2
    # New entries go on the same chain after the imported ones.
    append_entries(repo, store_url, 1)
    verify = idguard(repo, store_url, "audit", "verify")
    assert verify.returncode == 0 and "intact: 3 entries" in verify.stdout


def test_import_refuses_a_broken_source_log(store_url: str, repo: Path):
    for _ in range(2):
        assert idguard(repo, None, "redact", stdin="hello\n").returncode == 0
    state = repo / ".idguard" / "state"
    copy = repo.parent / "copy.sqlite3"  # --db: a log elsewhere, its head and key beside it
    shutil.copy(state / "audit.sqlite3", copy)
    shutil.copy(state / "audit.head", repo.parent / "copy.head")
    shutil.copy(state / "fingerprint.key", repo.parent / "fingerprint.key")
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE audit SET data = '{\"count\":0}' WHERE seq = 2")
    conn.commit()
    conn.close()
    out = idguard(repo, store_url, "store", "import", "--db", str(copy))
    assert out.returncode == 1 and "BROKEN at entry 2" in out.stdout and "nothing imported" in out.stdout
    assert show(repo, store_url) == []
    intact = idguard(repo, store_url, "store", "import")  # the untouched default log
    assert intact.returncode == 0 and "imported 2 entries" in intact.stdout


def test_verify_detects_an_edited_row_and_a_deleted_row(pg_cluster: Cluster, store_url: str, repo: Path):
    append_entries(repo, store_url, 5)
    assert idguard(repo, store_url, "audit", "verify").returncode == 0

    (original,) = rows(pg_cluster, store_url, "SELECT data FROM audit WHERE seq = 2 AND repo = %s", repo_id(repo))[0]
    edit = "UPDATE audit SET data = %s WHERE seq = 2 AND repo = %s"
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        rows(pg_cluster, store_url, edit, original.replace('"n":1', '"n":7'), repo_id(repo))
    tamper(pg_cluster, store_url, edit, original.replace('"n":1', '"n":7'), repo_id(repo))
    edited = idguard(repo, store_url, "audit", "verify")
    assert edited.returncode == 1 and "BROKEN at entry 2: entry content altered" in edited.stdout
    evidence = idguard(repo, store_url, "evidence")
    assert evidence.returncode == 1 and "BROKEN at entry 2" in evidence.stdout
    tamper(pg_cluster, store_url, edit, original, repo_id(repo))
    assert idguard(repo, store_url, "audit", "verify").returncode == 0

    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        rows(pg_cluster, store_url, "DELETE FROM audit WHERE seq = 3 AND repo = %s", repo_id(repo))
    tamper(pg_cluster, store_url, "DELETE FROM audit WHERE seq = 3 AND repo = %s", repo_id(repo))
    deleted = idguard(repo, store_url, "audit", "verify")
    assert deleted.returncode == 1 and "BROKEN at entry 3: entry 3 is missing" in deleted.stdout


def test_deleting_the_newest_rows_is_seen_through_the_head_row(pg_cluster: Cluster, store_url: str, repo: Path):
    append_entries(repo, store_url, 4)
    with pytest.raises(psycopg.errors.RaiseException, match="only move forward"):
        rows(pg_cluster, store_url, "UPDATE chains SET head_seq = 2 WHERE repo = %s", repo_id(repo))
    tamper(pg_cluster, store_url, "DELETE FROM audit WHERE seq >= 3 AND repo = %s", repo_id(repo))
    out = idguard(repo, store_url, "audit", "verify")
    assert out.returncode == 1 and "entries 3 to 4 are missing" in out.stdout


def test_eight_concurrent_processes_extend_one_chain(pg_cluster: Cluster, store_url: str, repo: Path, tmp_path: Path):
    start = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(i), str(start), "50"],
            cwd=repo,
            env=env_with(store_url),
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    time.sleep(1.0)  # every writer imported and waiting
    start.touch()
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    out = idguard(repo, store_url, "audit", "verify")
    assert out.returncode == 0 and "intact: 400 entries" in out.stdout, out.stdout + out.stderr
    seqs = [
        r[0] for r in rows(pg_cluster, store_url, "SELECT seq FROM audit WHERE repo = %s ORDER BY seq", repo_id(repo))
    ]
    assert seqs == list(range(1, 401))
    assert rows(pg_cluster, store_url, "SELECT head_seq FROM chains WHERE repo = %s", repo_id(repo)) == [(400,)]
    by_writer: dict[str, list[int]] = {}
    for actor, data in rows(
        pg_cluster, store_url, "SELECT actor, data FROM audit WHERE repo = %s ORDER BY seq", repo_id(repo)
    ):
        by_writer.setdefault(actor, []).append(json.loads(data)["n"])
    assert by_writer == {f"writer:{i}": list(range(50)) for i in range(8)}
    # The writers interleaved: the chain is not eight runs of 50 one after the other.
    actors = [
        r[0] for r in rows(pg_cluster, store_url, "SELECT actor FROM audit WHERE repo = %s ORDER BY seq", repo_id(repo))
    ]
    assert sum(a != b for a, b in zip(actors, actors[1:], strict=False)) > 7


def _one_line_naming_host(out: subprocess.CompletedProcess, host: str, password: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert len(out.stderr.strip().splitlines()) == 1 and host in out.stderr, out.stderr
    assert password not in out.stderr + out.stdout


def test_an_unreachable_store_fails_closed_without_the_password(pg_cluster: Cluster, repo: Path):
    password = run_time_password()
    port = free_port()  # nothing listens there
    url = pg_cluster.url("idguard", password=password, port=port)
    host = f"127.0.0.1:{port}"
    assert idguard(repo, None, "redact", stdin="x\n").returncode == 0  # a local log for `store import`
    commands = (
        (("redact",), "hello\n"),
        (("audit", "verify"), None),
        (("audit", "show"), None),
        (("evidence",), None),
        (("store", "migrate"), None),
        (("store", "import"), None),
    )
    running = [
        subprocess.Popen(
            [*IDGUARD, *args],
            cwd=repo,
            env=env_with(url),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args, _ in commands
    ]
    for (args, stdin), process in zip(commands, running, strict=False):
        stdout, stderr = process.communicate(stdin, timeout=120)
        out = subprocess.CompletedProcess(args, process.returncode, stdout, stderr)
        _one_line_naming_host(out, host, password)
        assert "unreachable" in out.stderr
    # A hook decision that must be audited denies, saying why, without the password.
    payload = {
        "session_id": "s",
        "cwd": str(repo),
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {
            "file_path": str(repo / "auth" / "roles.py"),
            "content": "def grant_role(user, role):\n    user.roles.append(role)\n    user.save()\n",
        },
    }
    hook = idguard(repo, url, "hook", "claude-code", stdin=json.dumps(payload))
    answer = json.loads(hook.stdout)["hookSpecificOutput"]
    assert answer["permissionDecision"] == "deny" and host in answer["permissionDecisionReason"]
    assert password not in hook.stdout + hook.stderr


def test_a_wrong_password_is_refused_in_one_line_without_echoing_it(pg_cluster: Cluster, store_url: str, repo: Path):
    wrong = run_time_password()
    url = pg_cluster.url(dbname(store_url), password=wrong)
    out = idguard(repo, url, "redact", stdin="hello\n")
    _one_line_naming_host(out, f"127.0.0.1:{pg_cluster.port}", wrong)
    assert "password authentication failed" in out.stderr


def test_the_policy_selects_the_store_and_refuses_a_password_in_it(pg_cluster: Cluster, store_url: str, repo: Path):
    (repo / ".idguard" / "policy.toml").write_text(f'[store]\nurl = "{store_url}"\n')
    out = idguard(repo, None, "redact", stdin="hello\n")
    assert out.returncode == 2 and "store.url" in out.stderr and "holds a password" in out.stderr
    assert pg_cluster.password not in out.stderr
    no_password = store_url.replace(f":{pg_cluster.password}@", "@")
    (repo / ".idguard" / "policy.toml").write_text(f'[store]\nurl = "{no_password}"\n')
    assert idguard(repo, None, "redact", stdin="hello\n", PGPASSWORD=pg_cluster.password).returncode == 0
    assert [e["event"] for e in show(repo, store_url)] == ["redact"]
    assert not (repo / ".idguard" / "state" / "audit.sqlite3").exists()


@pytest.mark.anyio
async def test_mcp_tools_that_audit_fail_closed_when_the_store_is_unreachable(
    pg_cluster: Cluster, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    from idguard.server.mcp.app import build_server
    from mcp import Client

    password = run_time_password()
    port = free_port()
    monkeypatch.setenv("IDGUARD_STORE_URL", pg_cluster.url("idguard", password=password, port=port))
    code = (
        "import jwt\n\n\ndef current_user(token):\n    return jwt.decode(token, options={'verify_signature': False})\n"
    )
    async with Client(build_server(repo, workers=1)) as client:
        for tool, arguments in (
            ("redact_prompt", {"text": "hello"}),
            ("check_code", {"code": code, "path": "auth/session.py"}),
            ("guard_change", {"path": "auth/session.py", "content": code, "intent": "read user"}),
        ):
            result = await client.call_tool(tool, arguments)
            text = " ".join(getattr(part, "text", "") for part in result.content)
            assert result.is_error and f"127.0.0.1:{port}" in text and password not in text, (tool, text)
        assert not (await client.call_tool("list_guards", {})).is_error  # what does not audit still answers
    assert not (repo / "auth" / "session.py").exists()


def test_a_keyed_chain_needs_the_store_key_and_a_key_refuses_an_unkeyed_chain(
    store_url: str, repo: Path, tmp_path: Path
):
    key_file = tmp_path / "store.key"
    key_file.write_text(os.urandom(32).hex())
    keyed = {"IDGUARD_STORE_KEY_FILE": str(key_file)}
    append_entries(repo, store_url, 3, **keyed)
    assert idguard(repo, store_url, "audit", "verify", **keyed).returncode == 0
    without = idguard(repo, store_url, "audit", "verify")
    assert without.returncode == 1 and "needs the store key" in without.stdout
    refused = idguard(repo, store_url, "redact", stdin="hello\n")
    assert refused.returncode == 2 and "needs the store key" in refused.stderr
    other_key = tmp_path / "other.key"
    other_key.write_text(os.urandom(32).hex())
    wrong = idguard(repo, store_url, "audit", "verify", IDGUARD_STORE_KEY_FILE=str(other_key))
    assert wrong.returncode == 1 and "BROKEN" in wrong.stdout

    unkeyed_repo = tmp_path / "unkeyed"
    subprocess.run(["git", "clone", "-q", str(repo), str(unkeyed_repo)], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(unkeyed_repo),
            "remote",
            "set-url",
            "origin",
            "https://example.com/acme/unkeyed-" + tmp_path.name,
        ],
        check=True,
    )
    append_entries(unkeyed_repo, store_url, 2)
    downgraded = idguard(unkeyed_repo, store_url, "audit", "verify", **keyed)
    assert downgraded.returncode == 1 and "not keyed, but a store key is configured" in downgraded.stdout


def test_a_writer_with_the_documented_grants_appends_but_cannot_rewrite(
    pg_cluster: Cluster, store_url: str, repo: Path
):
    """docs/store.md's grants: enough to append and verify, not to update or delete entries."""
    import psycopg

    role, password = f"writer_{os.getpid()}", run_time_password()
    with pg_cluster.admin(dbname(store_url)) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        conn.execute(f"GRANT SELECT, INSERT ON audit, imports TO {role}")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE (head_seq, head_hash) ON chains TO {role}")
        conn.execute(f"GRANT SELECT ON schema_version TO {role}")
    url = f"postgresql://{role}:{password}@{pg_cluster.host}:{pg_cluster.port}/{dbname(store_url)}"
    append_entries(repo, url, 3)
    assert idguard(repo, url, "audit", "verify").returncode == 0
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in ("UPDATE audit SET data = '{}'", "DELETE FROM audit", "UPDATE chains SET log_id = 'x'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_a_kept_connection_fails_closed_while_the_database_is_down_and_recovers(
    pg_cluster: Cluster, store_url: str, repo: Path
):
    """A long-lived writer (the MCP server) keeps its connection: a stop fails its appends closed, naming the host;
    after the restart it reconnects by itself, and the chain has every acknowledged entry once."""
    from idguard.server.audit.log import AuditError
    from idguard.server.audit.postgres import shared_log

    log = shared_log(store_url, repo_id(repo))
    acknowledged = [log.append("check", "mcp:test", {"n": n}).seq for n in range(3)]
    pg_cluster.pg_ctl("-m", "fast", "stop")
    try:
        with pytest.raises(AuditError, match=f"127.0.0.1:{pg_cluster.port}") as raised:
            log.append("check", "mcp:test", {"n": 99})
        assert pg_cluster.password not in str(raised.value)
    finally:
        pg_cluster.pg_ctl("start")
    acknowledged += [log.append("check", "mcp:test", {"n": n}).seq for n in range(3, 5)]
    assert acknowledged == [1, 2, 3, 4, 5]
    result = log.verify()
    assert result.ok and result.entries == 5
    assert [e.data["n"] for e in log.entries()] == [0, 1, 2, 3, 4]
