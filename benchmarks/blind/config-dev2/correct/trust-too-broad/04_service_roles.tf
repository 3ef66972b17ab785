data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "scheduler" { # near-miss: trust-too-broad
  name = "eventbridge-scheduler-invoke"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "scheduler.amazonaws.com"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"aws:SourceAccount": "${local.account_id}"}}
    }
  ]
}
EOF
}

data "aws_iam_policy_document" "ci_from_tooling" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222233334444:role/ci-runner"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/pipeline"
      values   = ["infra-live"]
    }
  }
}

resource "aws_iam_role" "ci_target" {
  name                 = "ci-target-deploy"
  assume_role_policy   = data.aws_iam_policy_document.ci_from_tooling.json
  max_session_duration = 7200
}

resource "aws_iam_role" "same_account_admin" {
  name = "account-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account_id}:root" } # near-miss: trust-too-broad
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
