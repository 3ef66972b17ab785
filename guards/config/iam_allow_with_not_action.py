"""IDG202: `Allow` combined with `NotAction`, `NotResource` or `NotPrincipal`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard


class IamAllowWithNotAction(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements that use `NotAction`, `NotResource` or
    `NotPrincipal` (in Terraform: `not_actions`, `not_resources`,
    `not_principals`). The same keys under `Deny` are a normal guardrail and
    are not reported.

    ## Why is this bad?
    "Allow everything except X" grants every action AWS adds in the future
    and every resource not listed. It is an allow-list written as a deny-list:
    it silently widens over time and is easy to misread in review.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::docs/*"}]}
    ```
    """

    id = "IDG202"
    name = "iam-allow-with-not-action"
    title = "IAM Allow with NotAction/NotResource/NotPrincipal"
    meta = GuardMeta(
        cwe=["CWE-183", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
    )
    VALID = [
        Valid(
            '{"Statement": [{"Effect": "Deny", "NotAction": ["iam:ChangePassword", "sts:GetSessionToken"], '
            '"Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}\n'
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::audit-logs/*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::docs/*"}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows:
                continue
            used = [
                name
                for name, present in (
                    ("NotAction", statement.not_actions is not None),
                    ("NotResource", statement.not_resources is not None),
                    ("NotPrincipal", statement.not_principals),
                )
                if present
            ]
            if used:
                findings.append(
                    self.finding(
                        ctx,
                        statement.action_line
                        if "NotAction" in used
                        else statement.resource_line
                        if "NotResource" in used
                        else statement.principal_line,
                        f"`Allow` with {', '.join(used)} grants everything not listed, including future actions.",
                        fix="Use `Action`/`Resource`/`Principal` with the explicit list; keep `Not*` for Deny guardrails.",
                    )
                )
        return findings
