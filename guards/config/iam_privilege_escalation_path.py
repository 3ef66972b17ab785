"""IDG213: a role, user or group whose policies together complete a published privilege-escalation path."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard
from .support.principals import completed_paths


class IamPrivilegeEscalationPath(ConfigGuard):
    """
    ## What it does
    Unions, per role, user or group of the file, the actions allowed by all
    of its statements and policies (inline policies, attached managed
    policies, `aws_iam_policy_document` data sources, CloudFormation
    `Policies` and `AWS::IAM::Policy` resources), and reports each published
    privilege-escalation path the principal completes: `iam:PassRole` with
    `lambda:CreateFunction` and `lambda:InvokeFunction`, with
    `ec2:RunInstances`, with `glue:CreateDevEndpoint`, with
    `cloudformation:CreateStack`, `iam:UpdateAssumeRolePolicy` with
    `sts:AssumeRole`, and the rest of `support/escalation_paths.toml`. Each
    action of the path is reported on its own line, with the path's name.
    IAM actions count on wildcard resources (`*`, `role/app-*`) or on the
    principal itself; `iam:PassRole` on one named role does not complete a
    path.

    ## Why is this bad?
    Each action looks harmless in its own statement, often in its own
    policy; together they let the holder run code as any role it can pass
    (usually an administrator role) or rewrite its own permissions.
    Reviewers read one policy at a time and miss the combination.

    ## Example
    ```hcl
    resource "aws_iam_role_policy" "functions" {
      role   = aws_iam_role.deployer.id
      policy = jsonencode({ Statement = [
        { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
        { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      ] })
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_iam_role_policy" "functions" {
      role   = aws_iam_role.deployer.id
      policy = jsonencode({ Statement = [
        { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
        { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.function_exec.arn,
          Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } } },
      ] })
    }
    ```
    """

    id = "IDG213"
    name = "iam-privilege-escalation-path"
    title = "Principal's policies complete a privilege-escalation path"
    meta = GuardMeta(
        cwe=["CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy"],
        see_also=[
            'Rhino Security Labs, "AWS IAM Privilege Escalation: Methods and Mitigation"',
            "Bishop Fox iam-vulnerable",
        ],
        urls=[
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
            "https://github.com/BishopFox/iam-vulnerable",
        ],
    )
    languages = ("terraform", "json", "yaml")
    VALID = [
        Valid(
            """
            resource "aws_iam_role" "deployer" {
              name = "deployer"
            }
            resource "aws_iam_role_policy" "p" {
              role = aws_iam_role.deployer.id
              policy = jsonencode({
                Statement = [
                  { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
                  { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.exec.arn },
                ]
              })
            }
            """
        ),
        Valid(
            """
            resource "aws_iam_role" "deployer" {
              name = "deployer"
            }
            resource "aws_iam_role_policy" "p" {
              role = aws_iam_role.deployer.id
              policy = jsonencode({
                Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "lambda:CreateFunction"], Resource = "*" }]
              })
            }
            """
        ),
        Valid(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:GetRole"], "Resource": "*"}]}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "aws_iam_role" "deployer" {
              name = "deployer"
            }
            resource "aws_iam_role_policy" "p" {
              role = aws_iam_role.deployer.id
              policy = jsonencode({
                Statement = [
                  { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
                  { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
                ]
              })
            }
            """,
            line=8,
        ),
        Invalid(
            """
            resource "aws_iam_role" "deployer" {
              name = "deployer"
            }
            resource "aws_iam_role_policy" "run" {
              role = aws_iam_role.deployer.name
              policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })
            }
            resource "aws_iam_policy" "pass" {
              policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
            }
            resource "aws_iam_role_policy_attachment" "pass" {
              role = aws_iam_role.deployer.name
              policy_arn = aws_iam_policy.pass.arn
            }
            """,
            line=6,
        ),
        Invalid(
            """
            resource "aws_iam_policy" "rewrite_trust" {
              policy = jsonencode({ Statement = [{ Effect = "Allow",
                Action = ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
                Resource = "arn:aws:iam::111122223333:role/*" }] })
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        by_line: dict[int, list[str]] = {}
        actions_of: dict[int, set[str]] = {}
        for principal in ctx.iam_principals:
            for path, steps in completed_paths(principal):
                actions = ", ".join(step.granted_by for step in steps)
                described = f"{path.name} ({path.id}: {actions})"
                for step in steps:
                    if described not in by_line.setdefault(step.line, []):
                        by_line[step.line].append(described)
                    actions_of.setdefault(step.line, set()).add(step.granted_by)
        return [
            self.finding(
                ctx,
                line,
                f"Together with the principal's other grants, {', '.join(sorted(actions_of[line]))} completes "
                f"a privilege-escalation path: {'; '.join(paths)}.",
                fix="Scope `iam:PassRole` (and other IAM actions) to named roles with an `iam:PassedToService` "
                "condition, or split the actions between principals.",
            )
            for line, paths in sorted(by_line.items())
        ]
