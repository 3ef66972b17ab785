resource "kubernetes_cluster_role_binding_v1" "argo" {
  metadata {
    name = "argo-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"  # expect: IDG221
  }
  subject {
    kind      = "ServiceAccount"
    name      = "argocd-application-controller"
    namespace = "argocd"
  }
}

resource "kubernetes_cluster_role" "reader" {
  metadata {
    name = "everything-reader"
  }
  rule {
    api_groups = [""]
    resources  = ["*"] # expect: IDG220
    verbs      = ["get", "list"]
  }
}
