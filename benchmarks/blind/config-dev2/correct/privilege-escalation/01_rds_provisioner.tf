data "aws_caller_identity" "current" {}

locals {
  account_id          = data.aws_caller_identity.current.account_id
  monitoring_role_arn = "arn:aws:iam::${local.account_id}:role/rds-enhanced-monitoring"
}

resource "aws_iam_role" "db_provisioner" {
  name = "db-provisioner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "db_provisioner" {
  statement {
    sid = "ManageInstances"
    actions = [
      "rds:CreateDBInstance", # near-miss: privilege-escalation
      "rds:ModifyDBInstance",
      "rds:DescribeDBInstances",
      "rds:AddTagsToResource",
    ]
    resources = ["arn:aws:rds:*:${local.account_id}:db:svc-*"]
  }

  statement {
    sid       = "PassMonitoringRoleOnly"
    actions   = ["iam:PassRole"] # near-miss: privilege-escalation
    resources = [local.monitoring_role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "db_provisioner" {
  name   = "db-provisioner"
  role   = aws_iam_role.db_provisioner.id
  policy = data.aws_iam_policy_document.db_provisioner.json
}

resource "aws_iam_role_policy_attachment" "db_provisioner_logs" {
  role       = aws_iam_role.db_provisioner.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"
}
