# Module: export-service
# Nightly export workers, output bucket shared with the analytics account,
# and the IRSA role for the in-cluster scheduler.

variable "name" {
  type    = string
  default = "export"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "eks_oidc_provider_arn" {
  type = string
}

variable "eks_oidc_issuer" {
  description = "Issuer host without https://"
  type        = string
}

variable "analytics_account_id" {
  type    = string
  default = "210987654321"
}

variable "vendor_api_token_secret" {
  description = "Secrets Manager name holding the vendor API token"
  type        = string
  default     = "export/vendor-api-token" # near-miss: credential-in-config
}

data "aws_caller_identity" "current" {}

locals {
  prefix     = "${var.name}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket" "output" {
  bucket = "${local.prefix}-output"
}

data "aws_iam_policy_document" "output_share" {
  statement {
    sid       = "AnalyticsRead"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.output.arn, "${aws_s3_bucket.output.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.analytics_account_id}:role/export-reader"]
    }
  }

  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.output.arn, "${aws_s3_bucket.output.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"] # near-miss: resource-policy-public
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "output" {
  bucket = aws_s3_bucket.output.id
  policy = data.aws_iam_policy_document.output_share.json
}

resource "aws_iam_role" "scheduler" {
  name = "${local.prefix}-scheduler"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = var.eks_oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity" # near-miss: trust-too-broad
      Condition = {
        StringEquals = {
          "${var.eks_oidc_issuer}:sub" = "system:serviceaccount:export:scheduler"
          "${var.eks_oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartWorkers"
    actions   = ["ec2:RunInstances", "ec2:CreateTags"] # near-miss: privilege-escalation
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/app"
      values   = [local.prefix]
    }
  }

  # Workers get their instance profile from the launch template owned by the
  # platform pipeline; the scheduler only scales the group.
  statement {
    sid       = "ScaleWorkers"
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:DescribeAutoScalingGroups"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadVendorToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:*:${local.account_id}:secret:${var.vendor_api_token_secret}-*"]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "scheduler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_launch_template" "worker" {
  name_prefix   = "${local.prefix}-worker-"
  image_id      = "ami-0a8e758f5e873d1c1"
  instance_type = "c7g.xlarge"

  iam_instance_profile {
    name = "${local.prefix}-worker"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # near-miss: managed-identity-setting
    http_put_response_hop_limit = 1
  }
}
