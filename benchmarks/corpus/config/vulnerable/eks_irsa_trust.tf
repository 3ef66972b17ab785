data "aws_iam_openid_connect_provider" "cluster" {
  url = module.eks.cluster_oidc_issuer_url
}

resource "aws_iam_role" "external_dns" {
  name = "external-dns"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{  # expect: IDG212
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = data.aws_iam_openid_connect_provider.cluster.arn }
    }]
  })
}
