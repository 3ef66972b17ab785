"""IDG218: an RDS database or Aurora cluster with IAM database authentication turned off."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.cloudformation import is_false
from .support.guard import ConfigContext, ConfigGuard

# Engines that support IAM database authentication.
_IAM_ENGINES = ("mysql", "postgres", "aurora", "mariadb")


def _supports_iam(engine: object) -> bool:
    return engine is None or any(str(engine).lower().startswith(e) for e in _IAM_ENGINES)


class RdsIamAuthenticationDisabled(ConfigGuard):
    """
    ## What it does
    Finds RDS instances and Aurora clusters (MySQL, MariaDB, PostgreSQL) that
    turn IAM database authentication off explicitly:
    `iam_database_authentication_enabled = false` in Terraform,
    `EnableIAMDatabaseAuthentication: false` in CloudFormation. A value the
    file does not resolve (a variable without a default) is low: unknown,
    reviewed.

    ## Why is this bad?
    Without IAM authentication every client logs in with a long-lived
    database password that has to be shared, stored and rotated by hand;
    workloads cannot use their role's short-lived tokens, and access cannot be
    granted or withdrawn per role in IAM.

    ## Example
    ```hcl
    resource "aws_db_instance" "orders" {
      engine                              = "postgres"
      iam_database_authentication_enabled = false
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_db_instance" "orders" {
      engine                              = "postgres"
      iam_database_authentication_enabled = true
      manage_master_user_password         = true
    }
    ```
    """

    id = "IDG218"
    name = "rds-iam-authentication-disabled"
    title = "RDS IAM database authentication turned off"
    meta = GuardMeta(
        cwe=["CWE-1390", "CWE-798"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        see_also=[
            "AWS Foundational Security Best Practices RDS.10",
        ],
        urls=["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html"],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            resource "aws_db_instance" "db" {
              engine = "postgres"
              iam_database_authentication_enabled = true
            }
            """
        ),
        Valid(
            """
            resource "aws_db_instance" "db" {
              engine = "sqlserver-se"
              iam_database_authentication_enabled = false
            }
            """
        ),
        Valid(
            """
            resource "aws_rds_cluster" "db" {
              engine = "aurora-postgresql"
              iam_database_authentication_enabled = true
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_db_instance" "db" {
              engine = "mysql"
              iam_database_authentication_enabled = false
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "aws_rds_cluster" "db" {
              engine = "aurora-postgresql"
              iam_database_authentication_enabled = "false"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "aws_db_instance" "db" {
              engine = "mariadb"
              username = "app"
              iam_database_authentication_enabled = false
            }
            """,
            line=4,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = [
            (
                block.labels[0],
                block.get("engine"),
                block.get("iam_database_authentication_enabled"),
                block.line_of("iam_database_authentication_enabled"),
            )
            for block in ctx.terraform_resources("aws_db_instance", "aws_rds_cluster")
        ] + [
            (
                r.type,
                r.properties.get("Engine"),
                r.properties.get("EnableIAMDatabaseAuthentication"),
                r.properties.line_of("EnableIAMDatabaseAuthentication"),
            )
            for r in ctx.cfn_resources("AWS::RDS::DBInstance", "AWS::RDS::DBCluster")
        ]
        return [
            self.finding(
                ctx,
                line,
                f"`{kind}` turns IAM database authentication off: clients can only log in with a shared, "
                "long-lived database password.",
                fix="Set `iam_database_authentication_enabled = true` and connect with the role's auth token.",
            )
            for kind, engine, enabled, line in places
            if is_false(enabled) and _supports_iam(engine)
        ] + [
            # A reference the module does not resolve: unknown, so reviewed, never judged safe.
            self.finding(
                ctx,
                line,
                f"`{kind}` takes IAM database authentication from `{enabled}`, which this file does not resolve.",
                fix="Set `iam_database_authentication_enabled = true` here.",
                severity=Severity.low,
            )
            for kind, engine, enabled, line in places
            if getattr(enabled, "expr", False) and _supports_iam(engine)
        ]
