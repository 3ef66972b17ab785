"""What the configuration guards are built on: one parse, then shared views of the file.

- `parse`: JSON, YAML and Terraform parsers that keep lines (`LDict`, `LList`, `LStr`); `bicep`:
  Bicep in the shape of the ARM template it compiles to
- `azure`: ARM/Bicep resources by type
- `guard`: `ConfigGuard`, `ConfigContext` and the pass that runs the config guards of one file
- `terraform`: nested blocks, resources by type, `*.tf.json` in HCL's shape
- `iam`: AWS IAM policy documents and statements from every format
- `kubernetes`: Kubernetes objects (manifests and `kubernetes_*` resources) and RBAC helpers
- `gcp`: GCP IAM bindings
- `cloudformation`: template resources by type, and how each format writes true and false
- `principals`: IAM principals with every statement they hold, and the escalation-path catalogue
  (`escalation_paths.toml`)
"""
