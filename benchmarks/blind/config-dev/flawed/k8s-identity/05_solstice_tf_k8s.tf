# Solstice scheduling service, managed with the kubernetes provider.

resource "kubernetes_namespace" "solstice" {
  metadata {
    name = "solstice"
  }
}

resource "kubernetes_service_account" "calendar_ui" {
  metadata {
    name      = "calendar-ui"
    namespace = kubernetes_namespace.solstice.metadata[0].name
  }
  automount_service_account_token = true # flaw: k8s-identity
}

resource "kubernetes_cluster_role" "config_auditor" {
  metadata {
    name = "solstice-config-auditor"
  }

  rule {
    api_groups = [""]
    resources  = ["configmaps", "secrets"] # flaw: k8s-identity
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_cluster_role_binding" "config_auditor" {
  metadata {
    name = "solstice-config-auditor"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.config_auditor.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "config-auditor"
    namespace = kubernetes_namespace.solstice.metadata[0].name
  }
}

resource "kubernetes_deployment" "calendar_ui" {
  metadata {
    name      = "calendar-ui"
    namespace = kubernetes_namespace.solstice.metadata[0].name
  }
  spec {
    replicas = 2
    selector {
      match_labels = { app = "calendar-ui" }
    }
    template {
      metadata {
        labels = { app = "calendar-ui" }
      }
      spec {
        service_account_name = kubernetes_service_account.calendar_ui.metadata[0].name
        container {
          name  = "ui"
          image = "registry.solstice.app/calendar-ui:1.22.0"
          port {
            container_port = 3000
          }
        }
      }
    }
  }
}
