"""Every MCP tool through the SDK's in-memory client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from idguard.guards.tags import content_sha256, find_tag, strip_tags
from idguard.server.audit.open import open_audit_log
from idguard.server.mcp.app import build_server
from mcp import Client

pytestmark = pytest.mark.anyio

SAFE_TOKEN_CODE = """import os
import jwt


def read_token(token):
    return jwt.decode(token, os.environ["KEY"], algorithms=["RS256"], audience="api", issuer="https://idp")
"""

UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


async def test_tools_are_listed_with_schemas_and_annotations(workspace: Path):
    async with Client(build_server(workspace)) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == {
            "redact_prompt",
            "check_code",
            "guard_change",
            "review_status",
            "list_guards",
            "explain_guard",
        }
        assert all(t.output_schema for t in tools.values())
        assert tools["check_code"].annotations.read_only_hint is True
        assert tools["guard_change"].annotations.read_only_hint is False
        assert not any("approve" in name or "reject" in name for name in tools)
        assert "guard_change" in client.instructions


async def test_redact_prompt_replaces_the_secret_and_returns_a_fingerprint(workspace, secrets_now):
    token = secrets_now["github_token"]
    async with Client(build_server(workspace)) as client:
        result = await client.call_tool("redact_prompt", {"text": f"use {token} then {token}\nthanks"})
    assert not result.is_error
    data = result.structured_content
    assert data["redacted"] == "use [[SECRET:github_token:1]] then [[SECRET:github_token:1]]\nthanks"
    assert data["count"] == 2
    assert data["findings"][0]["fingerprint"].startswith("hmac-sha256:")
    assert token not in json.dumps(data)


async def test_check_code_blocks_unverified_jwt_and_reviews_safe_identity_code(workspace):
    async with Client(build_server(workspace)) as client:
        bad = (await client.call_tool("check_code", {"code": UNVERIFIED, "path": "auth/tokens.py"})).structured_content
        good = (
            await client.call_tool("check_code", {"code": SAFE_TOKEN_CODE, "path": "auth/tokens.py"})
        ).structured_content
        plain = (
            await client.call_tool("check_code", {"code": "print('hello')\n", "path": "app/hello.py"})
        ).structured_content
    assert bad["verdict"] == "block" and bad["identity_related"]
    assert [f["guard_id"] for f in bad["findings"]] == ["IDG101"]
    assert bad["findings"][0]["line"] == 2
    assert good["verdict"] == "review" and "token" in good["categories"]
    assert plain["verdict"] == "pass" and not plain["identity_related"]


async def test_check_code_fails_closed_on_unparseable_python(workspace):
    async with Client(build_server(workspace)) as client:
        data = (
            await client.call_tool("check_code", {"code": "def grant(user, role)\n    pass\n", "path": "x.py"})
        ).structured_content
    assert data["verdict"] == "block"
    assert data["findings"][0]["guard_id"] == "IDG000"


async def test_guard_change_records_a_review_and_tags_the_content(workspace):
    async with Client(build_server(workspace)) as client:
        data = (
            await client.call_tool(
                "guard_change", {"path": "auth/tokens.py", "content": SAFE_TOKEN_CODE, "intent": "verify tokens"}
            )
        ).structured_content
        review_id = data["review_id"]
        assert data["verdict"] == "review"
        tagged = data["tagged_content"]
        tag = find_tag(tagged)
        assert tag is not None and tag.review_id == review_id
        assert tag.sha256 == content_sha256(SAFE_TOKEN_CODE) == content_sha256(strip_tags(tagged))
        record = json.loads((workspace / ".idguard" / "reviews" / f"{review_id}.json").read_text())
        assert record["path"] == "auth/tokens.py"
        assert record["content_sha256"] == tag.sha256
        assert record["author"]["email"] == "author@example.com"
        assert record["intent"] == "verify tokens"
        assert record["checklist"]

        (workspace / "auth").mkdir()
        (workspace / "auth" / "tokens.py").write_text(tagged)
        status = (await client.call_tool("review_status", {"review_id": review_id})).structured_content
        assert status["status"] == "pending"
        (workspace / "auth" / "tokens.py").write_text(tagged + "# one more line\n")
        status = (await client.call_tool("review_status", {"review_id": review_id})).structured_content
        assert status["status"] == "stale"


async def test_guard_change_blocks_findings_and_returns_no_content(workspace, secrets_now):
    content = f'import jwt\nKEY = "{secrets_now["github_token"]}"\n'
    async with Client(build_server(workspace)) as client:
        data = (
            await client.call_tool("guard_change", {"path": "auth/keys.py", "content": content, "intent": "add key"})
        ).structured_content
    assert data["verdict"] == "block"
    assert data["tagged_content"] is None and data["review_id"] is None
    assert "IDG001" in {f["guard_id"] for f in data["findings"]}
    assert "os.environ" in data["findings"][0]["fix"]
    assert not (workspace / ".idguard" / "reviews").exists()


async def test_guard_change_refuses_paths_outside_the_workspace(workspace):
    async with Client(build_server(workspace)) as client:
        result = await client.call_tool("guard_change", {"path": "../../etc/passwd", "content": "x", "intent": "x"})
    assert result.is_error
    assert "outside the workspace" in result.content[0].text


async def test_guard_change_applies_edits_to_the_file_as_it_is(workspace):
    """An assistant that edits part of a file sends the edits; idguard checks the whole result."""
    target = workspace / "auth" / "tokens.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SAFE_TOKEN_CODE, encoding="utf-8")
    widen = {"old_string": 'audience="api"', "new_string": 'audience="api", leeway=30'}
    unverify = {
        "old_string": 'os.environ["KEY"], algorithms=["RS256"], audience="api", issuer="https://idp"',
        "new_string": 'options={"verify_signature": False}',
    }
    async with Client(build_server(workspace)) as client:
        good = (
            await client.call_tool(
                "guard_change",
                {"path": "auth/tokens.py", "content": "", "intent": "allow clock skew", "edits": [widen]},
            )
        ).structured_content
        bad = (
            await client.call_tool(
                "guard_change", {"path": "auth/tokens.py", "content": "", "intent": "debug", "edits": [unverify]}
            )
        ).structured_content
    assert good["verdict"] == "review"
    expected = SAFE_TOKEN_CODE.replace('audience="api"', 'audience="api", leeway=30')
    assert strip_tags(good["tagged_content"]) == expected
    assert find_tag(good["tagged_content"]).review_id == good["review_id"]
    assert bad["verdict"] == "block" and bad["tagged_content"] is None
    assert "IDG101" in {f["guard_id"] for f in bad["findings"]}
    assert target.read_text(encoding="utf-8") == SAFE_TOKEN_CODE  # idguard never writes the file itself


async def test_guard_change_edits_that_do_not_apply_are_refused_without_quoting_them(workspace, secrets_now):
    target = workspace / "auth" / "tokens.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SAFE_TOKEN_CODE, encoding="utf-8")
    secret = secrets_now["github_token"]
    missing = {"old_string": secret, "new_string": "x"}
    ambiguous = {"old_string": "token", "new_string": "jwt_token"}
    async with Client(build_server(workspace)) as client:
        not_found = await client.call_tool(
            "guard_change", {"path": "auth/tokens.py", "content": "", "intent": "x", "edits": [missing]}
        )
        twice = await client.call_tool(
            "guard_change", {"path": "auth/tokens.py", "content": "", "intent": "x", "edits": [ambiguous]}
        )
        both = await client.call_tool(
            "guard_change", {"path": "auth/tokens.py", "content": "x = 1\n", "intent": "x", "edits": [ambiguous]}
        )
        new_file = await client.call_tool(
            "guard_change", {"path": "auth/new.py", "content": "", "intent": "x", "edits": [ambiguous]}
        )
    assert not_found.is_error and "old_string not found" in not_found.content[0].text
    assert secret not in not_found.content[0].text
    assert twice.is_error and "replace_all is not set" in twice.content[0].text
    assert both.is_error and "not both" in both.content[0].text
    assert new_file.is_error and "does not exist" in new_file.content[0].text


async def test_review_status_of_unknown_review_is_a_clear_error(workspace):
    async with Client(build_server(workspace)) as client:
        result = await client.call_tool("review_status", {"review_id": "IGR-0123456789ab"})
        malformed = await client.call_tool("review_status", {"review_id": "../../x"})
    assert result.is_error and "no review IGR-0123456789ab" in result.content[0].text
    assert malformed.is_error and "not a review id" in malformed.content[0].text


async def test_list_and_explain_guards(workspace):
    async with Client(build_server(workspace)) as client:
        listed = (await client.call_tool("list_guards", {})).structured_content
        explained = (await client.call_tool("explain_guard", {"guard_id": "IDG101"})).structured_content
        unknown = await client.call_tool("explain_guard", {"guard_id": "IDG999"})
    ids = [g["id"] for g in listed["guards"]]
    assert "IDG101" in ids and "IDG001" in ids and ids == sorted(ids)
    assert explained["guard"]["sections"]["Why is this bad?"]
    assert "## IDG101" in explained["markdown"]
    assert unknown.is_error and "unknown guard id" in unknown.content[0].text


async def test_resources_and_prompt(workspace):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard" / "policy.toml").write_text('profile = "agentic"\n')
    async with Client(build_server(workspace)) as client:
        policy = json.loads((await client.read_resource("idguard://policy")).contents[0].text)
        catalogue = json.loads((await client.read_resource("idguard://guards")).contents[0].text)
        prompt = await client.get_prompt("guarded_identity_change", {"task": "add an invite flow"})
    assert policy["profile"] == "agentic"
    assert policy["limits"]["max_access_token_ttl_seconds"] == 900
    assert any(g["id"] == "IDG101" for g in catalogue["guards"])
    assert "add an invite flow" in prompt.messages[0].content.text
    assert "guard_change" in prompt.messages[0].content.text


async def test_every_call_is_audited(workspace):
    from idguard.server.workspace import Workspace

    async with Client(build_server(workspace)) as client:
        await client.call_tool("check_code", {"code": UNVERIFIED, "path": "auth/t.py"})
        await client.call_tool("redact_prompt", {"text": "nothing here"})
        await client.call_tool("guard_change", {"path": "auth/t.py", "content": SAFE_TOKEN_CODE, "intent": "x"})
    log = open_audit_log(Workspace(workspace))
    events = [e.event for e in log.entries()]
    assert events == ["check", "redact", "guard_change"]
    assert log.verify().ok
