locals {
  execution_role_arn = aws_iam_role.lambda_exec.arn
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "ManageOwnFunctions"
    actions   = ["lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:GetFunction"]
    resources = ["arn:aws:lambda:eu-west-1:111122223333:function:orders-*"]
  }

  statement {
    sid       = "PassOnlyTheExecutionRole"
    actions   = ["iam:PassRole"] # ok: IDG203
    resources = [local.execution_role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "lambda-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
