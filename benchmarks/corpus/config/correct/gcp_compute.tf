resource "google_service_account" "worker" {
  account_id = "batch-worker"
}

resource "google_compute_instance" "worker" {
  name         = "worker"
  machine_type = "e2-medium"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  service_account { # ok: IDG243
    email  = google_service_account.worker.email
    scopes = ["cloud-platform"]
  }
}

resource "google_container_node_pool" "primary" {
  name    = "primary"
  cluster = google_container_cluster.main.id

  node_config {
    machine_type    = "e2-standard-4"
    service_account = google_service_account.worker.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
