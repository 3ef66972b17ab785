data "aws_iam_policy_document" "orders_runtime" {
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"] # ok: IDG209
    resources = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/*"]
  }

  statement {
    sid       = "DecryptThroughSecretsManagerOnly"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.eu-west-1.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "orders_runtime" {
  name   = "orders-runtime"
  policy = data.aws_iam_policy_document.orders_runtime.json
}
