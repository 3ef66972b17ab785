resource "kubernetes_service_account_v1" "argo" {
  metadata {
    name      = "argocd-application-controller"
    namespace = "argocd"
  }
  automount_service_account_token = false
}

resource "kubernetes_role_binding_v1" "argo" {
  metadata {
    name      = "argo-deployer"
    namespace = "orders"
  }
  role_ref { # ok: IDG221
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "argocd-application-controller"
    namespace = "argocd"
  }
}

resource "kubernetes_cluster_role" "reader" {
  metadata {
    name = "namespace-reader"
  }
  rule {
    api_groups = [""]
    resources  = ["namespaces", "nodes"]
    verbs      = ["get", "list", "watch"] # ok: IDG220
  }
}
