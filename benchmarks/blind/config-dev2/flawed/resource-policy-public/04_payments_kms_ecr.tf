data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_kms_key" "payments" { # flaw: resource-policy-public
  description             = "Envelope key for payments ledger exports"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "KeyAdministration",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${local.account_id}:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "AllowDecryptForExports",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": ["kms:Decrypt", "kms:DescribeKey"],
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_kms_alias" "payments" {
  name          = "alias/payments-ledger"
  target_key_id = aws_kms_key.payments.key_id
}

resource "aws_ecr_repository" "ledger_exporter" {
  name                 = "payments/ledger-exporter"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "ledger_exporter" {
  repository = aws_ecr_repository.ledger_exporter.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CiPush"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:role/ci-image-builder" }
        Action    = "*" # flaw: resource-policy-public
      },
      {
        Sid       = "ClusterPull"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:role/eks-node-payments" }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      }
    ]
  })
}
