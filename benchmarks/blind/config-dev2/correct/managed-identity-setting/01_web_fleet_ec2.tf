locals {
  imds = {
    endpoint  = "enabled"
    tokens    = "required"
    hop_limit = 1
  }
  fleets = {
    web = { instance_type = "m7g.large", desired = 4 }
    api = { instance_type = "c7g.xlarge", desired = 3 }
  }
}

variable "legacy_metadata_clients" {
  description = "Set true only while migrating agents; reviewed quarterly"
  type        = bool
  default     = false
}

resource "aws_iam_instance_profile" "fleet" {
  for_each = local.fleets
  name     = "${each.key}-fleet"
  role     = "${each.key}-fleet-role"
}

resource "aws_launch_template" "fleet" {
  for_each      = local.fleets
  name_prefix   = "${each.key}-fleet-"
  image_id      = "ami-0a8e758f5e873d1c1"
  instance_type = each.value.instance_type

  iam_instance_profile {
    name = aws_iam_instance_profile.fleet[each.key].name
  }

  metadata_options {
    http_endpoint               = local.imds.endpoint
    http_tokens                 = var.legacy_metadata_clients ? "optional" : local.imds.tokens # near-miss: managed-identity-setting
    http_put_response_hop_limit = local.imds.hop_limit
    instance_metadata_tags      = "disabled" # near-miss: managed-identity-setting
  }
}

resource "aws_autoscaling_group" "fleet" {
  for_each            = local.fleets
  name                = "${each.key}-fleet"
  desired_capacity    = each.value.desired
  min_size            = 1
  max_size            = each.value.desired * 2
  vpc_zone_identifier = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]

  launch_template {
    id      = aws_launch_template.fleet[each.key].id
    version = "$Latest"
  }
}
