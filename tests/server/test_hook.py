"""`idguard hook`: real Claude Code and VS Code hook payloads, each decision and its documented JSON."""

from __future__ import annotations

import io
import json
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.guards import check_code
from idguard.guards.tags import apply_tag
from idguard.server.audit.open import open_audit_log
from idguard.server.edits import EditError, apply_string_edits
from idguard.server.hook.decide import run_hook
from idguard.server.policy import load_policy
from idguard.server.review.store import Author, ReviewStore
from idguard.server.workspace import Workspace

GRANT = "ROLE = 'viewer'\n\n\ndef grant_role(user, role=ROLE):\n    user.roles.append(role)\n    user.save()\n"
UNVERIFIED_JWT = (
    'import jwt\n\n\ndef current_user(token):\n    return jwt.decode(token, options={"verify_signature": False})\n'
)
PLAIN = "def add(a, b):\n    return a + b\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("IDGUARD_WORKSPACE", raising=False)
    (tmp_path / ".git").mkdir()
    return tmp_path


def hook(payload: dict | str, client: str = "claude-code") -> tuple[int, dict | None]:
    stdout, stderr = io.StringIO(), io.StringIO()
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    code = run_hook(io.StringIO(raw), stdout, stderr, client=client)
    text = stdout.getvalue()
    return code, (json.loads(text) if text.strip() else None)


def pre_tool_use(repo: Path, tool: str, tool_input: dict) -> dict:
    # The fields Claude Code sends with every PreToolUse call.
    return {
        "session_id": "0b5c-session",
        "transcript_path": str(repo / ".claude" / "transcript.jsonl"),
        "cwd": str(repo),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_01",
    }


def vscode_pre_tool_use(repo: Path, tool: str, tool_input: dict) -> dict:
    return {
        "timestamp": "2026-11-29T06:00:00.000Z",
        "hook_event_name": "PreToolUse",
        "session_id": "vscode-session",
        "cwd": str(repo),
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "call_42",
    }


def denied_reason(output: dict | None) -> str:
    assert output is not None, "expected a deny, got a silent allow"
    specific = output["hookSpecificOutput"]
    assert specific["hookEventName"] == "PreToolUse"
    assert specific["permissionDecision"] == "deny"
    assert set(specific) == {"hookEventName", "permissionDecision", "permissionDecisionReason"}
    return specific["permissionDecisionReason"]


def reviewed(repo: Path, rel: str, content: str) -> tuple[str, str]:
    """What guard_change returns for `content`: the tagged content and the review id (record written)."""
    workspace = Workspace(repo)
    result = check_code(content, rel, None, load_policy(workspace), workspace.fingerprint_key())
    assert result.verdict == "review"
    record = ReviewStore(workspace).create(
        result.model_copy(update={"verdict": "review"}), rel, "test change", Author(email="dev@example.com")
    )
    tagged, _ = apply_tag(content, result.language, record.id)
    assert tagged is not None
    return tagged, record.id


def test_write_with_blocking_findings_is_denied_with_findings_and_fix(repo: Path) -> None:
    code, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "auth.py"), "content": UNVERIFIED_JWT}))
    reason = denied_reason(output)
    assert code == 0
    assert "IDG101 line 5" in reason and "Fix:" in reason and "guard_change" in reason


def test_untagged_identity_write_is_denied_and_points_to_guard_change(repo: Path) -> None:
    code, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}))
    reason = denied_reason(output)
    assert "has no idguard review tag" in reason and "guard_change" in reason


def test_tagged_content_from_guard_change_is_allowed_silently(repo: Path) -> None:
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    assert hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": tagged})) == (0, None)


def test_relative_path_resolves_against_cwd(repo: Path) -> None:
    tagged, _ = reviewed(repo, "app/roles.py", GRANT)
    assert hook(pre_tool_use(repo, "Write", {"file_path": "app/roles.py", "content": tagged})) == (0, None)
    _, output = hook(pre_tool_use(repo, "Write", {"file_path": "app/other_roles.py", "content": tagged}))
    assert "bound to another path" in denied_reason(output)


def test_forged_tag_without_review_record_is_denied(repo: Path) -> None:
    tagged, review_id = reviewed(repo, "roles.py", GRANT)
    (repo / ".idguard" / "reviews" / f"{review_id}.json").unlink()
    _, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": tagged}))
    assert "has no review record" in denied_reason(output)


def test_content_changed_after_tagging_is_denied(repo: Path) -> None:
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    changed = tagged.replace("'viewer'", "'admin'")
    _, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": changed}))
    assert "does not match this content" in denied_reason(output)


def test_non_identity_write_is_allowed_silently(repo: Path) -> None:
    assert hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "util.py"), "content": PLAIN})) == (0, None)


def test_tools_that_write_nothing_are_allowed(repo: Path) -> None:
    assert hook(pre_tool_use(repo, "Read", {"file_path": str(repo / "roles.py")})) == (0, None)
    assert hook(pre_tool_use(repo, "Bash", {"command": "ls"})) == (0, None)


def test_edit_is_judged_on_the_resulting_file(repo: Path) -> None:
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    (repo / "roles.py").write_text(tagged, encoding="utf-8")
    # A harmless-looking edit still changes reviewed identity code: the tag no longer matches.
    edit = {"file_path": str(repo / "roles.py"), "old_string": "user.save()", "new_string": "user.save(force=True)"}
    _, output = hook(pre_tool_use(repo, "Edit", edit))
    assert "does not match this content" in denied_reason(output)
    # An edit that introduces a blocking pattern is denied with the finding.
    jwt_file = repo / "tokens.py"
    jwt_file.write_text(UNVERIFIED_JWT.replace('options={"verify_signature": False}', 'key, algorithms=["RS256"]'))
    edit = {
        "file_path": str(jwt_file),
        "old_string": 'key, algorithms=["RS256"]',
        "new_string": 'options={"verify_signature": False}',
    }
    _, output = hook(pre_tool_use(repo, "Edit", edit))
    assert "IDG101" in denied_reason(output)


def test_edit_whose_old_string_is_missing_is_denied(repo: Path) -> None:
    (repo / "util.py").write_text(PLAIN, encoding="utf-8")
    edit = {"file_path": str(repo / "util.py"), "old_string": "return a - b", "new_string": "return b"}
    _, output = hook(pre_tool_use(repo, "Edit", edit))
    reason = denied_reason(output)
    assert "old_string not found" in reason and "fail closed" in reason
    assert "\n" not in reason


def test_edit_with_replace_all_produces_the_reviewed_content(repo: Path) -> None:
    tagged, _ = reviewed(
        repo, "roles.py", GRANT.replace("user.roles", "member.roles").replace("user.save", "member.save")
    )
    before = tagged.replace("member.", "user.")
    assert before.count("user.") == 2
    (repo / "roles.py").write_text(before, encoding="utf-8")
    edit = {"file_path": str(repo / "roles.py"), "old_string": "user.", "new_string": "member.", "replace_all": True}
    assert hook(pre_tool_use(repo, "Edit", edit)) == (0, None)
    _, output = hook(pre_tool_use(repo, "Edit", {**edit, "replace_all": False}))
    assert "occurs 2 times" in denied_reason(output)


def test_multiedit_applies_edits_in_order(repo: Path) -> None:
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    before = tagged.replace("'viewer'", "'reader'").replace("user.save()", "pass")
    (repo / "roles.py").write_text(before, encoding="utf-8")
    edits = [
        {"old_string": "'reader'", "new_string": "'viewer'"},
        {"old_string": "pass", "new_string": "user.save()"},
    ]
    assert hook(pre_tool_use(repo, "MultiEdit", {"file_path": str(repo / "roles.py"), "edits": edits})) == (0, None)
    _, output = hook(pre_tool_use(repo, "MultiEdit", {"file_path": str(repo / "roles.py"), "edits": edits[:1]}))
    assert "does not match this content" in denied_reason(output)


def test_multiedit_creating_a_new_file(repo: Path) -> None:
    edits = [{"old_string": "", "new_string": UNVERIFIED_JWT}]
    _, output = hook(pre_tool_use(repo, "MultiEdit", {"file_path": str(repo / "new_auth.py"), "edits": edits}))
    assert "IDG101" in denied_reason(output)


def test_apply_string_edits_rules() -> None:
    assert apply_string_edits("a b a", [{"old_string": "a", "new_string": "c", "replace_all": True}], "f") == "c b c"
    assert apply_string_edits(None, [{"old_string": "", "new_string": "x"}], "f") == "x"
    with pytest.raises(EditError):
        apply_string_edits(None, [{"old_string": "a", "new_string": "b"}], "f")
    with pytest.raises(EditError):
        apply_string_edits("abc", [{"old_string": "a", "new_string": 3}], "f")
    with pytest.raises(EditError, match="occurs 2 times"):
        apply_string_edits("a b a", [{"old_string": "a", "new_string": "c"}], "f")


def test_assistant_cannot_write_idguard_governance_files(repo: Path) -> None:
    approval = {"file_path": str(repo / ".idguard" / "approvals" / "IGR-0123456789ab.json"), "content": "{}"}
    _, output = hook(pre_tool_use(repo, "Write", approval))
    assert "governed by humans" in denied_reason(output)


def test_vscode_create_file_and_replace_string(repo: Path) -> None:
    _, output = hook(
        vscode_pre_tool_use(repo, "create_file", {"filePath": str(repo / "roles.py"), "content": GRANT}), "vscode"
    )
    assert "guard_change" in denied_reason(output)
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    assert hook(
        vscode_pre_tool_use(repo, "createFile", {"filePath": str(repo / "roles.py"), "content": tagged}), "vscode"
    ) == (0, None)
    (repo / "roles.py").write_text(tagged, encoding="utf-8")
    replace = {"filePath": str(repo / "roles.py"), "oldString": "'viewer'", "newString": "'admin'"}
    _, output = hook(vscode_pre_tool_use(repo, "replace_string_in_file", replace), "vscode")
    assert "does not match" in denied_reason(output)


def test_vscode_multi_replace_checks_every_file(repo: Path) -> None:
    (repo / "util.py").write_text(PLAIN, encoding="utf-8")
    (repo / "tokens.py").write_text(
        UNVERIFIED_JWT.replace('options={"verify_signature": False}', "key"), encoding="utf-8"
    )
    replacements = [
        {"filePath": str(repo / "util.py"), "oldString": "a + b", "newString": "b + a"},
        {
            "filePath": str(repo / "tokens.py"),
            "oldString": "token, key",
            "newString": 'token, options={"verify_signature": False}',
        },
    ]
    _, output = hook(
        vscode_pre_tool_use(repo, "multi_replace_string_in_file", {"replacements": replacements}), "vscode"
    )
    reason = denied_reason(output)
    assert "tokens.py" in reason and "util.py" not in reason


def test_vscode_edit_tools_that_hide_the_result(repo: Path) -> None:
    (repo / "roles.py").write_text(GRANT, encoding="utf-8")
    (repo / "util.py").write_text(PLAIN, encoding="utf-8")
    _, output = hook(vscode_pre_tool_use(repo, "editFiles", {"files": [str(repo / "roles.py")]}), "vscode")
    assert "cannot check it" in denied_reason(output)
    assert hook(vscode_pre_tool_use(repo, "editFiles", {"files": [str(repo / "util.py")]}), "vscode") == (0, None)
    sketch = {
        "filePath": str(repo / "util.py"),
        "code": "def grant_role(user, role):\n    user.roles.append(role)\n",
        "explanation": "x",
    }
    _, output = hook(vscode_pre_tool_use(repo, "insert_edit_into_file", sketch), "vscode")
    assert "cannot check it" in denied_reason(output)
    assert hook(vscode_pre_tool_use(repo, "run_in_terminal", {"command": "ls"}), "vscode") == (0, None)


def test_vscode_apply_patch_is_applied_to_the_current_file_and_judged(repo: Path) -> None:
    (repo / "util.py").write_text(PLAIN, encoding="utf-8")
    target = str(repo / "roles.py")
    added = (
        "*** Begin Patch\n*** Add File: " + target + "\n" + "".join("+" + line + "\n" for line in GRANT.splitlines())
    )
    for tool in ("apply_patch", "copilot_applyPatch"):
        payload = {"input": added + "*** End Patch", "explanation": "add role grants"}
        _, output = hook(vscode_pre_tool_use(repo, tool, payload), "vscode")
        assert "roles.py is identity-related" in denied_reason(output)
    first = PLAIN.splitlines()[0]
    harmless = f"*** Begin Patch\n*** Update File: {repo / 'util.py'}\n@@\n-{first}\n+{first}  # same\n*** End Patch"
    assert hook(vscode_pre_tool_use(repo, "apply_patch", {"input": harmless}), "vscode") == (0, None)
    stale = f"*** Begin Patch\n*** Update File: {repo / 'util.py'}\n@@\n-not in the file\n+x\n*** End Patch"
    _, output = hook(vscode_pre_tool_use(repo, "apply_patch", {"input": stale}), "vscode")
    assert "fail closed" in denied_reason(output)


def _github_token() -> str:
    return "ghp" + "_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))


def test_user_prompt_with_a_credential_is_blocked_without_echoing_it(repo: Path) -> None:
    token = _github_token()
    prompt = f"Deploy with this token {token} please"
    payload = {"session_id": "s", "cwd": str(repo), "hook_event_name": "UserPromptSubmit", "prompt": prompt}
    code, output = hook(payload)
    assert code == 0 and output is not None
    assert output["decision"] == "block" and output["continue"] is False
    assert "github" in output["reason"].lower()
    assert token not in json.dumps(output) and token[4:12] not in json.dumps(output)
    clean = {**payload, "prompt": "Add an invite flow that expires after 7 days"}
    assert hook(clean) == (0, None)


def test_bad_input_and_internal_errors_deny_with_one_line(repo: Path) -> None:
    _, output = hook("{not json")
    assert "not valid JSON" in denied_reason(output)
    _, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "a.py")}))
    assert "no text for content" in denied_reason(output)
    (repo / ".idguard").mkdir(exist_ok=True)
    (repo / ".idguard" / "policy.toml").write_text("profile = [broken", encoding="utf-8")
    _, output = hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "util.py"), "content": PLAIN}))
    reason = denied_reason(output)
    assert "policy.toml" in reason and "fail closed" in reason and "\n" not in reason


def test_hook_decisions_on_identity_writes_are_audited(repo: Path) -> None:
    hook(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}))
    entries = [e for e in open_audit_log(Workspace(repo)).entries() if e.event == "hook"]
    assert entries and entries[-1].data["decision"] == "deny" and entries[-1].path == "roles.py"
    assert entries[-1].actor == "hook:claude-code"


def test_console_script_does_not_import_the_mcp_sdk(repo: Path) -> None:
    payload = json.dumps(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": GRANT}))
    probe = (
        "import sys\nfrom idguard.server.cli.main import main\ncode = main(['hook', 'claude-code'])\n"
        "heavy = sorted(m for m in sys.modules if m == 'mcp' or m.startswith(('mcp.', 'mcp_types', 'uvicorn', 'starlette')))\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], input=payload, capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert out.stderr.strip() == "0 []"
    assert json.loads(out.stdout)["hookSpecificOutput"]["permissionDecision"] == "deny"


def test_non_write_tools_do_not_load_the_engine(repo: Path) -> None:
    payload = json.dumps(pre_tool_use(repo, "Read", {"file_path": str(repo / "x.py")}))
    probe = (
        "import sys\nfrom idguard.server.cli.main import main\ncode = main(['hook', 'vscode'])\n"
        "print(code, 'libcst' in sys.modules, 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], input=payload, capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert out.stderr.strip() == "0 False False" and out.stdout == ""


def test_writing_reviewed_content_does_not_load_the_engine(repo: Path) -> None:
    # The step after guard_change (write tagged_content) is the hot path: tag + record, no libcst.
    tagged, _ = reviewed(repo, "roles.py", GRANT)
    payload = json.dumps(pre_tool_use(repo, "Write", {"file_path": str(repo / "roles.py"), "content": tagged}))
    probe = (
        "import sys\nfrom idguard.server.cli.main import main\ncode = main(['hook', 'claude-code'])\n"
        "print(code, 'libcst' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], input=payload, capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert out.stderr.strip() == "0 False" and out.stdout == ""
