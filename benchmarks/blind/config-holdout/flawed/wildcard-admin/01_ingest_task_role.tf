module "ingest_service" {
  source = "./modules/ecs-service"

  name            = "event-ingest"
  cluster_arn     = "arn:aws:ecs:us-west-2:123456789012:cluster/prod"
  image           = "123456789012.dkr.ecr.us-west-2.amazonaws.com/event-ingest:7.3.0"
  cpu             = 1024
  memory          = 2048
  desired_count   = 4
  task_role_arn   = aws_iam_role.ingest_task.arn
  container_port  = 8443
}

resource "aws_iam_role" "ingest_task" {
  name = "event-ingest-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

locals {
  ingest_managed_policies = {
    xray  = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
    admin = "arn:aws:iam::aws:policy/AdministratorAccess" # flaw: wildcard-admin
  }
}

resource "aws_iam_role_policy_attachment" "ingest_task" {
  for_each   = local.ingest_managed_policies
  role       = aws_iam_role.ingest_task.name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "ingest_streams" {
  name = "kinesis-write"
  role = aws_iam_role.ingest_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
      Resource = "arn:aws:kinesis:us-west-2:123456789012:stream/events-*"
    }]
  })
}
