provider "google" {
  project = "acme-analytics-prod"
  region  = "europe-west4"
}

locals {
  cluster_name = "analytics-prod"
  node_pools = {
    general = { machine_type = "e2-standard-8", min = 1, max = 6 }
    highmem = { machine_type = "n2-highmem-16", min = 0, max = 4 }
  }
}

resource "google_container_cluster" "analytics" {
  name                     = local.cluster_name
  location                 = "europe-west4"
  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = true # flaw: managed-identity-setting

  workload_identity_config {
    workload_pool = "acme-analytics-prod.svc.id.goog"
  }

  master_auth {
    client_certificate_config {
      issue_client_certificate = true # flaw: managed-identity-setting
    }
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.16/28"
  }
}

resource "google_container_node_pool" "pools" {
  for_each = local.node_pools
  name     = each.key
  cluster  = google_container_cluster.analytics.id

  autoscaling {
    min_node_count = each.value.min
    max_node_count = each.value.max
  }

  node_config {
    machine_type    = each.value.machine_type
    service_account = "gke-nodes@acme-analytics-prod.iam.gserviceaccount.com"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_compute_instance" "airflow_bastion" {
  name         = "airflow-bastion"
  machine_type = "e2-small"
  zone         = "europe-west4-a"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "analytics-private"
  }

  metadata = {
    enable-oslogin = "FALSE" # flaw: managed-identity-setting
  }
}
