variable "project_id" {
  type    = string
  default = "acme-platform-prod"
}

variable "enable_abac" {
  description = "Legacy ABAC must stay off; kept as an input for the module contract"
  type        = bool
  default     = false
}

resource "google_container_cluster" "platform" {
  name                     = "platform-prod"
  project                  = var.project_id
  location                 = "us-central1"
  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = var.enable_abac # near-miss: managed-identity-setting

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  master_auth {
    client_certificate_config {
      issue_client_certificate = false # near-miss: managed-identity-setting
    }
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = var.project_id
  key     = "enable-oslogin"
  value   = "TRUE" # near-miss: managed-identity-setting
}

resource "google_compute_instance" "build_cache" {
  name         = "build-cache-01"
  project      = var.project_id
  machine_type = "n2-standard-4"
  zone         = "us-central1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "platform-private"
  }

  metadata = {
    enable-oslogin         = "TRUE" # near-miss: managed-identity-setting
    block-project-ssh-keys = "true"
  }

  service_account {
    email  = "build-cache@acme-platform-prod.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot = true
  }
}
