"""IDG201: an administrator policy is attached, or a policy grants all of IAM."""

from __future__ import annotations

import re

from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard

# AWS managed policies that amount to full control of the account's identities.
_ADMIN_MANAGED = re.compile(r":iam::aws:policy/(AdministratorAccess|IAMFullAccess)$")


class IamAdminPolicy(ConfigGuard):
    """
    ## What it does
    Finds the AWS managed policies `AdministratorAccess` and `IAMFullAccess`
    attached anywhere (Terraform `policy_arn`/`managed_policy_arns`,
    CloudFormation `ManagedPolicyArns`, any string naming their ARN, also with
    `${AWS::Partition}`), and `Allow` statements granting `iam:*` on any
    resource. Attached to an IAM Identity Center permission set (people who
    sign in with MFA) it is medium; named in a policy condition (a guardrail
    that denies attaching it) it is not reported.

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

    ## References
    CWE-250 Execution with Unnecessary Privileges; CWE-269; OWASP NHI5; NIST
    CSF 2.0 PR.AA-05; CIS AWS Foundations 1.16.
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
    )
    VALID = [
        '{"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}\n',
        '{"Statement": [{"Effect": "Allow", "Action": ["iam:GetRole", "iam:ListRoles"], "Resource": "*"}]}\n',
        '{"Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}\n',
        '{"Statement": [{"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": '
        '{"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess"}}}]}\n',
    ]
    INVALID = [
        '{"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": '
        '["arn:aws:iam::aws:policy/AdministratorAccess"]}}\n',
        '{"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:role/*"}]}\n',
        '{"policy_arn": "arn:aws-us-gov:iam::aws:policy/IAMFullAccess"}\n',
        '{"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}]}\n',
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
        # SSO permission sets are for people who sign in with MFA: reviewed, not blocked.
        for_people = {
            id(block.get("managed_policy_arn"))
            for block in ctx.terraform_resources("aws_ssoadmin_managed_policy_attachment")
        }
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
