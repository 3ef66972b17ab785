"""IDG206: a long-lived IAM user access key created by infrastructure code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard

# Resource types that mint a stored, long-lived credential for a non-human identity.
LONG_LIVED_KEYS = {
    "aws_iam_access_key": "An IAM user access key",
    "AWS::IAM::AccessKey": "An IAM user access key",
    "google_service_account_key": "A user-managed service account key",
    "azuread_application_password": "An application client secret",
    "azuread_service_principal_password": "A service principal client secret",
}


class IamUserAccessKey(ConfigGuard):
    """
    ## What it does
    Finds long-lived keys for non-human identities created in templates: IAM
    user access keys (Terraform `aws_iam_access_key`, CloudFormation
    `AWS::IAM::AccessKey`), GCP user-managed service account keys
    (`google_service_account_key`) and Azure AD client secrets
    (`azuread_application_password`, `azuread_service_principal_password`).

    ## Why is this bad?
    An access key never expires. Created by a template, its secret ends up in
    the state file or stack outputs, is copied into CI variables and laptops,
    and is rarely rotated or revoked when its owner leaves. Workloads on AWS
    get short-lived credentials from roles; CI systems from OIDC federation.

    ## Example
    ```json
    {"Resources": {"DeployKey": {"Type": "AWS::IAM::AccessKey",
                                 "Properties": {"UserName": {"Ref": "DeployUser"}}}}}
    ```

    ## Use instead
    ```json
    {"Resources": {"DeployRole": {"Type": "AWS::IAM::Role",
      "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
        "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}}}
    ```
    """

    id = "IDG206"
    name = "iam-user-access-key"
    title = "Long-lived access key or client secret created in a template"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-262"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01"],
        likelihood="low",
        impact="medium",
        confidence="high",
        categories=["api_key", "service_account"],
        see_also=["CIS AWS Foundations 1.14"],
    )
    VALID = [
        Valid(
            """
            {"Resources": {"DeployRole": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "deploy"}}}}
            """
        ),
        Valid(
            """
            {"Resources": {"Deployer": {"Type": "AWS::IAM::User", "Properties": {"UserName": "deployer"}}}}
            """
        ),
        Valid(
            """
            {"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}}}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Resources": {"DeployKey": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "DeployUser"}}}}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci", "Status": "Active"}}}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"U": {"Type": "AWS::IAM::User"}, "UKey": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "U"}}}}}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        found = [(block.line, block.labels[0]) for block in ctx.terraform_resources(*LONG_LIVED_KEYS)]
        found += [
            (m.line_of("Type"), str(m["Type"])) for m in ctx.mappings if str(m.get("Type", "")) in LONG_LIVED_KEYS
        ]
        return [
            self.finding(
                ctx,
                line,
                f"{LONG_LIVED_KEYS[kind]} is created here (`{kind}`); it stays valid until someone deletes it "
                "and its secret lands in state files or stack outputs.",
                fix="Use workload identity instead of stored keys: IAM roles (instance profiles, IRSA, OIDC "
                "federation for CI), GCP workload identity, Azure managed identities or federated credentials.",
            )
            for line, kind in found
        ]
