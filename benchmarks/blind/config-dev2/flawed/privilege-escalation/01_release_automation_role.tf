data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  function_prefix = "release-"
}

resource "aws_iam_role" "release_bot" {
  name = "release-automation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Allows CodeBuild to hand execution roles to the functions it deploys.
data "aws_iam_policy_document" "pass_roles" {
  statement {
    sid = "PassExecutionRoles"
    actions = [
      "iam:PassRole", # flaw: privilege-escalation
      "iam:GetRole",
    ]
    resources = ["arn:aws:iam::${local.account_id}:role/*"]
  }
}

data "aws_iam_policy_document" "lambda_deploy" {
  statement {
    sid = "ManageReleaseFunctions"
    actions = [
      "lambda:CreateFunction", # flaw: privilege-escalation
      "lambda:UpdateFunctionCode",
      "lambda:UpdateFunctionConfiguration",
      "lambda:GetFunction",
    ]
    resources = ["arn:aws:lambda:*:${local.account_id}:function:${local.function_prefix}*"]
  }

  statement {
    sid       = "SmokeTest"
    actions   = ["lambda:InvokeFunction"] # flaw: privilege-escalation
    resources = ["arn:aws:lambda:*:${local.account_id}:function:${local.function_prefix}*"]
  }
}

resource "aws_iam_policy" "pass_roles" {
  name   = "release-automation-passrole"
  policy = data.aws_iam_policy_document.pass_roles.json
}

resource "aws_iam_role_policy" "lambda_deploy" {
  name   = "lambda-deploy"
  role   = aws_iam_role.release_bot.id
  policy = data.aws_iam_policy_document.lambda_deploy.json
}

resource "aws_iam_role_policy_attachment" "pass_roles" {
  role       = aws_iam_role.release_bot.name
  policy_arn = aws_iam_policy.pass_roles.arn
}
