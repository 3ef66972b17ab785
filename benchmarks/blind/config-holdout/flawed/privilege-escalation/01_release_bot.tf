# Release bot that packages and smoke-tests Lambda functions.
data "aws_iam_policy_document" "release_bot_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "release_bot" {
  name               = "release-bot"
  assume_role_policy = data.aws_iam_policy_document.release_bot_trust.json
}

data "aws_iam_policy_document" "release_bot" {
  statement {
    sid = "DeployFunctions"
    actions = [
      "lambda:CreateFunction", # flaw: privilege-escalation
      "lambda:UpdateFunctionCode",
      "lambda:UpdateFunctionConfiguration",
      "lambda:InvokeFunction", # flaw: privilege-escalation
      "lambda:GetFunction",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "HandExecutionRole"
    actions   = ["iam:PassRole"] # flaw: privilege-escalation
    resources = ["arn:aws:iam::*:role/*"]
  }

  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::acme-release-artifacts/*"]
  }
}

resource "aws_iam_role_policy" "release_bot" {
  name   = "release-bot"
  role   = aws_iam_role.release_bot.id
  policy = data.aws_iam_policy_document.release_bot.json
}
