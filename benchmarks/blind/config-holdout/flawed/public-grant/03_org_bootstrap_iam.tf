variable "org_id" {
  type    = string
  default = "482910375561"
}

variable "platform_folder" {
  type    = string
  default = "folders/730019284455"
}

variable "project_number" {
  type    = string
  default = "918273645501"
}

# Terraform automation identity used by the platform pipeline.
resource "google_organization_iam_member" "tf_impersonation" {
  org_id = var.org_id
  role   = "roles/iam.serviceAccountTokenCreator" # flaw: public-grant
  member = "group:platform-engineers@acme.example"
}

resource "google_folder_iam_binding" "platform_editors" {
  folder = var.platform_folder
  role   = "roles/editor" # flaw: public-grant
  members = [
    "group:platform-engineers@acme.example",
  ]
}

resource "google_folder_iam_member" "platform_viewers" {
  folder = var.platform_folder
  role   = "roles/browser"
  member = "group:engineering@acme.example"
}

resource "google_project_iam_member" "batch_storage" {
  project = "acme-batch-prod"
  role    = "roles/storage.objectAdmin"
  member  = "serviceAccount:${var.project_number}-compute@developer.gserviceaccount.com" # flaw: public-grant
}

resource "google_project_iam_member" "batch_logging" {
  project = "acme-batch-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:batch-runner@acme-batch-prod.iam.gserviceaccount.com"
}
