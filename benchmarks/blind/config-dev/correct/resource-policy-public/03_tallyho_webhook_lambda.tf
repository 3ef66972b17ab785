data "aws_caller_identity" "current" {}

resource "aws_lambda_function" "webhook" {
  function_name = "tallyho-webhook-relay"
  filename      = "build/webhook-relay.zip"
  handler       = "relay.handler"
  runtime       = "python3.12"
  role          = aws_iam_role.webhook.arn
}

resource "aws_iam_role" "webhook" {
  name = "tallyho-webhook-relay"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowRelayApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.webhook.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:eu-west-1:${data.aws_caller_identity.current.account_id}:k7tq2w9zne/*/POST/hooks"
}

resource "aws_lambda_permission" "archive_bucket" {
  statement_id   = "AllowArchiveBucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.webhook.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::tallyho-webhook-archive"
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_kms_key" "relay" {
  description         = "Tallyho relay payload key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "KeyAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*" # near-miss: resource-policy-public
        Resource  = "*"
      },
      {
        Sid       = "RelayUse"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.webhook.arn }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      }
    ]
  })
}
