"""IDG208: a resource policy (bucket, queue, topic, key) that grants any AWS principal."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .iam_trust_any_principal import _anyone, _assumes_role
from .support.guard import ConfigContext, ConfigGuard

_READ_PREFIXES = ("get", "list", "describe", "head")
# Endpoint policies filter traffic that already passed the network path; `*` is their documented default.
_ENDPOINT_POLICY_OWNERS = {"aws_vpc_endpoint", "aws_vpc_endpoint_policy", "AWS::EC2::VPCEndpoint"}


class IamResourcePolicyAnyPrincipal(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements of resource policies (S3 bucket, SQS, SNS, KMS,
    ECR, Lambda permission documents) whose principal is `*` or
    `{"AWS": "*"}` and that carry no `Condition`. Read-only actions
    (`s3:GetObject` for a public website) are reported as medium, for a
    deliberate review; anything else as high. Trust policies are IDG204's;
    VPC endpoint policies (where `*` is the documented default and the
    network path is the control) are not reported.

    ## Why is this bad?
    `*` is every AWS account and, for S3, the anonymous internet. A writable
    or administrable resource open to `*` lets anyone change its data, plant
    content or lock the owner out; a readable one publishes it.

    ## Example
    ```json
    {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*",
                    "Resource": ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"]}]}
    ```

    ## Use instead
    ```json
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/uploader"},
                    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/*"}]}
    ```
    """

    id = "IDG208"
    name = "iam-resource-policy-any-principal"
    title = "Resource policy grants any AWS principal"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        see_also=["CIS AWS Foundations 2.1"],
    )
    VALID = [
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/up"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"}, {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:x"}}}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """
        ),
        Valid(
            """
            {"Resources": {"S3Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}}}}}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"]}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::www.example.com/*"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or statement.not_principals or statement.conditions:
                continue
            anyone = _anyone(statement)
            if not anyone or _assumes_role(statement):
                continue
            if statement.document.owner in _ENDPOINT_POLICY_OWNERS:
                continue
            read_only = bool(statement.actions) and all(
                str(a).split(":", 1)[-1].lower().startswith(_READ_PREFIXES) for a in statement.actions
            )
            findings.append(
                self.finding(
                    ctx,
                    statement.at(statement.principal_value_line(set(anyone))),
                    f"Principal `*` without a condition may call {', '.join(map(str, statement.actions[:3])) or 'these actions'}"
                    " on this resource: every AWS account (for S3, the internet).",
                    fix="Name the principals, or add a condition such as `aws:SourceArn` or `aws:PrincipalOrgID`.",
                    severity=Severity.medium if read_only else Severity.high,
                )
            )
        return findings
