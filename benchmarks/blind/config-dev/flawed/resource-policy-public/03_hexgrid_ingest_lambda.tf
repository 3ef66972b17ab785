# Hexgrid telemetry ingest: CSV drops land in S3 and trigger the parser.

resource "aws_ecr_repository" "parser" {
  name                 = "hexgrid/telemetry-parser"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "parser" { # flaw: resource-policy-public
  repository = aws_ecr_repository.parser.name
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PullFromAnywhere",
      "Effect": "Allow",
      "Principal": "*",
      "Action": [
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
        "ecr:BatchCheckLayerAvailability"
      ]
    }
  ]
}
EOF
}

resource "aws_lambda_function" "parser" {
  function_name = "hexgrid-telemetry-parser"
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.parser.repository_url}:1.14.2"
  role          = aws_iam_role.parser.arn
  timeout       = 90
  memory_size   = 1024
}

resource "aws_iam_role" "parser" {
  name = "hexgrid-telemetry-parser"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_permission" "from_drop_bucket" { # flaw: resource-policy-public
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.parser.function_name
  principal     = "s3.amazonaws.com"
}

resource "aws_s3_bucket_notification" "drops" {
  bucket = "hexgrid-telemetry-drops"

  lambda_function {
    lambda_function_arn = aws_lambda_function.parser.arn
    events              = ["s3:ObjectCreated:*"]
    filter_suffix       = ".csv"
  }

  depends_on = [aws_lambda_permission.from_drop_bucket]
}
