variable "cluster_name" {
  type    = string
  default = "shop-prod"
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

locals {
  oidc_issuer = replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
  irsa_roles = {
    "external-dns" = "arn:aws:iam::aws:policy/AmazonRoute53FullAccess"
    "ebs-csi"      = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
  }
}

data "aws_iam_openid_connect_provider" "eks" {
  url = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_role" "irsa" { # flaw: trust-too-broad
  for_each = local.irsa_roles
  name     = "${var.cluster_name}-${each.key}"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "irsa" {
  for_each   = local.irsa_roles
  role       = aws_iam_role.irsa[each.key].name
  policy_arn = each.value
}

resource "aws_iam_role" "cluster_autoscaler" {
  name = "${var.cluster_name}-cluster-autoscaler"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:*" # flaw: trust-too-broad
        }
      }
    }]
  })
}
