"""The config guard base and the pass that runs the config guards of one file.

`run_config_guards` parses a JSON, YAML or Terraform file once (`parse`), then runs every enabled
`ConfigGuard` for that format over a shared `ConfigContext`. The context caches the
format-independent views the guards ask for, each computed once per file:

- `iam_statements`: AWS IAM policy statements found anywhere (`iam`), and `iam_principals`: the
  roles, users and groups that hold them (`principals`);
- `k8s_objects`: Kubernetes manifests and the equivalent `kubernetes_*` Terraform resources, in
  manifest shape (`kubernetes`);
- `terraform_resources(...)`: Terraform `resource` blocks by type (HCL and `*.tf.json`, `terraform`);
- `gcp_bindings`: GCP roles granted to members (`gcp`);
- `mappings` and `strings`: every mapping, and every string value with its line.

Fail closed: a file that does not parse is reported as IDG000 when it is identity-related (broken
unrelated YAML is not idguard's business), and a guard that crashes yields IDG000 instead of silence.
"""

from __future__ import annotations

import time
from functools import cached_property
from typing import Any, ClassVar

from ...failclosed import guard_failed, incomplete_finding
from ...languages import CONFIG_LANGUAGES
from ...models import Finding, Severity
from ...policy import Policy
from ...registry import Guard
from ...text.support import TextContext
from .bicep import parse_bicep
from .cloudformation import CfnResource, cfn_resources, resolve_parameter_defaults
from .gcp import CloudBinding, find_gcp_bindings
from .iam import IamDocument, IamStatement, find_iam_documents
from .kubernetes import find_k8s_objects
from .parse import ConfigParseError, LDict, LStr, parse_config
from .principals import IamPrincipal, find_principals
from .terraform import resolve_module_values, shape_terraform_json, terraform_blocks_of


class ConfigContext(TextContext):
    """What every config guard may ask about the file; each view is computed once."""

    def __init__(self, text: str, path: str | None, language: str, policy: Policy, documents: list[Any]) -> None:
        super().__init__(text=text, path=path, language=language, policy=policy)
        self.documents = documents

    @cached_property
    def iam_documents(self) -> list[IamDocument]:
        return find_iam_documents(self.documents)

    @cached_property
    def iam_statements(self) -> list[IamStatement]:
        return [s for d in self.iam_documents for s in d.statements]

    @cached_property
    def iam_principals(self) -> list[IamPrincipal]:
        """Roles, users and groups of the file with the Allow statements of every policy they hold."""
        return find_principals(self.documents, self.iam_documents)

    @cached_property
    def k8s_objects(self) -> list[LDict]:
        return find_k8s_objects(self.documents)

    def cfn_resources(self, *types: str) -> list[CfnResource]:
        """CloudFormation resources whose `Type` is one of `types`."""
        return cfn_resources(self.documents, *types)

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
        return find_gcp_bindings(self.documents, self.mappings)

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
            fix=fix if fix is not None else self.fix_hint,
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
    try:
        documents = [parse_bicep(code)] if language == "bicep" else parse_config(code, language)
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
    if language == "terraform":
        for document in documents:
            resolve_module_values(document)
    if language in ("yaml", "json"):
        for document in documents:
            resolve_parameter_defaults(document)
    ctx = ConfigContext(code, path, language, policy, documents)
    findings: list[Finding] = []
    started = time.monotonic()
    for guard_cls in selected:
        try:
            findings.extend(guard_cls().check_config(ctx))
        except Exception as exc:  # noqa: BLE001 - a crashing guard must fail closed
            findings.append(guard_failed(guard_cls, exc, path, policy))
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
