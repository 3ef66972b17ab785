"""IDG215: a Lambda permission for an AWS service without `source_arn` or `source_account`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard

# Services whose resources live in other customers' accounts too: without a source, any of them may invoke.
_SERVICE = ".amazonaws.com"


class LambdaPermissionWithoutSource(ConfigGuard):
    """
    ## What it does
    Finds Lambda resource-policy grants (`aws_lambda_permission`,
    `AWS::Lambda::Permission`) to an AWS service principal
    (`s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com` ...)
    without `source_arn` (`SourceArn`) or `source_account`
    (`SourceAccount`), and grants to principal `*`. Reported on the
    resource's first line.

    ## Why is this bad?
    A service principal stands for that service acting for *any* customer.
    Without a source condition, an S3 bucket, SNS topic or EventBridge rule
    in someone else's account can invoke the function (the confused-deputy
    problem); S3 bucket names are global, so a deleted bucket's name can be
    re-registered by anyone.

    ## Example
    ```hcl
    resource "aws_lambda_permission" "from_bucket" {
      action        = "lambda:InvokeFunction"
      function_name = aws_lambda_function.parser.function_name
      principal     = "s3.amazonaws.com"
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_lambda_permission" "from_bucket" {
      action         = "lambda:InvokeFunction"
      function_name  = aws_lambda_function.parser.function_name
      principal      = "s3.amazonaws.com"
      source_arn     = aws_s3_bucket.drops.arn
      source_account = data.aws_caller_identity.current.account_id
    }
    ```
    """

    id = "IDG215"
    name = "lambda-permission-without-source"
    title = "Lambda permission for a service without a source"
    meta = GuardMeta(
        cwe=["CWE-441", "CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        see_also=[
            "AWS Foundational Security Best Practices Lambda.1",
        ],
        urls=["https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            resource "aws_lambda_permission" "p" {
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "s3.amazonaws.com"
              source_arn = aws_s3_bucket.b.arn
            }
            """
        ),
        Valid(
            """
            resource "aws_lambda_permission" "p" {
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "events.amazonaws.com"
              source_account = "111122223333"
            }
            """
        ),
        Valid(
            """
            resource "aws_lambda_permission" "p" {
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "111122223333"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_lambda_permission" "p" {
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "s3.amazonaws.com"
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "aws_lambda_permission" "p" {
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "*"
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "aws_lambda_permission" "p" {
              statement_id = "sns"
              action = "lambda:InvokeFunction"
              function_name = "f"
              principal = "sns.amazonaws.com"
            }
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        grants = [
            (b.labels[0], b.line, b.get("principal"), b.get("source_arn") or b.get("source_account"))
            for b in ctx.terraform_resources("aws_lambda_permission")
        ] + [
            (
                r.type,
                r.line,
                r.properties.get("Principal"),
                r.properties.get("SourceArn") or r.properties.get("SourceAccount"),
            )
            for r in ctx.cfn_resources("AWS::Lambda::Permission")
        ]
        findings = []
        for kind, line, principal, source in grants:
            text = str(principal or "").strip()
            if source or not (text == "*" or text.endswith(_SERVICE)):
                continue
            findings.append(
                self.finding(
                    ctx,
                    line,
                    f"`{kind}` lets `{text}` invoke the function with no `source_arn` or `source_account`: "
                    "the service acting for any AWS customer can call it.",
                    fix="Add `source_arn` (the bucket, topic or rule) and `source_account`.",
                    severity=Severity.high,
                )
            )
        return findings
