terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "artifact_readers" {
  description = "Principals allowed to download release artifacts"
  type        = list(string)
  default     = ["*"] # flaw: resource-policy-public
}

locals {
  bucket_name = "acme-release-artifacts-${var.environment}"
  tags = {
    team        = "release-eng"
    environment = var.environment
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket = local.bucket_name
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

data "aws_iam_policy_document" "artifacts_read" {
  statement {
    sid     = "ReleaseDownload"
    effect  = "Allow"
    actions = ["s3:GetObject", "s3:GetObjectVersion"]

    principals {
      type        = "AWS"
      identifiers = var.artifact_readers
    }

    resources = ["${aws_s3_bucket.artifacts.arn}/releases/*"]
  }
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts_read.json
}
