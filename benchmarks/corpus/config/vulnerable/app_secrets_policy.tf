data "aws_iam_policy_document" "orders_runtime" {
  statement {
    sid       = "ReadConfiguration"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"] # expect: IDG209
    resources = ["*"]
  }

  statement {
    sid       = "DecryptAnything"
    actions   = ["kms:Decrypt"] # expect: IDG209
    resources = ["*"]
  }
}

resource "aws_iam_policy" "orders_runtime" {
  name   = "orders-runtime"
  policy = data.aws_iam_policy_document.orders_runtime.json
}
