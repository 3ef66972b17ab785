"""IDG216: a web-identity trust whose `sub` condition accepts every workload of the provider."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .github_oidc_trust_without_subject import trusts_github
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement

# The whole subject is a wildcard, or every service account of every namespace (EKS IRSA).
_ANY_SUBJECT = re.compile(r"^(\*+|system:serviceaccount:\*(:.*)?|[a-z_]+:\*)$", re.IGNORECASE)
# Every service account of one namespace.
_NAMESPACE_WIDE = re.compile(r"^system:serviceaccount:[^:*]+:\*$", re.IGNORECASE)


def _subjects(statement: IamStatement) -> list[str]:
    return [
        value
        for keys in statement.conditions.values()
        for key, values in keys.items()
        if key.strip().lower().endswith(":sub")
        for value in values
    ]


class OidcTrustWildcardSubject(ConfigGuard):
    """
    ## What it does
    Finds `sts:AssumeRoleWithWebIdentity` trust policies (EKS IRSA, GitLab,
    Terraform Cloud and other OIDC providers; GitHub is IDG205's) whose
    `:sub` condition is a wildcard for the workload:
    `system:serviceaccount:*:*` or `*` (high), or every service account of
    one namespace, `system:serviceaccount:NAMESPACE:*` (medium). Reported on
    the line of the value.

    ## Why is this bad?
    The `sub` claim names the workload that asks for the role. A wildcard
    lets every pod of the cluster (or every pipeline of the GitLab
    instance) assume it: a compromised or newly deployed workload inherits
    the role's permissions without any change to AWS.

    ## Example
    ```hcl
    condition {
      test     = "StringLike"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:*:*"]
    }
    ```

    ## Use instead
    ```hcl
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:exporter:metrics-exporter"]
    }
    ```
    """

    id = "IDG216"
    name = "oidc-trust-wildcard-subject"
    title = "OIDC trust accepts every workload's subject"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-1220"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "service_account"],
        urls=["https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html"],
    )
    VALID = [
        Valid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringEquals": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:app:api"
                    }
                  }
                }
              ]
            }
            """
        ),
        Valid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringLike": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:app:api-*"
                    }
                  }
                }
              ]
            }
            """
        ),
        Valid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringEquals": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:aud": "sts.amazonaws.com"
                    }
                  }
                }
              ]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringLike": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:*:*"
                    }
                  }
                }
              ]
            }
            """,
            line=11,
        ),
        Invalid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringLike": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "*"
                    }
                  }
                }
              ]
            }
            """,
            line=11,
        ),
        Invalid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {
                    "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB12"
                  },
                  "Condition": {
                    "StringLike": {
                      "oidc.eks.eu-west-1.amazonaws.com/id/AB12:sub": "system:serviceaccount:jobs:*"
                    }
                  }
                }
              ]
            }
            """,
            line=11,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or trusts_github(statement):
                continue
            if not any("assumerolewithwebidentity" in str(a).lower() for a in statement.actions):
                continue
            for subject in _subjects(statement):
                text = str(subject).strip()
                wide = _ANY_SUBJECT.match(text)
                if not wide and not _NAMESPACE_WIDE.match(text):
                    continue
                findings.append(
                    self.finding(
                        ctx,
                        statement.at(getattr(subject, "line", statement.line)),
                        f"The `sub` condition {text!r} accepts "
                        + ("every workload of the provider" if wide else "every service account of the namespace")
                        + ": any of them can assume this role.",
                        fix="Name the one subject: `system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT`.",
                        severity=Severity.high if wide else Severity.medium,
                    )
                )
        return findings
