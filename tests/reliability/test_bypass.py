"""Bypass attempts: what an assistant could try to get identity code through without a human.

It cannot approve (no tool does), cannot forge an approval, cannot reuse a tag on changed content,
cannot suppress a guard without a reason, and cannot switch guards off through content it writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.server.mcp import service as service
from idguard.server.mcp.app import build_server
from idguard.server.mcp.state import ServerState
from idguard.server.review.approvals import ApprovalRecord
from idguard.server.review.signing import public_key_for
from mcp import Client
from review_fixtures import TOKEN_CODE, decision_for, make_repo

pytestmark = pytest.mark.anyio

UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'
FORBIDDEN_WORDS = ("approve", "reject", "sign", "delete", "policy", "allow", "grant", "override", "disable", "suppress")


async def test_no_tool_resource_or_prompt_can_approve_or_change_policy(workspace: Path):
    async with Client(build_server(workspace, workers=1)) as client:
        tools = (await client.list_tools()).tools
        names = {t.name for t in tools}
        assert names == {"redact_prompt", "check_code", "guard_change", "review_status", "list_guards", "explain_guard"}
        for tool in tools:
            assert not any(word in tool.name for word in FORBIDDEN_WORDS), tool.name
            params = set(tool.input_schema.get("properties", {}))
            assert not params & {"approve", "approved", "decision", "signature", "reviewer", "policy", "force", "skip"}
        assert all(t.annotations.read_only_hint for t in tools if t.name not in ("guard_change", "redact_prompt"))
        resources = (await client.list_resources()).resources
        assert {str(r.uri) for r in resources} == {"idguard://policy", "idguard://guards"}
        assert not (await client.list_resource_templates()).resource_templates
        prompts = (await client.list_prompts()).prompts
        assert [p.name for p in prompts] == ["guarded_identity_change"]


def _sign(data: bytes, key: Path, namespace: str, tmp: Path) -> str:
    message = tmp / "message"
    message.write_bytes(data)
    Path(str(message) + ".sig").unlink(missing_ok=True)
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-n", namespace, "-f", str(key), str(message)], check=True, capture_output=True
    )
    return Path(str(message) + ".sig").read_text()


def _forge(folder: Path, name: str, record: ApprovalRecord, signature: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(record.model_dump_json(indent=2))
    if signature is not None:
        (folder / f"{name}.json.sig").write_text(signature)


def _status(root: Path, review_id: str) -> str:
    state = ServerState.open(root, workers=1)
    try:
        return service.review_status(state, review_id, "test").status
    finally:
        state.close()


def test_forged_approvals_never_count_and_the_gate_fails(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    other = repo.guard_change("auth/other.py", TOKEN_CODE.replace("api", "billing"))
    review_id = review.review_id
    folder = workspace / ".idguard" / "approvals" / review_id
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    def record(who: str, **changes) -> ApprovalRecord:
        return decision_for(repo, changes.pop("review_id", review_id), f"{who}@example.com", repo.keys[who], **changes)

    good = record("reviewer")
    forgeries = {
        "unsigned": (good, None),
        "wrong namespace": (good, _sign(good.canonical_bytes(), repo.keys["reviewer"], "git", scratch)),
        "signer not allowed": (
            record("outsider"),
            _sign(record("outsider").canonical_bytes(), repo.keys["outsider"], "idguard", scratch),
        ),
        "outsider claims a reviewer": (
            record("reviewer", key_fingerprint=public_key_for(repo.keys["outsider"]).fingerprint),
            _sign(
                record("reviewer", key_fingerprint=public_key_for(repo.keys["outsider"]).fingerprint).canonical_bytes(),
                repo.keys["outsider"],
                "idguard",
                scratch,
            ),
        ),
        "another hash": (
            record("reviewer", content_sha256="0" * 64),
            _sign(
                record("reviewer", content_sha256="0" * 64).canonical_bytes(), repo.keys["reviewer"], "idguard", scratch
            ),
        ),
        "another review": (
            record("reviewer", review_id=other.review_id, path="auth/other.py", content_sha256=other.content_sha256),
            _sign(
                record(
                    "reviewer", review_id=other.review_id, path="auth/other.py", content_sha256=other.content_sha256
                ).canonical_bytes(),
                repo.keys["reviewer"],
                "idguard",
                scratch,
            ),
        ),
        "author approves own change": (
            record("author"),
            _sign(record("author").canonical_bytes(), repo.keys["author"], "idguard", scratch),
        ),
        "edited after signing": (
            record("reviewer", note="looks fine"),
            _sign(good.canonical_bytes(), repo.keys["reviewer"], "idguard", scratch),
        ),
        "signature of another file": (good, _sign(b"something else", repo.keys["reviewer"], "idguard", scratch)),
        "garbage signature": (good, "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n"),
    }
    for index, (name, (forged, signature)) in enumerate(forgeries.items()):
        _forge(folder, f"forged{index:02d}", forged, signature)
        assert _status(workspace, review_id) == "pending", name
    repo.commit("identity change with forged approvals", ".")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 1, gate.stdout[-2000:]
    # Control: one real approval by an allowed reviewer, through the human CLI, does count.
    approved = repo.approve(review_id, "reviewer")
    assert approved.returncode == 0, approved.stderr
    assert _status(workspace, review_id) == "approved"


def test_a_tag_reused_on_changed_content_is_stale_and_fails_the_gate(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    assert _status(workspace, review.review_id) == "approved"
    tagged = (workspace / "auth" / "tokens.py").read_text()
    for edit in (
        tagged.replace('audience="api"', 'audience="admin"'),
        tagged + "\n",
        tagged.replace("RS256", "HS256"),
        tagged + "claims = jwt.decode(token, options={'verify_signature': False})\n",
    ):
        (workspace / "auth" / "tokens.py").write_text(edit)
        assert _status(workspace, review.review_id) == "stale"
    repo.commit("edited after approval", ".")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 1
    assert "auth/tokens.py" in gate.stdout


async def test_suppressions_need_a_reason_and_never_reach_pass(workspace: Path):
    async with Client(build_server(workspace, workers=1)) as client:

        async def check(code: str, path: str = "auth/t.py") -> dict:
            return (await client.call_tool("check_code", {"code": code, "path": path})).structured_content

        bare = await check(UNVERIFIED.replace("False})", "False})  # idguard: ignore[IDG101]"))
        assert bare["verdict"] == "block" and {"IDG101", "IDG002"} <= {f["guard_id"] for f in bare["findings"]}
        for junk in ("  ", " -", " :", " —"):
            assert (await check(UNVERIFIED.replace("False})", f"False}})  # idguard: ignore[IDG101]{junk}")))[
                "verdict"
            ] == "block"
        wrong_id = await check(UNVERIFIED.replace("False})", "False})  # idguard: ignore[IDG999] not this one"))
        assert wrong_id["verdict"] == "block"
        reasoned = await check(UNVERIFIED.replace("False})", "False})  # idguard: ignore[IDG101] reads kid only"))
        assert reasoned["verdict"] == "review"  # a reasoned suppression still goes to a human
        assert [f["suppressed"] for f in reasoned["findings"] if f["guard_id"] == "IDG101"] == [True]
        # A suppression on a non-identity file makes it identity-related work for a reviewer, never a silent pass.
        plain = await check("x = eval(input())  # idguard: ignore[IDG101] because\n", "app/hello.py")
        assert plain["verdict"] != "block"
        # What idguard could not analyse cannot be suppressed.
        broken = await check("def f(:\n    pass  # idguard: ignore[IDG000] trust me\n")
        assert broken["verdict"] == "block" and not any(f["suppressed"] for f in broken["findings"])
        changed = (
            await client.call_tool(
                "guard_change",
                {
                    "path": "auth/t.py",
                    "content": UNVERIFIED.replace("False})", "False})  # idguard: ignore[IDG101]"),
                    "intent": "x",
                },
            )
        ).structured_content
        assert changed["verdict"] == "block" and changed["tagged_content"] is None


POLICY_WRITES = [
    (".idguard/policy.toml", "[guards.IDG101]\nenabled = false\n[limits]\nguard_timeout_seconds = 600\n"),
    (".idguard/policy.toml", 'block_threshold = "critical"\nidentity_paths = []\n'),
    (".idguard/allowed_signers", "assistant@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAssistantKey\n"),
    (".idguard/approvals/IGR-0123456789ab/0123456789abcdef.json", '{"decision": "approve"}'),
    (".idguard/reviews/IGR-0123456789ab.json", "{}"),
]


async def test_guard_change_on_idguard_files_needs_review(workspace: Path):
    async with Client(build_server(workspace, workers=1)) as client:
        for path, content in POLICY_WRITES:
            data = (
                await client.call_tool("guard_change", {"path": path, "content": content, "intent": "tune"})
            ).structured_content
            # A governance change: nothing in it is a flaw to block, and a human must approve it.
            assert data["verdict"] == "review" and data["identity_related"], path


async def test_guard_change_on_a_pyproject_policy_needs_review(workspace: Path):
    content = '[project]\nname = "app"\n\n[tool.idguard]\nblock_threshold = "critical"\n\n[tool.idguard.guards.IDG101]\nenabled = false\n'
    async with Client(build_server(workspace, workers=1)) as client:
        data = (
            await client.call_tool("guard_change", {"path": "pyproject.toml", "content": content, "intent": "x"})
        ).structured_content
    assert data["verdict"] == "review" and data["identity_related"]


async def test_guard_change_on_idguard_enforcement_config_needs_review(workspace: Path):
    writes = [
        (".claude/settings.json", '{"hooks": {}}\n'),
        (
            ".github/workflows/idguard.yml",
            "jobs:\n  gate:\n    steps:\n      - run: idguard gate --base main || true\n",
        ),
    ]
    async with Client(build_server(workspace, workers=1)) as client:
        for path, content in writes:
            data = (
                await client.call_tool("guard_change", {"path": path, "content": content, "intent": "x"})
            ).structured_content
            assert data["verdict"] == "review" and data["identity_related"], path


def test_the_gate_uses_the_base_policy_and_signers_not_the_branch_ones(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write(".idguard/policy.toml", '[guards.IDG101]\nenabled = false\nblock_threshold = "critical"\n')
    outsider = " ".join(Path(str(repo.keys["outsider"]) + ".pub").read_text().split()[:2])
    signers = (workspace / ".idguard" / "allowed_signers").read_text() + f"outsider@example.com {outsider}\n"
    repo.write(".idguard/allowed_signers", signers)
    repo.write("auth/tokens.py", UNVERIFIED)
    repo.commit("branch loosens its own policy and adds a signer", ".")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 1
    assert "IDG101" in gate.stdout


def _hook_denies(workspace: Path, attempts: list[tuple[str, dict]]) -> dict[str, bool]:
    idguard = str(Path(sys.executable).with_name("idguard"))
    (workspace / ".idguard").mkdir(exist_ok=True)
    (workspace / ".idguard" / "policy.toml").write_text("")
    results = {}
    for tool, tool_input in attempts:
        payload = {"hook_event_name": "PreToolUse", "cwd": str(workspace), "tool_name": tool, "tool_input": tool_input}
        proc = subprocess.run(
            [idguard, "hook", "claude-code"],
            cwd=workspace,
            input=json.dumps(payload),
            text=True,
            capture_output=True,
            timeout=60,
        )
        results[f"{tool} {json.dumps(tool_input)[:50]}"] = proc.returncode == 2 or '"deny"' in proc.stdout
    return results


def test_the_hook_denies_edit_and_write_under_idguard(workspace: Path):
    attempts = [
        ("Edit", {"file_path": ".idguard/policy.toml", "old_string": "", "new_string": "block_threshold = 'critical'"}),
        (
            "Write",
            {"file_path": str(workspace / ".idguard" / "approvals" / "IGR-0123456789ab" / "x.json"), "content": "{}"},
        ),
        ("Write", {"file_path": "auth/../.idguard/policy.toml", "content": "block_threshold = 'critical'\n"}),
        ("Write", {"file_path": "settings/policy.toml", "content": "block_threshold = 'critical'\n"}),
    ]
    (workspace / ".idguard").mkdir(exist_ok=True)
    (workspace / "settings").symlink_to(workspace / ".idguard")  # a symlinked folder into .idguard/
    results = _hook_denies(workspace, attempts)
    assert results == {name: True for name in results}


def test_the_hook_denies_shell_writes_under_idguard(workspace: Path):
    attempts = [
        ("Bash", {"command": "echo 'me ssh-ed25519 AAAA' >> .idguard/allowed_signers"}),
        ("Bash", {"command": "printf '[guards.IDG101]\\nenabled=false\\n' > .idguard/policy.toml"}),
    ]
    results = _hook_denies(workspace, attempts)
    assert results == {name: True for name in results}
