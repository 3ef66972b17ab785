"""IDG212: a web-identity (OIDC) or SAML trust policy with no conditions at all."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .github_oidc_trust_without_subject import trusts_github
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement

_FEDERATED_ACTIONS = ("sts:assumerolewithwebidentity", "sts:assumerolewithsaml")


def _federated(statement: IamStatement) -> list[str]:
    return [str(v) for k, vs in (statement.principals or {}).items() if k.lower() == "federated" for v in vs]


class OidcTrustWithoutConditions(ConfigGuard):
    """
    ## What it does
    Finds role trust policies for a federated identity provider (OIDC web
    identity such as EKS IRSA, GitLab, Terraform Cloud, Cognito; or SAML)
    that carry no `Condition` at all. GitHub Actions trust is IDG205's.

    ## Why is this bad?
    Without conditions on the token's `sub`/`aud` (or `SAML:aud`), every
    identity the provider issues tokens for can assume the role: every service
    account of the cluster, every project on gitlab.com, every workspace on
    Terraform Cloud.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com"}}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com"},
      "Condition": {"StringEquals": {"gitlab.com:sub": "project_path:acme/infra:ref_type:branch:ref:main",
                                     "gitlab.com:aud": "https://gitlab.com"}}}]}
    ```
    """

    id = "IDG212"
    name = "oidc-trust-without-conditions"
    title = "Federated (OIDC/SAML) trust without conditions"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "sso"],
    )
    VALID = [
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"}, "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:app:api"}}}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"}}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/app.terraform.io"}}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or statement.conditions or trusts_github(statement):
                continue
            federated = _federated(statement)
            if federated and any(str(a).lower() in _FEDERATED_ACTIONS for a in statement.actions):
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(statement.line),
                        f"Trust in {federated[0]!r} without conditions: every identity this provider issues "
                        "tokens for can assume the role.",
                        fix="Add conditions on the provider's `sub` and `aud` claims (`SAML:aud` for SAML).",
                    )
                )
        return findings
