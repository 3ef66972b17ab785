"""The audit log's hash chain: any edit, deletion or truncation is reported by `idguard audit verify`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from idguard.server.audit.log import AuditLog
from idguard.server.audit.open import open_audit_log
from idguard.server.workspace import Workspace
from review_fixtures import TOKEN_CODE, make_repo

COLUMNS = ("ts", "event", "actor", "path", "review_id", "data", "prev_hash", "hash")


def filled_log(root: Path) -> AuditLog:
    log = open_audit_log(Workspace(root))
    log.append("redact", "mcp:test/1", {"count": 1, "fingerprints": ["hmac-sha256:ab"]})
    log.append("check", "mcp:test/1", {"verdict": "review"}, path="auth/tokens.py")
    log.append("guard_change", "mcp:test/1", {"verdict": "review"}, path="auth/tokens.py", review_id="IGR-0123456789ab")
    log.append(
        "approval",
        "reviewer:bob@example.com",
        {"decision": "approve"},
        path="auth/tokens.py",
        review_id="IGR-0123456789ab",
    )
    log.append("gate", "ci:unknown", {"passed": True})
    return log


def tamper(log: AuditLog, sql: str, *params) -> None:
    conn = sqlite3.connect(log.db_path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_intact_log_verifies_with_its_head(tmp_path: Path):
    log = filled_log(tmp_path)
    result = log.verify()
    assert result.ok and result.entries == 5
    assert result.head_hash == log.entries()[-1].hash


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("seq", [1, 3, 5])
def test_editing_any_column_of_any_entry_is_reported(tmp_path: Path, column: str, seq: int):
    log = filled_log(tmp_path)
    value = {"ts": "2020-01-01T00:00:00.000000+00:00", "data": '{"verdict":"pass"}'}.get(column, "x" * 64)
    tamper(log, f"UPDATE audit SET {column} = ? WHERE seq = ?", value, seq)
    result = log.verify()
    assert not result.ok
    # A changed stored hash shows at its own entry or, through the link, at the next one.
    assert result.first_broken in ((seq, seq + 1) if column == "hash" else (seq,)), result


def test_deleting_an_entry_in_the_middle_or_at_the_tail_is_reported(tmp_path: Path):
    log = filled_log(tmp_path)
    tamper(log, "DELETE FROM audit WHERE seq = 2")
    assert log.verify().first_broken == 2

    other = filled_log(tmp_path / "other")
    tamper(other, "DELETE FROM audit WHERE seq >= 4")
    result = other.verify()
    assert not result.ok and result.first_broken == 4 and "truncated" in result.reason


def test_recomputed_chain_without_head_is_reported(tmp_path: Path):
    log = filled_log(tmp_path)
    log.head_path.unlink()
    result = log.verify()
    assert not result.ok and "head record" in result.reason


def test_cli_audit_verify_names_the_broken_entry_and_show_filters(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("change and approval")
    assert repo.idguard("gate").returncode == 0

    verify = repo.idguard("audit", "verify")
    assert verify.returncode == 0 and "intact" in verify.stdout

    shown = repo.idguard("audit", "show", "--review", review.review_id, "--format", "json")
    events = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [e["event"] for e in events] == ["guard_change", "approval", "gate_file"]
    assert events[1]["actor"] == "reviewer:reviewer@example.com"
    assert events[2]["data"]["review_state"] == "approved"
    by_actor = repo.idguard("audit", "show", "--actor", "reviewer:reviewer@example.com").stdout
    assert "approval" in by_actor and "guard_change" not in by_actor
    assert repo.idguard("audit", "show", "--since", "2999-01-01").stdout == ""
    assert repo.idguard("audit", "show", "--since", "yesterday").returncode == 2

    log = open_audit_log(Workspace(workspace))
    approval = [e for e in log.entries() if e.event == "approval"][0]
    tamper(log, "UPDATE audit SET actor = ? WHERE seq = ?", "reviewer:mallory@example.com", approval.seq)
    verify = repo.idguard("audit", "verify")
    assert verify.returncode == 1
    assert f"BROKEN at entry {approval.seq}" in verify.stdout


def test_a_chain_recomputed_without_the_key_is_reported(tmp_path: Path):
    """Re-hashing an edited entry and its successors with plain SHA-256 (what an unkeyed chain allowed) fails."""
    import hashlib

    log = filled_log(tmp_path)
    rows = (
        sqlite3.connect(log.db_path)
        .execute("SELECT seq, ts, event, actor, path, review_id, data FROM audit ORDER BY seq")
        .fetchall()
    )
    prev = "0" * 64
    conn = sqlite3.connect(log.db_path)
    for seq, ts, event, actor, path, review_id, data in rows:
        if seq == 4:
            actor = "reviewer:mallory@example.com"
        canonical = json.dumps([prev, seq, ts, event, actor, path, review_id, data], separators=(",", ":"))
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        conn.execute("UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", (actor, prev, digest, seq))
        prev = digest
    conn.commit()
    conn.close()
    log.head_path.write_text(f"5 {prev}\n")
    result = log.verify()
    assert not result.ok and result.first_broken == 1 and result.reason == "entry content altered"


def test_a_rewrite_with_the_key_is_caught_by_a_signed_approval_checkpoint(workspace: Path, tmp_path: Path):
    """Whoever holds the installation key can re-chain the log; the audit head recorded in a signed approval
    (committed, covered by the reviewer's signature) shows the rewrite, and a log deleted and started anew."""
    from idguard.server.audit.log import GENESIS, _entry_hash

    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    [decision] = (workspace / ".idguard" / "approvals" / review.review_id).glob("*.json")
    checkpoint = json.loads(decision.read_text())["audit_checkpoint"]
    assert checkpoint["seq"] >= 1
    verify = repo.idguard("audit", "verify")
    assert verify.returncode == 0 and "1 checkpoint(s) from signed approvals match" in verify.stdout

    log = open_audit_log(Workspace(workspace))
    conn = sqlite3.connect(log.db_path)
    rows = conn.execute("SELECT seq, ts, event, actor, path, review_id, data FROM audit ORDER BY seq").fetchall()
    prev = GENESIS
    for seq, ts, event, actor, path, review_id, data in rows:
        if seq == 1:
            data = '{"verdict":"pass"}'  # the assistant rewrites what guard_change said
        digest = _entry_hash(prev, seq, ts, event, actor, path, review_id, data, log.key)
        conn.execute("UPDATE audit SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?", (data, prev, digest, seq))
        prev = digest
    conn.commit()
    conn.close()
    log.head_path.write_text(f"{len(rows)} {prev}\n")
    assert log.verify().ok  # the chain alone cannot tell: it is consistent and keyed
    verify = repo.idguard("audit", "verify")
    assert verify.returncode == 1 and "was rewritten" in verify.stdout and decision.name in verify.stdout

    for leftover in log.db_path.parent.glob("audit.*"):
        leftover.unlink()
    verify = repo.idguard("audit", "verify")
    assert verify.returncode == 1 and "entries were removed" in verify.stdout
