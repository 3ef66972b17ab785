"""`idguard check` on a Java file through the real command line, in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

PERMIT_ADMIN = """package com.acme.config;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

public class AdminSecurity {
    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").permitAll()).build();
    }
}
"""


def _idguard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("idguard", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "idguard.server.cli.main"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_check_reports_a_spring_permit_all_on_admin_and_exits_1(tmp_path: Path):
    source = tmp_path / "AdminSecurity.java"
    source.write_text(PERMIT_ADMIN, encoding="utf-8")
    out = _idguard("check", "--format", "json", "AdminSecurity.java", cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    [result] = json.loads(out.stdout)["files"]
    assert result["language"] == "java" and result["verdict"] == "block"
    assert ("IDG501", 10) in {(f["guard_id"], f["line"]) for f in result["findings"]}
    text = _idguard("check", "AdminSecurity.java", cwd=tmp_path)
    assert text.returncode == 1 and "AdminSecurity.java:10:" in text.stdout and "IDG501" in text.stdout


def test_check_passes_the_same_file_with_a_role_required(tmp_path: Path):
    (tmp_path / "AdminSecurity.java").write_text(PERMIT_ADMIN.replace("permitAll()", 'hasRole("ADMIN")'))
    out = _idguard("check", "--format", "json", "AdminSecurity.java", cwd=tmp_path)
    [result] = json.loads(out.stdout)["files"]
    assert not [f for f in result["findings"] if f["guard_id"].startswith("IDG5")], result["findings"]
    assert result["verdict"] != "block", out.stdout
