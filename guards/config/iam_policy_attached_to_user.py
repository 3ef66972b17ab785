"""IDG210: an IAM policy attached directly to a user instead of a group or role."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard

_TERRAFORM = ("aws_iam_user_policy", "aws_iam_user_policy_attachment")


class IamPolicyAttachedToUser(ConfigGuard):
    """
    ## What it does
    Finds IAM policies attached directly to users: Terraform
    `aws_iam_user_policy`, `aws_iam_user_policy_attachment` and
    `aws_iam_policy_attachment` with `users`, and CloudFormation
    `AWS::IAM::User` with `Policies` or `ManagedPolicyArns`, or
    `AWS::IAM::Policy`/`ManagedPolicy` with `Users`. Low severity: hygiene.

    ## Why is this bad?
    Permissions attached person by person are not reviewed when people change
    teams or leave, and drift out of sight. Groups (for people) and roles (for
    workloads) keep grants in one reviewed place (CIS AWS 1.15).

    ## Example
    ```json
    {"Resources": {"Alice": {"Type": "AWS::IAM::User",
      "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}}}
    ```

    ## Use instead
    ```json
    {"Resources": {"Readers": {"Type": "AWS::IAM::Group",
      "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}}}
    ```
    """

    id = "IDG210"
    name = "iam-policy-attached-to-user"
    title = "IAM policy attached directly to a user"
    meta = GuardMeta(
        cwe=["CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="low",
        impact="medium",
        confidence="high",
        categories=["iam_policy"],
        see_also=["CIS AWS Foundations 1.15"],
    )
    VALID = [
        Valid(
            """
            {"Resources": {"Readers": {"Type": "AWS::IAM::Group", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}}}
            """
        ),
        Valid(
            """
            {"Resources": {"Alice": {"Type": "AWS::IAM::User", "Properties": {"Groups": ["readers"]}}}}
            """
        ),
        Valid(
            """
            {"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": ["app"], "PolicyDocument": {"Statement": []}}}}}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Resources": {"Alice": {"Type": "AWS::IAM::User", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Resources": {"Bob": {"Type": "AWS::IAM::User", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": []}}]}}}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"Users": ["carol"], "PolicyDocument": {"Statement": []}}}}}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        lines = [block.line for block in ctx.terraform_resources(*_TERRAFORM)]
        lines += [b.line_of("users") for b in ctx.terraform_resources("aws_iam_policy_attachment") if b.get("users")]
        for mapping in ctx.mappings:
            kind = str(mapping.get("Type", ""))
            properties = mapping.get("Properties")
            if not isinstance(properties, dict):
                continue
            if (
                kind == "AWS::IAM::User"
                and (properties.get("Policies") or properties.get("ManagedPolicyArns"))
                or kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")
                and properties.get("Users")
            ):
                lines.append(mapping.line_of("Type"))
        return [
            self.finding(
                ctx,
                line,
                "A policy is attached directly to a user; grants per person drift out of review.",
                fix="Attach the policy to a group (people) or a role (workloads) and add the user to the group.",
            )
            for line in lines
        ]
