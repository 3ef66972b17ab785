"""IDG212: a web-identity (OIDC) or SAML trust policy with no conditions at all."""

from __future__ import annotations

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

    ## References
    CWE-284 Improper Access Control; CWE-863 Incorrect Authorization; OWASP
    NHI5; NIST CSF 2.0 PR.AA-03.
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
        '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": '
        '"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"}, "Condition": '
        '{"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:app:api"}}}]}\n',
        '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": '
        '"arn:aws:iam::111122223333:saml-provider/okta"}, "Condition": {"StringEquals": '
        '{"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}\n',
        '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}\n',
    ]
    INVALID = [
        '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": '
        '"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"}}]}\n',
        '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": '
        '"arn:aws:iam::111122223333:saml-provider/okta"}}]}\n',
        '{"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], '
        '"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/app.terraform.io"}}]}\n',
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
