variable "imds_mode" {
  description = "IMDS token mode for batch workers"
  type        = string
  default     = "optional" # flaw: managed-identity-setting
}

variable "worker_count" {
  type    = number
  default = 2
}

resource "aws_iam_role" "batch_worker" {
  name = "batch-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_instance_profile" "batch_worker" {
  name = "batch-worker"
  role = aws_iam_role.batch_worker.name
}

resource "aws_launch_template" "batch_worker" {
  name_prefix   = "batch-worker-"
  image_id      = "ami-0c55b159cbfafe1f0"
  instance_type = "c6i.2xlarge"

  iam_instance_profile {
    arn = aws_iam_instance_profile.batch_worker.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = var.imds_mode
    http_put_response_hop_limit = 2
  }
}

resource "aws_instance" "batch_coordinator" { # flaw: managed-identity-setting
  count                = var.worker_count > 0 ? 1 : 0
  ami                  = "ami-0c55b159cbfafe1f0"
  instance_type        = "m6i.large"
  iam_instance_profile = aws_iam_instance_profile.batch_worker.name
  subnet_id            = "subnet-0a1b2c3d4e5f60718"

  root_block_device {
    encrypted   = true
    volume_size = 50
  }

  tags = {
    Name = "batch-coordinator"
  }
}
