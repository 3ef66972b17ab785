"""guard_change over MCP for configuration: a comment tag for Terraform/YAML, a sidecar record for JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from idguard.guards.tags import find_tag
from idguard.server.mcp.app import build_server
from mcp import Client

pytestmark = pytest.mark.anyio

SCOPED_ROLE_TF = """resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }]
  })
}
"""
ADMIN_ROLE_TF = SCOPED_ROLE_TF.replace('["s3:GetObject"]', '"*"').replace('"arn:aws:s3:::reports/*"', '"*"')
SCOPED_POLICY_JSON = '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::r/*"}]}\n'


async def test_guard_change_tags_terraform_and_blocks_admin(workspace: Path):
    async with Client(build_server(workspace)) as client:
        reviewed = (
            await client.call_tool(
                "guard_change", {"path": "infra/iam.tf", "content": SCOPED_ROLE_TF, "intent": "read reports"}
            )
        ).structured_content
        blocked = (
            await client.call_tool(
                "guard_change", {"path": "infra/iam.tf", "content": ADMIN_ROLE_TF, "intent": "make it work"}
            )
        ).structured_content
    assert reviewed["verdict"] == "review" and reviewed["review_id"]
    tag = find_tag(reviewed["tagged_content"])
    assert tag is not None and tag.review_id == reviewed["review_id"]
    assert reviewed["tagged_content"].splitlines()[0].startswith("#")
    assert blocked["verdict"] == "block" and blocked["tagged_content"] is None
    assert {f["guard_id"] for f in blocked["findings"]} == {"IDG200"}


async def test_guard_change_json_policy_gets_a_sidecar_record_only(workspace: Path):
    async with Client(build_server(workspace)) as client:
        result = (
            await client.call_tool(
                "guard_change", {"path": "iam/reader.json", "content": SCOPED_POLICY_JSON, "intent": "reader"}
            )
        ).structured_content
    assert result["verdict"] == "review" and result["sidecar_only"]
    assert result["tagged_content"] is None  # JSON has no comments: the file stays as written
    assert (workspace / ".idguard" / "reviews" / f"{result['review_id']}.json").exists()
