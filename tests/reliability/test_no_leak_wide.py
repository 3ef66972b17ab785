"""No leak, wide: a few hundred generated secrets of every kind through every MCP tool, CLI command and the
hook; then no 12-character run of any of them in `.idguard/`, the audit database, logs, stdout/stderr,
SARIF or evidence output. (tests/server/test_no_secret_leak.py is the small version.)
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.server.mcp.app import build_server
from mcp import Client
from review_fixtures import make_repo

from .secret_kinds import KINDS, generate_many

pytestmark = pytest.mark.anyio

RUN = 12
SAMPLES = generate_many(8 * len(KINDS), seed=20261129)


def _runs() -> set[str]:
    return {value[i : i + RUN] for _, _, value in SAMPLES for i in range(len(value) - RUN + 1)}


RUNS = _runs()


def leaks(blob: str | bytes) -> list[str]:
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    return sorted({text[i : i + RUN] for i in range(len(text) - RUN + 1)} & RUNS)


def chunks(size: int = 40) -> list[list[tuple[str, str, str]]]:
    return [SAMPLES[i : i + size] for i in range(0, len(SAMPLES), size)]


def python_file(batch) -> str:
    return "import jwt\n" + "".join(f"VALUE_{n} = {json.dumps(sample)}\n" for n, (_, sample, _) in enumerate(batch))


def env_file(batch) -> str:
    return "".join(f"{kind.upper()}_{n}={sample}\n" for n, (kind, sample, _) in enumerate(batch))


def yaml_file(batch) -> str:
    return "kind: Secret\nstringData:\n" + "".join(
        f"  k{n}: {json.dumps(sample)}\n" for n, (_, sample, _) in enumerate(batch)
    )


def prose(batch) -> str:
    return "Here is what I have:\n" + "\n".join(f"the {kind} is {sample} ok" for kind, sample, _ in batch)


def test_the_generated_secrets_are_all_detected():
    from idguard.guards.secrets import redact

    for _, sample, value in SAMPLES:
        assert not leaks(redact(f"x {sample} y", b"k" * 32).redacted), value[:4]


async def test_mcp_tools_leak_nothing(workspace: Path, caplog):
    caplog.set_level(logging.DEBUG)
    outputs: list[str] = []
    async with Client(build_server(workspace, workers=2)) as client:
        for batch in chunks():
            first = batch[0][1]
            calls = [
                ("redact_prompt", {"text": prose(batch)}),
                ("redact_prompt", {"text": env_file(batch)}),
                ("check_code", {"code": python_file(batch), "path": "auth/settings.py"}),
                ("check_code", {"code": env_file(batch), "path": ".env"}),
                ("check_code", {"code": yaml_file(batch), "path": "k8s/secret.yaml", "language": "yaml"}),
                (
                    "guard_change",
                    {"path": "auth/settings.py", "content": python_file(batch), "intent": prose(batch[:3])},
                ),
                ("guard_change", {"path": "auth/ok.py", "content": "import jwt\n", "intent": "use " + first}),
                ("guard_change", {"path": "k8s/role.yaml", "content": "kind: Role\n", "intent": "rotate " + first}),
                ("review_status", {"review_id": first}),
                ("review_status", {"review_id": "IGR-" + first}),
                ("explain_guard", {"guard_id": first}),
                ("check_code", {"code": "x = 1\n", "path": "../" + first}),
                ("check_code", {"code": "x = 1\n", "language": first}),
                ("guard_change", {"path": "auth/t.py", "content": "x = 1\n", "intent": (first + " ") * 300}),
            ]
            for tool, args in calls:
                result = await client.call_tool(tool, args)
                outputs.append(f"{tool}: {result.model_dump_json()}")
    found = {where[:40]: leaks(where) for where in outputs if leaks(where)}
    assert found == {}
    assert leaks("\n".join(r.getMessage() for r in caplog.records)) == []
    assert leaks(caplog.text) == []
    _assert_state_clean(workspace)


def _assert_state_clean(root: Path) -> None:
    files = [p for p in (root / ".idguard").rglob("*") if p.is_file()]
    assert any(p.name == "audit.sqlite3" for p in files)
    dirty = {str(p.relative_to(root)): leaks(p.read_bytes())[:3] for p in files if leaks(p.read_bytes())}
    assert dirty == {}
    # The WAL may hold pages not yet checkpointed: read rows through SQLite as well.
    import sqlite3

    with sqlite3.connect(root / ".idguard" / "state" / "audit.sqlite3") as conn:
        rows = "\n".join(repr(r) for r in conn.execute("SELECT * FROM audit"))
    assert leaks(rows) == []


def _idguard(repo, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("idguard")), *args],
        cwd=repo.root,
        input=stdin,
        capture_output=True,
        env=repo.env("author@example.com"),
        timeout=300,
    )
    assert b"Traceback" not in proc.stderr
    return proc


def test_cli_hook_gate_sarif_and_evidence_leak_nothing(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    outputs: dict[str, bytes] = {}
    for index, batch in enumerate(chunks(80)):
        repo.write(f"auth/settings_{index}.py", python_file(batch))
        repo.write(f"config/app_{index}.env", env_file(batch))
        repo.write(f"k8s/secret_{index}.yaml", yaml_file(batch))
        proc = _idguard(repo, "redact", "--format", "json", stdin=prose(batch).encode())
        outputs[f"redact json {index}"] = proc.stdout + proc.stderr
        proc = _idguard(repo, "redact", stdin=env_file(batch).encode())
        outputs[f"redact text {index}"] = proc.stdout + proc.stderr
        for event in (
            {"hook_event_name": "UserPromptSubmit", "prompt": prose(batch), "cwd": str(repo.root)},
            {
                "hook_event_name": "PreToolUse",
                "cwd": str(repo.root),
                "tool_name": "Write",
                "tool_input": {"file_path": f"auth/new_{index}.py", "content": python_file(batch)},
            },
            {
                "hook_event_name": "PreToolUse",
                "cwd": str(repo.root),
                "tool_name": "Edit",
                "tool_input": {
                    "file_path": f"auth/settings_{index}.py",
                    "old_string": "import jwt",
                    "new_string": "import jwt\nEXTRA = " + json.dumps(batch[0][1]),
                },
            },
            {
                "hook_event_name": "PreToolUse",
                "cwd": str(repo.root),
                "tool_name": "Bash",
                "tool_input": {"command": f"echo {batch[1][1]} > auth/x.py"},
            },
        ):
            proc = _idguard(repo, "hook", "claude-code", stdin=json.dumps(event).encode())
            outputs[f"hook {event['hook_event_name']} {index}"] = proc.stdout + proc.stderr
    proc = _idguard(repo, "check", "--format", "json", "--all", ".")
    outputs["check json"] = proc.stdout + proc.stderr
    proc = _idguard(repo, "check", "--all", ".")
    outputs["check text"] = proc.stdout + proc.stderr
    repo.commit("files holding secrets", ".")
    sarif = tmp_path / "gate.sarif"
    proc = _idguard(repo, "gate", "--base", "main", "--format", "sarif", "--output", str(sarif))
    assert proc.returncode == 1 and sarif.is_file()
    outputs["gate sarif"] = sarif.read_bytes() + proc.stdout + proc.stderr
    proc = _idguard(repo, "gate", "--base", "main", "--format", "json")
    outputs["gate json"] = proc.stdout + proc.stderr
    for fmt in ("json", "md", "html"):
        proc = _idguard(repo, "evidence", "--format", fmt)
        outputs[f"evidence {fmt}"] = proc.stdout + proc.stderr
    for args in (("audit", "show"), ("audit", "verify"), ("review", "list")):
        proc = _idguard(repo, *args)
        outputs[" ".join(args)] = proc.stdout + proc.stderr
    assert any(b"SECRET" in v or b"IDG001" in v for v in outputs.values())  # the secrets were seen and reported
    assert {where: leaks(blob)[:3] for where, blob in outputs.items() if leaks(blob)} == {}
    _assert_state_clean(repo.root)
