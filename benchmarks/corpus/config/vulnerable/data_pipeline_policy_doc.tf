data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "Everything"
    effect    = "Allow"
    actions   = ["s3:*", "kinesis:*"] # expect: IDG200
    resources = ["*"]
  }

  statement {
    sid         = "NotIam"
    not_actions = ["iam:*"] # expect: IDG202
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "pipeline" {
  name   = "pipeline"
  policy = data.aws_iam_policy_document.pipeline.json
}
