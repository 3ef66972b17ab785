data "aws_iam_policy_document" "node_autoscaler" {
  statement {
    sid       = "LaunchNodes"
    actions   = ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:CreateTags"]
    resources = ["*"]
  }

  statement {
    sid       = "PassOnlyTheNodeRole"
    actions   = ["iam:PassRole"] # ok: IDG203
    resources = [aws_iam_role.node.arn]
  }

  statement {
    sid       = "TerminateOwnNodes"
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "ec2:ResourceTag/autoscaler.example.com/cluster"
      values   = ["prod-eu"]
    }
  }

  statement {
    sid       = "ReadNodeParameters"
    actions   = ["ssm:GetParameter"] # ok: IDG209
    resources = ["arn:aws:ssm:eu-west-1::parameter/aws/service/eks/optimized-ami/*"]
  }
}
