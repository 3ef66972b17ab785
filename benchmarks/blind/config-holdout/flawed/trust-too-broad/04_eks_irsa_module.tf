variable "cluster_oidc_issuer" {
  type    = string
  default = "oidc.eks.eu-west-1.amazonaws.com/id/5C1A9E7B3D2F4A6C8E0B1D3F5A7C9E1B"
}

variable "irsa_subjects" {
  description = "Service accounts allowed to assume the loki role"
  type        = list(string)
  default     = ["system:serviceaccount:*:*"] # flaw: trust-too-broad
}

data "aws_caller_identity" "current" {}

module "loki_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc"
  version = "5.39.0"

  create_role                   = true
  role_name                     = "loki-storage"
  provider_url                  = var.cluster_oidc_issuer
  oidc_subjects_with_wildcards  = var.irsa_subjects
  role_policy_arns              = [aws_iam_policy.loki_storage.arn]
}

resource "aws_iam_policy" "loki_storage" {
  name = "loki-storage"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::acme-loki-chunks", "arn:aws:s3:::acme-loki-chunks/*"]
    }]
  })
}

resource "aws_iam_role" "cert_manager" { # flaw: trust-too-broad
  name               = "cert-manager-route53"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${var.cluster_oidc_issuer}"
      },
      "Action": "sts:AssumeRoleWithWebIdentity"
    }
  ]
}
EOF
}
