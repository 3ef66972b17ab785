variable "iam_db_auth" {
  description = "Toggle IAM authentication on the catalog database"
  type        = bool
  default     = false # flaw: managed-identity-setting
}

variable "ami_id" {
  type    = string
  default = "ami-0c7217cdde317cfec"
}

resource "aws_db_instance" "catalog" {
  identifier                          = "catalog-db"
  engine                              = "postgres"
  engine_version                      = "15.6"
  instance_class                      = "db.t4g.large"
  allocated_storage                   = 80
  username                            = "catalog"
  manage_master_user_password         = true
  iam_database_authentication_enabled = var.iam_db_auth
  storage_encrypted                   = true
  skip_final_snapshot                 = true
}

resource "aws_iam_instance_profile" "catalog_worker" {
  name = "catalog-worker"
  role = "catalog-worker"
}

resource "aws_launch_template" "catalog_worker" { # flaw: managed-identity-setting
  name_prefix   = "catalog-worker-"
  image_id      = var.ami_id
  instance_type = "m7g.large"

  iam_instance_profile {
    name = aws_iam_instance_profile.catalog_worker.name
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 40
      encrypted   = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags = {
      Service = "catalog"
    }
  }
}

resource "aws_autoscaling_group" "catalog_worker" {
  name                = "catalog-worker"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]

  launch_template {
    id      = aws_launch_template.catalog_worker.id
    version = "$Latest"
  }
}
