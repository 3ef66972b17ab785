"""IDG207: a role's maximum STS session duration above the policy limit."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard

_KEYS = (
    "MaxSessionDuration",
    "max_session_duration",
    "DurationSeconds",
    "duration_seconds",
    "role-duration-seconds",  # aws-actions/configure-aws-credentials in GitHub Actions workflows
)


def _seconds(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


class StsSessionDurationAbovePolicy(ConfigGuard):
    """
    ## What it does
    Finds IAM roles whose maximum session duration (`max_session_duration` in
    Terraform, `MaxSessionDuration` in CloudFormation, `DurationSeconds` /
    `duration_seconds` in assume-role configuration, `role-duration-seconds`
    of the `aws-actions/configure-aws-credentials` GitHub Action) is above
    `limits.max_sts_session_seconds` of the idguard policy (one hour by
    default, the AWS default).

    ## Why is this bad?
    STS credentials cannot be revoked one by one: a leaked session stays valid
    until it expires. Up to 12 hours means a stolen token outlives the working
    day in which it was noticed.

    ## Example
    ```json
    {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": 43200}}
    ```

    ## Use instead
    ```json
    {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": 3600}}
    ```
    """

    id = "IDG207"
    name = "sts-session-duration-above-policy"
    title = "Role session duration above the policy limit"
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["iam_policy", "session"],
    )
    VALID = [
        Valid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": 3600}}
            """
        ),
        Valid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app"}}
            """
        ),
        Valid(
            """
            {"max_session_duration": 1800}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": 43200}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"max_session_duration": 28800}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": "14400"}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"uses": "aws-actions/configure-aws-credentials@v4", "with": {"role-duration-seconds": 21600}}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        limit = ctx.policy.limits.max_sts_session_seconds
        findings = []
        for mapping in ctx.mappings:
            for key in _KEYS:
                seconds = _seconds(mapping.get(key))
                if seconds is not None and seconds > limit:
                    findings.append(
                        self.finding(
                            ctx,
                            mapping.line_of(key),
                            f"`{key}` is {seconds} s, above the policy limit of {limit} s "
                            "(limits.max_sts_session_seconds).",
                            fix=f"Set `{key}` to {limit} or less; re-assume the role when a session ends.",
                        )
                    )
        return findings
