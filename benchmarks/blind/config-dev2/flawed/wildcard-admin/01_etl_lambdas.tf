locals {
  jobs = {
    "ingest-orders"    = { memory = 1024, timeout = 300 }
    "ingest-inventory" = { memory = 512, timeout = 120 }
    "compact-parquet"  = { memory = 3008, timeout = 900 }
  }

  job_managed_policies = [
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AdministratorAccess", # flaw: wildcard-admin
  ]

  role_policy_pairs = {
    for pair in setproduct(keys(local.jobs), local.job_managed_policies) :
    "${pair[0]}|${basename(pair[1])}" => { job = pair[0], policy = pair[1] }
  }
}

resource "aws_iam_role" "job" {
  for_each = local.jobs
  name     = "etl-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "job" {
  for_each   = local.role_policy_pairs
  role       = aws_iam_role.job[each.value.job].name
  policy_arn = each.value.policy
}

resource "aws_lambda_function" "job" {
  for_each      = local.jobs
  function_name = "etl-${each.key}"
  role          = aws_iam_role.job[each.key].arn
  runtime       = "python3.12"
  handler       = "main.handler"
  memory_size   = each.value.memory
  timeout       = each.value.timeout
  filename      = "${path.module}/build/${each.key}.zip"
}
