resource "kubernetes_service_account" "ingest" {
  metadata {
    name      = "larkspur-ingest"
    namespace = "larkspur"
  }
  automount_service_account_token = false
}

resource "kubernetes_service_account" "lease_keeper" {
  metadata {
    name      = "larkspur-lease-keeper"
    namespace = "larkspur"
  }
  automount_service_account_token = true # near-miss: k8s-identity
}

resource "kubernetes_role" "lease_keeper" {
  metadata {
    name      = "larkspur-lease-keeper"
    namespace = "larkspur"
  }

  rule {
    api_groups = ["coordination.k8s.io"]
    resources  = ["leases"]
    verbs      = ["get", "create", "update"]
  }

  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["larkspur-lease-signing"]
    verbs          = ["get"]
  }
}

resource "kubernetes_role_binding" "lease_keeper" {
  metadata {
    name      = "larkspur-lease-keeper"
    namespace = "larkspur"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.lease_keeper.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.lease_keeper.metadata[0].name
    namespace = "larkspur"
  }
}
