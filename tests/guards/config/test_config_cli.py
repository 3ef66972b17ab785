"""`idguard check` over a folder of configuration files: the same engine end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from idguard.server.cli.main import main

CORPUS = Path(__file__).resolve().parents[3] / "benchmarks" / "corpus" / "config"


def test_check_reports_config_findings_and_exits_1_on_block(tmp_path, capsys, monkeypatch):
    for name in ("vulnerable/admin_role.tf", "vulnerable/cluster_roles.yaml", "correct/reports_reader_policy.json"):
        shutil.copy(CORPUS / name, tmp_path / Path(name).name)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "json", "--jobs", "1", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert code == 1
    assert by_name["admin_role.tf"]["verdict"] == "block"
    assert {f["guard_id"] for f in by_name["admin_role.tf"]["findings"]} >= {"IDG200", "IDG204", "IDG207"}
    assert by_name["cluster_roles.yaml"]["verdict"] == "block"
    assert by_name["reports_reader_policy.json"]["verdict"] == "review"
    assert by_name["reports_reader_policy.json"]["findings"] == []
