data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  triggers = {
    s3 = {
      principal  = "s3.amazonaws.com"
      source_arn = "arn:aws:s3:::acme-ingest-landing"
    }
    events = {
      principal  = "events.amazonaws.com"
      source_arn = "arn:aws:events:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:rule/ingest-hourly"
    }
  }
}

resource "aws_lambda_function" "ingest" {
  function_name = "ingest-normaliser"
  role          = "arn:aws:iam::${local.account_id}:role/ingest-normaliser"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "${path.module}/dist/ingest.zip"
}

resource "aws_lambda_permission" "triggers" { # near-miss: resource-policy-public
  for_each       = local.triggers
  statement_id   = "Allow-${each.key}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.ingest.function_name
  principal      = each.value.principal
  source_arn     = each.value.source_arn
  source_account = local.account_id
}

resource "aws_lambda_permission" "alb" {
  statement_id  = "AllowInternalALB"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.ingest.function_name
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.ingest.arn
}

resource "aws_lb_target_group" "ingest" {
  name        = "ingest-normaliser"
  target_type = "lambda"
}
