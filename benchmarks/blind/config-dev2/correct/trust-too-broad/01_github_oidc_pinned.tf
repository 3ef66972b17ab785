variable "github_org" {
  type    = string
  default = "acme-corp"
}

variable "deploy_repos" {
  description = "repo => branch allowed to deploy"
  type        = map(string)
  default = {
    "storefront" = "main"
    "checkout"   = "main"
    "infra-live" = "release"
  }
}

data "aws_iam_openid_connect_provider" "github" {
  url = "https://token.actions.githubusercontent.com"
}

data "aws_iam_policy_document" "github_trust" {
  for_each = var.deploy_repos

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"] # near-miss: trust-too-broad

    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_org}/${each.key}:ref:refs/heads/${each.value}"] # near-miss: trust-too-broad
    }
  }
}

resource "aws_iam_role" "deploy" {
  for_each             = var.deploy_repos
  name                 = "gha-deploy-${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.github_trust[each.key].json
  max_session_duration = 3600
}
