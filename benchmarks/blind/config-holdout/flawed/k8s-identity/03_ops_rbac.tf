provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "prod-eu"
}

resource "kubernetes_namespace" "ops" {
  metadata {
    name = "ops-tools"
  }
}

resource "kubernetes_service_account" "backup_agent" {
  metadata {
    name      = "backup-agent"
    namespace = kubernetes_namespace.ops.metadata[0].name
  }
  automount_service_account_token = true
}

resource "kubernetes_role" "ops_tools" {
  metadata {
    name      = "ops-tools"
    namespace = kubernetes_namespace.ops.metadata[0].name
  }

  rule {
    api_groups = ["*"]
    resources  = ["*"] # flaw: k8s-identity
    verbs      = ["*"] # flaw: k8s-identity
  }
}

resource "kubernetes_cluster_role" "backup_agent" {
  metadata {
    name = "backup-agent"
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"] # flaw: k8s-identity
    verbs      = ["get", "list", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["persistentvolumeclaims", "persistentvolumes"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_cluster_role_binding" "backup_agent" {
  metadata {
    name = "backup-agent"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.backup_agent.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.backup_agent.metadata[0].name
    namespace = kubernetes_namespace.ops.metadata[0].name
  }
}
