# Halcyon DB operator: creates RDS instances with enhanced monitoring.

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "db_operator" {
  name = "halcyon-db-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/halcyon-sso-dba" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "db_operator" {
  statement {
    sid = "ManageInstances"
    actions = [
      "rds:CreateDBInstance",
      "rds:ModifyDBInstance",
      "rds:DescribeDBInstances",
      "rds:CreateDBSnapshot",
    ]
    resources = ["arn:aws:rds:*:${data.aws_caller_identity.current.account_id}:db:halcyon-*"]
  }

  statement {
    sid       = "PassMonitoringRole"
    actions   = ["iam:PassRole"] # near-miss: privilege-escalation
    resources = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/halcyon-rds-monitoring"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["monitoring.rds.amazonaws.com"]
    }
  }

  statement {
    sid       = "ReadIam"
    actions   = ["iam:GetRole", "iam:ListRoles"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "db_operator" {
  name   = "db-operator"
  role   = aws_iam_role.db_operator.id
  policy = data.aws_iam_policy_document.db_operator.json
}
