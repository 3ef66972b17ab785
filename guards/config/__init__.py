"""Configuration guards (IDG200..IDG299): AWS IAM policies and trust, Kubernetes RBAC,
GCP and Azure IAM bindings, in JSON, YAML (CloudFormation, manifests) and Terraform.

Guards here subclass `ConfigGuard` (see `support.guard`) and are
registered when their module is imported. Ranges: IDG200-219 AWS IAM,
IDG220-239 Kubernetes RBAC, IDG240-259 GCP and Azure, IDG260+ IAM documents in code.
"""
