provider "google" {
  project = "kestrel-geo-prod"
  region  = "europe-west4"
}

resource "google_service_account" "nodes" {
  account_id   = "kestrel-gke-nodes"
  display_name = "Kestrel GKE node pool"
}

resource "google_container_cluster" "tiles" {
  name     = "kestrel-tiles"
  location = "europe-west4"

  remove_default_node_pool = true
  initial_node_count       = 1

  enable_legacy_abac = true # flaw: managed-identity-setting

  master_auth {
    client_certificate_config {
      issue_client_certificate = true # flaw: managed-identity-setting
    }
  }

  workload_identity_config {
    workload_pool = "kestrel-geo-prod.svc.id.goog"
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "tiles" {
  name     = "tiles-pool"
  cluster  = google_container_cluster.tiles.id
  location = "europe-west4"

  autoscaling {
    min_node_count = 1
    max_node_count = 12
  }

  node_config {
    machine_type    = "e2-standard-8"
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_compute_instance" "tile_seeder" {
  name         = "kestrel-tile-seeder"
  machine_type = "e2-standard-4"
  zone         = "europe-west4-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  metadata = {
    enable-oslogin = "FALSE" # flaw: managed-identity-setting
    startup-script = "systemctl start tile-seeder"
  }

  service_account {
    email  = google_service_account.nodes.email
    scopes = ["cloud-platform"]
  }
}
