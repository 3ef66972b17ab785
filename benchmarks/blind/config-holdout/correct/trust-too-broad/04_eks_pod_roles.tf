variable "oidc_provider_arn" {
  type = string
}

variable "oidc_issuer_host" {
  type    = string
  default = "oidc.eks.us-east-1.amazonaws.com/id/A1B2C3D4E5F60718293A4B5C6D7E8F90"
}

locals {
  service_accounts = {
    karpenter = "karpenter:karpenter"
    ebs_csi   = "kube-system:ebs-csi-controller-sa"
  }
}

data "aws_iam_policy_document" "irsa" {
  for_each = local.service_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${each.value}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each           = local.service_accounts
  name               = "eks-${replace(each.key, "_", "-")}"
  assume_role_policy = data.aws_iam_policy_document.irsa[each.key].json
}

data "aws_iam_policy_document" "pod_identity" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app_pod_identity" {
  name               = "orders-api-pod"
  assume_role_policy = data.aws_iam_policy_document.pod_identity.json
}
