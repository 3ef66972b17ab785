locals {
  namespace = "media"
  workers = {
    transcoder = { image = "registry.acme.example/media/transcoder:3.0.1", replicas = 4 }
    thumbnails = { image = "registry.acme.example/media/thumbnails:1.9.0", replicas = 2 }
  }
}

resource "kubernetes_service_account" "worker" {
  for_each = local.workers
  metadata {
    name      = "media-${each.key}"
    namespace = local.namespace
  }
  automount_service_account_token = false
}

resource "kubernetes_deployment" "worker" {
  for_each = local.workers
  metadata {
    name      = "media-${each.key}"
    namespace = local.namespace
  }

  spec {
    replicas = each.value.replicas
    selector {
      match_labels = { app = "media-${each.key}" }
    }
    template {
      metadata {
        labels = { app = "media-${each.key}" }
      }
      spec {
        service_account_name            = kubernetes_service_account.worker[each.key].metadata[0].name
        automount_service_account_token = false
        container {
          name  = each.key
          image = each.value.image
        }
      }
    }
  }
}

resource "kubernetes_role" "queue_lease" {
  metadata {
    name      = "media-queue-lease"
    namespace = local.namespace
  }
  rule {
    api_groups = ["coordination.k8s.io"]
    resources  = ["leases"]
    verbs      = ["get", "list", "watch", "create", "update"] # near-miss: k8s-identity
  }
}
