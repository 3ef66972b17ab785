# Module: render-service
# Provisions the PDF render workers, their artifact bucket and the IRSA role
# used by the in-cluster dispatcher.

variable "name" {
  type    = string
  default = "render"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "eks_oidc_provider_arn" {
  type = string
}

variable "worker_instance_type" {
  type    = string
  default = "c6i.xlarge"
}

variable "renderer_license_key" {
  type    = string
  default = "RNDR-7F3K-99QX-A1B2-LMN4" # flaw: credential-in-config
}

data "aws_caller_identity" "current" {}

locals {
  prefix     = "${var.name}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  buckets = {
    input  = "${var.name}-${var.environment}-input"
    output = "${var.name}-${var.environment}-output"
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = each.value
}

data "aws_iam_policy_document" "output_read" {
  statement {
    sid       = "RenderedDownloads"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.this["output"].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"] # flaw: resource-policy-public
    }
  }
}

resource "aws_s3_bucket_policy" "output" {
  bucket = aws_s3_bucket.this["output"].id
  policy = data.aws_iam_policy_document.output_read.json
}

resource "aws_iam_role" "dispatcher" { # flaw: trust-too-broad
  name = "${local.prefix}-dispatcher"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.eks_oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }]
  })
}

resource "aws_iam_role_policy" "dispatcher_fleet" {
  name = "fleet-control"
  role = aws_iam_role.dispatcher.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "ec2:RunInstances", # flaw: privilege-escalation
          "ec2:TerminateInstances",
          "ec2:DescribeInstances",
          "ec2:CreateTags",
        ]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_policy" "dispatcher_pass" {
  name = "${local.prefix}-dispatcher-pass"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole" # flaw: privilege-escalation
      Resource = "arn:aws:iam::${local.account_id}:role/*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "dispatcher_pass" {
  role       = aws_iam_role.dispatcher.name
  policy_arn = aws_iam_policy.dispatcher_pass.arn
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
  image_id      = "ami-0c55b159cbfafe1f0"
  instance_type = var.worker_instance_type

  iam_instance_profile {
    arn = aws_iam_instance_profile.worker.arn
  }

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # flaw: managed-identity-setting
  }

  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "RENDER_LICENSE=${var.renderer_license_key}" >> /etc/render/env
    systemctl enable --now render-worker
  EOT
  )
}

output "dispatcher_role_arn" {
  value = aws_iam_role.dispatcher.arn
}
