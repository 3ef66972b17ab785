"""IDG211: an AWS account password policy weaker than CIS recommends."""

from __future__ import annotations

from typing import Any

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard

MIN_LENGTH = 14
MIN_REUSE_PREVENTION = 24
MAX_AGE_DAYS = 90
# Terraform argument -> CloudFormation-style key (AWS::IAM::AccountPasswordPolicy, custom resources).
_REQUIREMENTS = {
    "require_lowercase_characters": "RequireLowercaseCharacters",
    "require_uppercase_characters": "RequireUppercaseCharacters",
    "require_numbers": "RequireNumbers",
    "require_symbols": "RequireSymbols",
}


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


class AwsWeakPasswordPolicy(ConfigGuard):
    """
    ## What it does
    Checks Terraform `aws_iam_account_password_policy`: a minimum length below
    14 is medium; missing character requirements, password reuse prevention
    below 24 and a maximum age above 90 days (or none) are low.

    ## Why is this bad?
    Console passwords of IAM users are credentials to the whole account. Short
    passwords fall to guessing and credential stuffing; reused ones to
    breaches elsewhere. CIS AWS Foundations 1.8-1.9 set the floor.

    ## Example
    ```hcl
    resource "aws_iam_account_password_policy" "strict" {
      minimum_password_length = 8
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_iam_account_password_policy" "strict" {
      minimum_password_length        = 14
      require_lowercase_characters   = true
      require_uppercase_characters   = true
      require_numbers                = true
      require_symbols                = true
      password_reuse_prevention      = 24
      max_password_age               = 90
    }
    ```
    """

    id = "IDG211"
    name = "aws-weak-password-policy"
    title = "AWS account password policy below CIS minimums"
    languages = ("terraform",)
    meta = GuardMeta(
        cwe=["CWE-521"],
        owasp_nhi=[],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password", "policy"],
        see_also=["CIS AWS Foundations 1.8 and 1.9"],
    )
    _STRONG = (
        "  require_lowercase_characters = true\n  require_uppercase_characters = true\n"
        "  require_numbers = true\n  require_symbols = true\n  password_reuse_prevention = 24\n"
        "  max_password_age = 90\n"
    )
    VALID = [
        Valid('resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length = 14\n' + _STRONG + "}\n"),
        Valid('resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length = 20\n' + _STRONG + "}\n"),
        Valid(
            """
            resource "aws_iam_user" "u" {
              name = "alice"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            'resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length = 8\n' + _STRONG + "}\n",
            line=2,
        ),
        Invalid(
            """
            resource "aws_iam_account_password_policy" "p" {
              minimum_password_length = 14
            }
            """,
            line=1,
        ),
        Invalid(
            'resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length = 16\n'
            + _STRONG.replace("password_reuse_prevention = 24", "password_reuse_prevention = 5")
            + "}\n",
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for block in ctx.terraform_resources("aws_iam_account_password_policy"):
            length = _number(block.get("minimum_password_length"))
            if length is None or length < MIN_LENGTH:
                findings.append(
                    self.finding(
                        ctx,
                        block.line_of("minimum_password_length"),
                        f"Minimum password length is {length if length is not None else 'the default (8)'}; "
                        f"CIS asks for {MIN_LENGTH} or more.",
                        fix=f"Set `minimum_password_length = {MIN_LENGTH}` or more.",
                    )
                )
            weaker = [name for name in _REQUIREMENTS if block.get(name) is not True]
            reuse = _number(block.get("password_reuse_prevention"))
            if reuse is None or reuse < MIN_REUSE_PREVENTION:
                weaker.append(f"password_reuse_prevention >= {MIN_REUSE_PREVENTION}")
            age = _number(block.get("max_password_age"))
            if age is None or age > MAX_AGE_DAYS:
                weaker.append(f"max_password_age <= {MAX_AGE_DAYS}")
            if weaker:
                findings.append(
                    self.finding(
                        ctx,
                        block.line,
                        f"Password policy lacks {', '.join(weaker)}.",
                        fix="Require all character classes, prevent reuse of the last 24 passwords, expire after 90 days.",
                        severity=Severity.low,
                    )
                )
        return findings
