"""Fault injection: crashing and slow guards, an unwritable `.idguard/`, a locked, corrupt or vanished audit
database, `ssh-keygen` missing or failing. The verdict is never `pass` for identity code, the error says what
failed, and the audit chain verifies after every fault (no entry lost or half-written).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from idguard.guards import check_code
from idguard.guards.models import GuardMeta
from idguard.guards.policy import Limits, Policy, SecretPattern, SecretsPolicy
from idguard.guards.python.support.guard import PythonGuard
from idguard.guards.registry import _REGISTRY
from idguard.guards.text_support import TextGuard
from idguard.server.audit.log import AuditError
from idguard.server.audit.open import open_audit_log
from idguard.server.mcp import service as service
from idguard.server.mcp.app import build_server
from idguard.server.mcp.state import ServerState
from idguard.server.workers import RedactionIncomplete
from idguard.server.workspace import Workspace
from mcp import Client

# The review tests' helpers (real SSH keys, isolated git config) live beside those tests.
from review_fixtures import TOKEN_CODE, make_repo

pytestmark = pytest.mark.anyio

META = GuardMeta(
    cwe=["CWE-703"], owasp_nhi=[], nist_csf=["PR.PS-06"], likelihood="low", impact="low", confidence="high"
)


@pytest.fixture
def registered():
    """Register test guard classes for one test and remove them after (the registry is process-wide)."""
    added: list[str] = []

    def register(cls: type) -> type:
        added.append(cls.id)
        return cls

    yield register
    for guard_id in added:
        _REGISTRY.pop(guard_id, None)


def _define_raising_guard() -> type:
    class RaisesOnEveryFile(TextGuard):
        """## What it does\nRaises.\n\n## Why is this bad?\nTest only.\n"""

        id = "IDG990"
        name = "test-raises"
        title = "Test guard that raises"
        languages = ("*",)
        always_run = True
        meta = META

        def check(self, ctx):
            raise ValueError("guard bug quoting the input: " + ctx.text[:50])

    return RaisesOnEveryFile


def _define_slow_guard(seconds: float) -> type:
    class SleepsTooLong(PythonGuard):
        """## What it does\nSleeps.\n\n## Why is this bad?\nTest only.\n"""

        id = "IDG991"
        name = "test-sleeps"
        title = "Test guard that is slow"
        languages = ("python",)
        always_run = True
        meta = META

        def visit_Module(self, node):
            time.sleep(seconds)

    return SleepsTooLong


def test_a_guard_that_raises_blocks_and_names_itself_without_quoting_input(registered):
    registered(_define_raising_guard())
    secret_ish = "HUNTER2-QUOTED-VALUE"
    for code, path in ((f"import jwt\nx = '{secret_ish}'\n", "auth/t.py"), ("print('hi')\n", "app/hello.py")):
        result = check_code(code, path)
        assert result.verdict == "block"
        failed = [f for f in result.findings if f.guard_id == "IDG000"]
        assert failed and "IDG990" in failed[0].message and "ValueError" in failed[0].message
        assert secret_ish not in result.model_dump_json()


def test_a_python_guard_over_the_time_limit_blocks(registered):
    registered(_define_slow_guard(0.4))
    result = check_code("import jwt\n", "auth/t.py", policy=Policy(limits=Limits(guard_timeout_seconds=0.2)))
    assert result.verdict == "block"
    assert any(f.guard_id == "IDG000" and "guard_timeout_seconds" in f.message for f in result.findings)


def _state(root: Path, policy: Policy | None = None) -> ServerState:
    state = ServerState.open(root, workers=1)
    if policy is not None:
        state.policy = policy
    return state


def test_a_failing_check_in_the_worker_blocks_and_is_audited(workspace: Path):
    # An invalid regex that bypassed the policy loader makes secret detection raise inside the worker.
    broken = Policy(secrets=SecretsPolicy(extra_patterns=[SecretPattern(name="broken", regex="(")]))
    state = _state(workspace, broken)
    try:
        result = service.check_code(state, "import jwt\n", "auth/t.py", None, "test")
        assert result.verdict == "block" and result.findings[0].guard_id == "IDG000"
        assert "not fully checked" in result.findings[0].message
        with pytest.raises(RedactionIncomplete, match="redaction failed"):
            service.redact_prompt(state, "hello", "test")
        # The intent cannot be redacted (in-process, with the broken pattern): no decision, no review.
        with pytest.raises(re.error):
            service.guard_change(state, "auth/t.py", "import jwt\n", "x", service.Author(email="a@x"), "test")
    finally:
        state.close()
    log = open_audit_log(state.workspace)
    assert [e.event for e in log.entries()] == ["check"]
    assert log.verify().ok
    assert not (workspace / ".idguard" / "reviews").exists()


def test_an_unwritable_state_folder_is_a_clear_error(workspace: Path):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard" / "state").write_text("not a folder")  # we may run as root: chmod would not stop us
    with pytest.raises(Exception, match="cannot create .*state"):
        ServerState.open(workspace, workers=1)


async def test_an_unwritable_reviews_folder_fails_guard_change_and_the_log_stays_whole(workspace: Path):
    async with Client(build_server(workspace, workers=1)) as client:
        ok = await client.call_tool("check_code", {"code": "import jwt\n", "path": "auth/t.py"})
        assert not ok.is_error
        (workspace / ".idguard" / "reviews").write_text("not a folder")
        result = await client.call_tool("guard_change", {"path": "auth/t.py", "content": TOKEN_CODE, "intent": "x"})
        assert result.is_error and "cannot write review record" in result.content[0].text
        assert not (await client.call_tool("list_guards", {})).is_error
    log = open_audit_log(Workspace(workspace))
    assert log.verify().ok and [e.event for e in log.entries()] == ["check"]


async def test_an_audit_log_that_cannot_be_written_fails_the_call_not_open(workspace: Path):
    db = workspace / ".idguard" / "state" / "audit.sqlite3"
    async with Client(build_server(workspace, workers=1)) as client:
        assert not (await client.call_tool("check_code", {"code": "import jwt\n", "path": "auth/t.py"})).is_error
        moved = db.with_name("moved.sqlite3")
        db.rename(moved)
        for suffix in ("-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
        db.mkdir()  # the database path is now a folder: SQLite cannot open it
        for tool, args in (
            ("check_code", {"code": "import jwt\n", "path": "auth/t.py"}),
            ("guard_change", {"path": "auth/t.py", "content": TOKEN_CODE, "intent": "x"}),
            ("redact_prompt", {"text": "hello"}),
        ):
            result = await client.call_tool(tool, args)
            assert result.is_error, tool  # an unaudited decision is not returned
            assert "audit log" in result.content[0].text
        db.rmdir()
        moved.rename(db)
        again = await client.call_tool("check_code", {"code": "import jwt\n", "path": "auth/t.py"})
        assert not again.is_error and again.structured_content["verdict"] == "review"
    log = open_audit_log(Workspace(db.parents[2]))
    assert log.verify().ok and [e.event for e in log.entries()] == ["check", "check"]


async def test_a_locked_audit_database_delays_the_call_and_loses_nothing(workspace: Path):
    db = workspace / ".idguard" / "state" / "audit.sqlite3"
    async with Client(build_server(workspace, workers=1)) as client:
        assert not (await client.call_tool("redact_prompt", {"text": "hi"})).is_error
        holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN EXCLUSIVE")
        release = threading.Timer(1.5, lambda: holder.execute("ROLLBACK"))
        release.start()
        started = time.monotonic()
        result = await client.call_tool("check_code", {"code": "import jwt\n", "path": "auth/t.py"})
        waited = time.monotonic() - started
        release.join()
        holder.close()
    assert not result.is_error and waited >= 1.0
    log = open_audit_log(Workspace(db.parents[2]))
    assert log.verify().ok and [e.event for e in log.entries()] == ["redact", "check"]


def _chain_broken(db: Path) -> bool:
    """verify() says the chain is broken, or refuses to read the file at all, saying why."""
    try:
        verdict = open_audit_log(Workspace(db.parents[2])).verify()
    except AuditError as exc:
        return "not a database" in str(exc) or "malformed" in str(exc)
    return not verdict.ok and bool(verdict.reason)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "zero-head"])
async def test_a_corrupt_audit_database_is_reported_and_never_passes(workspace: Path, damage: str):
    db = workspace / ".idguard" / "state" / "audit.sqlite3"
    async with Client(build_server(workspace, workers=1)) as client:
        for _ in range(20):
            await client.call_tool("redact_prompt", {"text": "hi"})
    open_audit_log(Workspace(db.parents[2])).verify()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    data = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(b"\x00garbage" * 1000)
    elif damage == "truncate":
        db.write_bytes(data[: len(data) // 2])
    else:
        db.write_bytes(b"\x00" * 100 + data[100:])
    assert _chain_broken(db)
    async with Client(build_server(workspace, workers=1)) as client:
        result = await client.call_tool("check_code", {"code": "import jwt\n", "path": "auth/t.py"})
        if not result.is_error:
            # SQLite may still read a damaged file: the decision is recorded but the chain says it is broken.
            assert result.structured_content["verdict"] != "pass"
            assert _chain_broken(db)
        else:
            assert "audit log" in result.content[0].text
        assert not (await client.call_tool("list_guards", {})).is_error


def test_a_failed_head_write_rolls_back_the_row(workspace: Path):
    log = open_audit_log(Workspace(workspace))
    for index in range(5):
        log.append("check", "test", {"n": index})
    head = log.head_path.read_text()
    blocker = log.head_path.with_name(log.head_path.name + ".tmp")
    blocker.mkdir()
    with pytest.raises((AuditError, OSError)):
        log.append("check", "test", {"n": 99})
    blocker.rmdir()
    assert log.head_path.read_text() == head and len(log.entries()) == 5 and log.verify().ok


def test_a_failed_append_leaves_neither_a_row_nor_a_head(workspace: Path):
    db = workspace / ".idguard" / "state" / "audit.sqlite3"
    log = open_audit_log(Workspace(db.parents[2]))
    for index in range(5):
        log.append("check", "test", {"n": index})
    head = log.head_path.read_text()
    # The head file cannot be replaced (its temp path is a folder): the append must roll back entirely.
    blocker = log.head_path.with_name(log.head_path.name + ".tmp")
    blocker.mkdir()
    with pytest.raises(AuditError, match="could not be written"):
        log.append("check", "test", {"n": 99})
    blocker.rmdir()
    assert log.head_path.read_text() == head
    assert len(log.entries()) == 5 and log.verify().ok
    log.append("check", "test", {"n": 5})
    assert log.verify().ok and log.verify().entries == 6


# --------------------------------------------------------------------------- ssh-keygen missing or failing


def _path_without_ssh_keygen(tmp_path: Path, fake: str | None) -> str:
    """A PATH with git and python but no real ssh-keygen (or a fake one that fails)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("git",):
        os.symlink(shutil.which(tool), bin_dir / tool)
    if fake is not None:
        script = bin_dir / "ssh-keygen"
        script.write_text(fake)
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(bin_dir)


@pytest.mark.parametrize(
    "fake",
    [None, "#!/bin/sh\necho 'ssh-keygen: broken' >&2\nexit 255\n", "#!/bin/sh\nexit 0\n"],
    ids=["missing", "fails", "lies-with-exit-0"],
)
def test_ssh_keygen_missing_or_failing_never_approves(workspace: Path, tmp_path: Path, fake: str | None):
    repo = make_repo(workspace, tmp_path)
    review_id = repo.guard_change("auth/tokens.py", TOKEN_CODE).review_id
    env = repo.env("reviewer@example.com") | {"PATH": _path_without_ssh_keygen(tmp_path, fake)}
    approve = repo.idguard("review", "approve", review_id, "--key", str(repo.keys["reviewer"]), env=env)
    if fake is None or "255" in fake:
        assert approve.returncode != 0 and "ssh-keygen" in approve.stderr and "Traceback" not in approve.stderr
        assert not list((workspace / ".idguard" / "approvals").glob(f"{review_id}/*.json"))
    # Whatever was (or was not) written, verification with a broken ssh-keygen must not count it.
    listed = repo.idguard("review", "list", env=env)
    assert "approved" not in listed.stdout.replace("not approved", "")
    state = ServerState.open(workspace, workers=1)
    try:
        status = service.review_status(state, review_id, "test")
    finally:
        state.close()
    assert status.status == "pending"
    assert open_audit_log(Workspace(workspace)).verify().ok


def test_a_caller_waiting_for_the_only_worker_is_served_after_that_worker_is_killed():
    import threading

    from idguard.guards.policy import Limits
    from idguard.server.workers import CheckPool

    from .hostile import BILLION_LAUGHS_YAML

    tight = Policy(limits=Limits(guard_timeout_seconds=0.2))
    answers: dict[str, str] = {}
    with CheckPool(1) as pool:
        pool.check("x = 1\n", "a.py", None, tight)
        slow = threading.Thread(
            target=lambda: answers.setdefault(
                "slow", pool.check(BILLION_LAUGHS_YAML, "k8s/rbac.yaml", None, tight).verdict
            )
        )
        slow.start()
        while pool._idle.qsize():  # wait until the slow check holds the only worker
            time.sleep(0.01)
        waiting = threading.Thread(
            target=lambda: answers.setdefault("waiting", pool.check("import jwt\n", "auth/t.py", None, tight).verdict),
            daemon=True,
        )
        waiting.start()
        slow.join(30)
        waiting.join(30)
        stuck = waiting.is_alive()
    # Before the fix the killed worker was never replaced while the caller waited: it hung for ever.
    assert not stuck
    assert answers == {"slow": "block", "waiting": "review"}
