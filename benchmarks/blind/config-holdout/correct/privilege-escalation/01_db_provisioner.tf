# Provisioner that creates RDS instances with enhanced monitoring.
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
      "rds:CreateDBInstance",
      "rds:ModifyDBInstance",
      "rds:DescribeDBInstances",
      "rds:AddTagsToResource",
    ]
    resources = ["arn:aws:rds:*:*:db:app-*"]
  }

  statement {
    sid       = "PassMonitoringRole"
    actions   = ["iam:PassRole"] # near-miss: privilege-escalation
    resources = ["arn:aws:iam::*:role/rds-monitoring-role"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "db_provisioner" {
  name   = "db-provisioner"
  policy = data.aws_iam_policy_document.db_provisioner.json
}

resource "aws_iam_role_policy_attachment" "db_provisioner" {
  role       = aws_iam_role.db_provisioner.name
  policy_arn = aws_iam_policy.db_provisioner.arn
}
