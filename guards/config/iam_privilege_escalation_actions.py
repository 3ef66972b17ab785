"""IDG203: an IAM policy grants actions that let the holder raise its own privileges."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement, action_matches
from .support.principals import IamPrincipal, completed_paths, escalates_on

# Each lets a principal give itself (or a principal it controls) more permissions.
ESCALATION_ACTIONS = (
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AttachUserPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachGroupPolicy",
    "iam:PutUserPolicy",
    "iam:PutRolePolicy",
    "iam:PutGroupPolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
    # Change code or endpoints that already run under another (often stronger) role.
    "lambda:UpdateFunctionCode",
    "glue:UpdateDevEndpoint",
)
# On the caller's own user (`user/${aws:username}`) these still escalate: a policy the holder writes or
# attaches to itself can grant anything. Keys and login profiles for oneself are self-service.
_ESCALATE_ON_SELF = frozenset({"iam:AttachUserPolicy", "iam:PutUserPolicy"})
_OWN_USER = re.compile(r":user/(?:.*/)?\$?\$\{aws:username\}$")
# Reported by IDG200/IDG201 already; repeating them here would only add noise.
_COVERED_ELSEWHERE = {"*", "*:*", "iam:*"}


def _granted(statement: IamStatement, actions: tuple[str, ...]) -> list[str]:
    patterns = [a for a in statement.actions if str(a).strip().lower() not in _COVERED_ELSEWHERE]
    return [action for action in actions if any(action_matches(p, action) for p in patterns)]


class IamPrivilegeEscalationActions(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements that grant IAM privilege-escalation actions on
    broad resources (`*`, `role/*`, `user/*`): creating access keys or login
    profiles for other users, attaching or writing inline policies, creating
    and activating policy versions, rewriting trust policies, adding users to
    groups, replacing the code of functions or dev endpoints that run under
    other roles, on any wildcard resource (`user/*`, `policy/app-*`) or on
    the principal itself. Also (medium) `iam:PassRole` and `sts:AssumeRole`
    on every role, unless they complete an escalation path with the
    principal's other grants (IDG213 reports those). Wildcards such as
    `iam:Put*` count. Scoped grants such as `iam:CreateAccessKey` on
    `user/${aws:username}` are not reported; `iam:AttachUserPolicy` and
    `iam:PutUserPolicy` on `user/${aws:username}` are (a policy the holder
    attaches to itself can grant anything).

    ## Why is this bad?
    These are the documented paths from a limited role to administrator: the
    holder attaches `AdministratorAccess` to itself, mints keys for an admin
    user, or starts a Lambda function with an admin role and calls AWS from it.
    The policy looks modest in review and is administrator in effect.

    ## Example
    ```json
    {"Statement": [
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
      {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}
    ```

    ## Use instead
    ```json
    {"Statement": [
      {"Effect": "Allow", "Action": "iam:PassRole",
       "Resource": "arn:aws:iam::111122223333:role/app-lambda-exec",
       "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
      {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}
    ```
    """

    id = "IDG203"
    name = "iam-privilege-escalation-actions"
    title = "IAM policy grants privilege-escalation actions"
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-266"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        urls=["https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/"],
        see_also=['Rhino Security Labs, "AWS IAM privilege escalation methods"'],
    )
    VALID = [
        Valid(
            '{"Statement": [{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey"], '
            '"Resource": "arn:aws:iam::111122223333:user/${aws:username}"}]}\n'
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-lambda-exec"}, {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["iam:GetRole", "iam:ListAttachedRolePolicies"], "Resource": "*"}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": ["iam:ListAttachedUserPolicies", "iam:AttachUserPolicy"], '
            '"Resource": "arn:aws:iam::111122223333:user/${aws:username}"}]}\n',
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["iam:AttachUserPolicy"], "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "iam:Put*", "Resource": "arn:aws:iam::111122223333:role/*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], "Resource": "*"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        # `iam:PassRole` that completes a path with a compute action is IDG213's finding.
        path_lines = {step.line for p in ctx.iam_principals for _, steps in completed_paths(p) for step in steps}
        seen: set[int] = set()
        for principal in ctx.iam_principals:
            for statement in principal.statements:
                if id(statement) in seen:
                    continue
                seen.add(id(statement))
                findings += self._statement(ctx, statement, principal, path_lines)
        return findings

    def _statement(
        self, ctx: ConfigContext, statement: IamStatement, principal: IamPrincipal, path_lines: set[int]
    ) -> list[Finding]:
        findings = []
        # IAM actions escalate on any wildcard or on the principal itself; replacing function or endpoint
        # code only where it reaches every function (`function:app-*` is the holder's own code).
        iam_wide, broad = escalates_on(statement, principal), statement.broad_resources()
        own_user = any(_OWN_USER.search(str(r)) for r in statement.resources or ())
        escalations = [
            a
            for a in _granted(statement, ESCALATION_ACTIONS)
            if (iam_wide if a.startswith("iam:") else broad) or (own_user and a in _ESCALATE_ON_SELF)
        ]
        if escalations:
            findings.append(
                self.finding(
                    ctx,
                    statement.at(statement.action_line_of(lambda a: any(action_matches(a, e) for e in escalations))),
                    f"Allows {', '.join(escalations)} on a broad resource (or on the principal itself): the holder "
                    "can grant itself more privileges.",
                    fix="Scope the resource to the principal's own ARN (e.g. `user/${aws:username}`) "
                    "or drop the action.",
                )
            )
        if statement.all_resources() and not statement.conditions and _granted(statement, ("sts:AssumeRole",)):
            line = statement.at(statement.action_line_of(lambda a: action_matches(a, "sts:AssumeRole")))
            if line not in path_lines:
                findings.append(
                    self.finding(
                        ctx,
                        line,
                        "`sts:AssumeRole` on every role: the holder can assume any role whose trust policy "
                        "accepts this account.",
                        fix="List the ARNs of the roles it needs to assume.",
                        severity=Severity.medium,
                    )
                )
        passed_to_service = "iam:passedtoservice" in statement.condition_keys()
        if statement.broad_resources() and not passed_to_service and _granted(statement, ("iam:PassRole",)):
            line = statement.at(statement.action_line_of(lambda a: action_matches(a, "iam:PassRole")))
            if line not in path_lines:
                findings.append(
                    self.finding(
                        ctx,
                        line,
                        "`iam:PassRole` on any role: any service the holder can configure may run with any role.",
                        fix="Limit `iam:PassRole` to specific role ARNs with an `iam:PassedToService` condition.",
                        severity=Severity.medium,
                    )
                )
        return findings
