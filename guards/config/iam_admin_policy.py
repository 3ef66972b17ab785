"""IDG201: an administrator policy is attached, or a policy grants all of IAM."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamDocument
from .support.parse import LDict
from .support.terraform import as_list

# AWS managed policies that amount to full control of the account's identities.
_ADMIN_MANAGED = re.compile(r":iam::aws:policy/(AdministratorAccess|IAMFullAccess)$")


class IamAdminPolicy(ConfigGuard):
    """
    ## What it does
    Finds the AWS managed policies `AdministratorAccess` and `IAMFullAccess`
    attached anywhere (Terraform `policy_arn`/`managed_policy_arns`,
    CloudFormation `ManagedPolicyArns`, any string naming their ARN, also with
    `${AWS::Partition}`), and `Allow` statements granting `iam:*` on any
    resource. Attached to an IAM Identity Center permission set, or to a
    role of the file whose trust policy requires MFA (a break-glass role for
    people), it is medium; named in a policy condition (a guardrail that
    denies attaching it) it is not reported.

    ## Why is this bad?
    Full IAM control is full account control: the holder can create users,
    keys and roles with any permission. An application, CI job or automation
    role should never hold it; break-glass administrator access belongs to
    humans behind SSO and MFA, not to templates.

    ## Example
    ```json
    {"Type": "AWS::IAM::Role",
     "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}}
    ```

    ## Use instead
    ```json
    {"Type": "AWS::IAM::Role",
     "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}
    ```
    """

    id = "IDG201"
    name = "iam-admin-policy"
    title = "Administrator or full-IAM policy granted"
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        see_also=["CIS AWS Foundations 1.16"],
    )
    VALID = [
        Valid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["iam:GetRole", "iam:ListRoles"], "Resource": "*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess"}}}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:role/*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"policy_arn": "arn:aws-us-gov:iam::aws:policy/IAMFullAccess"}
            """,
            line=1,
        ),
        Invalid(
            """
            {"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        # Guardrails name the ARN in conditions ("deny attaching AdministratorAccess"): not a grant.
        in_conditions = {
            id(value)
            for statement in ctx.iam_statements
            for keys in statement.conditions.values()
            for values in keys.values()
            for value in values
        }
        # SSO permission sets, and roles only people with MFA can assume (break-glass), are for people who
        # sign in with MFA: reviewed, not blocked.
        for_people = {
            id(block.get("managed_policy_arn"))
            for block in ctx.terraform_resources("aws_ssoadmin_managed_policy_attachment")
        } | _attached_to_mfa_roles(ctx)
        for value in ctx.strings:
            match = _ADMIN_MANAGED.search(value.strip())
            if match and id(value) not in in_conditions:
                findings.append(
                    self.finding(
                        ctx,
                        value.line,
                        f"The AWS managed policy `{match.group(1)}` grants full control of the account's identities.",
                        fix="Attach a customer-managed policy with the actions the principal needs.",
                        severity=Severity.medium if id(value) in for_people else None,
                    )
                )
        for statement in ctx.iam_statements:
            if statement.allows and any(str(a).lower().strip() == "iam:*" for a in statement.actions):
                findings.append(
                    self.finding(
                        ctx,
                        statement.action_line,
                        "Statement allows `iam:*`: the principal can grant itself any permission.",
                        fix="Grant only the IAM read or management actions needed, on specific ARNs.",
                    )
                )
        return findings


def _requires_mfa(document: IamDocument) -> bool:
    return bool(document.statements) and all(
        "aws:multifactorauthpresent" in s.condition_keys() for s in document.statements if s.allows
    )


def _attached_to_mfa_roles(ctx: ConfigContext) -> set[int]:
    """Admin policy ARNs attached to roles of the file that only people with MFA can assume (break-glass)."""
    mfa_roles = [d.owner_block for d in ctx.iam_documents if d.trust and d.owner_block is not None and _requires_mfa(d)]
    attached: set[int] = set()
    for role in mfa_roles:
        if role.block_type == "resource" and len(role.labels) > 1:
            reference = f"aws_iam_role.{role.labels[1]}."
            for attachment in ctx.terraform_resources("aws_iam_role_policy_attachment"):
                if reference in str(attachment.get("role", "")) + ".":
                    attached.add(id(attachment.get("policy_arn")))
            attached |= {id(arn) for arn in as_list(role.get("managed_policy_arns"))}
        properties = role.get("Properties")
        if isinstance(properties, LDict):  # CloudFormation
            attached |= {id(arn) for arn in as_list(properties.get("ManagedPolicyArns"))}
    return attached
