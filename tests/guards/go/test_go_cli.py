"""Go end to end: the real CLI in a subprocess (`idguard check`, `idguard gate`), the IDE hook and the MCP
`guard_change` tool all block `InsecureSkipVerify: true`, on its line, and let the verified version through to review."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from idguard.server.hook.decide import run_hook
from idguard.server.mcp.app import build_server
from mcp import Client
from review_fixtures import make_repo

INSECURE_GO = """package client

import (
\t"crypto/tls"
\t"net/http"
)

func idpClient() *http.Client {
\treturn &http.Client{Transport: &http.Transport{
\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},
\t}}
}
"""


def test_check_reports_go_findings_through_the_real_cli(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("internal/auth/client.go", INSECURE_GO)
    out = repo.idguard("check", "--format", "json", "internal/auth/client.go")
    assert out.returncode == 1, out.stdout + out.stderr
    [result] = json.loads(out.stdout)["files"]
    assert result["language"] == "go" and result["verdict"] == "block"
    assert ("IDG409", 10) in {(f["guard_id"], f["line"]) for f in result["findings"]}
    text = repo.idguard("check", "internal/auth/client.go")
    assert text.returncode == 1 and "internal/auth/client.go:10:" in text.stdout and "IDG409" in text.stdout


def test_check_passes_verified_go(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("internal/auth/client.go", INSECURE_GO.replace("InsecureSkipVerify: true", "RootCAs: pool"))
    out = repo.idguard("check", "--format", "json", "internal/auth/client.go")
    assert out.returncode == 0, out.stdout + out.stderr
    [result] = json.loads(out.stdout)["files"]
    assert not [f for f in result["findings"] if f["guard_id"].startswith("IDG4")]


def test_gate_blocks_insecure_go_in_sarif(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("internal/auth/client.go", INSECURE_GO)
    repo.commit("idp client")
    sarif = tmp_path / "gate.sarif"
    gate = repo.idguard("gate", "--format", "sarif", "--output", str(sarif))
    assert gate.returncode == 1, gate.stdout + gate.stderr
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    [finding] = [r for r in results if r["ruleId"] == "IDG409"]
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_hook_denies_writing_insecure_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("IDGUARD_WORKSPACE", raising=False)
    (tmp_path / ".git").mkdir()
    payload = {
        "session_id": "s",
        "transcript_path": str(tmp_path / "t.jsonl"),
        "cwd": str(tmp_path),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(tmp_path / "internal" / "client.go"), "content": INSECURE_GO},
        "tool_use_id": "toolu_1",
    }
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_hook(io.StringIO(json.dumps(payload)), stdout, stderr, client="claude-code") == 0
    specific = json.loads(stdout.getvalue())["hookSpecificOutput"]
    assert specific["permissionDecision"] == "deny"
    assert "IDG409 line 10" in specific["permissionDecisionReason"]


@pytest.mark.anyio
async def test_guard_change_blocks_insecure_go_and_tags_the_verified_version(workspace: Path):
    safe = INSECURE_GO.replace("InsecureSkipVerify: true", "RootCAs: pool")
    async with Client(build_server(workspace)) as client:
        blocked = (
            await client.call_tool(
                "guard_change", {"path": "internal/auth/client.go", "content": INSECURE_GO, "intent": "idp client"}
            )
        ).structured_content
        reviewed = (
            await client.call_tool(
                "guard_change", {"path": "internal/auth/client.go", "content": safe, "intent": "idp client"}
            )
        ).structured_content
    assert blocked["verdict"] == "block" and blocked["tagged_content"] is None
    assert "IDG409" in {f["guard_id"] for f in blocked["findings"]}
    assert reviewed["verdict"] == "review" and reviewed["tagged_content"].startswith("// idguard-review: ")
