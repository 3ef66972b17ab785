# modules/data-platform: GKE cluster, public dashboards and shared datasets.
variable "project_id" {
  type = string
}

variable "org_id" {
  type    = string
  default = "482910375561"
}

variable "region" {
  type    = string
  default = "europe-west1"
}

variable "dashboard_viewers" {
  type    = list(string)
  default = ["group:analysts@acme.example", "allAuthenticatedUsers"] # flaw: public-grant
}

locals {
  cluster_name = "data-${var.region}"
  node_sa      = "data-nodes@${var.project_id}.iam.gserviceaccount.com"
  datasets = {
    raw     = "Raw landing data"
    curated = "Curated models"
  }
}

resource "google_compute_project_metadata" "default" {
  project = var.project_id
  metadata = {
    enable-oslogin = "FALSE" # flaw: managed-identity-setting
    serial-port-enable = "FALSE"
  }
}

resource "google_container_cluster" "data" {
  name     = local.cluster_name
  project  = var.project_id
  location = var.region

  remove_default_node_pool = true
  initial_node_count       = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.32/28"
  }
}

resource "google_container_node_pool" "spark" {
  name     = "spark"
  project  = var.project_id
  cluster  = google_container_cluster.data.name
  location = var.region

  autoscaling {
    min_node_count = 1
    max_node_count = 10
  }

  node_config {
    machine_type    = "n2-highmem-8"
    service_account = local.node_sa
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_bigquery_dataset" "this" {
  for_each      = local.datasets
  project       = var.project_id
  dataset_id    = each.key
  friendly_name = each.value
  location      = "EU"
}

resource "google_bigquery_dataset_iam_member" "curated_readers" {
  for_each   = toset(var.dashboard_viewers)
  project    = var.project_id
  dataset_id = google_bigquery_dataset.this["curated"].dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value
}

resource "google_cloud_run_v2_service" "dashboards" {
  name     = "dashboards"
  project  = var.project_id
  location = var.region

  template {
    service_account = "dashboards@${var.project_id}.iam.gserviceaccount.com"
    containers {
      image = "europe-docker.pkg.dev/${var.project_id}/apps/dashboards:2.3.1"
    }
  }
}

resource "google_cloud_run_v2_service_iam_binding" "dashboards_invokers" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.dashboards.name
  role     = "roles/run.invoker"
  members  = ["allUsers"] # flaw: public-grant
}

resource "google_organization_iam_member" "data_eng_sa_user" {
  org_id = var.org_id
  role   = "roles/iam.serviceAccountUser" # flaw: public-grant
  member = "group:data-engineering@acme.example"
}

resource "google_project_iam_member" "node_logging" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${local.node_sa}"
}

resource "google_project_iam_member" "node_metrics" {
  project = var.project_id
  role    = "roles/monitoring.metricWriter"
  member  = "serviceAccount:${local.node_sa}"
}
