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

  service_account { # expect: IDG243
    scopes = ["cloud-platform"]
  }
}

resource "google_container_node_pool" "primary" {
  name    = "primary"
  cluster = google_container_cluster.main.id

  node_config { # expect: IDG243
    machine_type = "e2-standard-4"
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
