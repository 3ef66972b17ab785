# modules/orders-service: event queue, database, workers and deploy role.
variable "name" {
  type    = string
  default = "orders"
}

variable "db_password" { # near-miss: credential-in-config
  type      = string
  sensitive = true
}

variable "publisher_accounts" {
  type    = list(string)
  default = ["111122223333"]
}

variable "github_repo" {
  type    = string
  default = "acme-corp/orders-service"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  prefix     = "${var.name}-${data.aws_region.current.name}"
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_sqs_queue" "events" {
  name                    = "${local.prefix}-events"
  sqs_managed_sse_enabled = true
}

data "aws_iam_policy_document" "events_queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
    principals {
      type        = "*"
      identifiers = ["*"] # near-miss: resource-policy-public
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = var.publisher_accounts
    }
  }
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy    = data.aws_iam_policy_document.events_queue.json
}

resource "aws_db_instance" "orders" {
  identifier                          = "${local.prefix}-db"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 100
  username                            = "orders"
  password                            = var.db_password
  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${local.prefix}-db-final"
}

resource "aws_iam_role" "worker" {
  name = "${local.prefix}-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_instance_profile" "worker" {
  name = "${local.prefix}-worker"
  role = aws_iam_role.worker.name
}

resource "aws_launch_template" "worker" {
  name_prefix   = "${local.prefix}-worker-"
  image_id      = "ami-0c7217cdde317cfec"
  instance_type = "m7g.large"

  iam_instance_profile {
    arn = aws_iam_instance_profile.worker.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

data "aws_iam_policy_document" "deploy_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${local.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repo}:ref:refs/heads/main"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "${local.prefix}-deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy_trust.json
}

resource "aws_iam_role_policy" "deploy" {
  name = "asg-refresh"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "autoscaling:StartInstanceRefresh",
        "autoscaling:DescribeInstanceRefreshes",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:DescribeLaunchTemplates",
      ]
      Resource = "*"
    }]
  })
}
