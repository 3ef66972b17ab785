# IRSA roles for Egret workloads on the shared EKS cluster.

data "aws_eks_cluster" "shared" {
  name = "egret-shared"
}

locals {
  oidc_issuer = replace(data.aws_eks_cluster.shared.identity[0].oidc[0].issuer, "https://", "")
}

data "aws_iam_openid_connect_provider" "eks" {
  url = data.aws_eks_cluster.shared.identity[0].oidc[0].issuer
}

data "aws_iam_policy_document" "image_resizer_trust" {
  statement { # flaw: trust-too-broad
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.eks.arn]
    }
  }
}

resource "aws_iam_role" "image_resizer" {
  name               = "egret-image-resizer"
  assume_role_policy = data.aws_iam_policy_document.image_resizer_trust.json
}

data "aws_iam_policy_document" "exporter_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringLike"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:*:*"] # flaw: trust-too-broad
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "metrics_exporter" {
  name               = "egret-metrics-exporter"
  assume_role_policy = data.aws_iam_policy_document.exporter_trust.json
}
