"""IDG200: an IAM policy allows every action, or every action of a service, on every resource."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard


class IamWildcardActionOnAllResources(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements of AWS IAM identity policies whose `Action` is `*`
    or a whole service (`s3:*`, `dynamodb:*`) and whose `Resource` is `*`, in
    policy JSON, CloudFormation, Serverless and Terraform (`jsonencode`,
    heredocs, `aws_iam_policy_document`). `Action: "*"` on `*` is reported as
    critical: it is administrator access; `Action: "*"` on named resources is
    medium. Resource-based policies that name a
    principal (a KMS key policy's `kms:*` for the account root) are not
    reported: there `*` means "this resource".

    ## Why is this bad?
    A role or user with every action on every resource can read all data,
    delete all infrastructure and create new credentials for itself. Stolen
    credentials of such a principal are an account takeover; a mistake by an
    automated workload becomes an outage. Least privilege (CIS AWS 1.16) asks
    for the actions the workload calls, on the resources it owns.

    ## Example
    ```json
    {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    ```

    ## Use instead
    ```json
    {"Version": "2012-10-17",
     "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                    "Resource": "arn:aws:s3:::reports-bucket/*"}]}
    ```
    """

    id = "IDG200"
    name = "iam-wildcard-action-on-all-resources"
    title = "IAM policy allows all actions on all resources"
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        urls=["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
        see_also=["CIS AWS Foundations 1.16"],
    )
    VALID = [
        Valid(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports-bucket/*"}]}
            """
        ),
        # Read-only describe calls must name `*`: the APIs have no resource-level permissions.
        Valid(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:GetMetricData"], "Resource": "*"}]}
            """
        ),
        Valid(
            """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:*"], "Resource": ["*"]}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"PolicyName": "app", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["dynamodb:*", "sqs:SendMessage"], "Resource": "*"}]}}
            """,
            line=1,
        ),
        Invalid(
            """
            {"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or statement.principals is not None:
                continue
            everything = [a for a in statement.actions if str(a).strip() in ("*", "*:*")]
            if not statement.all_resources():
                if everything:
                    findings.append(
                        self.finding(
                            ctx,
                            statement.action_line,
                            "Statement allows every action (`*`) on its resources, including deleting them and "
                            "changing who may access them.",
                            fix="List the actions the workload calls on these resources.",
                            severity=Severity.medium,
                        )
                    )
                continue
            # `iam:*` is IDG201's finding.
            services = [
                a
                for a in statement.actions
                if str(a).endswith(":*") and str(a).lower() != "iam:*" and a not in everything
            ]
            if everything:
                findings.append(
                    self.finding(
                        ctx,
                        statement.action_line,
                        "Statement allows every action (`*`) on every resource: this is administrator access.",
                        fix="List the actions the workload calls and the ARNs of the resources it owns.",
                        severity=Severity.critical,
                    )
                )
            elif services:
                findings.append(
                    self.finding(
                        ctx,
                        statement.action_line,
                        f"Statement allows every action of {', '.join(sorted(set(map(str, services))))} "
                        "on every resource (`Resource: *`).",
                        fix="Name the actions used (e.g. `s3:GetObject`) and scope `Resource` to specific ARNs.",
                        severity=Severity.high,
                    )
                )
        return findings
