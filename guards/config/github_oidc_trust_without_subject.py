"""IDG205: a GitHub Actions OIDC trust policy that does not pin the `sub` claim."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement
from .support.terraform import first_block

GITHUB_ISSUER = "token.actions.githubusercontent.com"
# GitHub Enterprise Cloud may add the enterprise slug: token.actions.githubusercontent.com/acme:sub
_SUB_KEY = re.compile(r"^token\.actions\.githubusercontent\.com(/[a-z0-9_-]+)?:sub$")
# `repo:OWNER/...`; OWNER may be a Terraform/CloudFormation reference, never a wildcard.
# A CEL condition comparing the repository (or its owner) claim with a value.
_REPOSITORY_CONDITION = re.compile(r"(assertion|attribute)\.repository(_owner)?(_id)?\s*(==|in\b)")
_PINNED_SUBJECT = re.compile(r"^repo:(\$\{[^}]+\}|[A-Za-z0-9_.@-]+)/\S+")
# `repo:OWNER/*`: every repository of the owner, including ones any member can create.
_OWNER_WIDE_SUBJECT = re.compile(r"^repo:[^/]+/\*")


def trusts_github(statement: IamStatement) -> bool:
    federated = [str(v) for k, vs in (statement.principals or {}).items() if k.lower() == "federated" for v in vs]
    if any(GITHUB_ISSUER in v for v in federated):
        return True
    if any(key.startswith(GITHUB_ISSUER) for key in statement.condition_keys()):
        return True
    # Terraform often names the provider by reference: aws_iam_openid_connect_provider.github.arn
    web_identity = any("assumerolewithwebidentity" in str(a).lower() for a in statement.actions)
    return web_identity and any("github" in v.lower() for v in federated)


def _unpinned(subject: str) -> bool:
    """Anything but `repo:OWNER/...` with a literal owner: `*`, `repo:*`, `repo:org*`,
    or a claim that names no repository (`workflow:deploy`, `environment:prod`)."""
    return not _PINNED_SUBJECT.match(subject.strip())


def _subject_values(statement: IamStatement) -> list[str]:
    return [
        value
        for keys in statement.conditions.values()
        for key, values in keys.items()
        if _SUB_KEY.match(key.strip().lower())
        for value in values
    ]


class GithubOidcTrustWithoutSubject(ConfigGuard):
    """
    ## What it does
    Finds AWS role trust policies for GitHub Actions OIDC
    (`token.actions.githubusercontent.com`) that have no condition on the
    `token.actions.githubusercontent.com:sub` claim, or whose `sub` pattern
    does not start with a literal `repo:OWNER/` (`*`, `repo:*`, `repo:org*`,
    or a claim without the repository such as `workflow:deploy`). A pattern
    that accepts every repository of one owner (`repo:my-org/*`) is medium:
    reviewed, not blocked. On GCP, finds
    `google_iam_workload_identity_pool_provider`s for GitHub whose
    `attribute_condition` does not compare the repository or its owner.

    ## Why is this bad?
    Every GitHub Actions workflow in every repository on github.com gets a
    token from the same issuer with the same audience. Without a `sub`
    condition, any GitHub user can write a workflow that assumes the role.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:environment:production"}}}]}
    ```
    """

    id = "IDG205"
    name = "github-oidc-trust-without-subject"
    title = "GitHub OIDC trust without a repository subject condition"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=["NHI5", "NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["iam_policy", "sso"],
        urls=[
            "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services"
        ],
        see_also=['GitHub docs "Configuring OpenID Connect in Amazon Web Services"'],
    )
    _PRINCIPAL = (
        '"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}'
    )
    VALID = [
        Valid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", '
            '"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main"}}}]}\n'
        ),
        Valid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*"}}}]}\n'
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"}, "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:app:api"}}}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}\n',
            line=1,
        ),
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}}]}\n',
            line=1,
        ),
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + "}]}\n",
            line=1,
        ),
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:*/infra:*"]}}}]}\n',
            line=1,
        ),
        Invalid(
            '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", ' + _PRINCIPAL + ", "
            '"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"}}}]}\n',
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or not trusts_github(statement):
                continue
            subjects = _subject_values(statement)
            if not subjects:
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(statement.line),
                        "GitHub Actions OIDC trust without a `token.actions.githubusercontent.com:sub` "
                        "condition: any repository on GitHub can assume this role.",
                        fix='Add `"StringEquals": {"token.actions.githubusercontent.com:sub": '
                        '"repo:ORG/REPO:environment:production"}`.',
                    )
                )
                continue
            wide = [s for s in subjects if _unpinned(str(s))]
            if wide:
                findings.append(
                    self.finding(
                        ctx,
                        getattr(wide[0], "line", statement.principal_line),
                        f"GitHub OIDC `sub` condition {str(wide[0])!r} does not pin a repository owner: "
                        "workflows of other owners can match it.",
                        fix="Pin the owner and repository: `repo:ORG/REPO:ref:refs/heads/main`.",
                    )
                )
                continue
            owner_wide = [s for s in subjects if _OWNER_WIDE_SUBJECT.match(str(s).strip())]
            if owner_wide:
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(getattr(owner_wide[0], "line", statement.principal_line)),
                        f"GitHub OIDC `sub` condition {str(owner_wide[0])!r} accepts every repository and branch "
                        "of the owner, including repositories any member can create.",
                        fix="Name the repository and the branch or environment: "
                        "`repo:ORG/REPO:environment:production`.",
                        severity=Severity.medium,
                    )
                )
        findings += self._gcp_workload_identity(ctx)
        return findings

    def _gcp_workload_identity(self, ctx: ConfigContext) -> list[Finding]:
        """GCP workload identity pool providers for GitHub must restrict the repository."""
        findings = []
        for provider in ctx.terraform_resources("google_iam_workload_identity_pool_provider"):
            oidc = first_block(provider.get("oidc"))
            if oidc is None or GITHUB_ISSUER not in str(oidc.get("issuer_uri", "")):
                continue
            condition = str(provider.get("attribute_condition") or "")
            if not _REPOSITORY_CONDITION.search(condition):
                findings.append(
                    self.finding(
                        ctx,
                        provider.line_of("attribute_condition") if condition else oidc.line,
                        "GitHub workload identity provider without an `attribute_condition` on the repository "
                        "or its owner: any GitHub workflow can exchange its token.",
                        fix="Set `attribute_condition = \"assertion.repository_owner == 'ORG'\"` (or the repository).",
                    )
                )
        return findings
