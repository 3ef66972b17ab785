# Caraway media transcoding: ECS tasks and a Lambda that kicks them off.

locals {
  workloads = {
    transcoder = "ecs-tasks.amazonaws.com"
    dispatcher = "lambda.amazonaws.com"
  }
}

resource "aws_iam_role" "workload" {
  for_each = local.workloads
  name     = "caraway-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = each.value }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "transcoder_admin" {
  role       = aws_iam_role.workload["transcoder"].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # flaw: wildcard-admin
}

resource "aws_iam_role_policy_attachment" "dispatcher_basic" {
  role       = aws_iam_role.workload["dispatcher"].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "dispatcher_ecs" {
  name = "run-transcodes"
  role = aws_iam_role.workload["dispatcher"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecs:RunTask", "ecs:DescribeTasks"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::caraway-media-*/*"
      }
    ]
  })
}
