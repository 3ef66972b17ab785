variable "upload_buckets" {
  type = map(string)
  default = {
    avatars  = "acme-user-avatars"
    listings = "acme-listing-photos"
  }
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "thumbnailer" {
  name = "thumbnailer-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_function" "thumbnailer" {
  function_name = "image-thumbnailer"
  role          = aws_iam_role.thumbnailer.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "${path.module}/build/thumbnailer.zip"
  memory_size   = 1024
  timeout       = 60
}

resource "aws_lambda_permission" "s3_invoke" { # flaw: resource-policy-public
  for_each      = var.upload_buckets
  statement_id  = "AllowS3-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnailer.function_name
  principal     = "s3.amazonaws.com"
}

resource "aws_lambda_permission" "scheduled_cleanup" {
  statement_id  = "AllowNightlyCleanup"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnailer.function_name
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:${data.aws_caller_identity.current.account_id}:rule/thumbnail-cleanup"
}

resource "aws_s3_bucket_notification" "uploads" {
  for_each = var.upload_buckets
  bucket   = each.value

  lambda_function {
    lambda_function_arn = aws_lambda_function.thumbnailer.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "incoming/"
  }

  depends_on = [aws_lambda_permission.s3_invoke]
}
