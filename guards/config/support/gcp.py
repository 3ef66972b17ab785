"""GCP IAM bindings: a role granted to members, from Terraform or from policy files.

`find_gcp_bindings` reads `google_*_iam_member`/`google_*_iam_binding` resources (with their scope:
project, folder, organization or a single resource), `binding` blocks of `google_iam_policy` data
sources, and `bindings` lists of exported policy files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    block: LDict | None = field(default=None, repr=False, compare=False)  # the Terraform resource, if any


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
                    members=_members(block, key),
                    line=block.line_of("role"),
                    member_line=block.line_of(key),
                    scope=scope,
                    resource_type=block.labels[0],
                    block=block,
                )
            )
    for mapping in mappings:
        kcc = _config_connector_member(mapping)
        if kcc is not None:
            bindings.append(kcc)
            continue
        if "role" in mapping and "members" in mapping and id(mapping) not in claimed:
            claimed.add(id(mapping))
            in_terraform = mapping.block_type == "binding"
            bindings.append(
                CloudBinding(
                    role=str(mapping.get("role", "")),
                    members=_member_strings(mapping.get("members")),
                    line=mapping.line_of("role"),
                    member_line=mapping.line_of("members"),
                    scope=policy_scope if in_terraform else "policy",
                    resource_type="google_iam_policy" if in_terraform else "policy",
                )
            )
    return bindings


_EACH = re.compile(r"^each\.(value|key)$")


def _members(block: LDict, key: str) -> list[str]:
    """The members of a Terraform IAM resource; `member = each.value` takes the `for_each` strings."""
    value = block.get(key)
    if isinstance(value, str) and getattr(value, "expr", False) and _EACH.match(value.strip()):
        each = block.get("for_each")
        if isinstance(each, list):  # `toset([...])` parses as its list
            return string_list(each)
    return string_list(value)


def _member_strings(value: Any) -> list[str]:
    """`members` as strings or, in Config Connector, as `{member: ...}` mappings."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, LDict) and "member" in item:
            out.extend(string_list(item.get("member")))
        else:
            out.extend(string_list(item))
    return out


def _config_connector_member(mapping: LDict) -> CloudBinding | None:
    """A Config Connector `IAMPolicyMember` (`spec.member`, `spec.role`) as a binding."""
    if mapping.get("kind") != "IAMPolicyMember" or "iam.cnrm.cloud.google.com" not in str(
        mapping.get("apiVersion", "")
    ):
        return None
    spec = mapping.get("spec")
    if not isinstance(spec, LDict) or "member" not in spec:
        return None
    return CloudBinding(
        role=str(spec.get("role", "")),
        members=string_list(spec.get("member")),
        line=spec.line_of("role"),
        member_line=spec.line_of("member"),
        scope="resource",
        resource_type="IAMPolicyMember",
    )
