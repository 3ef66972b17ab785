variable "oidc_provider_arn" {
  type = string
}

variable "oidc_provider_host" {
  type    = string
  default = "oidc.eks.eu-central-1.amazonaws.com/id/5C1E9A7B3D2F40816E4A9B0C7D1E2F3A"
}

locals {
  irsa = {
    "thumbnailer" = { namespace = "gannet-media", service_account = "thumbnailer" }
    "feed-export" = { namespace = "gannet-feeds", service_account = "feed-export" }
  }
}

data "aws_iam_policy_document" "irsa" {
  for_each = local.irsa

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider_host}:sub"
      values   = ["system:serviceaccount:${each.value.namespace}:${each.value.service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each           = local.irsa
  name               = "gannet-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.irsa[each.key].json
}
