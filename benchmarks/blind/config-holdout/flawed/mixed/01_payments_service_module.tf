# modules/payments-service: queue consumer, database and build pipeline role.
variable "name" {
  type    = string
  default = "payments"
}

variable "vpc_subnet_ids" {
  type = list(string)
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "Paym3nts-Db-2026!" # flaw: credential-in-config
}

variable "consumer_accounts" {
  description = "Accounts that publish payment events"
  type        = list(string)
  default     = ["111122223333", "444455556666"]
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  prefix     = "${var.name}-${data.aws_region.current.name}"
  account_id = data.aws_caller_identity.current.account_id
  worker_policies = {
    ssm    = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    cw     = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
  }
}

resource "aws_sqs_queue" "events" {
  name                       = "${local.prefix}-events"
  visibility_timeout_seconds = 60
  sqs_managed_sse_enabled    = true
}

data "aws_iam_policy_document" "events_queue" {
  statement {
    sid       = "PartnerPublish"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
    principals {
      type        = "AWS"
      identifiers = [for a in var.consumer_accounts : "arn:aws:iam::${a}:root"]
    }
  }
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy    = data.aws_iam_policy_document.events_queue.json
}

resource "aws_db_instance" "ledger" {
  identifier                          = "${local.prefix}-ledger"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 100
  username                            = "payments"
  password                            = var.db_password
  iam_database_authentication_enabled = false # flaw: managed-identity-setting
  storage_encrypted                   = true
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${local.prefix}-ledger-final"
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

resource "aws_iam_role_policy_attachment" "worker" {
  for_each   = local.worker_policies
  role       = aws_iam_role.worker.name
  policy_arn = each.value
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
    http_endpoint = "enabled"
    http_tokens   = "optional" # flaw: managed-identity-setting
  }
}

data "aws_iam_policy_document" "pipeline_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"] # flaw: trust-too-broad
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name               = "${local.prefix}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.pipeline_trust.json
}

resource "aws_iam_policy" "pipeline" {
  name = "${local.prefix}-pipeline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ec2:RunInstances", "ec2:CreateTags"] # flaw: privilege-escalation
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # flaw: privilege-escalation
        Resource = aws_iam_role.worker.arn
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "pipeline" {
  role       = aws_iam_role.pipeline.name
  policy_arn = aws_iam_policy.pipeline.arn
}
