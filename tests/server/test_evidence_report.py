"""`idguard evidence`: identity changes with reviewers, approvals and gate results; chain status; control mapping."""

from __future__ import annotations

import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

from idguard.server.audit.evidence import CONTROLS, OWASP_NHI_TOP10
from review_fixtures import RBAC_CODE, TOKEN_CODE, make_repo


def test_evidence_json_md_html(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    approved = repo.guard_change("auth/tokens.py", TOKEN_CODE, "verify access tokens")
    pending = repo.guard_change("auth/roles.py", RBAC_CODE, "grant roles")
    assert repo.approve(approved.review_id, "reviewer", "--note", "audience pinned").returncode == 0
    repo.commit("two identity changes")
    assert repo.idguard("gate").returncode == 1

    proc = repo.idguard("evidence", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["audit_chain"]["ok"] is True
    changes = {c["review_id"]: c for c in report["changes"]}
    assert set(changes) == {approved.review_id, pending.review_id}
    assert changes[approved.review_id]["evaluation"]["state"] == "approved"
    assert changes[approved.review_id]["evaluation"]["approvers"] == ["reviewer@example.com"]
    assert changes[approved.review_id]["gate_results"][-1]["outcome"] == "pass"
    assert changes[pending.review_id]["gate_results"][-1]["problems"] == ["review-not-approved"]
    assert report["gate_runs"][-1]["passed"] is False
    mapped_nhi = {n for c in report["controls"] for n in c["owasp_nhi"]}
    assert mapped_nhi <= set(OWASP_NHI_TOP10) and {"NHI1", "NHI2", "NHI5", "NHI7"} <= mapped_nhi
    assert all(c["nist_csf"] for c in report["controls"])
    assert any(g["id"] == "IDG101" and g["nist_csf"] for g in report["guards"])

    md = repo.idguard("evidence").stdout
    assert "VERIFIED" in md and approved.review_id in md and "audience pinned" in md
    assert "| IDC-3 Mandatory signed human review" in md

    out = tmp_path / "evidence.html"
    assert repo.idguard("evidence", "--format", "html", "--output", str(out)).returncode == 0
    page = out.read_text()
    HTMLParser().feed(page)
    assert page.startswith("<!doctype html>") and f"<td>{approved.review_id}</td>" in page

    assert json.loads(repo.idguard("evidence", "--since", "2999-01-01", "--format", "json").stdout)["changes"] == []


def test_evidence_reports_a_broken_chain(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.guard_change("auth/tokens.py", TOKEN_CODE)
    conn = sqlite3.connect(workspace / ".idguard" / "state" / "audit.sqlite3")
    conn.execute("UPDATE audit SET event = 'check' WHERE seq = 1")
    conn.commit()
    conn.close()
    proc = repo.idguard("evidence")
    assert proc.returncode == 1
    assert "BROKEN at entry 1" in proc.stdout and "broken at entry 1" in proc.stderr


def test_controls_have_unique_ids():
    assert len({c.id for c in CONTROLS}) == len(CONTROLS)
