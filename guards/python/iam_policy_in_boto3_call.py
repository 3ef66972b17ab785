"""IDG260: an IAM policy or trust document passed to boto3 that escalates privileges or trusts anyone."""

from __future__ import annotations

from typing import Any

import libcst as cst
from libcst.metadata import PositionProvider

from ..config.github_oidc_trust_without_subject import GithubOidcTrustWithoutSubject
from ..config.iam_admin_policy import IamAdminPolicy
from ..config.iam_privilege_escalation_actions import IamPrivilegeEscalationActions
from ..config.iam_privilege_escalation_path import IamPrivilegeEscalationPath
from ..config.iam_trust_any_principal import IamTrustAnyPrincipal
from ..config.support.guard import ConfigContext
from ..config.support.parse import LDict, LList, LStr
from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard

# boto3 IAM client methods and the argument that carries a policy document.
_POLICY_ARGUMENTS = {
    "put_role_policy": "PolicyDocument",
    "put_user_policy": "PolicyDocument",
    "put_group_policy": "PolicyDocument",
    "create_policy": "PolicyDocument",
    "create_policy_version": "PolicyDocument",
    "create_role": "AssumeRolePolicyDocument",
    "update_assume_role_policy": "PolicyDocument",
}
# The document-level judgements of the config guards; wildcards and NotAction are IDG132's.
_CONFIG_CHECKS = (
    IamPrivilegeEscalationActions,
    IamPrivilegeEscalationPath,
    IamTrustAnyPrincipal,
    GithubOidcTrustWithoutSubject,
    IamAdminPolicy,
)


class IamPolicyInBoto3Call(PythonGuard):
    """
    ## What it does
    Reads the policy document passed to boto3's IAM calls
    (`put_role_policy`, `put_user_policy`, `put_group_policy`,
    `create_policy`, `create_policy_version`, `create_role`'s
    `AssumeRolePolicyDocument`, `update_assume_role_policy`), as a dict
    literal, through `json.dumps(...)` or a variable, and applies the IAM
    document checks of the configuration guards: privilege-escalation actions
    (IDG203), trust of any principal (IDG204), GitHub OIDC trust without a
    `sub` condition (IDG205) and `iam:*` (IDG201). Plain wildcards and
    `NotAction` are reported by IDG132.

    ## Why is this bad?
    A policy created at run time by application code escapes the review that
    infrastructure templates get, and an escalation path in it (PassRole with
    CreateFunction, AttachUserPolicy on `*`) or a trust policy open to `*`
    gives whoever controls the workload the whole account.

    ## Example
    ```python
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="partner", AssumeRolePolicyDocument=json.dumps(trust))
    ```

    ## Use instead
    ```python
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": PARTNER_ROLE_ARN},
                            "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"sts:ExternalId": external_id}}}]}
    iam.create_role(RoleName="partner", AssumeRolePolicyDocument=json.dumps(trust))
    ```
    """

    id = "IDG260"
    name = "iam-policy-in-boto3-call"
    title = "IAM document passed to boto3 escalates privileges or trusts anyone"
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "service_account"],
    )
    VALID = [
        Valid(
            """
            import json, boto3
            iam = boto3.client("iam")
            policy = {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*"}]}
            iam.put_role_policy(RoleName="app", PolicyName="read", PolicyDocument=json.dumps(policy))
            """
        ),
        Valid(
            """
            import json, boto3
            trust = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            boto3.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps(trust))
            """
        ),
        Valid(
            """
            import json
            client.put_user_policy(UserName=u, PolicyName="self", PolicyDocument=json.dumps({"Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": f"arn:aws:iam::{acct}:user/{u}"}]}))
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import json, boto3
            trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
            boto3.client("iam").create_role(RoleName="p", AssumeRolePolicyDocument=json.dumps(trust))
            """,
            line=3,
        ),
        Invalid(
            """
            import json
            policy = {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}
            iam.create_policy(PolicyName="deployer", PolicyDocument=json.dumps(policy))
            """,
            line=3,
        ),
        Invalid(
            """
            import json
            iam.put_user_policy(UserName="ci", PolicyName="p", PolicyDocument=json.dumps({"Statement": [{"Effect": "Allow", "Action": ["iam:AttachUserPolicy", "iam:PutUserPolicy"], "Resource": "*"}]}))
            """,
            line=2,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        method = name.rsplit(".", 1)[-1]
        argument = _POLICY_ARGUMENTS.get(method)
        if argument is None:
            return
        document = self._located(self.ctx.kwarg(node, argument), depth=0)
        if not isinstance(document, LDict):
            return
        config_ctx = ConfigContext("", self.ctx.path, "json", self.ctx.policy, [document])
        messages: list[str] = []
        for check in _CONFIG_CHECKS:
            messages += [f"{f.message} ({check.id})" for f in check().check_config(config_ctx)]
        if messages:
            self.report(
                node,
                f"`{method}` receives a policy document that is unsafe: " + " ".join(messages),
                fix="Scope the document to named resources and principals; create IAM policies in reviewed templates.",
            )

    def _located(self, expr: cst.BaseExpression | None, depth: int) -> Any:
        """The Python literal as the located values config guards read."""
        if expr is None or depth > 20:
            return None
        expr = self.ctx.resolve(expr)
        line = self._line(expr)  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
        if isinstance(expr, cst.Call) and (self.ctx.call_name(expr) or "").endswith("dumps") and expr.args:
            return self._located(expr.args[0].value, depth + 1)
        if isinstance(expr, cst.Dict):
            result = LDict(line)
            for element in expr.elements:
                if isinstance(element, cst.DictElement):
                    key = self.ctx.string_value(element.key)
                    if key is not None:
                        result.put(key, self._located(element.value, depth + 1), self._line(element.key))
            return result
        if isinstance(expr, (cst.List, cst.Tuple)):
            return LList([self._located(e.value, depth + 1) for e in expr.elements], line)
        text = self.ctx.string_value(expr)
        if text is not None:
            return LStr(text, line)
        return LStr(self.ctx.source(expr), line, expr=True)  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow

    def _line(self, node: cst.CSTNode) -> int:
        try:
            return self.get_metadata(PositionProvider, node).start.line
        except KeyError:
            return 1
