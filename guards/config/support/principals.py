"""AWS IAM principals of one file and everything they are allowed, for escalation-path analysis.

A privilege-escalation path (`iam:PassRole` with `lambda:CreateFunction` and `lambda:InvokeFunction`)
is often split over several statements or several policies of one role. `find_principals` groups the
identity-policy statements of a file by the role, user or group that holds them:

- Terraform: `aws_iam_{role,user,group}_policy` (by their `role`/`user`/`group` argument),
  `aws_iam_policy` through `aws_iam_*_policy_attachment` and `aws_iam_policy_attachment`, inline
  policies and `managed_policy_arns` of `aws_iam_role`, `data.aws_iam_policy_document` through the
  resource whose `policy` names it;
- CloudFormation: `Policies` of `AWS::IAM::Role`/`User`/`Group`, and `AWS::IAM::Policy` or
  `ManagedPolicy` through their `Roles`/`Users`/`Groups` and the roles' `ManagedPolicyArns`;
- any other policy document (a policy JSON file) is a principal of its own.

`ESCALATION_PATHS` is the catalogue of published paths (`escalation_paths.toml`, one source per
entry); `completed_paths` says which of them a principal completes, and with which actions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .iam import IamDocument, IamStatement, action_matches
from .parse import LDict, LStr
from .terraform import as_list, blocks, terraform_blocks_of

# Granting everything is IDG200/IDG201's finding; as a path it would only repeat them.
_ADMIN_PATTERNS = {"*", "*:*", "iam:*"}
_TF_REFERENCE = re.compile(r"\b((?:data\.)?aws_iam_(?:role|user|group|policy|policy_document))\.([A-Za-z0-9_-]+)")
_INLINE_POLICY_TYPES = {"aws_iam_role_policy": "role", "aws_iam_user_policy": "user", "aws_iam_group_policy": "group"}
_ATTACHMENT_TYPES = {
    "aws_iam_role_policy_attachment": ("role",),
    "aws_iam_user_policy_attachment": ("user",),
    "aws_iam_group_policy_attachment": ("group",),
    "aws_iam_policy_attachment": ("roles", "users", "groups"),
}
_CFN_PRINCIPAL_TYPES = {"AWS::IAM::Role": "role", "AWS::IAM::User": "user", "AWS::IAM::Group": "group"}
_CFN_POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")


@dataclass(frozen=True)
class EscalationPath:
    """One published privilege-escalation path: the actions that together complete it."""

    id: str
    name: str
    actions: tuple[str, ...]
    source: str
    url: str
    passed_to: str = ""  # the service `iam:PassRole` hands the role to, for `iam:PassedToService`


def _load_paths() -> tuple[EscalationPath, ...]:
    data = tomllib.loads((Path(__file__).with_name("escalation_paths.toml")).read_text(encoding="utf-8"))
    return tuple(
        EscalationPath(p["id"], p["name"], tuple(p["actions"]), p["source"], p["url"], p.get("passed_to", ""))
        for p in data["path"]
    )


ESCALATION_PATHS = _load_paths()


@dataclass
class IamPrincipal:
    """A role, user or group of the file (or a lone policy document) and its Allow statements."""

    key: str
    kind: str  # role / user / group / document
    name: str  # the IAM name when the file states it
    statements: list[IamStatement] = field(default_factory=list)


@dataclass
class PathStep:
    action: str  # the path's action
    granted_by: str  # the pattern that grants it (`iam:Pass*`)
    statement: IamStatement
    line: int  # where the granting pattern is written


def escalates_on(statement: IamStatement, principal: IamPrincipal) -> bool:
    """Whether the statement's IAM actions reach beyond named resources: a wildcard (`*`,
    `policy/app-*`), `NotResource`, or the principal itself (attaching a policy to its own role)."""
    if statement.not_resources is not None or statement.resources is None:
        return True
    for resource in statement.resources:
        text = str(resource)
        # A wildcard in the resource's name; one in the account or region field is still one named resource.
        name = text.split(":", 5)[5] if text.startswith("arn:") and text.count(":") >= 5 else text
        if "*" in name:
            return True
        if principal.name and re.search(rf":(role|user|group)/(.*/)?{re.escape(principal.name)}$", text):
            return True
    return False


def _passes_to(statement: IamStatement, service: str) -> bool:
    """False when the statement's `iam:PassedToService` condition names only services other than `service`."""
    allowed = [
        str(value)
        for operator, keys in statement.conditions.items()
        if "not" not in operator.lower()
        for key, values in keys.items()
        if key.strip().lower() == "iam:passedtoservice"
        for value in values
    ]
    return not allowed or not service or any(action_matches(v, service) or action_matches(service, v) for v in allowed)


def path_step(principal: IamPrincipal, action: str, passed_to: str = "") -> PathStep | None:
    """The first statement of `principal` that grants `action` where it escalates, if any."""
    for statement in principal.statements:
        if action.lower().startswith("iam:") and not escalates_on(statement, principal):
            continue
        if action.lower() == "iam:passrole" and not _passes_to(statement, passed_to):
            continue
        for pattern in statement.actions:
            text = str(pattern).strip()
            if text.lower() in _ADMIN_PATTERNS or not action_matches(text, action):
                continue
            line = getattr(pattern, "line", 0)
            return PathStep(action, text, statement, statement.at(line if line > 1 else statement.action_line))
    return None


def completed_paths(principal: IamPrincipal) -> list[tuple[EscalationPath, list[PathStep]]]:
    done = []
    for path in ESCALATION_PATHS:
        steps = [path_step(principal, action, path.passed_to) for action in path.actions]
        if all(step is not None for step in steps):
            done.append((path, [s for s in steps if s is not None]))
    return done


def _terraform_blocks(documents: list[Any]) -> dict[str, LDict]:
    index: dict[str, LDict] = {}
    for document in documents:
        for block_type in ("resource", "data"):
            for block in terraform_blocks_of(document, block_type):
                if len(block.labels) >= 2:
                    prefix = "data." if block_type == "data" else ""
                    index[f"{prefix}{block.labels[0]}.{block.labels[1]}"] = block
    return index


def _cfn_resources(documents: list[Any]) -> dict[str, LDict]:
    index: dict[str, LDict] = {}
    for document in documents:
        resources = document.get("Resources") if isinstance(document, LDict) else None
        if isinstance(resources, LDict):
            for logical_id, body in resources.items():
                if isinstance(body, LDict):
                    index[str(logical_id)] = body
    return index


class _Grouping:
    def __init__(self, documents: list[Any]) -> None:
        self.tf = _terraform_blocks(documents)
        self.tf_key = {id(block): key for key, block in self.tf.items()}
        self.cfn = _cfn_resources(documents)
        self.cfn_key = {id(body): key for key, body in self.cfn.items()}
        self.principals: dict[str, IamPrincipal] = {}

    def principal(self, key: str, kind: str, name: str = "") -> IamPrincipal:
        found = self.principals.get(key)
        if found is None:
            found = self.principals[key] = IamPrincipal(key, kind, name)
        return found

    # -- Terraform --
    def tf_principal(self, value: Any, kind: str) -> IamPrincipal:
        text = str(value or "")
        match = _TF_REFERENCE.search(text)
        if match:
            key = f"{match.group(1)}.{match.group(2)}"
            block = self.tf.get(key)
            name = str(block.get("name", "")) if block is not None and not _is_expr(block.get("name")) else ""
            return self.principal(key, kind, name)
        for key, block in self.tf.items():  # a literal name: the resource that has it
            if key.startswith(f"aws_iam_{kind}.") and str(block.get("name", "")) == text:
                return self.principal(key, kind, text)
        return self.principal(f"{kind}:{text}", kind, text)

    def tf_holders(self, block_key: str, seen: frozenset[str] = frozenset()) -> list[IamPrincipal]:
        """Who holds the policy written in the Terraform block `block_key`."""
        block = self.tf.get(block_key)
        if block is None or block_key in seen:
            return []
        seen = seen | {block_key}
        kind_of = block_key.split(".")[-2] if block_key.startswith("data.") else block_key.split(".")[0]
        if kind_of in _INLINE_POLICY_TYPES:
            kind = _INLINE_POLICY_TYPES[kind_of]
            return [self.tf_principal(block.get(kind), kind)]
        if kind_of in ("aws_iam_role", "aws_iam_user", "aws_iam_group"):
            kind = kind_of.removeprefix("aws_iam_")
            return [self.tf_principal(block_key, kind)]
        holders: list[IamPrincipal] = []
        if kind_of == "aws_iam_policy":
            for key, other in self.tf.items():
                attachment = _ATTACHMENT_TYPES.get(key.split(".")[0])
                if attachment and block_key in str(other.get("policy_arn", "")):
                    for argument in attachment:
                        kind = argument.rstrip("s")
                        holders += [self.tf_principal(v, kind) for v in as_list(other.get(argument))]
                if key.startswith("aws_iam_role.") and any(
                    block_key in str(a) for a in as_list(other.get("managed_policy_arns"))
                ):
                    holders.append(self.tf_principal(key, "role"))
        elif kind_of == "aws_iam_policy_document":
            for key, other in self.tf.items():
                policies = [other.get("policy")] + [b.get("policy") for b in blocks(other.get("inline_policy"))]
                if any(block_key in str(p or "") for p in policies):
                    holders += self.tf_holders(key, seen)
        return holders

    # -- CloudFormation --
    def cfn_holders(self, body: LDict) -> list[IamPrincipal]:
        logical_id = self.cfn_key.get(id(body), "")
        kind = str(body.get("Type", ""))
        found = body.get("Properties")
        properties = found if isinstance(found, LDict) else LDict(body.line)
        if kind in _CFN_PRINCIPAL_TYPES:
            name_key = {"role": "RoleName", "user": "UserName", "group": "GroupName"}[_CFN_PRINCIPAL_TYPES[kind]]
            name = properties.get(name_key)
            return [self.principal(logical_id, _CFN_PRINCIPAL_TYPES[kind], "" if _is_expr(name) else str(name or ""))]
        if kind not in _CFN_POLICY_TYPES:
            return []
        holders = []
        for argument, principal_kind in (("Roles", "role"), ("Users", "user"), ("Groups", "group")):
            for value in as_list(properties.get(argument)):
                holders.append(self.cfn_named(str(value), principal_kind))
        for other in self.cfn.values():
            other_properties = other.get("Properties")
            if (
                str(other.get("Type")) in _CFN_PRINCIPAL_TYPES
                and isinstance(other_properties, LDict)
                and any(str(arn) == logical_id for arn in as_list(other_properties.get("ManagedPolicyArns")))
            ):
                holders += self.cfn_holders(other)
        return holders

    def cfn_named(self, value: str, kind: str) -> IamPrincipal:
        body = self.cfn.get(value)
        if body is not None and str(body.get("Type")) in _CFN_PRINCIPAL_TYPES:
            return self.cfn_holders(body)[0]
        return self.principal(f"{kind}:{value}", kind, value)

    def holders(self, document: IamDocument) -> list[IamPrincipal]:
        block = document.owner_block
        if block is not None and id(block) in self.tf_key:
            return self.tf_holders(self.tf_key[id(block)])
        if block is not None and id(block) in self.cfn_key:
            return self.cfn_holders(block)
        return []


def _is_expr(value: Any) -> bool:
    return isinstance(value, LStr) and value.expr


def find_principals(documents: list[Any], iam_documents: list[IamDocument]) -> list[IamPrincipal]:
    grouping = _Grouping(documents)
    for document in iam_documents:
        statements = [s for s in document.statements if s.allows and s.principals is None]
        if document.trust or not statements:
            continue
        holders = grouping.holders(document) or [grouping.principal(f"document@{document.line}", "document")]
        for holder in {id(h): h for h in holders}.values():
            known = {id(s) for s in holder.statements}
            holder.statements.extend(s for s in statements if id(s) not in known)
    return list(grouping.principals.values())
