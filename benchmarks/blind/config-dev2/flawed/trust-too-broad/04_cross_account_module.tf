variable "trusted_account_ids" {
  description = "Accounts whose principals may assume the shared read role"
  type        = list(string)
  default     = []
}

locals {
  trusted_principals = length(var.trusted_account_ids) > 0 ? [for id in var.trusted_account_ids : "arn:aws:iam::${id}:root"] : ["*"] # flaw: trust-too-broad
}

data "aws_iam_policy_document" "shared_read_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = local.trusted_principals
    }
  }
}

resource "aws_iam_role" "shared_read" {
  name               = "shared-catalog-read"
  assume_role_policy = data.aws_iam_policy_document.shared_read_trust.json
}

resource "aws_iam_role_policy" "shared_read" {
  name = "catalog-read"
  role = aws_iam_role.shared_read.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::acme-shared-catalog", "arn:aws:s3:::acme-shared-catalog/*"]
    }]
  })
}

resource "aws_iam_role" "vendor_scanner" { # flaw: trust-too-broad
  name = "vendor-security-scanner"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::*:root"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"sts:ExternalId": "acme-scan-2291"}}
    }
  ]
}
EOF
}
