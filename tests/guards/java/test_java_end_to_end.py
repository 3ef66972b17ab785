"""Java end to end: the real CLI (`idguard check`, `idguard gate`), the IDE hook and the MCP `guard_change` tool all
block a Spring `permitAll()` on `/admin/**`, and pass reviewed, approved Java."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from idguard.server.hook.decide import run_hook
from idguard.server.mcp.app import build_server
from mcp import Client

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "server"))
from review_fixtures import make_repo  # noqa: E402  (shared helpers of the server tests)

PERMIT_ADMIN_JAVA = """package com.acme.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

public class AdminSecurity {
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").permitAll()).build();
    }
}
"""
SAFE_JAVA = PERMIT_ADMIN_JAVA.replace("permitAll()", 'hasRole("ADMIN")')


def test_check_exits_1_on_a_permit_all_on_admin_and_reports_the_line(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("src/auth/AdminSecurity.java", PERMIT_ADMIN_JAVA)
    out = repo.idguard("check", "--format", "json", "src/auth/AdminSecurity.java")
    assert out.returncode == 1, out.stderr
    [result] = json.loads(out.stdout)["files"]
    assert result["verdict"] == "block" and result["language"] == "java"
    assert ("IDG501", 7) in {(f["guard_id"], f["line"]) for f in result["findings"]}
    text = repo.idguard("check", "src/auth/AdminSecurity.java")
    assert text.returncode == 1 and "src/auth/AdminSecurity.java:7:" in text.stdout and "IDG501" in text.stdout


def test_gate_refuses_the_permit_all_on_admin_and_passes_reviewed_approved_java(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("src/auth/AdminSecurity.java", PERMIT_ADMIN_JAVA)
    repo.commit("admin security")
    sarif = tmp_path / "gate.sarif"
    gate = repo.idguard("gate", "--format", "sarif", "--output", str(sarif))
    assert gate.returncode == 1, gate.stdout + gate.stderr
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    [finding] = [r for r in results if r["ruleId"] == "IDG501"]
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 7

    review = repo.guard_change("src/auth/AdminSecurity.java", SAFE_JAVA)
    tagged = (workspace / "src/auth/AdminSecurity.java").read_text()
    assert tagged.splitlines()[0].startswith("// idguard-review: " + review.review_id)
    repo.commit("require ADMIN")
    assert repo.idguard("gate").returncode == 1  # reviewed, not yet approved
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approve")
    gate = repo.idguard("gate")
    assert gate.returncode == 0, gate.stdout + gate.stderr


def _hook(payload: dict) -> dict | None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_hook(io.StringIO(json.dumps(payload)), stdout, stderr, client="claude-code") == 0
    return json.loads(stdout.getvalue()) if stdout.getvalue().strip() else None


def test_hook_denies_writing_the_permit_all_on_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("IDGUARD_WORKSPACE", raising=False)
    (tmp_path / ".git").mkdir()
    target = tmp_path / "src" / "AdminSecurity.java"
    output = _hook(
        {
            "session_id": "s",
            "transcript_path": str(tmp_path / "t.jsonl"),
            "cwd": str(tmp_path),
            "permission_mode": "default",
            "hook_event_name": "PreToolUse",
            "tool_name": "Write",
            "tool_input": {"file_path": str(target), "content": PERMIT_ADMIN_JAVA},
            "tool_use_id": "toolu_1",
        }
    )
    assert output is not None
    specific = output["hookSpecificOutput"]
    assert specific["permissionDecision"] == "deny"
    assert "IDG501 line 7" in specific["permissionDecisionReason"]


@pytest.mark.anyio
async def test_guard_change_blocks_the_permit_all_on_admin_and_tags_the_safe_version(workspace: Path):
    async with Client(build_server(workspace)) as client:
        blocked = (
            await client.call_tool(
                "guard_change",
                {"path": "src/auth/AdminSecurity.java", "content": PERMIT_ADMIN_JAVA, "intent": "admin security"},
            )
        ).structured_content
        reviewed = (
            await client.call_tool(
                "guard_change",
                {"path": "src/auth/AdminSecurity.java", "content": SAFE_JAVA, "intent": "admin security"},
            )
        ).structured_content
    assert blocked["verdict"] == "block" and blocked["tagged_content"] is None
    assert "IDG501" in {f["guard_id"] for f in blocked["findings"]}
    assert reviewed["verdict"] == "review" and reviewed["tagged_content"].startswith("// idguard-review: ")
