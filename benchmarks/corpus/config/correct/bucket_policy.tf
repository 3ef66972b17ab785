resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowLoadBalancerLogDelivery",
      "Effect": "Allow",
      "Principal": {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"},
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-alb-logs/AWSLogs/111122223333/*"
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-alb-logs", "arn:aws:s3:::acme-alb-logs/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}
POLICY
}
