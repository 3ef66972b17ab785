"""The CI examples run commands that exist: the workflow's gate writes the SARIF it uploads; hooks parse."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml
from idguard.server.cli.main import build_parser

REPO = Path(__file__).resolve().parents[2]


def _parses(command: str) -> None:
    argv = shlex.split(command.replace("\\\n", " "))
    assert argv[0] == "idguard"
    # Substitute GitHub expressions and variables with a plain ref; argparse exits on an unknown option.
    build_parser().parse_args([a if "${{" not in a and not a.startswith("$") else "origin/main" for a in argv[1:]])


def test_workflow_runs_gate_from_the_base_branch_with_full_history_and_uploads_its_sarif():
    workflow = yaml.safe_load((REPO / "examples/ci/idguard-gate.yml").read_text())
    # The workflow as the base branch holds it: a pull request cannot edit the gate away.
    assert "pull_request_target" in workflow[True] and "pull_request" not in workflow[True]
    steps = workflow["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    gate = next(s for s in steps if s.get("name") == "idguard gate")
    argv = shlex.split(gate["run"].replace("\\\n", " "))
    assert argv[argv.index("--format") + 1] == "sarif" and argv[argv.index("--trust-ref") + 1] == "$BASE"
    assert checkout["with"]["persist-credentials"] is False
    sarif_file = argv[argv.index("--output") + 1]
    _parses(gate["run"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == sarif_file and upload["if"].startswith("always()")
    assert workflow["permissions"]["security-events"] == "write"


def test_pre_commit_hooks_call_real_subcommands():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    local = yaml.safe_load((REPO / "examples/ci/pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} == {h["id"] for h in local} == {"idguard-check", "idguard-gate"}
    for hook in hooks + local:
        _parses(hook["entry"] + (" some_file.py" if hook.get("pass_filenames", True) else ""))
