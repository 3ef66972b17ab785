"""GCP IAM bindings: a role granted to members, from Terraform or from policy files.

`find_gcp_bindings` reads `google_*_iam_member`/`google_*_iam_binding` resources (with their scope:
project, folder, organization or a single resource), `binding` blocks of `google_iam_policy` data
sources, and `bindings` lists of exported policy files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .iam import string_list
from .parse import LDict
from .terraform import terraform_blocks_of


@dataclass
class CloudBinding:
    """A GCP role granted to members: Terraform `google_*_iam_member/binding`,
    `google_iam_policy` data sources, or `bindings` in a policy file."""

    role: str
    members: list[str]
    line: int
    member_line: int
    scope: str  # project / folder / organization / resource / policy
    resource_type: str


_GCP_IAM_RESOURCE = re.compile(r"^google_(?P<target>[a-z0-9_]+?)_iam_(?P<kind>member|binding)$")


_WHOLE_POLICY_RESOURCE = re.compile(r"^google_(project|folder|organization)_iam_policy$")


def find_gcp_bindings(documents: list[Any], mappings: list[LDict]) -> list[CloudBinding]:
    bindings: list[CloudBinding] = []
    claimed: set[int] = set()
    # `google_project_iam_policy` sets a whole project's policy from a `google_iam_policy` data source.
    policy_scopes = {
        match.group(1)
        for document in documents
        for block in terraform_blocks_of(document, "resource")
        if (match := _WHOLE_POLICY_RESOURCE.match(block.labels[0]))
    }
    policy_scope = next(iter(sorted(policy_scopes)), "policy") if len(policy_scopes) == 1 else "policy"
    for document in documents:
        for block in terraform_blocks_of(document, "resource"):
            match = _GCP_IAM_RESOURCE.match(block.labels[0])
            if not match:
                continue
            target = match.group("target")
            scope = target if target in ("project", "folder", "organization") else "resource"
            key = "member" if match.group("kind") == "member" else "members"
            claimed.add(id(block))
            bindings.append(
                CloudBinding(
                    role=str(block.get("role", "")),
                    members=string_list(block.get(key)),
                    line=block.line_of("role"),
                    member_line=block.line_of(key),
                    scope=scope,
                    resource_type=block.labels[0],
                )
            )
    for mapping in mappings:
        if "role" in mapping and "members" in mapping and id(mapping) not in claimed:
            claimed.add(id(mapping))
            in_terraform = mapping.block_type == "binding"
            bindings.append(
                CloudBinding(
                    role=str(mapping.get("role", "")),
                    members=string_list(mapping.get("members")),
                    line=mapping.line_of("role"),
                    member_line=mapping.line_of("members"),
                    scope=policy_scope if in_terraform else "policy",
                    resource_type="google_iam_policy" if in_terraform else "policy",
                )
            )
    return bindings
