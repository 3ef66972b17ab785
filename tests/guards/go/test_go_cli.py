"""Go end to end: the real CLI in a subprocess blocks `InsecureSkipVerify: true` and a `none` keyfunc, on the line,
in text, JSON and SARIF; the gate refuses it on a branch."""

from __future__ import annotations

import json
from pathlib import Path

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
