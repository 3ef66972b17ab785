# Saltmarsh render farm: coordinator DB, a bastion-style controller and the
# autoscaled render nodes.

resource "aws_iam_instance_profile" "render" {
  name = "saltmarsh-render-node"
  role = "saltmarsh-render-node"
}

resource "aws_db_instance" "jobs" {
  identifier                          = "saltmarsh-render-jobs"
  engine                              = "mysql"
  engine_version                      = "8.0.36"
  instance_class                      = "db.m7g.large"
  allocated_storage                   = 80
  username                            = "render_admin"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = false # flaw: managed-identity-setting
}

resource "aws_instance" "controller" {
  ami                  = "ami-0c7d2e91f4a6b3580"
  instance_type        = "t3.medium"
  subnet_id            = "subnet-04e1b7c9a2d3f6051"
  iam_instance_profile = aws_iam_instance_profile.render.name

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional" # flaw: managed-identity-setting
    http_put_response_hop_limit = 2
  }

  root_block_device {
    encrypted   = true
    volume_size = 40
  }

  tags = {
    Name = "saltmarsh-render-controller"
  }
}

resource "aws_launch_template" "nodes" { # flaw: managed-identity-setting
  name_prefix   = "saltmarsh-render-"
  image_id      = "ami-0c7d2e91f4a6b3580"
  instance_type = "g5.xlarge"

  iam_instance_profile {
    name = aws_iam_instance_profile.render.name
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 200
      encrypted   = true
    }
  }
}

resource "aws_autoscaling_group" "nodes" {
  name                = "saltmarsh-render-nodes"
  min_size            = 0
  max_size            = 40
  vpc_zone_identifier = ["subnet-04e1b7c9a2d3f6051", "subnet-09a3c6e2d1b7f4802"]

  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}
