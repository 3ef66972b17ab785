variable "namespace" {
  type    = string
  default = "reporting"
}

resource "kubernetes_role" "report_reader" {
  metadata {
    name      = "report-reader"
    namespace = var.namespace
  }

  rule {
    api_groups = [""]
    resources  = ["configmaps", "pods"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role_binding" "report_reader" {
  metadata {
    name      = "report-reader"
    namespace = var.namespace
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.report_reader.metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = "default" # flaw: k8s-identity
    namespace = var.namespace
  }
}

resource "kubernetes_deployment" "report_ui" {
  metadata {
    name      = "report-ui"
    namespace = var.namespace
  }

  spec {
    replicas = 2
    selector {
      match_labels = { app = "report-ui" }
    }
    template {
      metadata {
        labels = { app = "report-ui" }
      }
      spec {
        container {
          name  = "ui"
          image = "registry.acme.example/reporting/report-ui:5.2.0"
          port {
            container_port = 3000
          }
        }
      }
    }
  }
}
