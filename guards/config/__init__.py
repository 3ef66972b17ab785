"""Configuration guards (IDG200..IDG299): AWS IAM policies and trust, Kubernetes RBAC,
GCP and Azure IAM bindings, managed-service identity settings and credentials, in JSON, YAML
(CloudFormation, manifests, Helm templates, kubeconfigs), Terraform and Bicep.

Guards here subclass `ConfigGuard` (see `support.guard`) and are
registered when their module is imported. Ranges: IDG200-219 AWS IAM and AWS service identity
settings, IDG220-239 Kubernetes RBAC and kubeconfig, IDG240-259 GCP and Azure, IDG260 IAM documents
in code (a Python guard), IDG261+ credentials in configuration.
"""
