"""IDG214: a resource policy that grants every action on the resource to another principal."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .iam_trust_any_principal import _anyone
from .support.guard import ConfigContext, ConfigGuard

_EVERYTHING = {"*", "*:*"}


class IamResourcePolicyAllActions(ConfigGuard):
    """
    ## What it does
    Finds `Allow` statements of resource policies (SNS topics, SQS queues,
    S3 buckets, KMS keys, ECR repositories, Secrets Manager secrets) that
    grant `Action: "*"` to a named principal: a whole account, a role or a
    service. Statements whose principal is `*` are IDG208's; trust policies
    are IDG204's. Reported on the line of the `*` action.

    ## Why is this bad?
    Every action includes changing the resource policy itself, deleting the
    resource and, for a key, disabling it. The grantee (often a whole
    account, so anyone its administrators allow) can lock the owner out or
    take the resource over; a resource policy should list what the caller
    does, such as `sns:Publish`.

    ## Example
    ```yaml
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal:
            AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"
          Action: "*"
          Resource: !Ref Topic
    ```

    ## Use instead
    ```yaml
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal:
            AWS: !GetAtt CarrierRole.Arn
          Action: sns:Publish
          Resource: !Ref Topic
    ```
    """

    id = "IDG214"
    name = "iam-resource-policy-all-actions"
    title = "Resource policy grants every action"
    meta = GuardMeta(
        cwe=["CWE-732", "CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["iam_policy"],
    )
    VALID = [
        Valid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::111122223333:role/carrier"
                  },
                  "Action": "sns:Publish",
                  "Resource": "arn:aws:sns:eu-west-1:111122223333:events"
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
                  "Principal": {
                    "AWS": "arn:aws:iam::111122223333:root"
                  },
                  "Action": "kms:*",
                  "Resource": "*"
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
                  "Principal": {
                    "AWS": "arn:aws:iam::111122223333:root"
                  },
                  "Action": "sts:AssumeRole"
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
                  "Principal": {
                    "AWS": "arn:aws:iam::444455556666:root"
                  },
                  "Action": "*",
                  "Resource": "arn:aws:sns:eu-west-1:111122223333:events"
                }
              ]
            }
            """,
            line=8,
        ),
        Invalid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "Service": "events.amazonaws.com"
                  },
                  "Action": [
                    "*"
                  ],
                  "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"
                }
              ]
            }
            """,
            line=9,
        ),
        Invalid(
            """
            {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": [
                      "arn:aws:iam::444455556666:role/ci"
                    ]
                  },
                  "Action": "*:*",
                  "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/app"
                }
              ]
            }
            """,
            line=10,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for statement in ctx.iam_statements:
            if not statement.allows or statement.principals is None or statement.not_principals:
                continue
            if statement.document.trust or _anyone(statement):
                continue
            if any(str(a).lower().startswith("sts:") for a in statement.actions):
                continue
            if not any(str(a).strip() in _EVERYTHING for a in statement.actions):
                continue
            line = statement.action_line_of(lambda a: a.strip() in _EVERYTHING)
            findings.append(
                self.finding(
                    ctx,
                    statement.at(line),
                    "The resource policy grants every action (`*`) to its principal, including changing this "
                    "policy and deleting the resource.",
                    fix="List the actions the principal needs (for a topic, `sns:Publish`).",
                )
            )
        return findings
