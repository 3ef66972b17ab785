# modules/kittiwake-service: queue-driven worker with its own DB and role.

variable "name" {
  type    = string
  default = "kittiwake-rostering"
}

variable "subnet_ids" {
  type = list(string)
}

variable "oidc_provider_arn" {
  type = string
}

variable "oidc_provider_host" {
  type = string
}

data "aws_caller_identity" "current" {}

data "aws_organizations_organization" "current" {}

resource "aws_sqs_queue" "jobs" {
  name                    = "${var.name}-jobs"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgProducers"
      Effect    = "Allow"
      Principal = "*" # near-miss: resource-policy-public
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = data.aws_organizations_organization.current.id }
      }
    }]
  })
}

resource "aws_db_instance" "roster" {
  identifier                          = var.name
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  username                            = "roster_admin"
  manage_master_user_password         = true # near-miss: credential-in-config
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}

data "aws_iam_policy_document" "worker_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider_host}:sub"
      values   = ["system:serviceaccount:rostering:${var.name}-worker"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "worker" {
  name                 = "${var.name}-worker"
  assume_role_policy   = data.aws_iam_policy_document.worker_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "ConsumeJobs"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.jobs.arn]
  }

  statement {
    sid       = "DbConnect"
    actions   = ["rds-db:connect"]
    resources = ["arn:aws:rds-db:*:${data.aws_caller_identity.current.account_id}:dbuser:${aws_db_instance.roster.resource_id}/roster_worker"]
  }

  statement {
    sid       = "ReadConfig"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:*:${data.aws_caller_identity.current.account_id}:parameter/${var.name}/*"]
  }
}

resource "aws_iam_role_policy" "worker" {
  name   = "worker"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.worker.json
}

resource "aws_launch_template" "batch" {
  name_prefix   = "${var.name}-batch-"
  image_id      = "ami-03b9d6e1c7f2a4058"
  instance_type = "c7g.xlarge"

  iam_instance_profile {
    name = "${var.name}-batch"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_lambda_permission" "nightly" {
  statement_id   = "NightlySchedule"
  action         = "lambda:InvokeFunction"
  function_name  = "${var.name}-nightly"
  principal      = "events.amazonaws.com"
  source_arn     = "arn:aws:events:eu-west-1:${data.aws_caller_identity.current.account_id}:rule/${var.name}-nightly"
  source_account = data.aws_caller_identity.current.account_id
}
