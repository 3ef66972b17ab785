"""IDG204: a role trust policy that anyone (any AWS account) can assume."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement

_ANY_ACCOUNT_ARN = re.compile(r"^arn:[^:]*:iam::\*:")
# A whole account: its root ARN or bare id. Anyone that account's admins allow may assume the role.
_ACCOUNT_ROOT = re.compile(r"^(arn:[^:]*:iam::(\d{12})?:root|\d{12})$")


# Condition keys that say whose principals may assume the role; others (`sts:ExternalId`, MFA, source IP)
# leave a `*` principal open to every account that meets them.
_NAMES_WHO = frozenset(
    {
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principalaccount",
        "aws:principalarn",
        "aws:sourceaccount",
        "aws:sourcearn",
        "aws:sourceowner",
        "aws:userid",
        "aws:principalservicename",
    }
)


def _anyone(statement: IamStatement) -> list[str]:
    principals = statement.principals or {}
    wildcard: list[str] = []
    for kind, values in principals.items():
        if kind.lower() not in ("*", "aws"):
            continue
        for value in values:
            text = str(value).strip()
            if text == "*" or _ANY_ACCOUNT_ARN.match(text):
                wildcard.append(text)
    return wildcard


def _whole_accounts(statement: IamStatement) -> list[str]:
    return [
        str(value).strip()
        for kind, values in (statement.principals or {}).items()
        if kind.lower() == "aws"
        for value in values
        if _ACCOUNT_ROOT.match(str(value).strip())
    ]


def _assumes_role(statement: IamStatement) -> bool:
    # `Action: "*"` with a principal is a trust statement only where a trust policy can be: no `Resource`.
    may_be_trust = statement.document.may_be_trust and statement.resources is None and statement.not_resources is None
    return statement.document.trust or any(
        (str(a).strip() == "*" and may_be_trust) or str(a).lower().startswith("sts:") for a in statement.actions
    )


class IamTrustAnyPrincipal(ConfigGuard):
    """
    ## What it does
    Finds trust (assume-role) policies with `Principal: "*"` or
    `Principal: {"AWS": "*"}` (also `arn:aws:iam::*:root`) and no `Condition`
    naming whose principals may assume the role (`aws:PrincipalOrgID`,
    `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`...):
    critical, also when the only conditions are `sts:ExternalId`, MFA or a
    source IP, which any account can meet. And trust in a whole account (`arn:aws:iam::123456789012:root`
    or a bare account id) without a condition (medium), in JSON,
    CloudFormation `AssumeRolePolicyDocument`, Terraform `assume_role_policy`
    and `aws_iam_policy_document` `principals` blocks.

    ## Why is this bad?
    `*` in a trust policy means every AWS principal in every account, including
    an attacker's. Anyone who learns the role ARN (they are not secret) can call
    `sts:AssumeRole` and act with the role's permissions.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"},
                    "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"sts:ExternalId": "partner-42"}}}]}
    ```
    """

    id = "IDG204"
    name = "iam-trust-any-principal"
    title = "Role trust policy lets any AWS principal assume it"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        see_also=['AWS IAM "Confused deputy" and role trust guidance'],
    )
    VALID = [
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"}, "Action": "sts:AssumeRole"}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"sts:ExternalId": "acme-scan-2291"}}}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::*:root"]}, "Action": "sts:AssumeRole"}]}}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or statement.not_principals:
                continue
            if not _assumes_role(statement):
                continue
            wildcard = _anyone(statement)
            accounts = [] if statement.conditions else _whole_accounts(statement)
            if wildcard and statement.condition_keys() & _NAMES_WHO:
                continue  # conditioned on the caller's organisation, account or ARN
            if wildcard and statement.conditions:
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(statement.principal_value_line(set(wildcard))),
                        f"Principal {wildcard[0]!r} with conditions that do not name who may assume it "
                        f"({', '.join(sorted({k for keys in statement.conditions.values() for k in keys}))}): an external id, MFA or a network "
                        "range is not an identity, so any AWS account that meets them can assume this role.",
                        fix="Name the trusted account or role ARN as the principal, or add an "
                        "`aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:PrincipalArn` condition.",
                    )
                )
            elif wildcard:
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(statement.principal_value_line(set(wildcard))),
                        f"Principal {wildcard[0]!r} without a condition: any AWS account can assume this role.",
                        fix="Name the trusted account or role ARN, and add `sts:ExternalId` or "
                        "`aws:PrincipalOrgID` conditions for third parties.",
                    )
                )
            elif accounts:
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(statement.principal_value_line(set(accounts))),
                        f"Trust in the whole account {accounts[0]!r} without a condition: any user or role "
                        "its administrators allow can assume this role.",
                        fix="Name the role ARN that should assume it, or add conditions such as "
                        "`aws:PrincipalArn` or `sts:ExternalId`.",
                        severity=Severity.medium,
                    )
                )
        return findings
