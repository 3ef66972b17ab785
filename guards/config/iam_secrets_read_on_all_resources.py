"""IDG209: an IAM policy that reads every secret, parameter or KMS-encrypted value in the account."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.iam import IamStatement, action_matches

SECRET_READS = (
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
)
_DECRYPT = ("kms:Decrypt",)
# Reported by IDG200 (service or full wildcards).
_WILDCARDS = {"*", "*:*", "secretsmanager:*", "ssm:*", "kms:*"}


def _granted(statement: IamStatement, actions: tuple[str, ...]) -> list[str]:
    patterns = [a for a in statement.actions if str(a).strip().lower() not in _WILDCARDS]
    return [action for action in actions if any(action_matches(p, action) for p in patterns)]


class IamSecretsReadOnAllResources(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements of identity policies that grant
    `secretsmanager:GetSecretValue`, `ssm:GetParameter*` (high) or
    `kms:Decrypt` (medium) on `Resource: "*"` or on every secret, parameter
    or key of an account (`...:secret:*`, `...:parameter/*`, `...:key/*`)
    without a `Condition`.
    Wildcards such as `secretsmanager:Get*` count; `secretsmanager:*` is
    IDG200's finding.

    ## Why is this bad?
    The workload needs its own secret; this grant reads every secret of the
    account: other services' database passwords, API keys and signing keys.
    One compromised workload becomes a compromise of every credential.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
      "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-*"}]}
    ```
    """

    id = "IDG209"
    name = "iam-secrets-read-on-all-resources"
    title = "IAM policy reads every secret of the account"
    meta = GuardMeta(
        cwe=["CWE-522", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "secrets"],
        see_also=["checkov CKV_AWS_108 (data exfiltration actions)"],
    )
    VALID = [
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}}}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["secretsmanager:ListSecrets"], "Resource": "*"}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["ssm:GetParameters", "ssm:GetParametersByPath"], "Resource": ["*"]}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "s3:GetObject"], "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:Get*", "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if (
                not statement.allows
                or statement.principals is not None
                or statement.conditions
                or not statement.broad_resources()
            ):
                continue
            secrets = _granted(statement, SECRET_READS)
            decrypt = _granted(statement, _DECRYPT)
            if secrets or decrypt:
                findings.append(
                    self.finding(
                        ctx,
                        statement.action_line,
                        f"Allows {', '.join(secrets + decrypt)} on every resource: every secret of the account "
                        "is readable.",
                        fix="Scope `Resource` to the ARNs of this workload's own secrets, parameters or keys.",
                        severity=None if secrets else Severity.medium,
                    )
                )
        return findings
