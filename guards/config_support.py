"""Configuration guards (IAM policies, Kubernetes RBAC, Terraform, cloud IAM bindings) plug in here.

`run_config_guards` parses a JSON, YAML or Terraform file once
(`config_parse`), then runs every enabled `ConfigGuard` for that format over a
shared `ConfigContext`. The context also caches the format-independent views
the guards ask for, each computed once per file:

- `iam_statements`: AWS IAM policy statements found anywhere: policy JSON files,
  CloudFormation (JSON/YAML), Serverless `iamRoleStatements`, Terraform
  `jsonencode(...)`/heredoc policies and `aws_iam_policy_document` data sources;
- `k8s_objects`: Kubernetes manifests (multi-document YAML, JSON, `kind: List`)
  and the equivalent `kubernetes_*` Terraform resources, in manifest shape;
- `terraform_resources(...)`: Terraform `resource` blocks by type (HCL and `*.tf.json`);
- `mappings` and `strings`: every mapping, and every string value with its line
  (for shapes such as GCP `bindings`, ARNs and e-mail patterns).

Fail closed: a file that does not parse is reported as IDG000 when it is
identity-related (broken unrelated YAML is not idguard's business), and a guard
that crashes yields IDG000 instead of silence.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Any, ClassVar

from .config_parse import ConfigParseError, LDict, LList, LStr, line_of, parse_config, parse_json
from .languages import CONFIG_LANGUAGES
from .models import Finding, Severity
from .policy import Policy
from .registry import Guard
from .text_support import TextContext

# -- IAM -------------------------------------------------------------------


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
    # The enclosing Terraform resource or CloudFormation resource type, when known.
    owner: str = ""


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


def _strings(value: Any) -> list[str]:
    """A policy field as a list of strings (non-literal parts become expression markers)."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_strings(item))
        return out
    if isinstance(value, dict):
        return [LStr("<expression>", line_of(value), expr=True)]
    if isinstance(value, LStr):
        return [value]
    return [LStr(str(value), 1)]


def _principals(value: Any) -> dict[str, list[str]]:
    if isinstance(value, dict):
        return {str(k): _strings(v) for k, v in value.items()}
    return {"*": _strings(value)}


def _json_conditions(value: Any) -> dict[str, dict[str, list[str]]]:
    if not isinstance(value, dict):
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for operator, keys in value.items():
        if isinstance(keys, dict):
            out[str(operator)] = {str(k): _strings(v) for k, v in keys.items()}
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
        actions=_strings(get("action")),
        not_actions=_strings(not_actions) if not_actions is not None else None,
        resources=_strings(resources) if resources is not None else None,
        not_resources=_strings(not_resources) if not_resources is not None else None,
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


def blocks(value: Any) -> list[LDict]:
    """The mappings in a Terraform nested-block list (or one mapping); other shapes give none."""
    return [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, LDict)]


def _tf_statement(block: LDict, document: IamDocument) -> IamStatement:
    """A `statement` block of a Terraform `aws_iam_policy_document` (effect defaults to Allow)."""
    principals: dict[str, list[str]] | None = None
    principal_blocks = blocks(block.get("principals")) + blocks(block.get("not_principals"))
    if principal_blocks:
        principals = {}
        for principal in principal_blocks:
            principals.setdefault(str(principal.get("type", "")), []).extend(_strings(principal.get("identifiers")))
    conditions: dict[str, dict[str, list[str]]] = {}
    for condition in blocks(block.get("condition")):
        conditions.setdefault(str(condition.get("test", "")), {}).setdefault(
            str(condition.get("variable", "")), []
        ).extend(_strings(condition.get("values")))
    has = block.get
    return IamStatement(
        effect=str(has("effect") or "Allow"),
        # `action` is not a Terraform argument, but hand-written documents use it.
        actions=_strings(has("actions") if "actions" in block else has("action")),
        not_actions=_strings(has("not_actions")) if "not_actions" in block else None,
        resources=_strings(has("resources")) if "resources" in block else None,
        not_resources=_strings(has("not_resources")) if "not_resources" in block else None,
        principals=principals,
        not_principals="not_principals" in block,
        conditions=conditions,
        line=block.line,
        action_line=next((block.line_of(k) for k in ("actions", "action", "not_actions") if k in block), block.line),
        resource_line=block.line_of("resources") if "resources" in block else block.line_of("not_resources"),
        principal_line=(principal_blocks[0].line if principal_blocks else block.line),
        document=document,
    )


def _find_iam_documents(documents: list[Any]) -> list[IamDocument]:
    found: list[IamDocument] = []
    claimed: set[int] = set()

    def add(raw_statements: list[LDict], line: int, trust: bool, owner: str) -> None:
        fresh = [s for s in raw_statements if id(s) not in claimed]
        if not fresh:
            return
        document = IamDocument([], line, trust, owner)
        for raw in fresh:
            claimed.add(id(raw))
            document.statements.append(_json_statement(raw, document))
        document.trust = trust or _looks_like_trust(document)
        found.append(document)

    def walk(value: Any, trust: bool, owner: str) -> None:
        if isinstance(value, LDict):
            if value.block_type == "data" and value.labels[:1] == ("aws_iam_policy_document",):
                document = IamDocument([], value.line, False, owner)
                document.statements = [_tf_statement(b, document) for b in blocks(value.get("statement"))]
                document.trust = _looks_like_trust(document)
                found.append(document)
                return
            keys = _lower_keys(value)
            owner = _owner_type(value) or owner
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
        walk(document, False, "")
    return found


def _looks_like_trust(document: IamDocument) -> bool:
    return bool(document.statements) and all(
        s.principals is not None and any(a.lower().startswith("sts:assumerole") or a == "*" for a in s.actions)
        for s in document.statements
    )


# -- Kubernetes ------------------------------------------------------------

# Terraform kubernetes provider resources -> manifest kind, and their argument names -> manifest fields.
_TF_K8S_KINDS = {
    "kubernetes_cluster_role": "ClusterRole",
    "kubernetes_role": "Role",
    "kubernetes_cluster_role_binding": "ClusterRoleBinding",
    "kubernetes_role_binding": "RoleBinding",
    "kubernetes_service_account": "ServiceAccount",
}
_TF_K8S_FIELDS = {
    "rule": "rules",
    "api_groups": "apiGroups",
    "resource_names": "resourceNames",
    "non_resource_urls": "nonResourceURLs",
    "role_ref": "roleRef",
    "subject": "subjects",
    "api_group": "apiGroup",
    "automount_service_account_token": "automountServiceAccountToken",
}
_RBAC_KINDS = {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"}


def _tf_to_manifest(block: LDict, kind: str) -> LDict:
    manifest = LDict(block.line)
    manifest.put("kind", LStr(kind, block.line), block.line)

    def convert(value: Any) -> Any:
        if isinstance(value, LDict):
            out = LDict(value.line)
            for key, item in value.items():
                out.put(_TF_K8S_FIELDS.get(key, key), convert(item), value.line_of(key))
            return out
        if isinstance(value, list):
            return LList([convert(v) for v in value], line_of(value))
        return value

    body = convert(block)
    for key, item in body.items():
        if key in ("metadata", "roleRef") and isinstance(item, list) and item:
            item = item[0]  # single nested blocks
        manifest.put(key, item, body.line_of(key))
    return manifest


def _find_k8s_objects(documents: list[Any]) -> list[LDict]:
    objects: list[LDict] = []

    def visit(value: Any) -> None:
        if not isinstance(value, LDict):
            return
        kind = value.get("kind")
        if kind == "List" and isinstance(value.get("items"), list):
            for item in value["items"]:
                visit(item)
        elif isinstance(kind, str) and ("apiVersion" in value or kind in _RBAC_KINDS):
            objects.append(value)

    for document in documents:
        tf_blocks = list(terraform_blocks_of(document, "resource"))
        for block in tf_blocks:
            kind = _TF_K8S_KINDS.get(block.labels[0].removesuffix("_v1"))
            if kind:
                objects.append(_tf_to_manifest(block, kind))
        if not tf_blocks:
            visit(document)
    return objects


def shape_terraform_json(document: Any) -> None:
    """Give Terraform JSON (`*.tf.json`) the shape of parsed HCL: `resource`/`data` become lists of
    blocks with `block_type` and `labels`, so every Terraform guard reads both syntaxes."""
    if not isinstance(document, LDict):
        return
    for block_type in ("resource", "data"):
        section = document.get(block_type)
        if not isinstance(section, LDict):
            continue
        shaped = LList([], section.line)
        for type_name, instances in section.items():
            for name, bodies in instances.items() if isinstance(instances, LDict) else ():
                for body in blocks(bodies):
                    body.block_type, body.labels = block_type, (str(type_name), str(name))
                    shaped.append(body)
        document[block_type] = shaped


def terraform_blocks_of(document: Any, block_type: str) -> Iterator[LDict]:
    if isinstance(document, LDict):
        for block in blocks(document.get(block_type)):
            if block.labels:
                yield block


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def first_block(value: Any) -> LDict | None:
    """A nested Terraform block (a one-element list) or a mapping, as one mapping."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, LDict) else None


# -- the context and the guard base ----------------------------------------


class ConfigContext(TextContext):
    """What every config guard may ask about the file; each view is computed once."""

    def __init__(self, text: str, path: str | None, language: str, policy: Policy, documents: list[Any]) -> None:
        super().__init__(text=text, path=path, language=language, policy=policy)
        self.documents = documents

    @cached_property
    def iam_documents(self) -> list[IamDocument]:
        return _find_iam_documents(self.documents)

    @cached_property
    def iam_statements(self) -> list[IamStatement]:
        return [s for d in self.iam_documents for s in d.statements]

    @cached_property
    def k8s_objects(self) -> list[LDict]:
        return _find_k8s_objects(self.documents)

    def terraform_resources(self, *types: str) -> list[LDict]:
        """Terraform `resource` blocks whose type is one of `types` (`_v1` suffixes included)."""
        return [
            block
            for document in self.documents
            for block in terraform_blocks_of(document, "resource")
            if block.labels[0] in types or block.labels[0].removesuffix("_v1") in types
        ]

    @cached_property
    def _values(self) -> tuple[list[LDict], list[LStr]]:
        """Every mapping (outermost first) and every string of the file, in one walk."""
        mappings: list[LDict] = []
        strings: list[LStr] = []
        stack: list[Any] = list(reversed(self.documents))
        seen: set[int] = set()  # YAML aliases share nodes: visit each collection once
        while stack:
            value = stack.pop()
            if isinstance(value, LStr):
                strings.append(value)
            elif isinstance(value, (LDict, list)) and id(value) not in seen:
                seen.add(id(value))
                if isinstance(value, LDict):
                    mappings.append(value)
                    stack.extend(reversed(list(value.values())))
                else:
                    stack.extend(reversed(value))
        return mappings, strings

    @cached_property
    def gcp_bindings(self) -> list[CloudBinding]:
        return _find_gcp_bindings(self.documents, self.mappings)

    @property
    def mappings(self) -> list[LDict]:
        """Every mapping in the file, outermost first (for format-independent shapes)."""
        return self._values[0]

    @property
    def strings(self) -> list[LStr]:
        """Every string value of the file, with its line (for ARNs and account patterns)."""
        return self._values[1]


class ConfigGuard(Guard):
    """A guard over parsed configuration. Subclasses set `languages` (the first one
    decides the format of their VALID/INVALID examples) and define `check_config`."""

    languages: ClassVar[tuple[str, ...]] = CONFIG_LANGUAGES

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        raise NotImplementedError

    def finding(
        self,
        ctx: ConfigContext,
        line: int,
        message: str,
        *,
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            guard_id=self.id,
            title=self.title,
            severity=ctx.policy.severity_for(self.id, severity or self.meta.severity),
            confidence=self.meta.confidence,
            path=ctx.path,
            line=max(line, 1),
            message=message,
            fix=fix,
            references=self.meta.references,
        )


def run_config_guards(
    code: str,
    language: str,
    path: str | None,
    policy: Policy,
    identity_related: bool,
    guards: dict[str, type[Guard]],
) -> list[Finding]:
    """Parse once, run every enabled config guard for `language`; fail closed."""
    if language not in CONFIG_LANGUAGES:
        return []
    selected = [
        g
        for g in guards.values()
        if issubclass(g, ConfigGuard) and language in g.languages and policy.guard_enabled(g.id)
    ]
    if not selected:
        return []
    from .engine import _guard_failed, incomplete_finding  # late: the engine imports this module lazily

    try:
        documents = parse_config(code, language)
    except (ConfigParseError, RecursionError) as exc:
        if not identity_related:
            return []
        line = exc.line if isinstance(exc, ConfigParseError) else 1
        message = str(exc) if isinstance(exc, ConfigParseError) else f"{language} is nested too deeply to analyse"
        return [
            incomplete_finding(
                path,
                f"{message} (line {line}); identity configuration that cannot be read is blocked.",
                f"Fix the {language} syntax so idguard can check the file.",
                policy,
                line=line,
            )
        ]
    if language == "json" and (path or "").endswith(".tf.json"):
        for document in documents:
            shape_terraform_json(document)
    ctx = ConfigContext(code, path, language, policy, documents)
    findings: list[Finding] = []
    started = time.monotonic()
    for guard_cls in selected:
        try:
            findings.extend(guard_cls().check_config(ctx))
        except Exception as exc:  # noqa: BLE001 - a crashing guard must fail closed
            findings.append(_guard_failed(guard_cls, exc, path, policy))
    elapsed = time.monotonic() - started
    if elapsed > policy.limits.guard_timeout_seconds:
        findings.append(
            incomplete_finding(
                path,
                f"The config guard pass took {elapsed:.1f} s, above limits.guard_timeout_seconds "
                f"({policy.limits.guard_timeout_seconds} s).",
                "Split the file; idguard blocks what it cannot check in time.",
                policy,
            )
        )
    return findings


# -- Kubernetes RBAC helpers ----------------------------------------------

ROLE_KINDS = ("Role", "ClusterRole")
BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")


def k8s_rules(obj: LDict) -> list[LDict]:
    """The `rules` of a Role/ClusterRole (empty for other kinds)."""
    if str(obj.get("kind", "")) not in ROLE_KINDS:
        return []
    return [rule for rule in as_list(obj.get("rules")) if isinstance(rule, LDict)]


def rule_values(rule: LDict, key: str) -> list[str]:
    return [str(v).strip() for v in as_list(rule.get(key)) if v is not None]


def k8s_name(obj: LDict) -> str:
    metadata = first_block(obj.get("metadata"))
    return str(metadata.get("name", "")) if metadata is not None else ""


def k8s_bindings(objects: list[LDict]) -> list[LDict]:
    return [o for o in objects if str(o.get("kind", "")) in BINDING_KINDS]


def role_ref_name(binding: LDict) -> str:
    ref = first_block(binding.get("roleRef"))
    return str(ref.get("name", "")) if ref is not None else ""


def binding_subjects(binding: LDict) -> list[LDict]:
    return [s for s in as_list(binding.get("subjects")) if isinstance(s, LDict)]


# -- GCP IAM bindings -------------------------------------------------------


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


def _find_gcp_bindings(documents: list[Any], mappings: list[LDict]) -> list[CloudBinding]:
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
                    members=_strings(block.get(key)),
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
                    members=_strings(mapping.get("members")),
                    line=mapping.line_of("role"),
                    member_line=mapping.line_of("members"),
                    scope=policy_scope if in_terraform else "policy",
                    resource_type="google_iam_policy" if in_terraform else "policy",
                )
            )
    return bindings
