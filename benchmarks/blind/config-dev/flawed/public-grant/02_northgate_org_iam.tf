# Northgate platform org bootstrap: folders and baseline grants.

variable "org_id" {
  type    = string
  default = "482917305516"
}

resource "google_folder" "workloads" {
  display_name = "workloads"
  parent       = "organizations/${var.org_id}"
}

resource "google_folder" "sandbox" {
  display_name = "sandbox"
  parent       = "organizations/${var.org_id}"
}

resource "google_folder_iam_member" "deployer_token_creator" {
  folder = google_folder.workloads.name
  role   = "roles/iam.serviceAccountTokenCreator" # flaw: public-grant
  member = "group:release-engineering@northgate.example"
}

resource "google_folder_iam_member" "sandbox_viewers" {
  folder = google_folder.sandbox.name
  role   = "roles/resourcemanager.folderViewer"
  member = "group:engineering@northgate.example"
}

resource "google_organization_iam_binding" "platform_editors" {
  org_id = var.org_id
  role   = "roles/editor" # flaw: public-grant
  members = [
    "group:platform-team@northgate.example",
  ]
}

resource "google_organization_iam_member" "security_reviewer" {
  org_id = var.org_id
  role   = "roles/iam.securityReviewer"
  member = "group:security@northgate.example"
}
