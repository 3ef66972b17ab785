"""Gate SARIF validates against the official SARIF 2.1.0 schema and carries what code scanning needs."""

from __future__ import annotations

import json
from pathlib import Path

import idguard.server.gate.sarif
import jsonschema
from idguard.guards import check_code
from idguard.guards.registry import get_guard
from idguard.server.gate.run import GateProblem
from idguard.server.gate.sarif import render_sarif
from review_fixtures import TOKEN_CODE, make_repo

SCHEMA = json.loads(
    (Path(idguard.server.gate.sarif.__file__).parent / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8")
)
UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


def validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_schema_is_the_official_sarif_2_1_0():
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_gate_sarif_validates_and_maps_findings_and_problems(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("auth/unverified.py", UNVERIFIED)
    repo.write("auth/tokens.py", TOKEN_CODE)
    repo.commit("identity code without review")
    out = tmp_path / "gate.sarif"
    gate = repo.idguard("gate", "--format", "sarif", "--output", str(out))
    assert gate.returncode == 1
    log = json.loads(out.read_text())
    validate(log)

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    [finding] = [r for r in results if r["ruleId"] == "IDG101"]
    assert finding["level"] == "error"
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "auth/unverified.py"
    assert location["region"]["startLine"] == 2
    rule = rules[finding["ruleIndex"]]
    assert get_guard("IDG101").doc().sections["What it does"] in rule["help"]["text"]
    assert "### Why is this bad?" in rule["help"]["markdown"]
    assert float(rule["properties"]["security-severity"]) >= 7.0
    assert any(tag.startswith("external/cwe/cwe-") for tag in rule["properties"]["tags"])
    gate_results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in results
        if r["ruleId"].startswith("idguard-gate/")
    }
    assert gate_results == {
        ("idguard-gate/blocking-findings", "auth/unverified.py"),
        ("idguard-gate/review-tag-missing", "auth/unverified.py"),
        ("idguard-gate/review-tag-missing", "auth/tokens.py"),
    }


def test_levels_follow_severity_and_suppressions_are_marked():
    code = (
        "import jwt\n"
        'claims = jwt.decode(token, options={"verify_signature": False})  # idguard: ignore[IDG101] reads kid only\n'
    )
    result = check_code(code, path="auth/kid.py")
    log = render_sarif([result], [GateProblem(kind="review-not-approved", path="a b/ü.py", message="0 of 2")])
    validate(log)
    results = log["runs"][0]["results"]
    [suppressed] = [r for r in results if r["ruleId"] == "IDG101"]
    assert suppressed["suppressions"] == [{"kind": "inSource", "justification": "reads kid only"}]
    [problem] = [r for r in results if r["ruleId"] == "idguard-gate/review-not-approved"]
    assert problem["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%20b/%C3%BC.py"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["IDG000"] == "error"
    assert set(levels.values()) <= {"error", "warning", "note"}
