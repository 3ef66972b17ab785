variable "imds_http_tokens" {
  type    = string
  default = "required" # near-miss: managed-identity-setting
}

variable "hop_limit" {
  type    = number
  default = 2
}

resource "aws_db_instance" "pricing" {
  identifier                          = "pricing-db"
  engine                              = "mysql"
  engine_version                      = "8.0.36"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  username                            = "pricing"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  skip_final_snapshot                 = true
}

resource "aws_launch_template" "pricing_worker" {
  name_prefix   = "pricing-worker-"
  image_id      = "ami-0c7217cdde317cfec"
  instance_type = "c7g.xlarge"

  iam_instance_profile {
    name = "pricing-worker"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = var.imds_http_tokens
    http_put_response_hop_limit = var.hop_limit
    instance_metadata_tags      = "enabled"
  }
}

# Build agent without an instance profile; IMDS is disabled entirely.
resource "aws_instance" "isolated_builder" {
  ami           = "ami-0c7217cdde317cfec"
  instance_type = "t4g.medium"
  subnet_id     = "subnet-0a1b2c3d4e5f60718"

  metadata_options {
    http_endpoint = "disabled" # near-miss: managed-identity-setting
  }

  tags = {
    Name = "isolated-builder"
  }
}
