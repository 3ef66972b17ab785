variable "cluster_name" {
  type    = string
  default = "shop-prod"
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

data "aws_iam_openid_connect_provider" "eks" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

locals {
  issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
  service_accounts = {
    "external-dns"     = { namespace = "kube-system", policy = "arn:aws:iam::123456789012:policy/external-dns-zone-acme" }
    "orders-processor" = { namespace = "orders", policy = "arn:aws:iam::123456789012:policy/orders-queue-consumer" }
  }
}

module "irsa_role" {
  source   = "terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc"
  version  = "5.39.0"
  for_each = local.service_accounts

  create_role                   = true
  role_name                     = "${var.cluster_name}-${each.key}"
  provider_url                  = local.issuer
  role_policy_arns              = [each.value.policy]
  oidc_fully_qualified_subjects = ["system:serviceaccount:${each.value.namespace}:${each.key}"]
  oidc_fully_qualified_audiences = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "fluent_bit" {
  name = "${var.cluster_name}-fluent-bit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity" # near-miss: trust-too-broad
      Condition = {
        StringEquals = {
          "${local.issuer}:sub" = "system:serviceaccount:logging:fluent-bit"
          "${local.issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
