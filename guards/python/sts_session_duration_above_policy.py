"""IDG117: AWS STS temporary credentials requested for longer than the policy allows."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.lifetimes import describe_seconds

_STS_CALLS = frozenset(
    {
        "assume_role",
        "assume_role_with_saml",
        "assume_role_with_web_identity",
        "get_session_token",
        "get_federation_token",
    }
)


class StsSessionDurationAbovePolicy(PythonGuard):
    """
    ## What it does
    Finds boto3 STS calls (`assume_role`, `assume_role_with_web_identity`,
    `assume_role_with_saml`, `get_session_token`, `get_federation_token`) whose
    `DurationSeconds` is above `limits.max_sts_session_seconds` (default 1 h).

    ## Why is this bad?
    Temporary credentials are only as temporary as their duration. A 12-hour
    role session handed to a job or an agent outlives the task by hours, and a
    leaked copy cannot be revoked individually.

    ## Example
    ```python
    creds = sts.assume_role(RoleArn=arn, RoleSessionName="deploy", DurationSeconds=43200)
    ```

    ## Use instead
    ```python
    creds = sts.assume_role(RoleArn=arn, RoleSessionName="deploy", DurationSeconds=900)
    ```
    """

    id = "IDG117"
    name = "sts-call-duration-above-policy"
    title = "STS session duration above policy"
    # Only the `DurationSeconds=` keyword is judged.
    triggers = ("durationseconds",)
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["iam_policy", "service_account"],
        urls=["https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"],
    )
    VALID = [
        Valid(
            """
            sts.assume_role(RoleArn=arn, RoleSessionName="job", DurationSeconds=900)
            """
        ),
        Valid(
            """
            import boto3
            boto3.client("sts").assume_role(RoleArn=arn, RoleSessionName="job")
            """
        ),
        Valid(
            """
            SESSION_SECONDS = 3600
            sts.get_session_token(DurationSeconds=SESSION_SECONDS)
            """
        ),
        Valid(
            """
            planner.schedule(DurationSeconds=86400)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            sts.assume_role(RoleArn=arn, RoleSessionName="job", DurationSeconds=43200)
            """,
            line=1,
        ),
        Invalid(
            """
            import boto3
            client = boto3.client('sts')
            TTL = 12 * 60 * 60
            client.assume_role_with_web_identity(RoleArn=a, WebIdentityToken=t, DurationSeconds=TTL)
            """,
            line=4,
        ),
        Invalid(
            """
            sts.get_session_token(DurationSeconds=129600, SerialNumber=mfa_arn, TokenCode=code)
            """,
            line=1,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in _STS_CALLS:
            return
        seconds = self.ctx.number_value(self.ctx.kwarg(node, "DurationSeconds"))
        limit = self.ctx.policy.limits.max_sts_session_seconds
        if seconds is not None and seconds > limit:
            self.report(
                node,
                f"STS credentials requested for {describe_seconds(seconds)}, above the policy limit of "
                f"{describe_seconds(limit)}.",
                fix=f"Request `DurationSeconds={int(limit)}` or less and refresh credentials when needed.",
            )
