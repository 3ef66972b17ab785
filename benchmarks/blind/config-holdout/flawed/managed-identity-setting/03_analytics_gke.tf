provider "google" {
  project = "acme-analytics-prod"
  region  = "europe-west4"
}

resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  value = "FALSE" # flaw: managed-identity-setting
}

resource "google_service_account" "gke_nodes" {
  account_id   = "gke-analytics-nodes"
  display_name = "GKE analytics node pool"
}

resource "google_container_cluster" "analytics" {
  name     = "analytics"
  location = "europe-west4"

  remove_default_node_pool = true
  initial_node_count       = 1
  networking_mode          = "VPC_NATIVE"

  enable_legacy_abac = true # flaw: managed-identity-setting

  master_auth {
    client_certificate_config {
      issue_client_certificate = true # flaw: managed-identity-setting
    }
  }

  workload_identity_config {
    workload_pool = "acme-analytics-prod.svc.id.goog"
  }

  ip_allocation_policy {}
}

resource "google_container_node_pool" "default" {
  name       = "default"
  cluster    = google_container_cluster.analytics.name
  location   = "europe-west4"
  node_count = 3

  node_config {
    machine_type    = "e2-standard-8"
    service_account = google_service_account.gke_nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
