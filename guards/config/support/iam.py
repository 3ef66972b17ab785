"""AWS IAM policy documents, normalised from every format the config guards read.

`find_iam_documents` finds policy statements anywhere in the parsed documents: policy JSON files,
CloudFormation (JSON/YAML), Serverless `iamRoleStatements`, Terraform `jsonencode(...)`/heredoc
policies, JSON strings holding a policy, and `aws_iam_policy_document` data sources. Each becomes
an `IamStatement` with the lines of its action, resource and principal, inside an `IamDocument`
that knows whether it is a trust policy and which resource type owns it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from .parse import ConfigParseError, LDict, LList, LStr, line_of, parse_json
from .terraform import blocks


@dataclass
class IamStatement:
    """One AWS IAM policy statement, normalised from any source format."""

    effect: str
    actions: list[str]
    not_actions: list[str] | None
    resources: list[str] | None
    not_resources: list[str] | None
    principals: dict[str, list[str]] | None
    not_principals: bool
    conditions: dict[str, dict[str, list[str]]]
    line: int
    action_line: int
    resource_line: int
    principal_line: int
    document: IamDocument = field(repr=False, compare=False)

    def at(self, line: int) -> int:
        """Where to report a finding on `line` of this statement: inside a Terraform heredoc no comment
        (so no suppression) can be written, so such findings go on the line of the owning resource."""
        if self.document.heredoc and self.document.owner_line:
            return self.document.owner_line
        return line

    def principal_value_line(self, values: set[str]) -> int:
        """The line of the first principal value in `values` (such as `*`), else the principal's line."""
        for items in (self.principals or {}).values():
            for item in items:
                line = getattr(item, "line", 0)
                if str(item).strip() in values and line > 1:
                    return line
        return self.principal_line

    def action_line_of(self, pattern_match: Callable[[str], bool]) -> int:
        """The line of the first action for which `pattern_match(action)` is true, else the actions' line."""
        for action in self.actions:
            line = getattr(action, "line", 0)
            if pattern_match(str(action)) and line > 1:
                return line
        return self.action_line

    @property
    def allows(self) -> bool:
        return self.effect.lower() == "allow"

    def condition_keys(self) -> set[str]:
        return {key.lower() for keys in self.conditions.values() for key in keys}

    def all_resources(self) -> bool:
        """Resource `*` (or NotResource, which grants nearly everything)."""
        if self.not_resources is not None:
            return True
        return self.resources is not None and any(is_all_resources(r) for r in self.resources)

    def broad_resources(self) -> bool:
        if self.not_resources is not None:
            return True
        return self.resources is not None and any(is_broad_resource(r) for r in self.resources)


@dataclass
class IamDocument:
    statements: list[IamStatement]
    line: int
    trust: bool  # an assume-role (trust) policy
    # The enclosing Terraform resource or CloudFormation resource type, when known, and its line.
    owner: str = ""
    owner_line: int = 0
    heredoc: bool = False  # written as a Terraform heredoc
    owner_block: LDict | None = field(default=None, repr=False, compare=False)

    @property
    def may_be_trust(self) -> bool:
        """False for documents owned by a queue, topic, bucket, key or other resource policy."""
        return self.owner in _TRUST_OWNERS


def _owner_type(mapping: LDict) -> str | None:
    if mapping.block_type in ("resource", "data") and mapping.labels:
        return mapping.labels[0]
    kind = mapping.get("Type")
    return str(kind) if isinstance(kind, str) and "::" in kind else None


def action_matches(pattern: str, action: str) -> bool:
    return fnmatchcase(action.lower(), str(pattern).lower().strip())


_ALL_RESOURCE_ARN = re.compile(r"^arn:[^:]*:\*(:\*)*(/\*)?$")
_BROAD_RESOURCE = re.compile(
    r"(^\*$)|(:\*$)|(:(role|user|group|policy|instance-profile|parameter|key)/\*$)", re.IGNORECASE
)


def is_all_resources(resource: str) -> bool:
    resource = str(resource).strip()
    return resource == "*" or bool(_ALL_RESOURCE_ARN.match(resource))


def is_broad_resource(resource: str) -> bool:
    return is_all_resources(resource) or bool(_BROAD_RESOURCE.search(str(resource).strip()))


def _lower_keys(mapping: LDict) -> dict[str, str]:
    return {str(k).lower(): k for k in mapping}


def string_list(value: Any) -> list[str]:
    """A policy field as a list of strings (non-literal parts become expression markers)."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(string_list(item))
        return out
    if isinstance(value, dict):
        return [LStr("<expression>", line_of(value), expr=True)]
    if isinstance(value, LStr):
        return [value]
    return [LStr(str(value), 1)]


def _principals(value: Any) -> dict[str, list[str]]:
    if isinstance(value, dict):
        return {str(k): string_list(v) for k, v in value.items()}
    return {"*": string_list(value)}


def _json_conditions(value: Any) -> dict[str, dict[str, list[str]]]:
    if not isinstance(value, dict):
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for operator, keys in value.items():
        if isinstance(keys, dict):
            out[str(operator)] = {str(k): string_list(v) for k, v in keys.items()}
    return out


_TRUST_KEYS = {"assumerolepolicydocument", "assume_role_policy", "assumerolepolicy", "trust_policy", "trustpolicy"}
_STATEMENT_KEYS = {"action", "notaction", "principal", "notprincipal"}


def _is_statement(value: Any) -> bool:
    if not isinstance(value, LDict):
        return False
    keys = _lower_keys(value)
    return "effect" in keys and bool(_STATEMENT_KEYS & keys.keys())


def _json_statement(raw: LDict, document: IamDocument) -> IamStatement:
    keys = _lower_keys(raw)

    def get(name: str) -> Any:
        key = keys.get(name)
        return raw[key] if key is not None else None

    def key_line(*names: str) -> int:
        for name in names:
            if name in keys:
                return raw.line_of(keys[name])
        return raw.line

    not_actions = get("notaction")
    resources = get("resource")
    not_resources = get("notresource")
    principal = get("principal")
    not_principal = get("notprincipal")
    return IamStatement(
        effect=str(get("effect") or ""),
        actions=string_list(get("action")),
        not_actions=string_list(not_actions) if not_actions is not None else None,
        resources=string_list(resources) if resources is not None else None,
        not_resources=string_list(not_resources) if not_resources is not None else None,
        principals=_principals(principal if principal is not None else not_principal)
        if (principal is not None or not_principal is not None)
        else None,
        not_principals=not_principal is not None,
        conditions=_json_conditions(get("condition")),
        line=raw.line,
        action_line=key_line("action", "notaction"),
        resource_line=key_line("resource", "notresource"),
        principal_line=key_line("principal", "notprincipal"),
        document=document,
    )


def _tf_statement(block: LDict, document: IamDocument) -> IamStatement:
    """A `statement` block of a Terraform `aws_iam_policy_document` (effect defaults to Allow)."""
    principals: dict[str, list[str]] | None = None
    principal_blocks = blocks(block.get("principals")) + blocks(block.get("not_principals"))
    if principal_blocks:
        principals = {}
        for principal in principal_blocks:
            principals.setdefault(str(principal.get("type", "")), []).extend(string_list(principal.get("identifiers")))
    conditions: dict[str, dict[str, list[str]]] = {}
    for condition in blocks(block.get("condition")):
        conditions.setdefault(str(condition.get("test", "")), {}).setdefault(
            str(condition.get("variable", "")), []
        ).extend(string_list(condition.get("values")))
    has = block.get
    return IamStatement(
        effect=str(has("effect") or "Allow"),
        # `action` is not a Terraform argument, but hand-written documents use it.
        actions=string_list(has("actions") if "actions" in block else has("action")),
        not_actions=string_list(has("not_actions")) if "not_actions" in block else None,
        resources=string_list(has("resources")) if "resources" in block else None,
        not_resources=string_list(has("not_resources")) if "not_resources" in block else None,
        principals=principals,
        not_principals="not_principals" in block,
        conditions=conditions,
        line=block.line,
        action_line=next((block.line_of(k) for k in ("actions", "action", "not_actions") if k in block), block.line),
        resource_line=block.line_of("resources") if "resources" in block else block.line_of("not_resources"),
        principal_line=(principal_blocks[0].line if principal_blocks else block.line),
        document=document,
    )


@dataclass(frozen=True)
class _Owner:
    type: str
    line: int
    heredoc: bool
    block: LDict | None = None


def find_iam_documents(documents: list[Any]) -> list[IamDocument]:
    found: list[IamDocument] = []
    claimed: set[int] = set()

    def add(raw_statements: list[LDict], line: int, trust: bool, owner: _Owner) -> None:
        fresh = [s for s in raw_statements if id(s) not in claimed]
        if not fresh:
            return
        document = IamDocument([], line, trust, owner.type, owner.line, owner.heredoc, owner.block)
        for raw in fresh:
            claimed.add(id(raw))
            document.statements.append(_json_statement(raw, document))
        document.trust = trust or _looks_like_trust(document)
        found.append(document)

    def walk(value: Any, trust: bool, owner: _Owner) -> None:
        if isinstance(value, LDict):
            if value.block_type == "data" and value.labels[:1] == ("aws_iam_policy_document",):
                document = IamDocument([], value.line, False, "aws_iam_policy_document", value.line, False, value)
                document.statements = [_tf_statement(b, document) for b in blocks(value.get("statement"))]
                document.trust = _looks_like_trust(document)
                found.append(document)
                return
            keys = _lower_keys(value)
            owner_type = _owner_type(value)
            if owner_type:
                owner = _Owner(owner_type, value.line, owner.heredoc, value)
            if value.heredoc:
                owner = _Owner(owner.type, owner.line, True, owner.block)
            if "statement" in keys:
                statements = value[keys["statement"]]
                if isinstance(statements, (LDict, LList)):
                    raw = [statements] if isinstance(statements, LDict) else list(statements)
                    add([s for s in raw if _is_statement(s)], value.line, trust, owner)
            elif _is_statement(value):
                add([value], value.line, trust, owner)
            for key, item in value.items():
                walk(item, trust or str(key).lower() in _TRUST_KEYS, owner)
        elif isinstance(value, list):
            statements = [item for item in value if _is_statement(item)]
            if statements:
                add(statements, line_of(value), trust, owner)
            for item in value:
                walk(item, trust, owner)
        elif isinstance(value, LStr) and not value.expr and '"Statement"' in value and value.lstrip().startswith("{"):
            # A policy kept as a JSON string (escaped in HCL, a block scalar in YAML).
            try:
                walk(parse_json(str(value), line_offset=value.line - 1), trust, owner)
            except ConfigParseError:
                pass

    for document in documents:
        walk(document, False, _Owner("", 0, False))
    return found


# Owners whose documents may be trust policies; a queue, topic, bucket or key policy never is.
_TRUST_OWNERS = {"", "aws_iam_role", "AWS::IAM::Role", "aws_iam_policy_document"}


def _looks_like_trust(document: IamDocument) -> bool:
    if not document.may_be_trust:
        return False
    # A trust policy names principals and never a `Resource` (the role is the resource).
    return bool(document.statements) and all(
        s.principals is not None
        and s.resources is None
        and s.not_resources is None
        and any(a.lower().startswith("sts:assumerole") or a == "*" for a in s.actions)
        for s in document.statements
    )
