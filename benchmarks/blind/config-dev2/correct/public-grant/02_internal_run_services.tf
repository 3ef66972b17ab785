variable "project_id" {
  type    = string
  default = "acme-internal-tools"
}

variable "services" {
  type = map(object({
    image    = string
    invokers = list(string)
  }))
  default = {
    "pricing-api" = {
      image    = "europe-docker.pkg.dev/acme-internal-tools/apps/pricing-api:3.1.0"
      invokers = ["serviceAccount:checkout@acme-shop-prod.iam.gserviceaccount.com"]
    }
    "report-builder" = {
      image    = "europe-docker.pkg.dev/acme-internal-tools/apps/report-builder:0.9.4"
      invokers = ["group:bi-team@acme.example", "serviceAccount:scheduler@acme-internal-tools.iam.gserviceaccount.com"]
    }
  }
}

locals {
  invoker_grants = merge([
    for svc, cfg in var.services : {
      for m in cfg.invokers : "${svc}|${m}" => { service = svc, member = m }
    }
  ]...)
}

resource "google_cloud_run_v2_service" "svc" {
  for_each = var.services
  name     = each.key
  project  = var.project_id
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_ONLY"

  template {
    containers {
      image = each.value.image
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "invoker" { # near-miss: public-grant
  for_each = local.invoker_grants
  project  = var.project_id
  location = "europe-west1"
  name     = google_cloud_run_v2_service.svc[each.value.service].name
  role     = "roles/run.invoker"
  member   = each.value.member
}
